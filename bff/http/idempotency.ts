/**
 * `Idempotency-Key` for every POST, with Stripe's semantics: the first answer is stored in the
 * same transaction as the work it answers (see mutation.ts), so after any failure — the
 * connection lost, the process killed, the answer lost on its way — a retry with the same key
 * either replays that answer (the work committed) or runs the work for the first time (it did
 * not). Only answers of work that ran are stored: a request refused before it (400, 401, 403,
 * 404, 413, 428, 429) or failed on our side (5xx) leaves the key free, so that a corrected
 * retry goes through. Keys belong to the caller (`sub`) and compare the request's parsed
 * parameters (method, path, query, JSON body), not its bytes.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { sql, type Transaction } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { purgeInBatches } from '../jobs/retention.js';
import type { JobContext } from '../jobs/worker.js';
import { ProblemError, problems } from './problem.js';

const REPLAYED_HEADERS = ['content-type', 'etag', 'location'];
/**
 * A key is remembered this long; a retry after that is a new request. A job lives at least as
 * long after it finished (`JOB_RETENTION_DAYS` ≥ 1, bff/env.ts), so a replayed answer never
 * names a job that is gone; the job's purge removes the keys that name it all the same
 * (bff/jobs/retention.ts), in case this lifetime ever grows past it.
 */
const KEY_LIFETIME_HOURS = 24;
const KEY_LIFETIME = `${KEY_LIFETIME_HOURS} hours`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** How long a retry waits for a first attempt that is still running before it is told 409. */
const WAIT_FOR_FIRST_ATTEMPT = '5s';

export interface IdempotencyKey {
  sub: string;
  key: string;
  method: string;
  path: string;
  fingerprint: string;
}

/** The key of this request, or undefined when it has none (or is not a POST). */
export async function idempotencyKeyOf(c: Context, sub: string): Promise<IdempotencyKey | undefined> {
  const key = c.req.header('Idempotency-Key');
  if (c.req.method !== 'POST' || key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw problems.badRequest([{ path: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' }]);
  }
  const url = new URL(c.req.url);
  const query = [...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const text = await c.req.text();
  let body: string;
  try {
    body = canonicalJson(JSON.parse(text));
  } catch {
    body = text;
  }
  const fingerprint = createHash('sha256').update(JSON.stringify([c.req.method, url.pathname, query, body])).digest('hex');
  return { sub, key, method: c.req.method, path: url.pathname, fingerprint };
}

/** JSON with object keys sorted at every depth: equal parameters, equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Claims the key inside the request's transaction, or answers the stored first answer. A first
 * attempt that is still running holds the key's row until it commits or rolls back; a retry
 * waits for it briefly, then gets 409.
 */
export async function claimOrReplay(trx: Transaction<Database>, id: IdempotencyKey): Promise<Response | undefined> {
  await sql`set local lock_timeout = ${sql.lit(WAIT_FOR_FIRST_ATTEMPT)}`.execute(trx);
  let claimed;
  try {
    claimed = await trx
      .insertInto('idempotency_keys')
      .values({ principal_sub: id.sub, key: id.key, method: id.method, path: id.path, request_hash: id.fingerprint })
      .onConflict((oc) =>
        oc
          .columns(['principal_sub', 'key'])
          .doUpdateSet({ method: id.method, path: id.path, request_hash: id.fingerprint, response_status: null, response_headers: null, response_body: null, job_id: null, created_at: sql`now()` })
          // Past its lifetime, or left without an answer by an older version of this code.
          .where(sql<boolean>`idempotency_keys.created_at < now() - ${KEY_LIFETIME}::interval or idempotency_keys.response_status is null`),
      )
      .returning('key')
      .executeTakeFirst();
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') {
      throw new ProblemError(409, 'in-progress', 'Still in progress', 'The first request with this Idempotency-Key is still running; retry in a moment.', undefined, {
        'Retry-After': '1',
      });
    }
    throw error;
  }
  await sql`set local lock_timeout to default`.execute(trx);
  if (claimed) return undefined;

  const first = await trx.selectFrom('idempotency_keys').selectAll().where('principal_sub', '=', id.sub).where('key', '=', id.key).executeTakeFirstOrThrow();
  if (first.request_hash !== id.fingerprint) {
    throw problems.unprocessable('This Idempotency-Key was used for another request. Use a new key for a new request.', [
      { path: 'Idempotency-Key', message: 'already used with a different method, path or body' },
    ]);
  }
  const headers = new Headers(first.response_headers ?? {});
  headers.set('Idempotent-Replayed', 'true');
  return new Response(first.response_body ?? '', { status: first.response_status!, headers });
}

/** Whether an answer is the outcome of work that ran (stored), rather than a refusal before it. */
export function isStoredOutcome(status: number): boolean {
  return status < 400 || status === 409 || status === 412 || status === 422;
}

/** The job a 202 answer names (`{"jobId": …}`), so that the key goes when the job is purged. */
function jobOf(status: number, body: string): string | null {
  if (status !== 202) return null;
  try {
    const jobId = (JSON.parse(body) as { jobId?: unknown } | null)?.jobId;
    return typeof jobId === 'string' && UUID.test(jobId) ? jobId : null;
  } catch {
    return null;
  }
}

/** Stores the answer with the key, in the same transaction as the work. */
export async function storeAnswer(trx: Transaction<Database>, id: IdempotencyKey, response: Response): Promise<void> {
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((h) => (response.headers.has(h) ? [[h, response.headers.get(h)!]] : [])));
  const body = await response.clone().text();
  await trx
    .updateTable('idempotency_keys')
    .set({ response_status: response.status, response_headers: JSON.stringify(headers), response_body: body, job_id: jobOf(response.status, body) })
    .where('principal_sub', '=', id.sub)
    .where('key', '=', id.key)
    .execute();
}

/**
 * Forgets keys past their lifetime (a periodic job): the table stays small. In batches
 * (`idempotency_keys_created_idx`), like the jobs' purge, so a day of heavy traffic is not one
 * long delete.
 */
export async function purgeExpiredKeys(db: Kysely<Database>, job?: Pick<JobContext, 'job' | 'progress'>): Promise<{ purged: number }> {
  const { purged } = await purgeInBatches(async (batch) => {
    const result = await sql`
      delete from idempotency_keys where (principal_sub, key) in (
        select principal_sub, key from idempotency_keys where created_at < now() - ${KEY_LIFETIME}::interval limit ${batch})`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  }, { job });
  return { purged };
}
