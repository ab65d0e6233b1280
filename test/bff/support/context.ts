/**
 * One database per test file: a fresh database on the server in TEST_DATABASE_URL (CI), or an
 * in-memory PGlite without it. Migrated and seeded with the demo data on a fixed clock.
 */
import { pino } from 'pino';
import { type AppOptions, createApp } from '../../../bff/app.js';
import type { Clock } from '../../../bff/app-env.js';
import { createAuthenticator } from '../../../bff/auth/tokens.js';
import { type DatabaseHandle, openDatabase } from '../../../bff/db/connect.js';
import { migrateToLatest } from '../../../bff/db/migrate.js';
import { createDnsChecker } from '../../../bff/dns/dns-checker.js';
import { createChangeFeed } from '../../../bff/events/change-feed.js';
import { createJobs } from '../../../bff/jobs/setup.js';
import { startDnsServer, type TestDnsServer } from '../../support/dns-server.js';
import type { Worker } from '../../../bff/jobs/worker.js';
import { DEMO_USERS, seedDemoData } from '../../../bff/seed/demo-data.js';
import { openScratchDatabase } from '../../support/scratch-database.js';

export const TEST_SECRET = 'test-secret-that-is-long-enough-for-hs256!';
export const TEST_NOW = new Date('2026-11-24T10:00:00Z');

export interface TestContext {
  db: DatabaseHandle['db'];
  kind: DatabaseHandle['kind'];
  /** The app as the tests use it: no CORS origins and no rate limits (they are off unless given). */
  app: ReturnType<typeof createApp>;
  /** Another app on the same database and dependencies, with some options of its own (rate limits, CORS, …). */
  appWith(options: Partial<AppOptions>): ReturnType<typeof createApp>;
  clock: Clock & { set(date: Date): void };
  /** The background jobs, not started: tests run them with `runUntilIdle()`. */
  worker: Worker;
  /** The DNS server the BFF's checks ask: tests publish records in it. */
  dns: TestDnsServer;
  tokenFor(userId: string): Promise<string>;
  /** `app.request` as a given demo user; JSON bodies are serialised. */
  as(userId: string | null, method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

async function openTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl ? openScratchDatabase(serverUrl, 'sc_test') : openDatabase({ pgliteData: 'memory://' });
}

export async function createTestContext(options: { seed?: boolean } = {}): Promise<TestContext> {
  const database = await openTestDatabase();
  await migrateToLatest(database.db);
  let now = TEST_NOW;
  const clock = { now: () => now, set: (date: Date) => void (now = date) };
  if (options.seed !== false) await seedDemoData(database.db, clock.now());
  const authenticator = createAuthenticator({ jwtSecret: TEST_SECRET });
  const logger = pino({ level: 'silent' });
  const dnsServer = await startDnsServer();
  const dns = createDnsChecker({ servers: [dnsServer.address], timeoutMs: 2_000 });
  const worker = createJobs({ db: database.db, clock, logger, workerId: 'test-worker', dns });
  const changes = await createChangeFeed(database.listen);
  const appOptions: AppOptions = { db: database.db, clock, logger, authenticator, demo: true, dns, changes };
  const app = createApp(appOptions);

  const tokens = new Map<string, string>();
  async function tokenFor(userId: string): Promise<string> {
    if (!tokens.has(userId)) {
      const user = DEMO_USERS.find((u) => u.id === userId);
      if (!user) throw new Error(`no demo user ${userId}`);
      tokens.set(userId, await authenticator.sign!({ sub: user.id, name: user.name, level: user.level, org: user.org, roles: user.roles }));
    }
    return tokens.get(userId)!;
  }

  return {
    db: database.db,
    kind: database.kind,
    app,
    appWith: (options) => createApp({ ...appOptions, ...options }),
    clock,
    worker,
    dns: dnsServer,
    tokenFor,
    async as(userId, method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (userId) headers.Authorization = `Bearer ${await tokenFor(userId)}`;
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      return app.request(path, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    },
    async close() {
      await dnsServer.close();
      await changes.close();
      await database.close();
    },
  };
}
