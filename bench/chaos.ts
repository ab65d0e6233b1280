/**
 * Chaos probe (tracker issue 9): real BFF processes on a scratch PostgreSQL database, put through
 * what production does to them, with the figures the issue asks for. It survives whatever the
 * processes do (crashes, 500s, hangs) and prints one compact table, comparable across versions.
 *
 *   npx tsx bench/chaos.ts
 *   CHAOS_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/chaos.ts
 *
 * CHAOS_DATABASE_URL is an admin URL: the probe creates a database of its own there and drops it.
 *
 * 1. pg_terminate_backend on the pooled connections of a process, 24 times (two processes
 *    serving, one's connections in turn), each half-way through a burst on both (so that the pools
 *    have idle and busy connections): process exits, answers, partial writes.
 * 2. 20 concurrent orders on one tenant across two processes (two rounds): answers >= 500, and
 *    whether the tenants' counts equal a recount.
 * 3. POST /api/tenants with Idempotency-Key whose answers are lost, then retried with the same
 *    key: (a) lost by a proxy, the process lives; (b) the proxy also SIGKILLs the process at the
 *    first answer byte, retried on another process; (c) the process is SIGKILLed the moment the
 *    first tenant is committed (its NOTIFY), retried on another process.
 * 4. SIGTERM with 20 requests in flight (10 with bodies still arriving, 10 GETs waiting for the
 *    database): answered, 5xx, died at the socket, exit code.
 * 5. The LISTEN connection terminated, 10 changes made before it listens again: how many reached
 *    an open /api/events stream as `change`, and whether `resync` came.
 */
import pg from 'pg';
import { migrateToLatest } from '../bff/db/migrate.js';
import { seedDemoData } from '../bff/seed/demo-data.js';
import {
  type BffProcess,
  connectionsWaitingForLocks,
  type EventStream,
  killAllBffs,
  listenConnections,
  type Outcome,
  openEventStream,
  outcomeOf,
  partialDomainWrites,
  send,
  sendSlowly,
  startBff,
  startProxy,
  tenantCountMismatches,
  terminateConnections,
  waitFor,
} from '../test/support/bff-process.js';
import { startDnsServer } from '../test/support/dns-server.js';
import { openScratchDatabase } from '../test/support/scratch-database.js';

const ADMIN_URL = process.env.CHAOS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const started = performance.now();
const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const log = (message: string) => console.error(`[${elapsed()}] ${message}`);

const rows: [string, string][] = [];
const notes: string[] = [];
const report = (figure: string, value: string) => {
  rows.push([figure, value]);
  log(`${figure}: ${value}`);
};

// A crash inside the probe itself (not in a BFF) is a bug of the probe: say so, keep going.
process.on('uncaughtException', (error) => notes.push(`probe: uncaught ${String(error)}`));
process.on('unhandledRejection', (error) => notes.push(`probe: unhandled ${String(error)}`));

function tally(outcomes: Outcome[]) {
  const counts = { ok: 0, s503: 0, s503Retry: 0, other5xx: 0, s4xx: 0, socket: 0 };
  const kinds = new Map<string, number>();
  for (const o of outcomes) {
    const kind = 'error' in o ? o.error : String(o.status);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if ('error' in o) counts.socket++;
    else if (o.status < 400) counts.ok++;
    else if (o.status === 503) {
      counts.s503++;
      if (o.retryAfter) counts.s503Retry++;
    } else if (o.status >= 500) counts.other5xx++;
    else counts.s4xx++;
  }
  return { ...counts, kinds: [...kinds].sort().map(([k, n]) => `${k}×${n}`).join(' ') };
}

const database = await openScratchDatabase(ADMIN_URL, 'sc_chaos');
const databaseName = new URL(database.url).pathname.slice(1);
await migrateToLatest(database.db);
await seedDemoData(database.db, new Date());
const dns = await startDnsServer();
const admin = new pg.Client({ connectionString: database.url, application_name: 'chaos-probe' });
admin.on('error', (error) => notes.push(`probe: admin connection ${error.message}`));
await admin.connect();
const alpine = (await admin.query<{ id: string }>(`select id from tenants where partner_id = 'P-1001' order by id`)).rows.map((r) => r.id);

