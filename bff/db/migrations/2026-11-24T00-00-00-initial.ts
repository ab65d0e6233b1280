import { type Kysely, sql } from 'kysely';

/** The whole domain (docs/domain.md): partners, tenants, domains, GINA hosts, catalogue, bookings,
 * user counts, audit events, jobs, idempotency keys, offers, and the demo's users. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country', 'char(2)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await sql`create sequence tenant_number_seq start 10001`.execute(db);
  await db.schema
    .createTable('tenants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('partner_id', 'text', (c) => c.notNull().references('partners.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('country', 'char(2)', (c) => c.notNull())
    .addColumn('invoice_reference', 'text')
    .addColumn('region', 'text', (c) => c.notNull().check(sql`region in ('ch', 'de')`))
    // Kept by triggers below: the list sorts and pages by them with an index.
    .addColumn('managed_domains', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active_services', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  for (const column of ['managed_domains', 'active_services']) {
    await sql`create index ${sql.raw(`tenants_partner_${column}_idx`)} on tenants (partner_id, ${sql.ref(column)}, id)`.execute(db);
    await sql`create index ${sql.raw(`tenants_${column}_idx`)} on tenants (${sql.ref(column)}, id)`.execute(db);
  }
  // The list is always scoped by partner and usually sorted by name, in the ICU root collation
  // (language-neutral: "Léman" between "Lavaux" and "Lindenhof", on PGlite and servers alike).
  await sql`create index tenants_partner_name_idx on tenants (partner_id, name collate "und-x-icu", id)`.execute(db);
  await sql`create index tenants_name_idx on tenants (name collate "und-x-icu", id)`.execute(db);

  await db.schema
    .createTable('gina_hosts')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A GINA host name is unique on the platform; a tenant shares its own among its domains.
  await sql`create unique index gina_hosts_name_idx on gina_hosts (lower(name))`.execute(db);
  await sql`create index gina_hosts_tenant_idx on gina_hosts (tenant_id)`.execute(db);

  await sql`create sequence domain_number_seq start 20001`.execute(db);
  await db.schema
    .createTable('managed_domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('inline', 'inline-inbound-only', 'parallel')`))
    .addColumn('ms365_tenant_id', 'uuid')
    .addColumn('gina_host_id', 'integer', (c) => c.references('gina_hosts.id'))
    .addColumn('next_service_number', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deprovisioned_at', 'timestamptz')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A domain is managed once on the platform until it is deprovisioned; the database keeps
  // that true under concurrent orders.
  await sql`create unique index managed_domains_name_idx on managed_domains (lower(name)) where deprovisioned_at is null`.execute(db);
  await sql`create index managed_domains_tenant_idx on managed_domains (tenant_id)`.execute(db);
  await sql`create index managed_domains_name_search_idx on managed_domains (lower(name) text_pattern_ops)`.execute(db);

  await db.schema
    .createTable('services')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('billed_users', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
  // The catalogue is part of the product, not demo data: every installation has it.
  await db
    .insertInto('services')
    .values([
      ['SC-SERVICE', 'seppmail.cloud service license', 'users whose mail passes the platform'],
      ['SC-F-INBOUND', 'seppmail.cloud filter inbound', 'all users'],
      ['SC-F-OUTBOUND', 'seppmail.cloud filter outbound', 'all users'],
      ['SC-MS365', 'seppmail.cloud Microsoft 365 integration', 'all users'],
      ['SC-SIGONLY', 'seppmail.cloud sign-only', 'users with "sign only"'],
      ['SC-SIGENC', 'seppmail.cloud sign+encrypt (includes GINA)', 'users with "sign and encrypt"'],
      ['SC-CERT', 'seppmail.cloud certificate', 'users of SC-SIGENC or SC-SIGONLY'],
      ['SC-HIN', 'seppmail.cloud HIN integration', 'users of SC-SIGENC'],
    ].map(([code, name, billed_users], sort_order) => ({ code, name, billed_users, sort_order })))
    .execute();

  await db.schema
    .createTable('catalog_prices')
    .addColumn('service_code', 'text', (c) => c.notNull().references('services.code'))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`currency in ('CHF', 'EUR')`))
    .addColumn('monthly_price_minor', 'integer', (c) => c.notNull().check(sql`monthly_price_minor >= 0`))
    .addPrimaryKeyConstraint('catalog_prices_pk', ['service_code', 'currency'])
    .execute();

  await db.schema
    .createTable('booked_services')
    .addColumn('domain_id', 'text', (c) => c.notNull().references('managed_domains.id'))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('service_code', 'text', (c) => c.notNull().references('services.code'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('ordered', 'confirmed', 'provisioning', 'provisioned', 'cancelled', 'deprovisioning', 'deprovisioned')`),
    )
    .addColumn('ordered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('start_billing', 'date')
    .addColumn('end_billing', 'date')
    .addColumn('discount_percent', 'numeric(5, 2)', (c) => c.check(sql`discount_percent between 0 and 100`))
    .addColumn('discount_reason', 'text')
    .addPrimaryKeyConstraint('booked_services_pk', ['domain_id', 'number'])
    .addCheckConstraint('booked_services_discount_reason', sql`(discount_percent is null) = (discount_reason is null)`)
    .execute();
  await sql`create index booked_services_status_idx on booked_services (status, domain_id)`.execute(db);

  // The tenant list's counts, kept in the tenant row by the database itself, once per statement
  // for every tenant the statement touched: no write path can forget them. The statuses are
  // domain/lifecycle.ts's ACTIVE_STATUSES as of this migration.
  await sql`
    create function refresh_tenant_counts(tenant_ids text[]) returns void language plpgsql as $$
    begin
      -- Lock first, count after: under READ COMMITTED the count is then a new statement with a
      -- fresh snapshot that sees every transaction that held the lock before, so two orders on
      -- one tenant never store a stale count. Ordered by id, so lockers never deadlock.
      perform 1 from tenants where id = any(tenant_ids) order by id for update;
      update tenants t set
        managed_domains = (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null),
        active_services = (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                           where d.tenant_id = t.id and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned'))
      where t.id = any(tenant_ids);
    end $$`.execute(db);
  await sql`
    create function domains_changed() returns trigger language plpgsql as $$
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
    create function services_changed() returns trigger language plpgsql as $$
    begin
      if tg_op in ('INSERT', 'UPDATE') then
        perform refresh_tenant_counts(array(select distinct d.tenant_id from new_rows n join managed_domains d on d.id = n.domain_id));
      end if;
      if tg_op in ('DELETE', 'UPDATE') then
        perform refresh_tenant_counts(array(select distinct d.tenant_id from old_rows o join managed_domains d on d.id = o.domain_id));
      end if;
      return null;
    end $$`.execute(db);
  for (const [table, fn] of [['managed_domains', 'domains_changed'], ['booked_services', 'services_changed']] as const) {
    await sql`create trigger ${sql.raw(`${table}_counts_insert`)} after insert on ${sql.table(table)}
      referencing new table as new_rows for each statement execute function ${sql.raw(fn)}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_counts_update`)} after update on ${sql.table(table)}
      referencing new table as new_rows old table as old_rows for each statement execute function ${sql.raw(fn)}()`.execute(db);
    await sql`create trigger ${sql.raw(`${table}_counts_delete`)} after delete on ${sql.table(table)}
      referencing old table as old_rows for each statement execute function ${sql.raw(fn)}()`.execute(db);
  }

  await db.schema
    .createTable('user_counts')
    .addColumn('month', 'date', (c) => c.notNull().check(sql`extract(day from month) = 1`))
    .addColumn('domain_id', 'text', (c) => c.notNull().references('managed_domains.id'))
    .addColumn('service_code', 'text', (c) => c.notNull().references('services.code'))
    .addColumn('users', 'integer', (c) => c.notNull().check(sql`users >= 0`))
    .addPrimaryKeyConstraint('user_counts_pk', ['month', 'domain_id', 'service_code'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_sub', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_level', 'text', (c) => c.notNull())
    .addColumn('actor_org', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('request_id', 'text')
    .execute();
  await sql`create index audit_events_tenant_idx on audit_events (tenant_id, at desc)`.execute(db);

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('tenant_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'running', 'succeeded', 'failed')`))
    .addColumn('run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('locked_by', 'text')
    .addColumn('locked_until', 'timestamptz')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('payload', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('progress', 'jsonb')
    .addColumn('result', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index jobs_pick_idx on jobs (run_at) where status = 'queued'`.execute(db);
  // One unfinished job of a kind per tenant (a second confirmation joins the running one).
  await sql`create unique index jobs_one_per_tenant_idx on jobs (kind, tenant_id) where status in ('queued', 'running') and tenant_id is not null`.execute(db);

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('principal_sub', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response_status', 'integer')
    .addColumn('response_headers', 'jsonb')
    .addColumn('response_body', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['principal_sub', 'key'])
    .execute();

  await db.schema
    .createTable('offers')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'date', (c) => c.notNull())
    .addColumn('lines', 'jsonb', (c) => c.notNull())
    .addColumn('total_minor', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('demo_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('org', 'text')
    .addColumn('roles', sql`text[]`, (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'demo_users',
    'offers',
    'idempotency_keys',
    'jobs',
    'audit_events',
    'user_counts',
    'booked_services',
    'catalog_prices',
    'services',
    'managed_domains',
    'gina_hosts',
    'tenants',
    'partners',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function services_changed, domains_changed, refresh_tenant_counts`.execute(db);
  await sql`drop sequence domain_number_seq`.execute(db);
  await sql`drop sequence tenant_number_seq`.execute(db);
}
