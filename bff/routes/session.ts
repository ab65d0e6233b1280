import { Hono } from 'hono';
import { sql } from 'kysely';
import type { CatalogService, Me, Partner } from '../../domain/api.js';
import { CATALOG, MODES } from '../../domain/catalog.js';
import { EXCLUDES, MODE_RULES, REQUIRES, REQUIRES_ONE_OF } from '../../domain/rules.js';
import { can } from '../../domain/roles.js';
import type { AppDeps, AppEnv } from '../app-env.js';

/** Who the caller is, what can be booked, and the partners the caller may add tenants to. */
export function sessionRoutes({ db }: AppDeps) {
  return new Hono<AppEnv>()
    .get('/me', async (c) => {
      const p = c.get('principal');
      const org =
        p.level === 'partner'
          ? await db.selectFrom('partners').select('name').where('id', '=', p.org!).executeTakeFirst()
          : p.level === 'tenant'
            ? await db.selectFrom('tenants').select('name').where('id', '=', p.org!).executeTakeFirst()
            : undefined;
      const me: Me = { sub: p.sub, name: p.name, level: p.level, org: p.org ?? null, orgName: org?.name ?? null, roles: p.roles };
      return c.json(me);
    })

    .get('/catalog', async (c) => {
      const showPrices = can(c.get('principal'), 'prices.view');
      const prices = showPrices ? await db.selectFrom('catalog_prices').selectAll().execute() : [];
      const catalog: CatalogService[] = CATALOG.map((s) => ({
        ...s,
        ...(showPrices
          ? { prices: Object.fromEntries(prices.filter((p) => p.service_code === s.code).map((p) => [p.currency, p.monthly_price_minor])) }
          : {}),
      }));
      return c.json({ services: catalog, modes: MODES, rules: { requires: REQUIRES, requiresOneOf: REQUIRES_ONE_OF, excludes: EXCLUDES, modes: MODE_RULES } });
    })

    .get('/partners', async (c) => {
      const p = c.get('principal');
      let query = db.selectFrom('partners').select(['id', 'name']).orderBy('name');
      if (p.level === 'partner') query = query.where('id', '=', p.org!);
      if (p.level === 'tenant') query = query.where('id', '=', sql<string>`(select partner_id from tenants where id = ${p.org!})`);
      const partners: Partner[] = await query.execute();
      return c.json(partners);
    });
}
