import { Hono } from 'hono';
import { type Kysely, sql } from 'kysely';
import type { AppEnv } from '../app-env.js';
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
  return new Hono<AppEnv>()
    .get('/', async (c) => {
      c.header('Cache-Control', 'no-store');
      if (state.draining()) return c.json({ status: 'draining', db: 'unknown', listener: 'unknown' }, 503);
      const dbUp = await databaseReachable(db);
      const listening = state.listening();
      const body = { status: !dbUp ? 'unavailable' : listening ? 'ok' : 'degraded', db: dbUp ? 'ok' : 'unreachable', listener: listening ? 'ok' : 'reconnecting' };
      return c.json(body, dbUp ? 200 : 503);
    })
    .get('/live', (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json({ status: 'ok' });
    });
}
