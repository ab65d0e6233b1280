/**
 * `Idempotency-Key` for every POST: a retry with the same key and body gets the first answer
 * again, the same key with another body gets 422, and a retry while the first is still running
 * gets 409. Keys belong to the caller (`sub`), so one user can never replay another's answer.
 */
import { createHash } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { type Kysely, sql } from 'kysely';
import type { AppEnv } from '../app-env.js';
import type { Database } from '../db/schema.js';
import { ProblemError, problems } from './problem.js';

const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];
/** A key is remembered this long; a retry after that is a new request. */
const KEY_LIFETIME = '24 hours';
/** A first attempt still unanswered after this long died with its process: a retry may run. */
const PENDING_LEASE = '2 minutes';

export function idempotency(db: Kysely<Database>) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (c.req.method !== 'POST' || key === undefined) return next();
    if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw problems.badRequest([{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
    }
    const sub = c.get('principal')?.sub ?? 'anonymous';
    const path = new URL(c.req.url).pathname;
    const hash = createHash('sha256').update(`${c.req.method} ${path}\n${await c.req.text()}`).digest('hex');

    // Claim the key, or take over one that expired or whose first attempt died unanswered.
    const claimed = await db
      .insertInto('idempotency_keys')
      .values({ principal_sub: sub, key, method: c.req.method, path, request_hash: hash })
      .onConflict((oc) =>
        oc.columns(['principal_sub', 'key']).doUpdateSet({ method: c.req.method, path, request_hash: hash, response_status: null, response_headers: null, response_body: null, created_at: sql`now()` })
          .where(
            sql<boolean>`idempotency_keys.created_at < now() - ${KEY_LIFETIME}::interval
              or (idempotency_keys.response_status is null and idempotency_keys.created_at < now() - ${PENDING_LEASE}::interval)`,
          ),
      )
      .returning('key')
      .executeTakeFirst();

    if (!claimed) {
      const first = await db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('principal_sub', '=', sub)
        .where('key', '=', key)
        .executeTakeFirstOrThrow();
      if (first.request_hash !== hash) {
        throw problems.unprocessable('This Idempotency-Key was used for another request. Use a new key for a new request.', [
          { path: 'Idempotency-Key', message: 'already used with a different method, path or body' },
        ]);
      }
      if (first.response_status === null) {
        throw new ProblemError(409, 'in-progress', 'Still in progress', 'The first request with this Idempotency-Key is still running; retry in a moment.', undefined, {
          'Retry-After': '1',
        });
      }
      const headers = new Headers(first.response_headers ?? {});
      headers.set('Idempotent-Replayed', 'true');
      return c.body(first.response_body ?? '', first.response_status as 200, Object.fromEntries(headers));
    }

    try {
      await next();
    } finally {
      const response = c.res;
      if (response.status >= 500) {
        // The work failed on our side: let the client retry with the same key.
        await db.deleteFrom('idempotency_keys').where('principal_sub', '=', sub).where('key', '=', key).execute();
      } else {
        const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)!]] : [])));
        await db
          .updateTable('idempotency_keys')
          .set({ response_status: response.status, response_headers: JSON.stringify(headers), response_body: await response.clone().text() })
          .where('principal_sub', '=', sub)
          .where('key', '=', key)
          .execute();
      }
    }
  });
}

/** Forgets keys past their lifetime (a periodic job): the table stays small. */
export async function purgeExpiredKeys(db: Kysely<Database>): Promise<{ purged: number }> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', sql<Date>`now() - ${KEY_LIFETIME}::interval`).executeTakeFirst();
  return { purged: Number(result.numDeletedRows) };
}
