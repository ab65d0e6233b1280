import { type Kysely, sql } from 'kysely';

/** One pending run of each periodic job (auto-deployment, DNS checks, deprovisioning, …). */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index jobs_one_periodic_idx on jobs (kind) where status in ('queued', 'running') and tenant_id is null`.execute(db);
  await sql`create index jobs_tenant_idx on jobs (tenant_id, created_at desc)`.execute(db);
  await sql`create index idempotency_keys_created_idx on idempotency_keys (created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index idempotency_keys_created_idx`.execute(db);
  await sql`drop index jobs_tenant_idx`.execute(db);
  await sql`drop index jobs_one_periodic_idx`.execute(db);
}
