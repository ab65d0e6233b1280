/**
 * Forgetting finished work (docs/architecture.md#retention): finished jobs after
 * `JOB_RETENTION_DAYS`, with the idempotency keys whose stored answer names them, and (for
 * http/idempotency.ts) old keys. Each purge deletes in bounded batches, one short statement each,
 * so that a backlog of a million rows never holds a long transaction or its locks, and on PGlite
 * (which runs every statement on the event loop) requests get their turn between batches.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.js';
import { type JobContext, LostJobError } from './worker.js';

/** Rows per statement: a few milliseconds each on PostgreSQL, tens on PGlite (`npm run bench:jobs`). */
export const PURGE_BATCH = 1_000;

/**
 * Runs `deleteBatch` (which deletes at most `batch` rows and answers how many) until a batch
 * comes back short. Between batches it yields to the event loop and reports through the job's
 * `progress`, which renews its lease: a long purge is not taken over by another process, and
 * stops when this process stops or lost the job.
 */
export async function purgeInBatches(
  deleteBatch: (batch: number) => Promise<number>,
  options: { batch?: number; job?: Pick<JobContext, 'job' | 'progress'> } = {},
): Promise<{ purged: number; batches: number }> {
  const batch = options.batch ?? PURGE_BATCH;
  let purged = 0;
  let batches = 0;
  for (;;) {
    const deleted = await deleteBatch(batch);
    purged += deleted;
    batches++;
    if (deleted < batch) return { purged, batches };
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (options.job && !(await options.job.progress({ purged }))) throw new LostJobError(options.job.job.id);
  }
}

/**
 * Deletes jobs that finished (succeeded or failed) more than `retentionDays` ago, by the time
 * they finished (`updated_at`, on `jobs_finished_idx`), and in the same statement the
 * idempotency keys whose stored answer names one of them (`idempotency_keys.job_id`): a retry
 * with such a key then runs as a new request (see http/idempotency.ts), never replays a job ID
 * that would answer 404. Queued and running jobs are never touched.
 */
export async function purgeFinishedJobs(
  db: Kysely<Database>,
  options: { retentionDays: number; batch?: number; job?: Pick<JobContext, 'job' | 'progress'> },
): Promise<{ purged: number; keys: number; batches: number }> {
  let keys = 0;
  const result = await purgeInBatches(async (batch) => {
    const { rows } = await purgeFinishedStatement(options.retentionDays, batch).execute(db);
    keys += rows[0]!.keys;
    return rows[0]!.jobs;
  }, options);
  return { ...result, keys };
}

/** One batch of the purge: apart so that tests and bench/jobs.ts can EXPLAIN what runs. */
export function purgeFinishedStatement(retentionDays: number, batch: number) {
  return sql<{ jobs: number; keys: number }>`
    with gone as (
      delete from jobs where id in (
        select id from jobs
        where status in ('succeeded', 'failed') and updated_at < now() - make_interval(days => ${retentionDays}::int)
        limit ${batch})
      returning id),
    gone_keys as (
      delete from idempotency_keys k using gone where k.job_id = gone.id
      returning 1)
    select (select count(*) from gone)::int as jobs, (select count(*) from gone_keys)::int as keys`;
}