const processes = new Map<string, BffProcess>();
async function start(name: string, env: Record<string, string> = {}): Promise<BffProcess> {
  const bff = await startBff({ databaseUrl: database.url, applicationName: `chaos-${name}`, env: { DNS_SERVERS: dns.address, RATE_LIMIT_WRITES_PER_MINUTE: '0', ...env } });
  processes.set(name, bff);
  return bff;
}
/** The process by that name, started again if it died. */
async function running(name: string, env: Record<string, string> = {}): Promise<BffProcess> {
  const current = processes.get(name);
  return current?.alive() ? current : start(name, env);
}
const crashReports = new Set<string>();
function noteCrash(name: string, bff: BffProcess) {
  const exit = bff.exit();
  const lines = bff.stderr().trim().split('\n');
  const cause = lines.find((l) => /Error|error:/.test(l)) ?? lines.at(-1) ?? '';
  const key = `${name}: exit ${exit?.code ?? exit?.signal}: ${cause.trim().slice(0, 160)}`;
  if (!crashReports.has(key)) {
    crashReports.add(key);
    notes.push(`crash ${key}`);
  }
}

const NEW_TENANT = (label: string, i: number) => ({ name: `Chaos ${label} ${i}`, email: `it@chaos-${label}-${i}.ch`, phone: '+41 44 123 45 67', country: 'CH' });
const ORDER = (name: string) => ({ name, mode: 'inline', services: ['SC-F-INBOUND'] });

log(`scratch database ${databaseName}; starting 5 BFF processes`);
await Promise.all([start('a'), start('b'), start('k1'), start('k2'), start('t', { SHUTDOWN_GRACE_SECONDS: '10' })]);
log('started');

// 1. Pooled connections terminated 24 times, half-way through bursts on two processes: each
//    time those of one process, in turn (the other keeps serving), so that restarting a process
//    that died of it costs one start per termination.
try {
  const ROUNDS = 24;
  let exits = 0;
  let terminated = 0;
  const outcomes: Outcome[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const pair = [await running('a'), await running('b')];
    const target = round % 2 === 0 ? 'a' : 'b';
    let settled = 0;
    const burst = pair.flatMap((bff, p) =>
      Array.from({ length: 10 }, (_, i) => {
        const request =
          i % 2 === 0
            ? bff.send('alpine-sales', 'GET', '/api/tenants?limit=100&sort=totalServices')
            : bff.send('alpine-sales', 'POST', `/api/tenants/${alpine[p * 5 + (i >> 1)]}/domains`, { body: ORDER(`term-${round}-${p}-${i}.ch`) });
        return outcomeOf(request).finally(() => settled++);
      }),
    );
    await waitFor('half the burst', () => (settled >= burst.length / 2 ? true : undefined), 10_000, 1).catch(() => {});
    terminated += await terminateConnections(admin, databaseName, [`chaos-${target}`], 'pooled');
    outcomes.push(...(await Promise.all(burst)));
    // A process that dies of it does so within moments; give it those, then ask it.
    await pause(150);
    await Promise.all(pair.map((bff) => send(`${bff.url}/api/health`, { timeoutMs: 6_000 }).catch(() => undefined)));
    const died: string[] = [];
    for (const [name, bff] of [['a', pair[0]!], ['b', pair[1]!]] as const) {
      if (!bff.alive()) {
        exits++;
        died.push(name);
        noteCrash(name, bff);
      }
    }
    log(`1: round ${round + 1} (${target}): ${tally(outcomes.slice(-burst.length)).kinds}${died.length ? `; exited: ${died.join(', ')}` : ''}`);
  }
  const t = tally(outcomes);
  const pair = [await running('a'), await running('b')];
  const healthStarted = performance.now();
  const healthy = await waitFor('health', async () => ((await Promise.all(pair.map((b) => send(`${b.url}/api/health`).then((r) => r.status, () => 0)))).every((s) => s === 200) ? true : undefined), 10_000).then(
    () => `${Math.round(performance.now() - healthStarted)} ms`,
    () => 'not within 10 s',
  );
  const partial = await partialDomainWrites(admin, 'term-%');
  const createdNames = new Set((await admin.query<{ name: string }>(`select name from managed_domains where name like 'term-%'`)).rows.map((r) => r.name));
  const answered201 = outcomes.filter((o) => 'status' in o && o.status === 201).length;
  report('1 pool conns terminated 24x (2 procs, one in turn): process exits', `${exits} of ${ROUNDS} terminations (${terminated} connections terminated)`);
  report('1 … answers', `${outcomes.length} requests: 2xx ${t.ok}, 503 ${t.s503} (with Retry-After ${t.s503Retry}), other 5xx ${t.other5xx}, 4xx ${t.s4xx}, died at socket ${t.socket} [${t.kinds}]`);
  report('1 … partial writes / health', `partial writes ${partial.length} of ${createdNames.size} domains (201s ${answered201}); /api/health 200 on both after ${healthy}`);
} catch (error) {
  report('1 pool conns terminated', `probe error: ${String(error)}`);
}

