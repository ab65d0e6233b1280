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
import { createClaimMapper } from './auth/claims.js';
import { createAuthenticator } from './auth/tokens.js';
import { openDatabase } from './db/connect.js';
import { migrateToLatest } from './db/migrate.js';
import { createDnsChecker, parseDnsServers } from './dns/dns-checker.js';
import { createChangeFeed } from './events/change-feed.js';
import { createJobs } from './jobs/setup.js';
import { wakeOnNotify } from './jobs/worker.js';
import { serverTimeouts } from './http/server-timeouts.js';
import { parseEnv } from './env.js';
import { seedDemoData } from './seed/demo-data.js';

const env = parseEnv();
// One line per request, written in batches (4 KiB, or every second) instead of a write system
// call per line: ~6 % of a list request's CPU under load (issue 10, a lean request path). pino
// flushes the batch synchronously when the process exits (a crash included); only a SIGKILL can
// lose the last second.
const logDestination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => logDestination.flush(), 1_000).unref();
const logger = pino({ level: env.LOG_LEVEL }, logDestination);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (!env.DATABASE_URL && !env.PGLITE_DATA.startsWith('memory://')) mkdirSync(resolve(root, env.PGLITE_DATA), { recursive: true });
const dbLogger = logger.child({ component: 'database' });
const database = await openDatabase({
  databaseUrl: env.DATABASE_URL,
  pgliteData: env.PGLITE_DATA.startsWith('memory://') ? env.PGLITE_DATA : resolve(root, env.PGLITE_DATA),
  poolMax: env.DATABASE_POOL_MAX,
  // A dropped connection is logged and replaced; the request that used it got a 503.
  onConnectionError: (error) => dbLogger.warn({ err: error }, 'database connection lost'),
});
await migrateToLatest(database.db);
if (env.DEMO && (await seedDemoData(database.db, systemClock.now()))) logger.info('seeded the demo data');

let jwtSecret = env.AUTH_JWT_SECRET;
if (!jwtSecret && !env.AUTH_JWKS_URL) {
  // Demo mode without a configured secret: tokens live as long as this process.
  jwtSecret = randomBytes(32).toString('hex');
  logger.warn('AUTH_JWT_SECRET is unset: demo tokens are signed with a random secret of this process');
}
const authLogger = logger.child({ component: 'auth' });
const authenticator = createAuthenticator({
  jwtSecret,
  jwksUrl: env.AUTH_JWKS_URL,
  issuer: env.AUTH_ISSUER,
  audience: env.AUTH_AUDIENCE,
  maxTokenAgeSeconds: env.AUTH_MAX_TOKEN_AGE_SECONDS,
  mapClaims: env.AUTH_CLAIMS && createClaimMapper(env.AUTH_CLAIMS, (dropped) => authLogger.debug(dropped, 'role values AUTH_CLAIMS does not map were dropped')),
});

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
    jobRetentionDays: env.JOB_RETENTION_DAYS,
    statisticsEveryMs: env.STATISTICS_EVERY_MINUTES * 60_000,
    // PGlite has no autovacuum: the statistics job vacuums there too.
    vacuum: database.kind === 'pglite',
  },
);
// Work queued by any process (or this one) wakes the worker at once; polling is only the fallback.
const stopWaking = env.WORKER ? await wakeOnNotify(database.listen, worker) : undefined;
if (env.WORKER) worker.start();

let draining = false;
const demoAssets = resolve(root, 'dist/demo');
const docsAssets = resolve(root, 'dist/docs');
const app = createApp({
  db: database.db,
  clock: systemClock,
  logger,
  authenticator,
  demo: env.DEMO,
  demoAssets: existsSync(demoAssets) ? demoAssets : undefined,
  docsAssets: existsSync(docsAssets) ? docsAssets : undefined,
  dns,
  changes,
  health: { listening: database.listening, draining: () => draining },
  tenantListExactTotal: env.TENANT_LIST_EXACT_TOTAL,
  corsOrigins: env.CORS_ORIGINS,
  frameAncestors: env.FRAME_ANCESTORS,
  rateLimits: { writesPerMinute: env.RATE_LIMIT_WRITES_PER_MINUTE, authFailuresPerMinute: env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE, trustProxy: env.TRUST_PROXY },
});

const server = serve({ fetch: app.fetch, port: env.PORT, serverOptions: serverTimeouts(env.REQUEST_TIMEOUT_SECONDS) }, (info) => {
  logger.info({ port: info.port, database: database.kind, demo: env.DEMO }, `listening on http://localhost:${info.port}`);
});

/**
 * SIGTERM (or SIGINT): report not ready (and keep serving for SHUTDOWN_DELAY_SECONDS, while the
 * load balancer notices), stop accepting, let the requests in flight finish (for at most
 * SHUTDOWN_GRACE_SECONDS), tell live streams to reconnect elsewhere, let the worker finish its
 * current step and hand its job back, then close the database and exit 0. A hard stop after
 * both periods (and a few seconds more) makes sure the process ends whatever hangs.
 */
async function shutdown(signal: string) {
  if (draining) return;
  draining = true;
  const delayMs = env.SHUTDOWN_DELAY_SECONDS * 1000;
  const graceMs = env.SHUTDOWN_GRACE_SECONDS * 1000;
  setTimeout(() => {
    logger.error('shutdown took too long: exiting');
    process.exit(1);
  }, delayMs + graceMs + 5_000).unref();
  logger.info({ signal, delaySeconds: env.SHUTDOWN_DELAY_SECONDS, graceSeconds: env.SHUTDOWN_GRACE_SECONDS }, 'shutting down: not ready any more');
  const workerStopped = worker.stop();
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
  logger.info('shutting down: finishing the requests in flight');
  changes.drain();
  const requestsDone = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive connections without a request in flight close now, and as each request ends.
  const idle = setInterval(() => (server as import('node:http').Server).closeIdleConnections(), 100);
  const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  const [outcome] = await Promise.all([Promise.race([requestsDone, grace]), Promise.race([workerStopped, grace])]);
  clearInterval(idle);
  if (outcome === 'timeout') {
    logger.warn('shutdown grace period over: closing the connections still open');
    (server as import('node:http').Server).closeAllConnections();
  }
  await changes.close();
  await stopWaking?.();
  await database.close();
  logger.info('stopped');
  process.exit(0);
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
