import { type Kysely, sql } from 'kysely';

/**
 * Jobs at scale (docs/architecture.md#background-jobs): the claim's two branches each get a
 * partial index (queued by `run_at` already has `jobs_pick_idx`; running by lease here), so no
 * claim reads the finished jobs; finished jobs get an index by the time they finished, for the
 * retention purge; an idempotency key remembers the job its stored answer names, so that the
 * purge removes it with its job.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index jobs_lease_idx on jobs (locked_until) where status = 'running'`.execute(db);
  await sql`create index jobs_finished_idx on jobs (updated_at) where status in ('succeeded', 'failed')`.execute(db);
  await sql`alter table idempotency_keys add column job_id uuid`.execute(db);
  // Keys stored before this migration: the job a 202 answer names (`{"jobId": "…"}`). The pattern
  // admits only a well-formed UUID, so the cast cannot fail on an odd body.
  await sql`update idempotency_keys
    set job_id = substring(response_body from '"jobId":"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"')::uuid
    where response_status = 202 and response_body ~ '"jobId":"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"'`.execute(db);
  await sql`create index idempotency_keys_job_idx on idempotency_keys (job_id) where job_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index idempotency_keys_job_idx`.execute(db);
  await sql`alter table idempotency_keys drop column job_id`.execute(db);
  await sql`drop index jobs_finished_idx`.execute(db);
  await sql`drop index jobs_lease_idx`.execute(db);
}