// 2. 20 concurrent orders on one tenant across two processes, two rounds (a tenant each).
try {
  const perRound: string[] = [];
  let over500 = 0;
  let total = 0;
  const statuses = new Map<string, number>();
  for (let round = 0; round < 2; round++) {
    const pair = [await running('a'), await running('b')];
    const tenant = alpine[20 + round]!;
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcomeOf(pair[i % 2]!.send('alpine-sales', 'POST', `/api/tenants/${tenant}/domains`, { body: ORDER(`chaos-${round}-${i}.ch`) }))),
    );
    const bad = outcomes.filter((o) => 'error' in o || o.status >= 500).length;
    for (const o of outcomes) {
      const kind = 'error' in o ? o.error : String(o.status);
      statuses.set(kind, (statuses.get(kind) ?? 0) + 1);
    }
    over500 += bad;
    total += outcomes.length;
    perRound.push(String(bad));
  }
  // Why: the processes' error logs name PostgreSQL's codes (40P01 deadlock, 40001 serialization failure).
  const codes = new Map<string, number>();
  for (const name of ['a', 'b']) {
    for (const match of processes.get(name)?.stdout().matchAll(/"code":"(40P01|40001)"/g) ?? []) codes.set(match[1]!, (codes.get(match[1]!) ?? 0) + 1);
  }
  if (codes.size > 0) notes.push(`2: in the processes' error logs: ${[...codes].map(([c, n]) => `${c}×${n}`).join(' ')} (40P01 deadlock_detected, 40001 serialization_failure)`);
  const mismatches = await tenantCountMismatches(admin);
  report('2 20 concurrent orders, 1 tenant, 2 procs: answers >= 500', `${over500} of ${total} (per round of 20: ${perRound.join(', ')}) [${[...statuses].sort().map(([k, n]) => `${k}×${n}`).join(' ')}]`);
  report('2 … counts equal a recount', mismatches.length === 0 ? 'yes (every tenant)' : `no: ${mismatches.length} tenants differ (${JSON.stringify(mismatches[0])})`);
} catch (error) {
  report('2 concurrent orders', `probe error: ${String(error)}`);
}

