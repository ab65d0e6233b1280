import { type Kysely, sql } from 'kysely';

/**
 * The tenant counters kept by increments, and each step's result of a job stored once.
 *
 * Counters: the triggers recounted a tenant's domains and services after every statement, a
 * query whose cost grows with the tenant and whose plan depends on statistics (without ANALYZE
 * it joined every active service against every domain: 250 ms a domain at 500 domains on
 * PGlite). Now each statement adds what it changed, read from its transition tables: +1 for a
 * row that counts after the statement, −1 for one that counted before, summed per tenant. A
 * statement whose changes cancel out (`ordered` → `confirmed`: active before and after) does not
 * touch the tenant row at all.
 *
 * Exact under concurrency: `set x = x + n` on a row locked by this transaction adds to the
 * latest committed value (READ COMMITTED re-reads a row changed meanwhile), and the deltas come
 * from this statement's own rows, not from a snapshot. Tenants are locked in id order before
 * the update (FOR NO KEY UPDATE, which key-share locks of concurrent inserts do not wait for,
 * see 2026-12-03T00-00-00-concurrent-counts), so multi-tenant statements never deadlock.
 *
 * "Counts" means, as before: domains not deprovisioned, and services in domain/lifecycle.ts's
 * ACTIVE_STATUSES as of this migration, of the tenant's domains (deprovisioned or not).
 */
const ACTIVE = `('ordered', 'confirmed', 'provisioning', 'provisioned')`;

/** One tenant's deltas per row of a query (`tenant_id, domains, services`), applied in id order. */
const addToTenantCounts = sql`
  create function add_to_tenant_counts(tenant_ids text[], domain_deltas integer[], service_deltas integer[]) returns void language plpgsql as $$
  begin
    perform 1 from tenants where id = any(tenant_ids) order by id for no key update;
    update tenants t set managed_domains = t.managed_domains + c.domains, active_services = t.active_services + c.services
    from unnest(tenant_ids, domain_deltas, service_deltas) as c(tenant_id, domains, services)
    where t.id = c.tenant_id;
  end $$`;

/**
 * `changes` lists `(tenant_id, domains, services)` per changed row; the trigger sums them per
 * tenant (unnest must name each tenant once: an UPDATE … FROM with two matches applies one).
 */
function applyChanges(changes: string): string {
  return `
    select array_agg(tenant_id order by tenant_id), array_agg(domains order by tenant_id), array_agg(services order by tenant_id)
      into ids, domain_deltas, service_deltas
    from (select tenant_id, sum(domains)::int as domains, sum(services)::int as services
          from (${changes}) c group by tenant_id) s
    where domains <> 0 or services <> 0;
    if ids is not null then perform add_to_tenant_counts(ids, domain_deltas, service_deltas); end if;`;
}

/** A transition table's rows as counter changes of `sign` (+1 new, −1 old). */
const domainRows = (table: string, sign: string) =>
  `select tenant_id, case when deprovisioned_at is null then ${sign}1 else 0 end as domains, 0 as services from ${table}`;
const serviceRows = (table: string, sign: string) =>
  `select d.tenant_id, 0 as domains, case when s.status in ${ACTIVE} then ${sign}1 else 0 end as services
   from ${table} s join managed_domains d on d.id = s.domain_id`;

const domainsChanged = sql.raw(`
  create or replace function domains_changed() returns trigger language plpgsql as $$
  declare ids text[]; domain_deltas integer[]; service_deltas integer[];
  begin
    if tg_op = 'INSERT' then
      ${applyChanges(domainRows('new_rows', '+'))}
    elsif tg_op = 'DELETE' then
      ${applyChanges(domainRows('old_rows', '-'))}
    else
      -- A domain that moves to another tenant takes its active services along (no path does
      -- that today; the counts stay exact if one ever does).
      ${applyChanges(`${domainRows('new_rows', '+')} union all ${domainRows('old_rows', '-')}
        union all select x.tenant_id, 0, x.sign * (select count(*) from booked_services s where s.domain_id = x.id and s.status in ${ACTIVE})::int
        from (select n.id, n.tenant_id, 1 as sign from new_rows n join old_rows o on o.id = n.id where o.tenant_id <> n.tenant_id
              union all select o.id, o.tenant_id, -1 from new_rows n join old_rows o on o.id = n.id where o.tenant_id <> n.tenant_id) x`)}
    end if;
    return null;
  end $$`);

const servicesChanged = sql.raw(`
  create or replace function services_changed() returns trigger language plpgsql as $$
  declare ids text[]; domain_deltas integer[]; service_deltas integer[];
  begin
    if tg_op = 'INSERT' then
      ${applyChanges(serviceRows('new_rows', '+'))}
    elsif tg_op = 'DELETE' then
      ${applyChanges(serviceRows('old_rows', '-'))}
    else
      ${applyChanges(`${serviceRows('new_rows', '+')} union all ${serviceRows('old_rows', '-')}`)}
    end if;
    return null;
  end $$`);

/** The counts made from scratch: the starting point the increments add to. */
const recount = sql`
  update tenants t set
    managed_domains = (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null),
    active_services = (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                       where d.tenant_id = t.id and s.status in ${sql.raw(ACTIVE)})
  where t.managed_domains <> (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null)
     or t.active_services <> (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                              where d.tenant_id = t.id and s.status in ${sql.raw(ACTIVE)})`;

export async function up(db: Kysely<any>): Promise<void> {
  await addToTenantCounts.execute(db);
  await domainsChanged.execute(db);
  await servicesChanged.execute(db);
  await sql`drop function refresh_tenant_counts`.execute(db);
  await recount.execute(db);

  // A job's results step by step (a confirmation: one row per domain), each written once in the
  // transaction of the change it reports; the job's progress keeps only its counts. Owned by
  // bff/jobs/ (the JobContext's `recordResult`), removed with its job.
  await db.schema
    .createTable('job_results')
    .addColumn('job_id', 'uuid', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    // Orders a job's results as recorded (one sequence for all jobs: no count per insert).
    .addColumn('position', 'bigint', (c) => c.generatedAlwaysAsIdentity())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('job_results_pk', ['job_id', 'key'])
    .execute();
}

/** The recount of 2026-12-03T00-00-00-concurrent-counts, as it was. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('job_results').execute();
  await sql`
    create function refresh_tenant_counts(tenant_ids text[]) returns void language plpgsql as $$
    begin
      perform 1 from tenants where id = any(tenant_ids) order by id for no key update;
      update tenants t set
        managed_domains = (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null),
        active_services = (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                           where d.tenant_id = t.id and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned'))
      where t.id = any(tenant_ids);
    end $$`.execute(db);
  await sql`
    create or replace function domains_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        perform refresh_tenant_counts(array(select distinct tenant_id from new_rows));
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        perform refresh_tenant_counts(array(select distinct tenant_id from old_rows));
      end if;
      return null;
    end $$`.execute(db);
  await sql`
    create or replace function services_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        perform refresh_tenant_counts(array(select distinct d.tenant_id from new_rows n join managed_domains d on d.id = n.domain_id));
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        perform refresh_tenant_counts(array(select distinct d.tenant_id from old_rows o join managed_domains d on d.id = o.domain_id));
      end if;
      return null;
    end $$`.execute(db);
  await sql`drop function add_to_tenant_counts`.execute(db);
}
