/**
 * The confirmation at scale (issue 10, points 3 and 4): a BFF in this process (the app served
 * on a real port, its job worker started), a tenant with N inline domains of 3 services each,
 * ordered one by one over HTTP, then confirmed. While the job runs, a probe asks
 * `GET /api/health` (which queries the database) every 50 ms and the event loop's delay is
 * sampled, both in the process that serves the requests: on PGlite a job that never yields
 * holds every request up.
 *
 *   npm run bench:confirmation                      # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:confirmation
 *   BENCH_SIZES=50,500 BENCH_ROUNDS=3 BENCH_ROUND_SIZE=100 (the defaults)
 *   BENCH_VACUUM=1: VACUUM (ANALYZE) every table between rounds, as the statistics job does on PGlite
 *
 * Each size gets a fresh database. Then, on one database, BENCH_ROUNDS rounds of
 * BENCH_ROUND_SIZE domains on different tenants show whether a long-lived process gets slower
 * round after round. The figures are printed, never asserted: speed is not a test.
 */
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { serve } from '@hono/node-server';
import { pino } from 'pino';
import { createApp } from '../bff/app.js';
import { systemClock } from '../bff/app-env.js';
import { createAuthenticator } from '../bff/auth/tokens.js';
import { type DatabaseHandle, openDatabase } from '../bff/db/connect.js';
import { migrateToLatest } from '../bff/db/migrate.js';
import { refreshStatistics } from '../bff/db/statistics.js';
import { createDnsChecker } from '../bff/dns/dns-checker.js';
import { createChangeFeed } from '../bff/events/change-feed.js';
import { createJobs } from '../bff/jobs/setup.js';
import { wakeOnNotify } from '../bff/jobs/worker.js';
import { DEMO_USERS, seedDemoData } from '../bff/seed/demo-data.js';
import { openScratchDatabase } from '../test/support/scratch-database.js';

const SIZES = (process.env.BENCH_SIZES ?? '50,500').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ROUND_SIZE = Number(process.env.BENCH_ROUND_SIZE ?? 100);
const SECRET = 'bench-secret-that-is-long-enough-for-hs256!';
/** Alpine's tenants without a domain in the demo data (every sixth). */
const EMPTY_TENANTS = ['T-10006', 'T-10012', 'T-10018', 'T-10024', 'T-10030'];

const ms = (n: number) => `${n.toFixed(0)} ms`;
const perDomain = (total: number, n: number) => `${(total / n).toFixed(2)} ms/domain`;

/**
 * Connections that the server reset: after a long stall its keep-alive timer fires before it
 * reads the request already sent on that connection (the "health checks reset" of issue 10).
 * Counted and sent again, so that the old code can be measured to the end.
 */
let resets = 0;
async function fetchAgain(url: string, init?: RequestInit): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
      resets++;
    }
  }
}

