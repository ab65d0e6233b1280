/**
 * Does the tenant list scale, and what does the BFF add to its SQL? (issue 10, points 5 and 6)
 *
 *   npm run bench                                                          # embedded PGlite
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench   # a server
 *
 * 1. Builds one partner per size (BENCH_SIZES, default 1000,10000,100000 tenants; 0–3 domains
 *    and 1–6 services per domain), generated in SQL, in a scratch database (server) or a PGlite
 *    folder of its own.
 * 2. Latency through HTTP against a real BFF process (bff/server.ts in a child, NODE_ENV=production,
 *    request log at `info` to /dev/null, the jobs worker off): per sort key and order, and for
 *    search (a substring of names, a domain's name), the first page, the next page and the page
 *    before it (following the answer's `next`/`prev` cursors when it has them, else `offset`),
 *    median of BENCH_RUNS, and the ratio largest/smallest size.
 * 3. Throughput (BENCH_THROUGHPUT_SIZES, default 1000,10000): GET /api/tenants?sort=name&limit=50
 *    with a valid token, at BENCH_CONCURRENCY connections for BENCH_SECONDS, against two baselines
 *    in their own child processes (bench/support/baseline-server.ts): bare Hono answering the same
 *    JSON from memory, and a bare node:http handler running the same SQL with raw `pg` (the
 *    statements are captured from the BFF's own Kysely while the app answers that request, so the
 *    comparison follows the list's SQL as it changes). BENCH_ROUNDS rounds, the servers in a
 *    rotating order; every figure is measured in this run. Then the SQL's database time (EXPLAIN
 *    ANALYZE) and an open load at 70 % of the BFF's maximum for BENCH_OPEN_SECONDS: p50, p99.
 * 4. BENCH_PROFILE=<folder>: the BFF child runs with `--cpu-prof` into that folder; its profile's
 *    heaviest packages and functions (self time) are printed at the end.
 *
 * The load generator (bench/support/load.ts) runs in this process: two cores are shared by it,
 * the server under test and the database, so read the ratios, which are measured side by side.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CompiledQuery, type KyselyPlugin, PostgresQueryCompiler, sql } from 'kysely';
import { pino } from 'pino';
import { createApp } from '../bff/app.js';
import { systemClock } from '../bff/app-env.js';
import { createAuthenticator } from '../bff/auth/tokens.js';
import { type DatabaseHandle, openDatabase } from '../bff/db/connect.js';
import { migrateToLatest } from '../bff/db/migrate.js';
import { createDnsChecker } from '../bff/dns/dns-checker.js';
import { createChangeFeed } from '../bff/events/change-feed.js';
import { seedDemoData } from '../bff/seed/demo-data.js';
import { openScratchDatabase } from '../test/support/scratch-database.js';
import { startBff } from '../test/support/bff-process.js';
import type { Statement } from './support/baseline-server.js';
import { closedLoop, get, keepAlive, latency, median, openLoop } from './support/load.js';
import { monotonicMicros, summarizeProfile } from './support/profile.js';

const list = (value: string | undefined, fallback: string) => (value ?? fallback).split(',').map(Number).filter((n) => n > 0);
const SIZES = list(process.env.BENCH_SIZES, '1000,10000,100000');
const THROUGHPUT_SIZES = list(process.env.BENCH_THROUGHPUT_SIZES, '1000,10000').filter((n) => SIZES.includes(n));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const OPEN_SECONDS = Number(process.env.BENCH_OPEN_SECONDS ?? 10);
const PROFILE = process.env.BENCH_PROFILE;
/** Another checkout whose BFF joins the throughput rounds (before/after a change, same run); a server only. */
const COMPARE_ROOT = process.env.BENCH_COMPARE_ROOT;
const SERVER = process.env.BENCH_DATABASE_URL;
const PAGE = 50;
const SECRET = 'bench-secret-that-is-long-enough-for-hs256!';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const partnerOf = (size: number) => `P-BENCH-${size}`;
/** A tenant of the size's partner that has a domain (g % 4 ≥ 1), by its number. */
const domainOf = (size: number) => `kunde${size * 100 + Math.floor(size / 2) + 1}-1.ch`;

// ---------------------------------------------------------------------------------------------
// 1. The data

const pgliteFolder = SERVER ? undefined : mkdtempSync(join(tmpdir(), 'sc-bench-'));
const database: DatabaseHandle & { url?: string } = SERVER
  ? await openScratchDatabase(SERVER, 'sc_bench')
  : await openDatabase({ pgliteData: pgliteFolder! });
const { db } = database;
console.log(`tenant list benchmark on ${database.kind}${SERVER ? '' : ` (${pgliteFolder})`}; sizes ${SIZES.join(', ')}; page of ${PAGE}`);
await migrateToLatest(db);
await seedDemoData(db, new Date());

