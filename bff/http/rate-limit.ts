/**
 * Rate limits per caller, shared by every process through PostgreSQL: GCRA (the generic cell
 * rate algorithm) with one row per bucket holding its theoretical arrival time (TAT). A limit
 * of `q` per window `w` spaces hits `w / q` apart and lets a burst of `q` through; each hit is
 * one atomic `insert … on conflict do update … where … returning` statement, so processes never
 * race on a read-then-write. Time is the database's (`now()`), one clock for every process.
 *
 * Two limits use it (bff/app.ts): writes per authenticated `sub`, and failed authentications
 * per client address. Over a limit the answer is 429 problem+json with `Retry-After` and the
 * IETF draft headers (draft-ietf-httpapi-ratelimit-headers): `RateLimit-Policy: "writes";q=120;w=60`
 * and `RateLimit: "writes";r=<remaining>;t=<seconds until the whole budget is back>`.
 *
 * A query that fails (the database unreachable) propagates: the app's error handler answers it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Kysely, sql } from 'kysely';
import type { AppEnv } from '../app-env.js';
import type { Database } from '../db/schema.js';
import { ProblemError } from './problem.js';

const WINDOW_SECONDS = 60;

export interface RateLimitSettings {
  /** POST, PUT, PATCH and DELETE per authenticated `sub` and minute; 0 or unset: no limit. */
  writesPerMinute?: number;
  /** Failed authentications (401) per client address and minute; 0 or unset: no limit. */
  authFailuresPerMinute?: number;
  /** Take the client address from the rightmost `X-Forwarded-For` entry (behind a proxy of ours). */
  trustProxy?: boolean;
}

/** A named budget: `quota` hits per `windowSeconds`. */
export interface RatePolicy {
  name: string;
  quota: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Hits left in the budget after this one. */
  remaining: number;
  /** Seconds until the whole budget is back. */
  resetSeconds: number;
  /** Seconds until a hit would be allowed again (0 when allowed). */
  retryAfterSeconds: number;
}

const spacingMs = (policy: RatePolicy) => (policy.windowSeconds * 1000) / policy.quota;
const ms = (value: number) => sql`(${value}::float8 * interval '1 millisecond')`;

function decision(policy: RatePolicy, aheadMs: number | null, currentMs: number | null): RateDecision {
  const windowMs = policy.windowSeconds * 1000;
  const spacing = spacingMs(policy);
  if (aheadMs !== null) {
    const ahead = Math.max(0, aheadMs);
    // A little slack for the float division: 7 per minute must leave 6, not 5.999….
    return { allowed: true, remaining: Math.max(0, Math.floor((windowMs - ahead) / spacing + 1e-6)), resetSeconds: Math.ceil(ahead / 1000), retryAfterSeconds: 0 };
  }
  const ahead = Math.max(0, currentMs ?? windowMs);
  return { allowed: false, remaining: 0, resetSeconds: Math.ceil(ahead / 1000), retryAfterSeconds: Math.max(1, Math.ceil((ahead + spacing - windowMs) / 1000)) };
}

/**
 * One hit on a bucket: allowed and counted when the bucket has room, otherwise refused and not
 * counted (a refused caller's retries do not push its TAT further out).
 */
export async function hitRateLimit(db: Kysely<Database>, key: string, policy: RatePolicy): Promise<RateDecision> {
  const spacing = spacingMs(policy);
  const windowMs = policy.windowSeconds * 1000;
  // The outer select reads the statement's snapshot: the TAT before this hit, which is what
  // refused it when `hit` returns no row.
  const { rows } = await sql<{ ahead_ms: number | null; current_ms: number | null }>`
    with hit as (
      insert into rate_limits as r (key, tat) values (${key}, now() + ${ms(spacing)})
      on conflict (key) do update set tat = greatest(r.tat, now()) + ${ms(spacing)}
        where greatest(r.tat, now()) + ${ms(spacing)} <= now() + ${ms(windowMs)}
      returning r.tat
    )
    select
      (select extract(epoch from hit.tat - now())::float8 * 1000 from hit) as ahead_ms,
      (select extract(epoch from c.tat - now())::float8 * 1000 from rate_limits c where c.key = ${key}) as current_ms`.execute(db);
  const row = rows[0]!;
  return decision(policy, row.ahead_ms === null ? null : Number(row.ahead_ms), row.current_ms === null ? null : Number(row.current_ms));
}

