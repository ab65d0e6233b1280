import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

const DATE_OID = 1082;
const INT8_OID = 20;

/** What the live views need to know of a LISTEN: its notifications, and when some may be lost. */
export interface ListenHandlers {
  onPayload(payload: string): void;
  /**
   * The LISTEN connection was lost and is listening again: notifications sent meanwhile never
   * arrived, so whoever shows live data must reload it.
   */
  onResync?(): void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** LISTEN on a channel: every NOTIFY from any process on this database reaches `onPayload`. */
  listen(channel: string, handlers: ListenHandlers): Promise<() => Promise<void>>;
  /** Whether the LISTEN connection is up now (health). PGlite's is in the process: always. */
  listening(): boolean;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  pgliteData?: string;
  /** Connections in the pool (DATABASE_POOL_MAX); the LISTEN connection comes on top. */
  poolMax?: number;
  /** Called with every error of a connection that no query was waiting on (logged, never thrown). */
  onConnectionError?: (error: Error) => void;
}

/** How often the LISTEN connection is asked whether it is still there. */
const LISTEN_PROBE_MS = 15_000;

/** How long to wait before listening again after the LISTEN connection dropped: 0.25 s doubling to 5 s. */
function reconnectDelay(attempt: number): number {
  return Math.min(5_000, 250 * 2 ** attempt);
}

/**
 * One dedicated connection for LISTEN (a pooled one would be handed to queries). It is opened on
 * first use, and when it drops it is opened again, with its channels, with back-off; once it
 * listens again every channel's `onResync` runs, because notifications sent meanwhile are lost.
 */
function pgListener(connectionString: string, onConnectionError: (error: Error) => void) {
  const channels = new Map<string, Set<ListenHandlers>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  // A connection can die without a word (a failover, a NAT or balancer that forgets it): a
  // small statement now and then finds out, and the reconnect (with its resync) follows. The
  // statement is LISTEN again (a no-op for a channel listened to), so that to the server this
  // connection stays recognisable as the listener (pg_stat_activity shows its last statement).
  const probe = setInterval(() => {
    const current = client;
    const channel = channels.keys().next().value;
    if (!current || channel === undefined) return;
    current.query(`listen ${pg.escapeIdentifier(channel)}`).catch((error: Error) => lost(current, error));
  }, LISTEN_PROBE_MS);
  probe.unref();

  function lost(lostClient: pg.Client, error?: Error) {
    if (error) onConnectionError(error);
    if (client !== lostClient) return;
    client = undefined;
    lostClient.end().catch(() => {});
    scheduleReconnect();
  }

  function scheduleReconnect() {
    if (closed || timer || connecting) return;
    timer = setTimeout(() => {
      timer = undefined;
      connect().then(
        () => {
          for (const handlers of channels.values()) for (const h of handlers) h.onResync?.();
        },
        () => scheduleReconnect(),
      );
    }, reconnectDelay(attempt++));
  }

  function connect(): Promise<pg.Client> {
    connecting ??= (async () => {
      const next = new pg.Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000, connectionTimeoutMillis: 5_000 });
      next.on('notification', (message) => {
        for (const handlers of channels.get(message.channel) ?? []) handlers.onPayload(message.payload ?? '');
      });
      next.on('error', (error) => lost(next, error));
      next.on('end', () => lost(next));
      try {
        await next.connect();
        for (const channel of channels.keys()) await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        next.end().catch(() => {});
        throw error;
      }
      if (closed) {
        await next.end().catch(() => {});
        throw new Error('closed');
      }
      client = next;
      attempt = 0;
      return next;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  }

  return {
    async listen(channel: string, handlers: ListenHandlers) {
      const first = !channels.has(channel);
      const set = channels.get(channel) ?? new Set();
      set.add(handlers);
      channels.set(channel, set);
      const current = client ?? (await connect());
      // A fresh connection listens on every known channel already.
      if (first && current === client) await current.query(`listen ${pg.escapeIdentifier(channel)}`).catch(() => {});
      return async () => {
        set.delete(handlers);
      };
    },
    listening: () => client !== undefined,
    async close() {
      closed = true;
      clearTimeout(timer);
      clearInterval(probe);
      await connecting?.catch(() => {});
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}

/**
 * A real PostgreSQL server when `databaseUrl` is given, else the embedded PGlite on
 * `pgliteData` (a folder, or `memory://`). DATE stays a `YYYY-MM-DD` string on both, so that
 * billing dates never shift with the process's time zone.
 *
 * A server's connections can drop at any time (a restart, a failover, `pg_terminate_backend`).
 * Every pooled connection has an error listener for its whole life, so a drop never becomes an
 * uncaught 'error' event that ends the process: the query that used it fails (the app answers
 * 503, see http/database-errors.ts), the pool discards it and opens a new one on demand.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const onConnectionError = options.onConnectionError ?? (() => {});
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolMax ?? 10,
      // A request waits this long for a connection, then fails (503) instead of hanging.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    // The pool's own listener covers idle connections only; this one stays while a connection is checked out.
    pool.on('connect', (client) => client.on('error', onConnectionError));
    pool.on('error', onConnectionError);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listener = pgListener(options.databaseUrl, onConnectionError);
    return {
      db,
      kind: 'postgres',
      listen: listener.listen,
      listening: listener.listening,
      async close() {
        await listener.close();
        await db.destroy();
      },
    };
  }
  const pglite = await PGlite.create(options.pgliteData ?? 'memory://', {
    // The tenant list's search uses trigram indexes (docs/architecture.md#the-tenant-list-at-scale).
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    async listen(channel, handlers) {
      const unlisten = await pglite.listen(channel, handlers.onPayload);
      return async () => unlisten();
    },
    listening: () => true,
    close: () => db.destroy(),
  };
}