for (const size of SIZES) {
  const started = performance.now();
  const partner = partnerOf(size);
  // Numbers apart per size (1000 → T-100001…T-101000), so that the sizes never share an ID.
  const base = size * 100;
  await sql`insert into partners (id, name, country) values (${partner}, ${`Bench Partner ${size}`}, 'CH')`.execute(db);
  await sql`insert into tenants (id, partner_id, name, email, phone, country, region)
    select 'T-' || (${base}::int + g), ${partner}, 'Bench Kunde ' || md5(${size}::text || '-' || g), 'it@kunde' || g || '.ch', '+41 44 000 00 00', 'CH', 'ch'
    from generate_series(1, ${size}::int) g`.execute(db);
  // Statistics before each next insert: the counters' triggers join the new rows with the
  // tables, and without them the planner chooses a plan that grows with the square of the size.
  await sql`analyze tenants`.execute(db);
  await sql`insert into managed_domains (id, tenant_id, name, mode)
    select 'D-' || (${base}::int + g) || '-' || d, 'T-' || (${base}::int + g), 'kunde' || (${base}::int + g) || '-' || d || '.ch', 'inline'
    from generate_series(1, ${size}::int) g, generate_series(1, 3) d where d <= g % 4`.execute(db);
  await sql`analyze managed_domains`.execute(db);
  await sql`insert into booked_services (domain_id, number, service_code, status)
    select md.id, n, (array['SC-SERVICE','SC-F-INBOUND','SC-F-OUTBOUND','SC-SIGENC','SC-CERT','SC-HIN'])[n],
           (array['ordered','provisioned','cancelled','provisioned','confirmed','deprovisioned'])[n]
    from managed_domains md join tenants t on t.id = md.tenant_id, generate_series(1, 6) n
    where t.partner_id = ${partner} and n <= 1 + (hashtext(md.id) & 5)`.execute(db);
  console.log(`  built ${size.toLocaleString('en')} tenants in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
await sql`analyze`.execute(db);

const authenticator = createAuthenticator({ jwtSecret: SECRET });
const tokens = new Map<number, string>();
for (const size of SIZES) {
  tokens.set(size, await authenticator.sign!({ sub: `bench-${size}`, name: 'Bench', level: 'partner', org: partnerOf(size), roles: ['Sales'] }, 4 * 3600));
}
const auth = (size: number) => ({ Authorization: `Bearer ${tokens.get(size)}` });
const LIST = `/api/tenants?sort=name&order=asc&limit=${PAGE}`;

// ---------------------------------------------------------------------------------------------
// 2. The list request's SQL, captured from the BFF's own Kysely while the app answers it

/**
 * Records every statement the app runs, compiled as Kysely sends it (both dialects compile
 * alike). A query embedded in another (a subquery built apart, an EXPLAIN of a builder) passes
 * through `transformQuery` too, but only what is executed reaches `transformResult`: a statement
 * is recorded there, by its query ID, so the raw handler runs exactly what the BFF ran.
 */
const captured: Statement[] = [];
const compiler = new PostgresQueryCompiler();
const compiledById = new WeakMap<object, Statement>();
const capture: KyselyPlugin = {
  transformQuery(args) {
    const { sql: text, parameters } = compiler.compileQuery(args.node, args.queryId);
    compiledById.set(args.queryId, { sql: text, parameters: [...parameters] });
    return args.node;
  },
  transformResult: async (args) => {
    const statement = compiledById.get(args.queryId);
    if (statement) captured.push(statement);
    return args.result;
  },
};
const changes = await createChangeFeed(database.listen);
const app = createApp({
  db: db.withPlugin(capture),
  clock: systemClock,
  logger: pino({ level: 'silent' }),
  authenticator,
  demo: false,
  dns: createDnsChecker({ servers: ['127.0.0.1:9'], timeoutMs: 1_000 }),
  changes,
});
const statements: Record<number, Statement[]> = {};
const answers: Record<number, unknown> = {};
const databaseMs: Record<number, number> = {};
for (const size of THROUGHPUT_SIZES) {
  captured.length = 0;
  const response = await app.request(LIST, { headers: auth(size) });
  if (response.status !== 200) throw new Error(`the app answered ${response.status}: ${await response.text()}`);
  answers[size] = await response.json();
  statements[size] = [...captured];
  // The database's own time for those statements: EXPLAIN ANALYZE's execution time, summed, median of RUNS.
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    let total = 0;
    for (const s of statements[size]!) {
      // The total's estimate is itself an EXPLAIN (planning only): its wall time is its cost.
      if (/^\s*explain\b/i.test(s.sql)) {
        const started = performance.now();
        await db.executeQuery(CompiledQuery.raw(s.sql, s.parameters));
        total += performance.now() - started;
        continue;
      }
      const { rows } = await db.executeQuery<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(CompiledQuery.raw(`explain (analyze, format json) ${s.sql}`, s.parameters));
      total += rows[0]!['QUERY PLAN'][0]['Execution Time'];
    }
    if (i > 0) times.push(total);
  }
  databaseMs[size] = median(times);
}
await changes.close();

// PGlite is one process's: the BFF child opens the folder, the raw handler a copy of it.
let rawFolder: string | undefined;
if (!SERVER) {
  await database.close();
  rawFolder = `${pgliteFolder}-raw`;
  if (THROUGHPUT_SIZES.length > 0) cpSync(pgliteFolder!, rawFolder, { recursive: true });
}

// ---------------------------------------------------------------------------------------------
// 3. Latency through HTTP, by sort key, search and page

const profileDir = PROFILE ? mkdtempSync(join(PROFILE, 'bff-')) : undefined;
const bff = await startBff({
  databaseUrl: database.url ?? null,
  secret: SECRET,
  root: ROOT,
  discardStdout: true,
  startTimeoutMs: 300_000,
  env: {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    WORKER: '0',
    ...(SERVER ? {} : { PGLITE_DATA: pgliteFolder! }),
  },
  execArgv: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
});

interface Case {
  label: string;
  query: (size: number) => string;
}
const cases: Case[] = [];
for (const sort of ['name', 'id', 'managedDomains', 'totalServices']) {
  for (const order of ['asc', 'desc']) cases.push({ label: `${sort} ${order}`, query: () => `sort=${sort}&order=${order}` });
}
cases.push({ label: 'search "abc" (names)', query: () => 'q=abc&sort=name&order=asc' });
cases.push({ label: 'search a domain name', query: (size) => `q=${domainOf(size)}&sort=name&order=asc` });

const agent = keepAlive(1);
/** The three pages' URLs: the first, the next (its `next` cursor, or offset), and back (the next page's `prev`, or offset 0). */
async function pages(size: number, query: string): Promise<{ first: string; next: string; prev: string; cursors: boolean }> {
  const first = `${bff.url}/api/tenants?${query}&limit=${PAGE}`;
  const one = JSON.parse((await get(agent, first, auth(size))).body) as { next?: string | null };
  const cursors = 'next' in one;
  const next = cursors && one.next ? `${first}&cursor=${encodeURIComponent(one.next)}` : `${first}&offset=${PAGE}`;
  const two = JSON.parse((await get(agent, next, auth(size))).body) as { prev?: string | null };
  const prev = cursors && two.prev ? `${first}&cursor=${encodeURIComponent(two.prev)}` : `${first}&offset=0`;
  return { first, next, prev, cursors };
}

const results = new Map<string, Map<number, number>>();
const record = (label: string, size: number, ms: number) => {
  if (!results.has(label)) results.set(label, new Map());
  results.get(label)!.set(size, ms);
};
let paging = 'offset';
for (const size of SIZES) {
  for (const c of cases) {
    const urls = await pages(size, c.query(size));
    if (urls.cursors) paging = 'cursor';
    for (const page of ['first', 'next', 'prev'] as const) record(`${c.label}: ${page}`, size, await latency(agent, urls[page], auth(size), RUNS));
  }
  record('name asc: offset to the middle', size, await latency(agent, `${bff.url}/api/tenants?sort=name&limit=${PAGE}&offset=${Math.floor(size / 2)}`, auth(size), RUNS));
}
agent.destroy();

const [smallest, largest] = [SIZES[0]!, SIZES.at(-1)!];
const k = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));
console.log(`\nLatency through HTTP (ms, median of ${RUNS}; paging by ${paging})`);
console.log(`${'request'.padEnd(40)}${SIZES.map((s) => k(s).padStart(9)).join('')}${`${k(largest)}/${k(smallest)}`.padStart(11)}`);
for (const [label, bySize] of results) {
  const ratio = bySize.get(largest)! / bySize.get(smallest)!;
  console.log(`${label.padEnd(40)}${SIZES.map((s) => fmt(bySize.get(s)!).padStart(9)).join('')}${`${ratio.toFixed(1)}x`.padStart(11)}`);
}

// ---------------------------------------------------------------------------------------------
// 4. Throughput against the baselines, then an open load

interface Server {
  name: string;
  url: (size: number) => string;
  pid: number;
  child?: ChildProcess;
}

async function startBaseline(mode: 'hono' | 'raw', input: unknown): Promise<Server> {
  const file = join(tmpdir(), `sc-bench-${mode}-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(input));
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/baseline-server.ts', mode, file], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url ?? '', PGLITE_DATA: rawFolder ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the ${mode} baseline exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const match = /^listening (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
  });
  return { name: mode === 'hono' ? 'bare Hono' : SERVER ? 'raw pg' : 'raw PGlite', url: (size) => `http://127.0.0.1:${port}/size/${size}`, pid: child.pid!, child };
}

