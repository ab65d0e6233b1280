import { type Kysely, sql } from 'kysely';

/**
 * The tenant list at 100,000 tenants (docs/architecture.md#the-tenant-list-at-scale): one
 * B-tree per sort key whose columns are exactly the key's ORDER BY, scoped by partner and
 * platform-wide, so that every page (first, next, previous) is one index range scan; and
 * trigram indexes for the search's `LIKE '%…%'` over names and managed domains (IDs match by
 * their start, which a B-tree serves).
 *
 * IDs sort by length and then as text (T-9999 before T-10000), so the ID and count keys index
 * `length(id)` too; the old count indexes ended in `id` alone and could not serve that order.
 */
const SORT_INDEXES: [name: string, columns: string][] = [
  ['tenants_partner_id_order_idx', 'partner_id, length(id), id'],
  ['tenants_id_order_idx', 'length(id), id'],
  ['tenants_partner_managed_domains_order_idx', 'partner_id, managed_domains, length(id), id'],
  ['tenants_managed_domains_order_idx', 'managed_domains, length(id), id'],
  ['tenants_partner_active_services_order_idx', 'partner_id, active_services, length(id), id'],
  ['tenants_active_services_order_idx', 'active_services, length(id), id'],
];

const TRIGRAM_INDEXES = [
  'create index tenants_name_trgm_idx on tenants using gin (lower(name) gin_trgm_ops)',
  // IDs match by their start: a B-tree range scan serves LIKE 't-104%' exactly, where a trigram
  // index would read every ID's 't-1' and '-10' posting lists (measured: 450 pages at 100k).
  'create index tenants_id_prefix_idx on tenants (lower(id) text_pattern_ops)',
  // Only managed domains are searched; deprovisioned ones stay out of the index too.
  'create index managed_domains_name_trgm_idx on managed_domains using gin (lower(name) gin_trgm_ops) where deprovisioned_at is null',
];

const OLD_COUNT_INDEXES = ['managed_domains', 'active_services'].flatMap((column) => [
  [`tenants_partner_${column}_idx`, `partner_id, ${column}, id`],
  [`tenants_${column}_idx`, `${column}, id`],
]);

export async function up(db: Kysely<any>): Promise<void> {
  // Trusted since PostgreSQL 13: the database's owner may create it; PGlite loads it in connect.ts.
  await sql`create extension if not exists pg_trgm`.execute(db);
  for (const [name] of OLD_COUNT_INDEXES) await sql`drop index if exists ${sql.raw(name!)}`.execute(db);
  for (const [name, columns] of SORT_INDEXES) await sql`create index ${sql.raw(name)} on tenants (${sql.raw(columns)})`.execute(db);
  for (const statement of TRIGRAM_INDEXES) await sql.raw(statement).execute(db);
  // Fresh statistics, or the planner guesses how selective a scope or a search is and may walk
  // a sort index past every tenant (PGlite has no autovacuum to do this later).
  await sql`analyze tenants`.execute(db);
  await sql`analyze managed_domains`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['tenants_name_trgm_idx', 'tenants_id_prefix_idx', 'managed_domains_name_trgm_idx', ...SORT_INDEXES.map(([n]) => n)]) {
    await sql`drop index if exists ${sql.raw(name)}`.execute(db);
  }
  for (const [name, columns] of OLD_COUNT_INDEXES) await sql`create index ${sql.raw(name!)} on tenants (${sql.raw(columns!)})`.execute(db);
  // The extension stays: another object may have come to depend on it.
}