interface Bff {
  database: DatabaseHandle;
  url: string;
  call(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

async function startBff(): Promise<Bff> {
  const started = performance.now();
  const database = process.env.BENCH_DATABASE_URL
    ? await openScratchDatabase(process.env.BENCH_DATABASE_URL, 'sc_bench_confirm')
    : await openDatabase({ pgliteData: 'memory://' });
  await migrateToLatest(database.db);
  await seedDemoData(database.db, systemClock.now());
  const logger = pino({ level: 'silent' });
  const authenticator = createAuthenticator({ jwtSecret: SECRET });
  const dns = createDnsChecker({ timeoutMs: 1_000 });
  const worker = createJobs({ db: database.db, clock: systemClock, logger, workerId: 'bench', dns }, { pollMs: 50, confirmationStepMs: 0 });
  const changes = await createChangeFeed(database.listen);
  const app = createApp({ db: database.db, clock: systemClock, logger, authenticator, demo: true, dns, changes });
  // Woken as in bff/server.ts: by the NOTIFY of the job queued.
  await wakeOnNotify(database.listen, worker);
  const server = serve({ fetch: app.fetch, port: 0 });
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  worker.start();
  if (process.env.BENCH_VERBOSE) console.log(`(a fresh BFF: ${ms(performance.now() - started)})`);
  const user = DEMO_USERS.find((u) => u.id === 'alpine-sales')!;
  const token = await authenticator.sign!({ sub: user.id, name: user.name, level: user.level, org: user.org, roles: user.roles });
  return {
    database,
    url,
    call: (method, path, body) =>
      fetchAgain(`${url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    async close() {
      await worker.stop();
      await new Promise((resolve) => server.close(resolve));
      await changes.close();
      await database.close();
    },
  };
}

/** Orders `n` inline domains with SC-SERVICE, SC-F-INBOUND and SC-F-OUTBOUND, one request each. */
async function order(bff: Bff, tenantId: string, n: number, prefix: string): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const response = await bff.call('POST', `/api/tenants/${tenantId}/domains`, { name: `${prefix}-${i}.ch`, mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND'] });
    if (response.status !== 201) throw new Error(`ordering ${prefix}-${i}.ch: ${response.status} ${await response.text()}`);
  }
  return performance.now() - started;
}

interface Confirmed {
  /** From the job's creation to its finish, by the database's clock. */
  totalMs: number;
  /** The longest a probe request waited for its answer while the job ran. */
  worstProbeMs: number;
  /** The event loop's longest delay while the job ran. */
  worstStallMs: number;
  /** Connections reset by the server meanwhile. */
  resets: number;
  /** The longest stall over a second before the job, with nothing running. */
  idleStallMs: number;
  /** ms per domain over the first and the last fifth of the domains, from the polled progress. */
  head?: number;
  tail?: number;
}

/** ms per domain between the polls nearest to `from` and `to` domains checked. */
function rate(seen: { at: number; checked: number }[], from: number, to: number): number | undefined {
  const a = seen.find((s) => s.checked >= from);
  const b = [...seen].reverse().find((s) => s.checked <= to);
  return a && b && b.checked > a.checked ? (b.at - a.at) / (b.checked - a.checked) : undefined;
}

/**
 * The event loop's longest delay over a second with no job running, the probe only: on a
 * machine shared with other work the process is sometimes not scheduled at all, and that
 * shows as a stall which no code of ours causes. The floor to read the stalls against.
 */
async function idleStallMs(): Promise<number> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  loop.disable();
  return loop.max / 1e6;
}

async function confirm(bff: Bff, tenantId: string, n: number): Promise<Confirmed> {
  const idle = await idleStallMs();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  const resetsBefore = resets;
  let worstProbeMs = 0;
  let probing = true;
  // A probe is due every 50 ms and its latency counts from when it was due: a client's request
  // that arrives while the event loop is stuck waits as long as the loop does, even though this
  // process (being that loop) can only send it afterwards.
  const probes = (async () => {
    let due = performance.now();
    while (probing) {
      const response = await fetchAgain(`${bff.url}/api/health`);
      await response.arrayBuffer();
      worstProbeMs = Math.max(worstProbeMs, performance.now() - due);
      due = Math.max(due + 50, performance.now());
      await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    }
  })();
  loop.enable();
  const { jobId } = (await (await bff.call('POST', `/api/tenants/${tenantId}/confirmations`)).json()) as { jobId: string };
  let job: { status: string; progress: { checked: number } | null; result: { domains: { passed: boolean }[] } | null; createdAt: string; updatedAt: string };
  // Polled as an element would (a little more often): the job's progress over time gives the
  // cost per domain at its head and at its tail within one run, whatever else the machine does.
  const seen: { at: number; checked: number }[] = [];
  for (;;) {
    job = (await (await bff.call('GET', `/api/jobs/${jobId}`)).json()) as typeof job;
    if (job.status === 'running' && job.progress) seen.push({ at: performance.now(), checked: job.progress.checked });
    if (job.status === 'succeeded' || job.status === 'failed') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  loop.disable();
  probing = false;
  await probes;
  if (job.status !== 'succeeded') throw new Error(`the confirmation failed: ${JSON.stringify(job.result)}`);
  const passed = job.result!.domains.filter((d) => d.passed).length;
  if (passed !== n) throw new Error(`${passed} of ${n} domains passed`);
  return { totalMs: Date.parse(job.updatedAt) - Date.parse(job.createdAt), worstProbeMs, worstStallMs: loop.max / 1e6, resets: resets - resetsBefore, idleStallMs: idle,
    head: rate(seen, 0, n / 5), tail: rate(seen, (4 * n) / 5, n) };
}

const kind = process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
console.log(`Confirmation on ${kind}: inline domains with 3 services, CONFIRMATION_STEP_MS=0\n`);
const bySize = new Map<number, Confirmed>();
for (const n of SIZES) {
  const bff = await startBff();
  try {
    const orderMs = await order(bff, 'T-10006', n, `bench-${n}`);
    const result = await confirm(bff, 'T-10006', n);
    bySize.set(n, result);
    console.log(
      `${String(n).padStart(4)} domains: ordering one by one ${ms(orderMs)} (${perDomain(orderMs, n)}); ` +
        `confirmation ${ms(result.totalMs)} (${perDomain(result.totalMs, n)}); ` +
        (result.head && result.tail ? `head ${result.head.toFixed(2)}, tail ${result.tail.toFixed(2)} ms/domain (tail/head ${(result.tail / result.head).toFixed(2)}×); ` : '') +
        `worst probe ${ms(result.worstProbeMs)}, worst event-loop stall ${ms(result.worstStallMs)} (idle ${ms(result.idleStallMs)})${result.resets ? `, ${result.resets} connections reset` : ''}`,
    );
  } finally {
    await bff.close();
  }
}
const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)];
if (small !== large) {
  const ratio = bySize.get(large)!.totalMs / large / (bySize.get(small)!.totalMs / small);
  console.log(`per-domain cost at ${large} / at ${small}: ${ratio.toFixed(2)}×`);
}

if (ROUNDS > 0) {
  console.log(`\n${ROUNDS} rounds of ${ROUND_SIZE} domains in one process and database (a new tenant each round):`);
  const bff = await startBff();
  try {
    for (let round = 0; round < Math.min(ROUNDS, EMPTY_TENANTS.length); round++) {
      const tenantId = EMPTY_TENANTS[round]!;
      const orderMs = await order(bff, tenantId, ROUND_SIZE, `round-${round}`);
      const result = await confirm(bff, tenantId, ROUND_SIZE);
      if (process.env.BENCH_VACUUM) await refreshStatistics(bff.database.db, { vacuum: true });
      console.log(`round ${round + 1}: ordering ${ms(orderMs)}, confirmation ${ms(result.totalMs)}, worst probe ${ms(result.worstProbeMs)}, worst stall ${ms(result.worstStallMs)}${result.resets ? `, ${result.resets} connections reset` : ''}`);
    }
  } finally {
    await bff.close();
  }
}
process.exit(0);
