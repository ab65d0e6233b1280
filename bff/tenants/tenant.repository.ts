import { type Kysely, sql } from 'kysely';
import type { NewTenant, Tenant, TenantDetails, TenantPage, TenantSortKey, SortOrder } from '../../domain/api.js';
import { currencyForRegion, regionForCountry } from '../../domain/catalog.js';
import { ACTIVE_STATUSES } from '../../domain/lifecycle.js';
import type { Principal } from '../../domain/roles.js';
import type { Database, TenantRow } from '../db/schema.js';
import { tenantInScope } from '../policy.js';

export interface TenantListQuery {
  q?: string;
  sort: TenantSortKey;
  order: SortOrder;
  limit: number;
  offset: number;
}

/** Managed domains and active services of tenant `t`, counted in PostgreSQL for the whole page. */
const counts = sql<{ managed_domains: number; total_services: number }>`lateral (
  select
    count(*) filter (where md.deprovisioned_at is null)::int as managed_domains,
    coalesce(sum(active.n), 0)::int as total_services
  from managed_domains md
  cross join lateral (
    select count(*) as n from booked_services bs
    where bs.domain_id = md.id and bs.status in (${sql.join(ACTIVE_STATUSES)})
  ) active
  where md.tenant_id = t.id
)`;

const SORT_COLUMNS: Record<TenantSortKey, string> = {
  name: 't.name collate "und-x-icu"',
  id: 't.id',
  managedDomains: 'c.managed_domains',
  totalServices: 'c.total_services',
};

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * One indexed query: scope, search (name, ID or a domain's name), counts, sort and the page,
 * with the total from a window function.
 */
export async function listTenants(db: Kysely<Database>, principal: Principal, query: TenantListQuery): Promise<TenantPage> {
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  const term = query.q?.trim().toLowerCase();
  const matching = db
    .selectFrom('tenants as t')
    .where(tenantInScope(principal))
    .$if(Boolean(term), (qb) =>
      qb.where((eb) => {
        const contains = `%${likePattern(term!)}%`;
        return eb.or([
          eb(sql`lower(t.name)`, 'like', contains),
          eb(sql`lower(t.id)`, 'like', `${likePattern(term!)}%`),
          eb.exists(
            eb
              .selectFrom('managed_domains as d')
              .select(sql`1`.as('one'))
              .whereRef('d.tenant_id', '=', 't.id')
              .where(sql`lower(d.name)`, 'like', contains),
          ),
        ]);
      }),
    );

  const rows = await matching
    .innerJoin(counts.as('c'), (join) => join.onTrue())
    .select([
      't.id',
      't.name',
      sql<number>`c.managed_domains`.as('managedDomains'),
      sql<number>`c.total_services`.as('totalServices'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy(sql`${sql.raw(SORT_COLUMNS[query.sort])} ${direction}`)
    .orderBy('t.id', query.order)
    .limit(query.limit)
    .offset(query.offset)
    .execute();

  // Past the last page the window function has no row to ride on; count apart only then.
  const total = rows[0]
    ? Number(rows[0].total)
    : query.offset > 0
      ? Number((await matching.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      : 0;
  return {
    items: rows.map(({ id, name, managedDomains, totalServices }) => ({ id, name, managedDomains, totalServices })),
    total,
    limit: query.limit,
    offset: query.offset,
  };
}

/** The tenant with its version, or undefined when it is outside the caller's scope. */
export async function findTenant(
  db: Kysely<Database>,
  principal: Principal,
  tenantId: string,
): Promise<{ tenant: Tenant; version: number } | undefined> {
  const row = await db
    .selectFrom('tenants as t')
    .innerJoin('partners as p', 'p.id', 't.partner_id')
    .innerJoin(counts.as('c'), (join) => join.onTrue())
    .selectAll('t')
    .select(['p.name as partner_name', sql<number>`c.managed_domains`.as('managed_domains'), sql<number>`c.total_services`.as('total_services')])
    .where('t.id', '=', tenantId)
    .where(tenantInScope(principal))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    version: row.version,
    tenant: {
      ...toDetails(row),
      id: row.id,
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      region: row.region,
      currency: currencyForRegion(row.region),
      managedDomains: row.managed_domains,
      totalServices: row.total_services,
    },
  };
}

export function toDetails(row: TenantRow): TenantDetails {
  return { name: row.name, email: row.email, phone: row.phone, country: row.country, invoiceReference: row.invoice_reference };
}

/** Updates when the version still matches; answers the new row, or undefined when stale. */
export async function updateTenant(db: Kysely<Database>, tenantId: string, version: number, changes: Partial<TenantDetails>): Promise<TenantRow | undefined> {
  return db
    .updateTable('tenants')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      ...(changes.country !== undefined ? { country: changes.country } : {}),
      ...(changes.invoiceReference !== undefined ? { invoice_reference: changes.invoiceReference } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', tenantId)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertTenant(db: Kysely<Database>, partnerId: string, input: Omit<NewTenant, 'invoiceReference'> & { invoiceReference?: string | null }): Promise<TenantRow> {
  return db
    .insertInto('tenants')
    .values({
      id: sql<string>`'T-' || nextval('tenant_number_seq')`,
      partner_id: partnerId,
      name: input.name,
      email: input.email,
      phone: input.phone,
      country: input.country,
      invoice_reference: input.invoiceReference ?? null,
      region: input.region ?? regionForCountry(input.country),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
