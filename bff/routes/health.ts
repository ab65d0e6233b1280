import { type Kysely, sql } from 'kysely';
import { json, ok, openApiRoutes, operation } from '../openapi/operation.js';
import * as S from '../openapi/schemas.js';
import type { Database } from '../db/schema.js';

/** What the process knows of itself beyond the database (server.ts tells it). */
export interface HealthState {
  /** Whether the LISTEN connection for live updates is up. */
  listening(): boolean;
  /** Whether the process is shutting down and wants no new requests. */
  draining(): boolean;
}

const DB_CHECK_TIMEOUT_MS = 2_000;

async function databaseReachable(db: Kysely<Database>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DB_CHECK_TIMEOUT_MS)));
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /api/health`: whether this process should get requests (readiness). 503 while the
 * database is out of reach or the process drains; 200 `degraded` while only live updates are
 * down (requests work, views reload once the listener is back). `GET /api/health/live`: the
 * process runs (liveness); it never asks the database, so an outage does not get it restarted.
 */
export function healthRoutes(db: Kysely<Database>, state: HealthState) {
  const readiness = operation({
    method: 'get', path: '/', operationId: 'getReadiness', tag: 'Health', public: true,
    summary: 'Readiness: the database reachable, live updates listening, not shutting down',
    notes: '503 when the database is unreachable or the process drains; 200 with `status: degraded` while only the live updates\' LISTEN connection is reconnecting.',
    responses: { 200: ok('Ready (or degraded)', json(S.Health)), 503: ok('Not ready: the database is out of reach, or the process drains', json(S.Health)) },
  });
  const liveness = operation({
    method: 'get', path: '/live', operationId: 'getLiveness', tag: 'Health', public: true,
    summary: 'Liveness: the process runs (asks no database)',
    responses: { 200: ok('The process runs', json(S.Liveness)) },
  });
  return openApiRoutes()
    .openapi(readiness, async (c) => {
      c.header('Cache-Control', 'no-store');
      if (state.draining()) return c.json({ status: 'draining', db: 'unknown', listener: 'unknown' } as const, 503);
      const dbUp = await databaseReachable(db);
      const listening = state.listening();
      const body = { status: !dbUp ? 'unavailable' : listening ? 'ok' : 'degraded', db: dbUp ? 'ok' : 'unreachable', listener: listening ? 'ok' : 'reconnecting' } as const;
      return dbUp ? c.json(body, 200) : c.json(body, 503);
    })
    .openapi(liveness, (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok' } as const, 200);
    });
}