/** When the BFF was under the closed load (its profile is summarised for those windows only). */
const loadWindows: [number, number][] = [];
if (THROUGHPUT_SIZES.length > 0) {
  const hono = await startBaseline('hono', answers);
  const raw = await startBaseline('raw', statements);
  const ours: Server = { name: 'BFF', url: () => `${bff.url}${LIST}`, pid: bff.pid };
  const servers = [ours, raw, hono];
  let other: Awaited<ReturnType<typeof startBff>> | undefined;
  if (COMPARE_ROOT && SERVER) {
    other = await startBff({ databaseUrl: database.url!, secret: SECRET, root: COMPARE_ROOT, discardStdout: true, env: { NODE_ENV: 'production', LOG_LEVEL: 'info', WORKER: '0' } });
    servers.push({ name: 'BFF compare', url: () => `${other!.url}${LIST}`, pid: other.pid });
  }
  console.log(`\nThroughput: GET ${LIST}, ${CONCURRENCY} keep-alive connections, ${SECONDS} s per measurement, ${ROUNDS} rounds in rotating order`);
  for (const size of THROUGHPUT_SIZES) {
    const perServer = new Map<string, number[]>(servers.map((s) => [s.name, []]));
    const cpuPerServer = new Map<string, number[]>(servers.map((s) => [s.name, []]));
    const ratioRaw: number[] = [];
    const ratioHono: number[] = [];
    const ratioCompare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const measured = new Map<string, number>();
      for (let i = 0; i < servers.length; i++) {
        const server = servers[(i + round) % servers.length]!;
        const from = monotonicMicros();
        const result = await closedLoop(server.url(size), auth(size), CONCURRENCY, SECONDS, 1, server.pid);
        if (server === ours) loadWindows.push([from, monotonicMicros()]);
        if (result.cpuMicroseconds !== undefined) cpuPerServer.get(server.name)!.push(result.cpuMicroseconds);
        if (result.errors > 0) console.log(`  (${server.name}: ${result.errors} answers were not 200)`);
        measured.set(server.name, result.requestsPerSecond);
        perServer.get(server.name)!.push(result.requestsPerSecond);
      }
      ratioRaw.push(measured.get('BFF')! / measured.get(raw.name)!);
      ratioHono.push(measured.get('BFF')! / measured.get('bare Hono')!);
      if (other) ratioCompare.push(measured.get('BFF compare')! / measured.get(raw.name)!);
    }
    const range = (values: number[], digits = 2) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)})`;
    console.log(`  ${k(size)} tenants: SQL ${statements[size]!.length} statement(s), ${fmt(databaseMs[size]!)} ms database time (EXPLAIN ANALYZE, median)`);
    for (const server of servers) {
      const cpu = cpuPerServer.get(server.name)!;
      console.log(`    ${server.name.padEnd(11)} ${range(perServer.get(server.name)!, 0)} requests/s${cpu.length ? `, ${median(cpu).toFixed(0)} µs of its own CPU per request` : ''}`);
    }
    console.log(`    BFF / ${raw.name}: ${range(ratioRaw)}   BFF / bare Hono: ${range(ratioHono)}   (median, min–max of the rounds)`);
    if (other) console.log(`    BFF compare (${COMPARE_ROOT}) / ${raw.name}: ${range(ratioCompare)}`);

    const rate = Math.max(1, Math.round(0.7 * median(perServer.get('BFF')!)));
    const open = await openLoop(ours.url(size), auth(size), rate, OPEN_SECONDS);
    console.log(
      `    open load on the BFF at 70 % of its maximum (${rate}/s for ${OPEN_SECONDS} s, ${open.sent} requests${open.errors ? `, ${open.errors} not 200` : ''}): ` +
        `p50 ${fmt(open.p50)} ms, p90 ${fmt(open.p90)} ms, p99 ${fmt(open.p99)} ms, max ${fmt(open.max)} ms; p99/p50 ${(open.p99 / open.p50).toFixed(1)}`,
    );
  }
  for (const server of [hono, raw]) server.child!.kill();
  await other?.stop();
}

await bff.stop();
if (profileDir) summarizeProfile(profileDir, 15, loadWindows);
if (SERVER) {
  // Drops the scratch database.
  await database.close();
} else {
  rmSync(pgliteFolder!, { recursive: true, force: true });
  if (rawFolder) rmSync(rawFolder, { recursive: true, force: true });
}
