/**
 * Every change the API makes runs through `mutation()`: one transaction holding the work, its
 * audit event and, for a POST with `Idempotency-Key`, the stored answer (idempotency.ts), so
 * that none of them exists without the others. A deadlock or serialization failure reruns the
 * whole handler in a new transaction (db/transaction.ts); the handler must therefore do all of
 * its reads and writes through the transaction it is given, never through the app's `db`.
 */
import type { Context, Input } from 'hono';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { AppEnv } from '../app-env.js';
import type { Actor } from '../audit.js';
import type { Database } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { claimOrReplay, idempotencyKeyOf, isStoredOutcome, storeAnswer } from './idempotency.js';
import { ProblemError, problemResponse } from './problem.js';

/** An answer not to store: the transaction rolls back (the key stays free), the answer goes out. */
class Unstored extends Error {
  constructor(readonly response: Response) {
    super('not stored');
  }
}

/**
 * Typed as the handler's own answer (a route's documented response): a replay or a stored
 * refusal is that very answer again, or a problem the route documents.
 */
export async function mutation<R extends Response>(
  db: Kysely<Database>,
  c: Context<AppEnv, string, Input>,
  handler: (trx: Transaction<Database>) => Promise<R>,
): Promise<R> {
  const id = await idempotencyKeyOf(c, c.get('principal').sub);
  let response: R;
  try {
    response = await inTransaction(db, async (trx): Promise<R> => {
      if (!id) return handler(trx);
      const replay = await claimOrReplay(trx, id);
      if (replay) return replay as R;
      // A refusal by a rule is stored too, but nothing the handler wrote before it may stay.
      await sql`savepoint work`.execute(trx);
      let answer: R;
      try {
        answer = await handler(trx);
      } catch (error) {
        if (!(error instanceof ProblemError) || !isStoredOutcome(error.status)) throw error;
        await sql`rollback to savepoint work`.execute(trx);
        answer = problemResponse(c, error) as R;
      }
      if (!isStoredOutcome(answer.status)) throw new Unstored(answer);
      await storeAnswer(trx, id, answer);
      return answer;
    });
  } catch (error) {
    if (error instanceof Unstored) return error.response as R;
    throw error;
  }
  return response;
}

/** Who did it, for the audit event: the caller, this request's ID and its client's. The one way a route names its actor. */
export function actorOf(c: Context<AppEnv>): Actor {
  return { principal: c.get('principal'), requestId: c.get('requestId'), clientRequestId: c.get('clientRequestId') };
}