/** Forgets buckets whose budget is whole again (a periodic job): the table stays small. */
export async function purgeRateLimits(db: Kysely<Database>): Promise<{ purged: number }> {
  const result = await db.deleteFrom('rate_limits').where('tat', '<', sql<Date>`now()`).executeTakeFirst();
  return { purged: Number(result.numDeletedRows) };
}

/** The IETF draft headers of a decision (`RateLimit-Policy`, `RateLimit`, and `Retry-After` when refused). */
export function rateLimitHeaders(policy: RatePolicy, decision: RateDecision): Record<string, string> {
  return {
    'RateLimit-Policy': `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`,
    RateLimit: `"${policy.name}";r=${decision.remaining};t=${decision.resetSeconds}`,
    ...(decision.allowed ? {} : { 'Retry-After': String(decision.retryAfterSeconds) }),
  };
}

function rateLimited(policy: RatePolicy, decision: RateDecision, detail: string): ProblemError {
  return new ProblemError(429, 'rate-limited', 'Too many requests', `${detail} Retry in ${decision.retryAfterSeconds} s.`, undefined, rateLimitHeaders(policy, decision));
}

/**
 * The client's address: the TCP peer (@hono/node-server's getConnInfo), or with `trustProxy`
 * the rightmost `X-Forwarded-For` entry (the one our own proxy added; entries to its left are
 * whatever the client claimed). `unknown` where there is no socket (app.request in tests).
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').map((entry) => entry.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded.slice(0, 100);
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Limits writes per authenticated caller (after authentication): over the budget, 429 before
 * the route runs; within it, the route's answer carries `RateLimit` and `RateLimit-Policy`.
 */
export function limitWrites(db: Kysely<Database>, perMinute: number | undefined): MiddlewareHandler<AppEnv> {
  const policy: RatePolicy = { name: 'writes', quota: perMinute ?? 0, windowSeconds: WINDOW_SECONDS };
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!policy.quota || !WRITES.has(c.req.method)) return next();
    const result = await hitRateLimit(db, `writes:${c.get('principal').sub}`, policy);
    if (!result.allowed) throw rateLimited(policy, result, `More than ${policy.quota} changes in ${policy.windowSeconds} s.`);
    await next();
    for (const [name, value] of Object.entries(rateLimitHeaders(policy, result))) c.res.headers.set(name, value);
  });
}

/**
 * Wraps the authentication middleware: every 401 it decides counts one hit on the client
 * address's budget of failed authentications; once over it, a failed authentication is answered
 * 429 instead. A valid token is always let through: the callers behind one office's NAT or one
 * proxy share an address, and a stranger's garbage tokens must not lock them out.
 */
export function limitAuthFailures(db: Kysely<Database>, settings: RateLimitSettings | undefined, authenticate: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  const policy: RatePolicy = { name: 'auth-failures', quota: settings?.authFailuresPerMinute ?? 0, windowSeconds: WINDOW_SECONDS };
  if (!policy.quota) return authenticate;
  return createMiddleware<AppEnv>(async (c, next) => {
    let authenticated = false;
    try {
      await authenticate(c, async () => {
        authenticated = true;
        await next();
      });
    } catch (error) {
      if (!authenticated && error instanceof ProblemError && error.status === 401) {
        const result = await hitRateLimit(db, `auth-failures:${clientAddress(c, settings?.trustProxy)}`, policy);
        if (!result.allowed) throw rateLimited(policy, result, `More than ${policy.quota} failed authentications from this address in ${policy.windowSeconds} s.`);
      }
      throw error;
    }
  });
}
