import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { NewTenant, Tenant, TenantDetails, TenantPage, TenantSortKey, TenantSummary, SortOrder } from '../../domain/api.js';
import { currencyForRegion, regionForCountry } from '../../domain/catalog.js';
import type { Principal } from '../../domain/roles.js';
import type { Database, TenantRow } from '../db/schema.js';
import { tenantInScope, tenantScopePrefix } from '../policy.js';
import { type BoundaryValues, type CursorDirection, boundaryOf, decodeCursor, encodeCursor, searchFingerprint } from './tenant-cursor.js';

export interface TenantListQuery {
  q?: string;
  sort: TenantSortKey;
  order: SortOrder;
  limit: number;
  /** For compatibility: a deep offset reads every row before it; `cursor` does not. */
  offset?: number;
  cursor?: string;
}

/**
 * Up to this many matching tenants the total is counted exactly (a count that stops at the
 * threshold, so it costs at most that many index entries whatever the scope); above it the
 * planner's row estimate is answered and marked. A person pages through 1,000 tenants at most
 * by hand; beyond that "about 12,400" says as much as the exact figure, which would cost a scan
 * of the whole scope on every page (docs/architecture.md#the-tenant-list-at-scale).
 */
export const EXACT_TOTAL_THRESHOLD = 1_000;

export interface TenantListOptions {
  /** The threshold above (TENANT_LIST_EXACT_TOTAL); EXACT_TOTAL_THRESHOLD unless given. */
  exactTotal?: number;
}

/** Code points, as PostgreSQL's `length()` counts them in UTF-8. */
const idLength = (id: string) => [...id].length;

/**
 * What each sort key orders by, column for column as its index in the migration
 * 2026-12-04T00-00-00-tenant-list-search lists them (with `partner_id` first in the scoped
 * one), so that ORDER BY and the row comparison of a cursor are one range scan of that index.
 * IDs by length first, so that T-9999 comes before T-10000; the ID last makes every key unique.
 */
const SORT_KEYS: Record<TenantSortKey, { columns: RawBuilder<unknown>[]; values: (boundary: BoundaryValues) => unknown[] }> = {
  name: { columns: [sql`t.name collate "und-x-icu"`, sql`t.id`], values: ([name, id]) => [name, id] },
  id: { columns: [sql`length(t.id)`, sql`t.id`], values: ([id]) => [idLength(String(id)), id] },
  managedDomains: { columns: [sql`t.managed_domains`, sql`length(t.id)`, sql`t.id`], values: ([n, id]) => [n, idLength(String(id)), id] },
  totalServices: { columns: [sql`t.active_services`, sql`length(t.id)`, sql`t.id`], values: ([n, id]) => [n, idLength(String(id)), id] },
};

/**
 * The same keys as expressions no index matches (the same values and order: `|| ''` keeps the
 * text and its collation, `+ 0` the number). A trigram search reads its matches by key and
 * sorts them, a cost that follows the matches; given an index in the sort's order, the planner
 * (which cannot estimate the cursor's row comparison) would sometimes walk it instead, filtering
 * the whole scope for the matches.
 */
const UNINDEXED_SORT_COLUMNS: Record<TenantSortKey, RawBuilder<unknown>[]> = {
  name: [sql`(t.name || '') collate "und-x-icu"`, sql`(t.id || '')`],
  id: [sql`(length(t.id) + 0)`, sql`(t.id || '')`],
  managedDomains: [sql`(t.managed_domains + 0)`, sql`(length(t.id) + 0)`, sql`(t.id || '')`],
  totalServices: [sql`(t.active_services + 0)`, sql`(length(t.id) + 0)`, sql`(t.id || '')`],
};

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/**
 * A trigram index finds a pattern only from three characters on (a shorter one has no trigram
 * to look up); shorter searches match so many tenants that walking the sort's index and
 * filtering fills a page soonest (docs/architecture.md#the-tenant-list-at-scale).
 */
const TRIGRAM_MIN_LENGTH = 3;

/** The tenants in scope that match the search: part of the name, the start of the ID, part of a managed domain's name. */
function matchingTenants(db: Kysely<Database>, principal: Principal, term: string | undefined) {
  const inScope = db.selectFrom('tenants as t').where(tenantInScope(principal));
  if (term === undefined) return inScope;
  const contains = `%${likePattern(term)}%`;
  const prefix = `${likePattern(term)}%`;
  if (term.length < TRIGRAM_MIN_LENGTH) {
    return inScope.where((eb) =>
      eb.or([
        eb(sql`lower(t.name)`, 'like', contains),
        eb(sql`lower(t.id)`, 'like', prefix),
        eb.exists(
          eb.selectFrom('managed_domains as d').select(sql`1`.as('one')).whereRef('d.tenant_id', '=', 't.id').where('d.deprovisioned_at', 'is', null).where(sql`lower(d.name)`, 'like', contains),
        ),
      ]),
    );
  }
  // One trigram index scan per branch, computed once into an array, then the matches' rows by
  // primary key: the cost follows the number of matches, not the scope. (An OR of the three, or
  // an IN over their union, lets the planner hash-join against a scan of the whole scope.)
  const matches = db
    .selectFrom('tenants')
    .select('id')
    .where(sql`lower(name)`, 'like', contains)
    .union(db.selectFrom('tenants').select('id').where(sql`lower(id)`, 'like', prefix))
    .union(db.selectFrom('managed_domains').select('tenant_id as id').where('deprovisioned_at', 'is', null).where(sql`lower(name)`, 'like', contains));
  return inScope.where(sql<boolean>`t.id = any(array(${matches}))`);
}

