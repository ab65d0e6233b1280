import { type Kysely, sql } from 'kysely';

/**
 * Orders of one tenant's domains at once deadlocked: each order's insert takes a key-share lock
 * on the tenant row (the foreign key check), then the counters' trigger asked for FOR UPDATE on
 * that row, which waits for every other key-share holder, who waited likewise. FOR NO KEY
 * UPDATE (what an UPDATE that changes no key takes anyway) does not conflict with key-share
 * locks: the triggers of concurrent orders queue one after the other instead of in a circle.
 * The counts stay exact: the recount is still a new statement after the lock.
 *
 * Also: the audit log keeps the ID a client sent beside the server's own request ID.
 */
const refresh = (lock: 'for update' | 'for no key update') => sql`
  create or replace function refresh_tenant_counts(tenant_ids text[]) returns void language plpgsql as $$
  begin
    -- Lock first, count after: under READ COMMITTED the count is then a new statement with a
    -- fresh snapshot that sees every transaction that held the lock before, so two orders on
    -- one tenant never store a stale count. Ordered by id, so lockers never deadlock.
    perform 1 from tenants where id = any(tenant_ids) order by id ${sql.raw(lock)};
    update tenants t set
      managed_domains = (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null),
      active_services = (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                         where d.tenant_id = t.id and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned'))
    where t.id = any(tenant_ids);
  end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await refresh('for no key update').execute(db);
  await db.schema.alterTable('audit_events').addColumn('client_request_id', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('audit_events').dropColumn('client_request_id').execute();
  await refresh('for update').execute(db);
}
