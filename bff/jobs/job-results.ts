/**
 * A job's results step by step (`job_results`): each written once, in the transaction of the
 * change it reports, so the job's progress stays two counts instead of every result so far
 * rewritten at each step (which made a confirmation's cost per domain grow with the domains
 * done), and a job taken over after a crash knows which steps are done.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

export interface JobResults {
  /**
   * Stores the result of step `key` (once: a second result for the same key fails the
   * transaction) and `progress`, inside the handler's transaction; answers false when the job
   * is no longer ours, and the handler then throws `LostJobError`, rolling its change back.
   */
  recordResult(trx: Transaction<Database>, key: string, value: unknown, progress: unknown): Promise<boolean>;
  /** The results recorded so far, in the order they were recorded. */
  results(): Promise<{ key: string; value: unknown }[]>;
}

export function jobResults(db: Kysely<Database>, jobId: string, workerId: string): JobResults {
  return {
    async recordResult(trx, key, value, progress) {
      // One statement: the progress update checks (and locks) that the job is still ours, as
      // the worker's `recordProgress` does, and the result is inserted only if it is.
      const { rows } = await sql<{ key: string }>`
        with ours as (
          update jobs set progress = ${JSON.stringify(progress)}, updated_at = now()
          where id = ${jobId} and locked_by = ${workerId} and status = 'running'
          returning id)
        insert into job_results (job_id, key, value) select id, ${key}, ${JSON.stringify(value)} from ours
        returning key`.execute(trx);
      return rows.length > 0;
    },
    async results() {
      return db.selectFrom('job_results').select(['key', 'value']).where('job_id', '=', jobId).orderBy('position').execute();
    },
  };
}