/**
 * Scope, search, sort and one page by keyset (docs/architecture.md#the-tenant-list-at-scale):
 * a cursor turns into a row comparison with the boundary row's sort values, in the direction
 * of travel, so the first, the next and the previous page are each one index range scan of
 * `limit + 1` rows (the extra one says whether there is more) however large the scope.
 * `offset` still works for old clients and costs what it skips.
 */
export async function listTenants(db: Kysely<Database>, principal: Principal, query: TenantListQuery, options: TenantListOptions = {}): Promise<TenantPage> {
  const term = query.q?.trim().toLowerCase() || undefined;
  const fingerprint = searchFingerprint(term);
  const cursor = query.cursor === undefined ? undefined : decodeCursor(query.cursor, { sort: query.sort, order: query.order, fingerprint });
  const offset = query.offset ?? 0;
  const backward = cursor?.direction === 'before';
  // Backward pages are read in the opposite order from the boundary, then turned round.
  const travel: SortOrder = (query.order === 'desc') !== backward ? 'desc' : 'asc';
  const trigramSearch = term !== undefined && term.length >= TRIGRAM_MIN_LENGTH;
  const key = trigramSearch ? { ...SORT_KEYS[query.sort], columns: UNINDEXED_SORT_COLUMNS[query.sort] } : SORT_KEYS[query.sort];
  const matching = matchingTenants(db, principal, term);

  const rows = await matching
    .select(['t.id', 't.name', 't.managed_domains as managedDomains', 't.active_services as totalServices'])
    .$if(cursor !== undefined, (qb) => {
      const after = sql.raw(travel === 'asc' ? '>' : '<');
      const values = key.values(cursor!.values);
      const page = qb.where(sql<boolean>`(${sql.join(key.columns)}) ${after} (${sql.join(values)})`);
      // For a partner, the same comparison once more led by `partner_id` (equal on both sides,
      // so the same rows): only the scoped index can serve it as a range, which keeps the
      // planner off the platform-wide index (see tenantScopePrefix). The comparison above still
      // positions the scan within the partner, in both directions. Not for a trigram search:
      // its matches are few and read by key, and a second comparison the planner cannot
      // estimate would tempt it to walk the sort's index filtering for them instead.
      const scope = trigramSearch ? undefined : tenantScopePrefix(principal);
      return scope ? page.where(sql<boolean>`(${scope.column}, ${sql.join(key.columns)}) ${after} (${scope.value}, ${sql.join(values)})`) : page;
    })
    .orderBy(sql.join(key.columns.map((column) => sql`${column} ${sql.raw(travel)}`)))
    .limit(query.limit + 1)
    .$if(offset > 0, (qb) => qb.offset(offset))
    .execute();
  const more = rows.length > query.limit;
  const items = rows.slice(0, query.limit);
  // Fewer than a page before the boundary (rows were added or removed meanwhile): the first
  // page, whole, rather than a short page that claims to be first.
  if (backward && items.length < query.limit) return listTenants(db, principal, { ...query, cursor: undefined, offset: undefined }, options);
  if (backward) items.reverse();

  const at = (direction: CursorDirection, row: TenantSummary | undefined) =>
    row ? encodeCursor({ sort: query.sort, order: query.order, direction, values: boundaryOf(query.sort, row) }, fingerprint) : null;
  const hasNext = backward ? items.length > 0 : more;
  const hasPrev = backward ? more : cursor !== undefined || offset > 0;
  const firstPageOnly = !cursor && offset === 0 && !more;
  const { total, totalIsEstimate } = firstPageOnly ? { total: items.length, totalIsEstimate: false } : await countMatching(db, matching, options.exactTotal ?? EXACT_TOTAL_THRESHOLD);
  return {
    items,
    total,
    totalIsEstimate,
    limit: query.limit,
    offset: cursor ? null : offset,
    next: hasNext ? at('after', items.at(-1)) : null,
    prev: hasPrev ? at('before', items[0]) : null,
  };
}

/** Exact up to the threshold, else the planner's estimate (never below what was counted). */
async function countMatching(db: Kysely<Database>, matching: ReturnType<typeof matchingTenants>, threshold: number): Promise<{ total: number; totalIsEstimate: boolean }> {
  const tenants = matching.select(sql`1`.as('one'));
  const { n } = await db
    .selectFrom(tenants.limit(threshold + 1).as('m'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) <= threshold) return { total: Number(n), totalIsEstimate: false };
  const { rows } = await sql<{ 'QUERY PLAN': unknown }>`explain (format json) ${tenants}`.execute(db);
  const plan = rows[0]?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as [{ Plan: { 'Plan Rows': number } }];
  return { total: Math.max(threshold + 1, Math.round(parsed[0].Plan['Plan Rows'])), totalIsEstimate: true };
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