// 3. Idempotency when answers are lost.
async function retryAll(label: string, bff: BffProcess, count: number) {
  const countByName = async () =>
    new Map((await admin.query<{ name: string; n: number }>(`select name, count(*)::int as n from tenants where name like $1 group by name`, [`Chaos ${label} %`])).rows.map((r) => [r.name, r.n]));
  const post = (i: number) =>
    bff.send('alpine-sales', 'POST', '/api/tenants', { body: NEW_TENANT(label, i), headers: { 'Idempotency-Key': `chaos-${label}-${i}` } }).catch((error: Error) => error);
  const before = await countByName();
  const retries = await Promise.all(Array.from({ length: count }, (_, i) => post(i)));
  // A second retry of each: a replay must give the same bytes.
  const again = await Promise.all(Array.from({ length: count }, (_, i) => post(i)));
  const after = await countByName();
  const r = { committedBefore: 0, replayed: 0, committedNotReplayed: 0, fresh: 0, inProgress: 0, other: 0, sameBodyAgain: 0, duplicates: 0 };
  const kinds = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const committed = (before.get(NEW_TENANT(label, i).name) ?? 0) > 0;
    if (committed) r.committedBefore++;
    const first = retries[i]!;
    const kind = first instanceof Error ? ((first as { code?: string }).code ?? first.message) : `${first.status}${first.headers['idempotent-replayed'] === 'true' ? ' replayed' : ''}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    if (first instanceof Error) r.other++;
    else if (first.status === 201) {
      const replayed = first.headers['idempotent-replayed'] === 'true';
      if (replayed) r.replayed++;
      else r.fresh++;
      if (committed && !replayed) r.committedNotReplayed++;
      const second = again[i]!;
      if (!(second instanceof Error) && second.status === 201 && second.headers['idempotent-replayed'] === 'true' && second.body === first.body) r.sameBodyAgain++;
    } else if (first.status === 409) {
      r.inProgress++;
      if (committed) r.committedNotReplayed++;
    } else r.other++;
  }
  r.duplicates = [...after.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  // Two minutes later (simulated: the keys still unanswered are made 3 minutes older), the
  // README lets a retry run again: does it book a second tenant?
  const aged = (
    await admin.query(`update idempotency_keys set created_at = created_at - interval '3 minutes' where response_status is null and key like $1 returning key`, [`chaos-${label}-%`])
  ).rows.length;
  await Promise.all(Array.from({ length: count }, (_, i) => post(i)));
  const late = await countByName();
  const lateDuplicates = [...late.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  return { ...r, aged, lateDuplicates, retryKinds: [...kinds].sort().map(([k, n]) => `${k}×${n}`).join(' ') };
}
const describeRetry = (r: Awaited<ReturnType<typeof retryAll>>, count: number) =>
  `duplicates ${r.duplicates}, ${r.lateDuplicates} once the 2-min lease passed (${r.aged} keys still unanswered); committed before the retry ${r.committedBefore}/${count}, ` +
  `of them not replayed ${r.committedNotReplayed}; retries: replayed ${r.replayed}, fresh 201 ${r.fresh}, 409 in progress ${r.inProgress}, other ${r.other}; ` +
  `a 2nd retry replayed the same bytes for ${r.sameBodyAgain} of ${r.replayed + r.fresh} 201s`;
const idempotentPost = (url: string, token: string, label: string, i: number) =>
  outcomeOf(send(`${url}/api/tenants`, { method: 'POST', body: NEW_TENANT(label, i), headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': `chaos-${label}-${i}` } }));

try {
  const a = await running('a');
  const token = await a.token('alpine-sales');
  const proxy = await startProxy(a.port, () => ({ kind: 'lose-answer' }));
  const first = await Promise.all(Array.from({ length: 20 }, (_, i) => idempotentPost(proxy.url, token, 'lost', i)));
  await proxy.close();
  const lost = proxy.connections.filter((c) => c.lost).length;
  const r = await retryAll('lost', a, 20);
  report('3a 20 POST /api/tenants, answers lost by a proxy, retried same key', `${describeRetry(r, 20)} (answers lost ${lost}, first attempts ${tally(first).kinds})`);
} catch (error) {
  report('3a idempotency, lost answers', `probe error: ${String(error)}`);
}

try {
  const k1 = await running('k1');
  const b = await running('b');
  const token = await k1.token('alpine-sales');
  const proxy = await startProxy(k1.port, () => ({ kind: 'lose-answer', then: () => k1.child.kill('SIGKILL') }));
  const first = await Promise.all(Array.from({ length: 20 }, (_, i) => idempotentPost(proxy.url, token, 'killed', i)));
  await proxy.close();
  const exit = await Promise.race([k1.exited, pause(5_000).then(() => undefined)]);
  const r = await retryAll('killed', b, 20);
  report('3b … proxy SIGKILLs the process at the first answer byte, retried on another', `${describeRetry(r, 20)} (process ${exit ? `ended by ${exit.signal ?? exit.code}` : 'still running'}; first attempts ${tally(first).kinds})`);
} catch (error) {
  report('3b idempotency, SIGKILL at first byte', `probe error: ${String(error)}`);
}

try {
  const k2 = await running('k2');
  const b = await running('b');
  const token = await k2.token('alpine-sales');
  const listener = new pg.Client({ connectionString: database.url, application_name: 'chaos-probe-listen' });
  listener.on('error', () => {});
  await listener.connect();
  await listener.query('listen sc_changes');
  listener.on('notification', (message) => {
    if (message.payload?.includes('"tenant.add"')) k2.child.kill('SIGKILL');
  });
  const first = await Promise.all(Array.from({ length: 20 }, (_, i) => idempotentPost(k2.url, token, 'commit', i)));
  await listener.end();
  const exit = await Promise.race([k2.exited, pause(5_000).then(() => undefined)]);
  const r = await retryAll('commit', b, 20);
  report('3c … process SIGKILLed when the first tenant commits, retried on another', `${describeRetry(r, 20)} (process ${exit ? `ended by ${exit.signal ?? exit.code}` : 'still running'}; first attempts ${tally(first).kinds})`);
} catch (error) {
  report('3c idempotency, SIGKILL at commit', `probe error: ${String(error)}`);
}

// 4. SIGTERM with 20 requests in flight.
try {
  const t = await running('t', { SHUTDOWN_GRACE_SECONDS: '10' });
  let stream: EventStream | undefined;
  try {
    stream = await openEventStream(t.url, await t.token('alpine-support'));
    await stream.next((e) => e.event === 'ready', 5_000);
  } catch (error) {
    notes.push(`4: event stream not opened: ${String(error)}`);
  }
  const token = await t.token('alpine-sales');
  const auth = { Authorization: `Bearer ${token}` };
  const locker = new pg.Client({ connectionString: database.url, application_name: 'chaos-probe-lock' });
  locker.on('error', () => {});
  await locker.connect();
  await locker.query('begin');
  await locker.query('lock table tenants in access exclusive mode');
  const slow = Array.from({ length: 10 }, (_, i) =>
    sendSlowly(`${t.url}/api/tenants/${alpine[i]}/domains`, { method: 'POST', headers: auth, body: ORDER(`sigterm-${i}.ch`), firstBytes: 12, timeoutMs: 30_000 }),
  );
  const gets = Array.from({ length: 10 }, (_, i) => send(`${t.url}/api/tenants/${alpine[10 + i]}`, { headers: auth, timeoutMs: 30_000 }));
  const outcomes = Promise.all([...slow.map((s) => outcomeOf(s.response)), ...gets.map((g) => outcomeOf(g))]);
  await Promise.all(slow.map((s) => s.written.catch(() => {})));
  const waiting = await waitFor('10 queries waiting for the lock', async () => {
    const n = await connectionsWaitingForLocks(admin, databaseName, ['chaos-t']);
    return n >= 10 ? n : undefined;
  }, 5_000).catch(() => 0);
  await send(`${t.url}/api/openapi.json`, { timeoutMs: 5_000 }).catch(() => undefined); // every request head has been read
  const signalled = performance.now();
  t.child.kill('SIGTERM');
  await pause(300); // the requests take a moment longer; the process is shutting down meanwhile
  for (const s of slow) s.finish();
  await locker.query('commit');
  await locker.end();
  const results = await Promise.race([outcomes, pause(20_000).then(() => undefined)]);
  const exit = await Promise.race([t.exited, pause(20_000).then(() => undefined)]);
  const exitMs = Math.round(performance.now() - signalled);
  const streamEnd = stream ? await Promise.race([stream.ended, pause(1_000).then(() => ({ clean: false, error: 'still open' }))]) : undefined;
  if (!exit) await t.kill();
  if (!results) report('4 SIGTERM, 20 in flight', 'requests still unanswered 20 s later');
  else {
    const r = tally(results);
    const bodies = tally(results.slice(0, 10));
    const plain = tally(results.slice(10));
    report(
      '4 SIGTERM, 20 in flight (10 slow bodies, 10 GETs)',
      `answered ${20 - r.socket}, 5xx ${r.s503 + r.other5xx}, died at socket ${r.socket} [slow bodies: ${bodies.kinds}; GETs: ${plain.kinds}]`,
    );
  }
  report(
    '4 … process exit',
    `${exit ? `code ${exit.code} signal ${exit.signal}` : 'no exit within 20 s (SIGKILLed)'} after ${exitMs} ms; ${waiting} queries were waiting at SIGTERM; event stream ${streamEnd ? (streamEnd.clean ? 'ended cleanly' : `cut (${streamEnd.error})`) : 'n/a'}`,
  );
  if (exit && exit.code !== 0) notes.push(`4: stderr: ${t.stderr().trim().split('\n').slice(-3).join(' | ').slice(0, 300)}`);
} catch (error) {
  report('4 SIGTERM', `probe error: ${String(error)}`);
}

// 5. The LISTEN connection dropped; 10 changes before it listens again.
try {
  const a = await running('a');
  const b = await running('b');
  const stream = await openEventStream(a.url, await a.token('alpine-support'));
  await stream.next((e) => e.event === 'ready', 5_000);
  const before = await listenConnections(admin, databaseName, ['chaos-a']);
  const terminatedAt = new Date();
  const dropped = await terminateConnections(admin, databaseName, ['chaos-a'], 'listen');
  const token = await b.token('alpine-sales');
  const patch = (tenantId: string, value: string) =>
    send(`${b.url}/api/tenants/${tenantId}`, { method: 'PATCH', body: { invoiceReference: value }, headers: { Authorization: `Bearer ${token}`, 'If-Match': '*' } });
  const changed = alpine.slice(0, 10);
  const answers = await Promise.all(changed.map((id, i) => outcomeOf(patch(id, `CHAOS-LISTEN-${i}`))));
  const changesDone = new Date();
  const again = await waitFor('the LISTEN connection to be back', async () => {
    const now = await listenConnections(admin, databaseName, ['chaos-a']);
    return now.find((c) => !before.some((old) => old.pid === c.pid));
  }, 15_000).catch(() => undefined);
  const sentinel = alpine[12]!;
  await patch(sentinel, 'CHAOS-LISTEN-SENTINEL');
  const sentinelArrived = await stream.next((e) => e.event === 'change' && JSON.parse(e.data).entityId === sentinel, 5_000).then(
    () => true,
    () => false,
  );
  const arrived = new Set(stream.events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data).entityId as string));
  const resync = stream.events.some((e) => e.event === 'resync');
  await stream.close();
  const ok = answers.filter((o) => 'status' in o && o.status === 200).length;
  const inPause = again ? again.started > changesDone : false;
  report(
    '5 LISTEN conn terminated, 10 changes in the pause',
    `arrived as change ${changed.filter((id) => arrived.has(id)).length} of 10; event: resync ${resync ? 'yes' : 'no'}; change after reconnect arrived ${sentinelArrived ? 'yes' : 'no'}`,
  );
  report(
    '5 … reconnect',
    `${dropped} LISTEN connection terminated; listening again after ${again ? `${again.started.getTime() - terminatedAt.getTime()} ms` : 'never (15 s)'}; the 10 changes (${ok} answered 200) were ${inPause ? 'all made before it listened again' : 'NOT all inside the pause'}`,
  );
} catch (error) {
  report('5 LISTEN drop', `probe error: ${String(error)}`);
}

await killAllBffs();
await admin.end().catch(() => {});
await dns.close();
await database.close().catch((error) => notes.push(`probe: dropping the scratch database: ${String(error)}`));

const width = Math.max(...rows.map(([f]) => f.length));
console.log(`\nchaos probe, PostgreSQL ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')}, ${elapsed()}\n`);
console.log(`${'figure'.padEnd(width)}  result`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(6)}`);
for (const [figure, value] of rows) console.log(`${figure.padEnd(width)}  ${value}`);
if (notes.length > 0) {
  console.log('\nnotes:');
  for (const note of notes) console.log(`- ${note}`);
}
process.exit(0);
