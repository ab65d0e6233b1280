import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { NewTenant, Tenant, TenantDetails, TenantPage, TenantSortKey, SortOrder } from '../../domain/api.js';
import { currencyForRegion, regionForCountry } from '../../domain/catalog.js';
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

/** What each sort key orders by; IDs by length first, so that T-9999 comes before T-10000. */
const SORT_ORDER: Record<TenantSortKey, (direction: RawBuilder<unknown>) => RawBuilder<unknown>> = {
  name: (d) => sql`t.name collate "und-x-icu" ${d}, t.id ${d}`,
  id: (d) => sql`length(t.id) ${d}, t.id ${d}`,
  managedDomains: (d) => sql`t.managed_domains ${d}, length(t.id) ${d}, t.id ${d}`,
  totalServices: (d) => sql`t.active_services ${d}, length(t.id) ${d}, t.id ${d}`,
};

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * One indexed query: scope, search (name, ID or a domain's name), sort and the page, with the
 * total from a window function. The counts are columns that triggers keep (see the migration).
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
              .where('d.deprovisioned_at', 'is', null)
              .where(sql`lower(d.name)`, 'like', contains),
          ),
        ]);
      }),
    );

  const rows = await matching
    .select(['t.id', 't.name', 't.managed_domains as managedDomains', 't.active_services as totalServices', sql<number>`count(*) over ()`.as('total')])
    .orderBy(SORT_ORDER[query.sort](direction))
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
    .selectAll('t')
    .select('p.name as partner_name')
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
    },
  };
}

export function toDetails(row: TenantRow): TenantDetails {
  return { name: row.name, email: row.email, phone: row.phone, country: row.country, invoiceReference: row.invoice_reference };
}

/** Updates when the version still matches (null: any); answers the new row, or undefined when stale. */
export async function updateTenant(db: Kysely<Database>, tenantId: string, version: number | null, changes: Partial<TenantDetails>): Promise<TenantRow | undefined> {
  return db
    .updateTable('tenants')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.email !== undefined ? { email: changes.email } : {}),
      ...(changes.phone !== undefined ? { phone: changes.phone } : {}),
      // A new country brings the region (and so the currency) that goes with it.
      ...(changes.country !== undefined ? { country: changes.country, region: regionForCountry(changes.country) } : {}),
      ...(changes.invoiceReference !== undefined ? { invoice_reference: changes.invoiceReference } : {}),
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', tenantId)
    .$if(version !== null, (qb) => qb.where('version', '=', version!))
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
