/**
 * `npm start`: parse the environment, open PostgreSQL (a server, or the embedded PGlite),
 * migrate, seed the demo when the database is empty, and serve the API and the demo page.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from './app.js';
import { systemClock } from './app-env.js';
import { createAuthenticator } from './auth/tokens.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createDnsChecker, parseDnsServers } from './dns/dns-checker.js';
import { createChangeFeed } from './events/change-feed.js';
import { createJobs } from './jobs/setup.js';
import { parseEnv } from './env.js';
import { seedDemoData } from './seed/demo-data.js';

const env = parseEnv();
const logger = pino({ level: env.LOG_LEVEL });
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (!env.DATABASE_URL && !env.PGLITE_DATA.startsWith('memory://')) mkdirSync(resolve(root, env.PGLITE_DATA), { recursive: true });
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  pgliteData: env.PGLITE_DATA.startsWith('memory://') ? env.PGLITE_DATA : resolve(root, env.PGLITE_DATA),
});
await migrateToLatest(database.db);
if (env.DEMO && (await seedDemoData(database.db, systemClock.now()))) logger.info('seeded the demo data');

let jwtSecret = env.AUTH_JWT_SECRET;
if (!jwtSecret && !env.AUTH_JWKS_URL) {
  // Demo mode without a configured secret: tokens live as long as this process.
  jwtSecret = randomBytes(32).toString('hex');
  logger.warn('AUTH_JWT_SECRET is unset: demo tokens are signed with a random secret of this process');
}
const authenticator = createAuthenticator({ jwtSecret, jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE });

const changes = await createChangeFeed(database.listen);
const dns = createDnsChecker({ servers: parseDnsServers(env.DNS_SERVERS), timeoutMs: 3_000, logger: logger.child({ component: 'dns' }) });
const worker = createJobs(
  { db: database.db, clock: systemClock, logger: logger.child({ component: 'jobs' }), workerId: `${hostname()}:${process.pid}`, dns },
  {
    dnsCheckEveryMs: env.DNS_CHECK_EVERY_MINUTES * 60_000,
    autoDeployEveryMs: env.AUTO_DEPLOY_EVERY_MINUTES * 60_000,
    deprovisionEveryMs: env.DEPROVISION_EVERY_MINUTES * 60_000,
    leaseMs: env.JOB_LEASE_SECONDS * 1000,
    confirmationStepMs: env.CONFIRMATION_STEP_MS,
  },
);
if (env.WORKER) worker.start();

const demoAssets = resolve(root, 'dist/demo');
const app = createApp({
  db: database.db,
  clock: systemClock,
  logger,
  authenticator,
  demo: env.DEMO,
  demoAssets: existsSync(demoAssets) ? demoAssets : undefined,
  dns,
  changes,
  wakeWorker: env.WORKER ? () => worker.wake() : undefined,
});

const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  logger.info({ port: info.port, database: database.kind, demo: env.DEMO }, `listening on http://localhost:${info.port}`);
});

async function shutdown(signal: string) {
  logger.info({ signal }, 'shutting down');
  server.close();
  await worker.stop();
  await changes.close();
  await database.close();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
