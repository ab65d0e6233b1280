import { z } from 'zod';
import { sql } from 'kysely';
import type { CatalogService, Me, Partner } from '../../domain/api.js';
import { CATALOG, MODES } from '../../domain/catalog.js';
import { EXCLUDES, MODE_RULES, REQUIRES, REQUIRES_ONE_OF } from '../../domain/rules.js';
import { can } from '../../domain/roles.js';
import type { AppDeps } from '../app-env.js';
import { json, ok, openApiRoutes, operation, problemResponses } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';

/** Who the caller is, what can be booked, and the partners the caller may add tenants to. */
const TAG = 'Session';

export function sessionRoutes({ db }: AppDeps) {
  const me = operation({
    method: 'get', path: '/me', operationId: 'getMe', tag: TAG, summary: 'The caller as the BFF sees it',
    responses: { 200: ok('The caller', json(S.Me)), ...problemResponses([401, 429, 503]) },
  });
  const catalog = operation({
    method: 'get', path: '/catalog', operationId: 'getCatalog', tag: TAG, summary: 'Services, modes and dependency rules; prices for Sales/ALL',
    notes: 'Prices only where action `prices.view` is allowed.',
    responses: { 200: ok('The catalogue', json(S.Catalog)), ...problemResponses([401, 429, 503]) },
  });
  const partners = operation({
    method: 'get', path: '/partners', operationId: 'listPartners', tag: TAG, summary: 'The partners the caller may add tenants to',
    responses: { 200: ok('The partners', json(z.array(S.Partner))), ...problemResponses([401, 429, 503]) },
  });
  return openApiRoutes()
    .openapi(me, async (c) => {
      const p = c.get('principal');
      const org =
        p.level === 'partner'
          ? await db.selectFrom('partners').select('name').where('id', '=', p.org!).executeTakeFirst()
          : p.level === 'tenant'
            ? await db.selectFrom('tenants').select('name').where('id', '=', p.org!).executeTakeFirst()
            : undefined;
      const me: Me = { sub: p.sub, name: p.name, level: p.level, org: p.org ?? null, orgName: org?.name ?? null, roles: p.roles };
      return c.json(me, 200);
    })

    .openapi(catalog, async (c) => {
      const showPrices = can(c.get('principal'), 'prices.view');
      const prices = showPrices ? await db.selectFrom('catalog_prices').selectAll().execute() : [];
      const catalog: CatalogService[] = CATALOG.map((s) => ({
        ...s,
        ...(showPrices
          ? { prices: Object.fromEntries(prices.filter((p) => p.service_code === s.code).map((p) => [p.currency, p.monthly_price_minor])) }
          : {}),
      }));
      return c.json({ services: catalog, modes: [...MODES], rules: { requires: REQUIRES, requiresOneOf: REQUIRES_ONE_OF, excludes: EXCLUDES, modes: MODE_RULES } }, 200);
    })

    .openapi(partners, async (c) => {
      const p = c.get('principal');
      let query = db.selectFrom('partners').select(['id', 'name']).orderBy('name');
      if (p.level === 'partner') query = query.where('id', '=', p.org!);
      if (p.level === 'tenant') query = query.where('id', '=', sql<string>`(select partner_id from tenants where id = ${p.org!})`);
      const list: Partner[] = await query.execute();
      return c.json(list, 200);
    });
}
