import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

const DATE_OID = 1082;
const INT8_OID = 20;

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: 'postgres' | 'pglite';
  /** LISTEN on a channel: every NOTIFY from any process on this database reaches `onPayload`. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * One dedicated connection for LISTEN (a pooled one would be handed to queries), opened on
 * first use and opened again, with its channels, when it drops.
 */
function pgListener(connectionString: string) {
  const channels = new Map<string, Set<(payload: string) => void>>();
  let client: Promise<pg.Client> | undefined;
  let closed = false;

  function connect(): Promise<pg.Client> {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      for (const listener of channels.get(message.channel) ?? []) listener(message.payload ?? '');
    });
    next.on('error', () => {
      client = undefined;
      next.end().catch(() => {});
      if (!closed) setTimeout(() => void reconnect(), 1_000);
    });
    return next.connect().then(async () => {
      for (const channel of channels.keys()) await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      return next;
    });
  }
  async function reconnect() {
    if (closed || client) return;
    client = connect();
    await client.catch(() => {
      client = undefined;
      if (!closed) setTimeout(() => void reconnect(), 1_000);
    });
  }

  return {
    async listen(channel: string, onPayload: (payload: string) => void) {
      const first = !channels.has(channel);
      const listeners = channels.get(channel) ?? new Set();
      listeners.add(onPayload);
      channels.set(channel, listeners);
      client ??= connect();
      if (first) await (await client).query(`listen ${pg.escapeIdentifier(channel)}`);
      return async () => {
        listeners.delete(onPayload);
      };
    },
    async close() {
      closed = true;
      if (client) await (await client).end().catch(() => {});
    },
  };
}

/**
 * A real PostgreSQL server when `databaseUrl` is given, else the embedded PGlite on
 * `pgliteData` (a folder, or `memory://`). DATE stays a `YYYY-MM-DD` string on both, so that
 * billing dates never shift with the process's time zone.
 */
export async function openDatabase(options: { databaseUrl?: string; pgliteData?: string }): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
          oid === DATE_OID ? (v: string) => v : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
      },
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const listener = pgListener(options.databaseUrl);
    return {
      db,
      kind: 'postgres',
      listen: listener.listen,
      async close() {
        await listener.close();
        await db.destroy();
      },
    };
  }
  const pglite = await PGlite.create(options.pgliteData ?? 'memory://', {
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => v },
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      const unlisten = await pglite.listen(channel, onPayload);
      return async () => unlisten();
    },
    close: () => db.destroy(),
  };
}
