/**
 * Transactions that survive concurrency. PostgreSQL may abort a transaction that collided with
 * another (a deadlock, or a serialization failure); its work is undone whole, so running it
 * again is safe, and that is what the database's documentation asks of applications. Callers
 * never see such a collision unless it repeats past the attempts below (then 503, retryable).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

const RETRIED_CODES = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
]);
const ATTEMPTS = 4;

export function isRetryableConflict(error: unknown): boolean {
  return RETRIED_CODES.has((error as { code?: string } | null)?.code ?? '');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` in a transaction: a new one (retried after a deadlock or serialization failure,
 * with a short random pause so that the colliding transactions do not meet again), or the
 * caller's when `db` is one already, so that a repository function joins the request's
 * transaction (see http/mutation.ts) instead of opening a second one.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<Database>);
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute(work);
    } catch (error) {
      if (!isRetryableConflict(error) || attempt >= ATTEMPTS) throw error;
      await pause(5 + Math.random() * 20 * attempt);
    }
  }
}

/**
 * Lets waiting requests in between two steps of long work. On PGlite every query runs
 * synchronously in this process, and awaiting a query that has finished resumes without
 * passing through the event loop, so a job that never yields holds up every request (and the
 * health check) until it ends. One turn of the loop (setImmediate runs after pending I/O)
 * lets the requests that arrived meanwhile start and queue their queries before the next step.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
