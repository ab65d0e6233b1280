/**
 * Chaos on PostgreSQL (tracker issue 9): real BFF processes (`node --import tsx bff/server.ts`)
 * through what production does to them: connections terminated by the server, many writers on
 * one tenant, answers lost on the way back, SIGKILL, SIGTERM during work, and the LISTEN
 * connection dropped. `bench/chaos.ts` prints the same scenarios as figures.
 *
 * Bounded throughout: every wait is for a condition, with a deadline.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../bff/db/connect.js';
import { migrateToLatest } from '../../bff/db/migrate.js';
import { seedDemoData } from '../../bff/seed/demo-data.js';
import {
  type BffProcess,
  connectionsWaitingForLocks,
  type EventStream,
  type HttpResult,
  killAllBffs,
  openEventStream,
  type Outcome,
  outcomeOf,
  partialDomainWrites,
  send,
  sendSlowly,
  startBff,
  startProxy,
  tenantCountMismatches,
  terminateConnections,
  waitFor,
} from '../support/bff-process.js';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';
import { openScratchDatabase } from '../support/scratch-database.js';

const SERVER = process.env.TEST_DATABASE_URL;

let database: DatabaseHandle & { url: string };
let databaseName: string;
let dns: TestDnsServer;
let admin: pg.Client;
/** Partner P-1001's tenants (alpine-* users), by id. */
let alpine: string[];
const processes = new Map<string, BffProcess>();
/**
 * One demo user writes far more than a person would (hundreds of orders a minute): the write
 * budget per caller (RATE_LIMIT_WRITES_PER_MINUTE, where the BFF has one) is not what is tested here.
 */
const NO_RATE_LIMIT = { RATE_LIMIT_WRITES_PER_MINUTE: '0' };
const ENV: Record<string, Record<string, string>> = {
  // The process that gets SIGTERM: a grace period, and a pool of a known size (see the SIGTERM test).
  t: { SHUTDOWN_GRACE_SECONDS: '10', DATABASE_POOL_MAX: '10' },
};

async function start(name: string): Promise<BffProcess> {
  const bff = await startBff({ databaseUrl: database.url, applicationName: `chaos-${name}`, env: { DNS_SERVERS: dns.address, LOG_LEVEL: 'silent', ...NO_RATE_LIMIT, ...ENV[name] } });
  processes.set(name, bff);
  return bff;
}

/** The process of that name, started again if an earlier test left it dead or dying (so that one failure does not cascade). */
async function running(name: string): Promise<BffProcess> {
  const current = processes.get(name);
  if (current?.alive()) {
    const healthy = await send(`${current.url}/api/health`, { timeoutMs: 5_000 }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) return current;
    await current.kill();
  }
  return start(name);
}

const ORDER = (name: string, services: string[] = ['SC-F-INBOUND']) => ({ name, mode: 'inline', services });
const NEW_TENANT = (label: string, i: number) => ({ name: `Chaos ${label} ${i}`, email: `it@chaos-${label}-${i}.ch`, phone: '+41 44 123 45 67', country: 'CH' });
const KEY = (label: string, i: number) => `chaos-${label}-${i}`;

const isServerError = (o: Outcome) => 'error' in o || o.status >= 500;
/** A refusal that the client may retry: 503, problem+json, with Retry-After. */
const isRetryable503 = (o: Outcome) => 'status' in o && o.status === 503 && o.contentType.startsWith('application/problem+json') && o.retryAfter !== undefined;
const brief = (o: Outcome) => ('error' in o ? o.error : `${o.status} ${o.contentType} ${o.body.slice(0, 120)}`);
const exitReport = (bff: BffProcess) =>
  `${bff.applicationName}: ${JSON.stringify(bff.exit() ?? 'running')} ${bff
    .stderr()
    .split('\n')
    .filter((line) => /error/i.test(line) && !/^\s+at /.test(line))
    .slice(0, 2)
    .join(' | ')}`;

async function tenantsNamed(label: string): Promise<Map<string, string[]>> {
  const { rows } = await admin.query<{ name: string; id: string }>(`select name, id from tenants where name like $1 order by id`, [`Chaos ${label} %`]);
  const byName = new Map<string, string[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), row.id]);
  return byName;
}

/**
 * Retries every key of `label` on `bff` after the first attempts' answers were lost, and checks
 * what idempotency promises: a tenant that was committed is answered by a replay of its answer
 * (the same bytes again), one that was not is created now or refused for the moment (409 with
 * Retry-After), and nothing is booked twice, not even once a dead attempt's key may be taken over.
 */
async function expectIdempotentRetries(label: string, bff: BffProcess, count: number) {
  const post = (i: number) => bff.send('alpine-sales', 'POST', '/api/tenants', { body: NEW_TENANT(label, i), headers: { 'Idempotency-Key': KEY(label, i) }, timeoutMs: 15_000 });
  const committed = await tenantsNamed(label);
  const retries: HttpResult[] = [];
  for (let i = 0; i < count; i++) retries.push(await post(i));
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = NEW_TENANT(label, i).name;
    const retry = retries[i]!;
    const replayed = retry.headers['idempotent-replayed'] === 'true';
    const ids = committed.get(name);
    if (ids) {
      if (retry.status !== 201 || !replayed) problems.push(`${name} was committed, but its retry got ${retry.status}${replayed ? ' (replayed)' : ''} ${retry.body.slice(0, 100)}`);
      else if (retry.json().id !== ids[0]) problems.push(`${name}: the replay names ${retry.json().id}, the database ${ids.join(', ')}`);
    } else if (!(retry.status === 201 && !replayed) && !(retry.status === 409 && retry.headers['retry-after'])) {
      problems.push(`${name} was not committed; its retry got ${retry.status}${replayed ? ' (replayed)' : ''} ${retry.body.slice(0, 100)}`);
    }
    if (retry.status === 201) {
      const again = await post(i);
      if (again.status !== 201 || again.headers['idempotent-replayed'] !== 'true' || again.body !== retry.body) problems.push(`${name}: a second retry got ${again.status}, not the same answer again`);
    }
  }
  // Two minutes later a key whose first attempt never answered may be taken over (README): made
  // so by ageing the keys still unanswered. Whatever was committed must not be booked again.
  await admin.query(`update idempotency_keys set created_at = created_at - interval '3 minutes' where response_status is null and key like $1`, [`chaos-${label}-%`]);
  for (let i = 0; i < count; i++) {
    const late = await post(i);
    if (late.status !== 201) problems.push(`${NEW_TENANT(label, i).name}: a retry after the lease got ${late.status} ${late.body.slice(0, 100)}`);
  }
  const after = await tenantsNamed(label);
  const duplicates = [...after].filter(([, ids]) => ids.length > 1).map(([name, ids]) => `${name}: ${ids.join(', ')}`);
  expect({ duplicates, problems }).toEqual({ duplicates: [], problems: [] });
  expect(after.size).toBe(count);
  return { committedBeforeRetry: committed.size };
}

describe.skipIf(!SERVER)('chaos: BFF processes on PostgreSQL', () => {
  beforeAll(async () => {
    database = await openScratchDatabase(SERVER!, 'sc_chaos');
    databaseName = new URL(database.url).pathname.slice(1);
    await migrateToLatest(database.db);
    await seedDemoData(database.db, new Date());
    admin = new pg.Client({ connectionString: database.url, application_name: 'chaos-test' });
    admin.on('error', () => {});
    await admin.connect();
    // Deadlocks are found after 0.1 s instead of 1 s: the same deadlocks, found sooner, so that
    // the storm below stays short on code that deadlocks. (New sessions read it: set before the processes start.)
    await admin.query(`alter database ${pg.escapeIdentifier(databaseName)} set deadlock_timeout = '100ms'`);
    alpine = (await admin.query<{ id: string }>(`select id from tenants where partner_id = 'P-1001' order by id`)).rows.map((r) => r.id);
    dns = await startDnsServer();
    await Promise.all(['p1', 'p2', 'k1', 'k2', 't'].map(start));
  });

  afterAll(async () => {
    await killAllBffs();
    await admin?.end().catch(() => {});
    await dns?.close();
    await database?.close();
  });

  it('keeps serving when the server terminates its connections during a write loop: no exit, no partial write, 503s with Retry-After at worst', async () => {
    const pair = [await running('p1'), await running('p2')];
    const outcomes: { name?: string; outcome: Outcome }[] = [];
    let stop = false;
    let terminated = 0;
    const loops = pair.flatMap((bff, p) => [
      // Three writers per process, each on a tenant of its own (collisions are the next test's).
      ...[0, 1, 2].map(async (w) => {
        for (let k = 0; !stop; k++) {
          const name = `write-loop-${p}-${w}-${k}.ch`;
          const outcome = await outcomeOf(bff.send('alpine-sales', 'POST', `/api/tenants/${alpine[p * 3 + w]}/domains`, { body: ORDER(name), timeoutMs: 10_000 }));
          outcomes.push({ name, outcome });
          if ('error' in outcome) return;
        }
      }),
      // And a reader, so that the pool has idle and busy connections.
      (async () => {
        while (!stop) {
          const outcome = await outcomeOf(bff.send('alpine-support', 'GET', '/api/tenants?limit=100&sort=totalServices', { timeoutMs: 10_000 }));
          outcomes.push({ outcome });
          if ('error' in outcome) return;
        }
      })(),
    ]);
    let loopsDone = false;
    const allLoops = Promise.all(loops).then(() => (loopsDone = true));
    for (let round = 0; round < 8 && !loopsDone; round++) {
      const target = outcomes.length + 8;
      await waitFor('more answers', () => (outcomes.length >= target || loopsDone ? true : undefined), 10_000, 5);
      terminated += await terminateConnections(admin, databaseName, pair.map((b) => b.applicationName), 'pooled');
    }
    // A few more answers after the last termination, then stop.
    const target = outcomes.length + 8;
    await waitFor('answers after the last termination', () => (outcomes.length >= target || loopsDone ? true : undefined), 10_000, 5).catch(() => {});
    stop = true;
    await allLoops;

    const healthy = await waitFor(
      '/api/health 200 on both',
      async () => ((await Promise.all(pair.map((b) => send(`${b.url}/api/health`).then((r) => r.status, () => 0)))).every((s) => s === 200) ? true : undefined),
      5_000,
    ).catch(() => false);
    expect(pair.map((b) => b.exit()), `a process exited:\n${pair.map(exitReport).join('\n')}`).toEqual([undefined, undefined]);
    expect(terminated).toBeGreaterThan(0);
    const unexpected = outcomes.filter(({ outcome }) => !('status' in outcome && outcome.status < 300) && !isRetryable503(outcome));
    expect(unexpected.map(({ name, outcome }) => `${name ?? 'GET'}: ${brief(outcome)}`)).toEqual([]);
    expect(healthy, '/api/health 200 on both within 5 s').toBe(true);

    // Whatever was written was written whole, and every 201 is in the database.
    expect(await partialDomainWrites(admin, 'write-loop-%')).toEqual([]);
    const stored = new Set((await admin.query<{ name: string }>(`select name from managed_domains where name like 'write-loop-%'`)).rows.map((r) => r.name));
    const created = outcomes.filter(({ outcome }) => 'status' in outcome && outcome.status === 201).map(({ name }) => name!);
    expect(created.length).toBeGreaterThan(0);
    expect(created.filter((name) => !stored.has(name))).toEqual([]);
  }, 60_000);

  it('survives a storm of orders, additions, cancellations and edits on one tenant across two processes: no 5xx, counts equal a recount', async () => {
    const pair = [await running('p1'), await running('p2')];
    const tenant = alpine[25]!;
    // Domains to add services to and to cancel on, made one by one beforehand.
    const prepared: { id: string; services: { number: number; code: string }[] }[] = [];
    for (let i = 0; i < 20; i++) {
      const response = await pair[0]!.send('alpine-sales', 'POST', `/api/tenants/${tenant}/domains`, { body: ORDER(`storm-base-${i}.ch`, i < 10 ? ['SC-F-INBOUND'] : ['SC-F-INBOUND', 'SC-F-OUTBOUND']) });
      expect(response.status).toBe(201);
      prepared.push(response.json());
    }
    const work: ((bff: BffProcess) => Promise<HttpResult>)[] = [];
    for (let i = 0; i < 60; i++) work.push((bff) => bff.send('alpine-sales', 'POST', `/api/tenants/${tenant}/domains`, { body: ORDER(`storm-${i}.ch`), timeoutMs: 30_000 }));
    for (let i = 0; i < 10; i++) {
      work.splice(i * 7 + 1, 0, (bff) => bff.send('alpine-sales', 'POST', `/api/domains/${prepared[i]!.id}/services`, { body: { services: ['SC-F-OUTBOUND'] }, timeoutMs: 30_000 }));
      const outbound = prepared[10 + i]!.services.find((s) => s.code === 'SC-F-OUTBOUND')!;
      work.splice(i * 7 + 3, 0, (bff) => bff.send('alpine-sales', 'POST', `/api/domains/${prepared[10 + i]!.id}/services/${outbound.number}/cancel`, { body: {}, timeoutMs: 30_000 }));
      work.splice(i * 7 + 5, 0, (bff) =>
        bff.send('alpine-sales', 'PATCH', `/api/tenants/${tenant}`, { body: { invoiceReference: `STORM-${i}` }, headers: { 'If-Match': '*' }, timeoutMs: 30_000 }),
      );
    }
    const outcomes = await Promise.all(work.map((w, i) => outcomeOf(w(pair[i % 2]!))));

    expect(outcomes.length).toBe(90);
    expect(outcomes.filter(isServerError).map(brief)).toEqual([]);
    expect(await tenantCountMismatches(admin)).toEqual([]);
    expect(await partialDomainWrites(admin, 'storm-%')).toEqual([]);
  }, 60_000);

  it('replays the answer a proxy lost, to a retry with the same Idempotency-Key: no duplicate', async () => {
    const p1 = await running('p1');
    const token = await p1.token('alpine-sales');
    const proxy = await startProxy(p1.port, () => ({ kind: 'lose-answer' }));
    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcomeOf(send(`${proxy.url}/api/tenants`, { method: 'POST', body: NEW_TENANT('lost', i), headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': KEY('lost', i) } })),
      ),
    );
    await proxy.close();
    expect(first.map((o) => ('error' in o ? o.error : o.status))).toEqual(Array(10).fill('ECONNRESET'));
    expect(proxy.connections.filter((c) => c.lost)).toHaveLength(10);

    const { committedBeforeRetry } = await expectIdempotentRetries('lost', p1, 10);
    // The process lived: every first attempt was done, only its answer was lost.
    expect(committedBeforeRetry).toBe(10);
  }, 60_000);

  it('replays on another process when the process was SIGKILLed as its answer left: no duplicate', async () => {
    const k1 = await running('k1');
    const p2 = await running('p2');
    const token = await k1.token('alpine-sales');
    const proxy = await startProxy(k1.port, () => ({ kind: 'lose-answer', then: () => k1.child.kill('SIGKILL') }));
    const first = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcomeOf(send(`${proxy.url}/api/tenants`, { method: 'POST', body: NEW_TENANT('killed', i), headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': KEY('killed', i) } })),
      ),
    );
    await proxy.close();
    expect(first.filter((o) => 'status' in o)).toEqual([]);
    expect(await Promise.race([k1.exited, new Promise((r) => setTimeout(() => r('still running'), 5_000))])).toEqual({ code: null, signal: 'SIGKILL' });

    const { committedBeforeRetry } = await expectIdempotentRetries('killed', p2, 10);
    expect(committedBeforeRetry).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('replays on another process when the process was SIGKILLed the moment its work committed: no duplicate', async () => {
    const k2 = await running('k2');
    const p2 = await running('p2');
    const token = await k2.token('alpine-sales');
    // The audit event's NOTIFY arrives once the first tenant is committed: kill the process then,
    // before it could do anything after its commit.
    const listener = new pg.Client({ connectionString: database.url, application_name: 'chaos-test-listen' });
    listener.on('error', () => {});
    await listener.connect();
    listener.on('notification', (message) => {
      if (message.payload?.includes('"tenant.add"')) k2.child.kill('SIGKILL');
    });
    await listener.query('listen sc_changes');
    try {
      const first = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          outcomeOf(send(`${k2.url}/api/tenants`, { method: 'POST', body: NEW_TENANT('commit', i), headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': KEY('commit', i) } })),
        ),
      );
      expect(await Promise.race([k2.exited, new Promise((r) => setTimeout(() => r('still running'), 5_000))])).toEqual({ code: null, signal: 'SIGKILL' });
      expect(first.filter((o) => 'status' in o && o.status === 201).length).toBeLessThan(10);
    } finally {
      await listener.end().catch(() => {});
    }

    const { committedBeforeRetry } = await expectIdempotentRetries('commit', p2, 10);
    expect(committedBeforeRetry).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('answers every request in flight at SIGTERM (bodies still arriving, queries waiting), none with 5xx, and exits with 0', async () => {
    const t = await running('t');
    const token = await t.token('alpine-sales');
    const auth = { Authorization: `Bearer ${token}` };
    const stream = await openEventStream(t.url, await t.token('alpine-support'));
    await stream.next((e) => e.event === 'ready', 5_000);

    // Hold every query on tenants, so that the requests below are surely in flight at SIGTERM.
    const locker = new pg.Client({ connectionString: database.url, application_name: 'chaos-test-lock' });
    locker.on('error', () => {});
    await locker.connect();
    let locked = false;
    try {
      await locker.query('begin');
      await locker.query('lock table tenants in access exclusive mode');
      locked = true;
      const slow = Array.from({ length: 10 }, (_, i) =>
        sendSlowly(`${t.url}/api/tenants/${alpine[i]}/domains`, { method: 'POST', headers: auth, body: ORDER(`sigterm-${i}.ch`), firstBytes: 12, timeoutMs: 20_000 }),
      );
      const gets = Array.from({ length: 20 }, (_, i) => send(`${t.url}/api/tenants/${alpine[i % 30]}`, { headers: auth, timeoutMs: 20_000 }));
      const outcomes = Promise.all([...slow.map((s) => outcomeOf(s.response)), ...gets.map(outcomeOf)]);
      await Promise.all(slow.map((s) => s.written));
      await waitFor('a pool full of queries waiting for the lock', async () => ((await connectionsWaitingForLocks(admin, databaseName, [t.applicationName])) >= 10 ? true : undefined), 5_000);
      // A request that needs no database: once it is answered, the server has read every request head sent before it.
      expect((await send(`${t.url}/api/openapi.json`)).status).toBe(200);

      t.child.kill('SIGTERM');
      // Until the process shows that it is shutting down (it stops accepting connections, or ends
      // its event streams), at most 2 s (queued requests wait for a pooled connection meanwhile).
      await waitFor(
        'the process to begin shutting down',
        async () => {
          if (!t.alive() || stream.events.some((e) => e.event === 'reconnect')) return true;
          const refused = await send(`${t.url}/api/openapi.json`, { timeoutMs: 500 }).then(
            () => false,
            (error: { code?: string }) => error.code === 'ECONNREFUSED',
          );
          return refused ? true : undefined;
        },
        2_000,
      ).catch(() => {});
      // The requests in flight take a second more: the bodies arrive and the lock goes only then.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const s of slow) s.finish();
      await locker.query('commit');
      locked = false;

      const results = await outcomes;
      expect(results.filter((o) => 'error' in o).map(brief), 'requests that died at the socket').toEqual([]);
      expect(results.filter(isServerError).map(brief)).toEqual([]);
      expect(results.map((o) => ('status' in o ? o.status : 0))).toEqual([...Array(10).fill(201), ...Array(20).fill(200)]);
      const exit = await Promise.race([t.exited, new Promise((r) => setTimeout(() => r('no exit within 15 s'), 15_000))]);
      expect(exit, t.stderr().slice(-1_500)).toEqual({ code: 0, signal: null });
      expect(await stream.ended).toEqual({ clean: true });
    } finally {
      if (locked) await locker.query('rollback').catch(() => {});
      await locker.end().catch(() => {});
      await stream.close();
    }
  }, 45_000);

  it('sends event: resync to every open stream when the LISTEN connection is lost, and changes again after it', async () => {
    const pair = [await running('p1'), await running('p2')];
    const streams: EventStream[] = [];
    try {
      for (const [bff, user] of [
        [pair[0]!, 'alpine-support'],
        [pair[0]!, 'alpine-sales'],
        [pair[1]!, 'alpine-tech'],
      ] as const) {
        const stream = await openEventStream(bff.url, await bff.token(user));
        streams.push(stream);
        await stream.next((e) => e.event === 'ready', 5_000);
      }
      expect(await terminateConnections(admin, databaseName, pair.map((b) => b.applicationName), 'listen')).toBe(2);
      const resyncs = await Promise.allSettled(streams.map((s) => s.next((e) => e.event === 'resync', 8_000)));
      expect(resyncs.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);

      // Listening again: a change reaches every stream.
      const tenant = alpine[3]!;
      const from = streams.map((s) => s.events.length);
      const patched = await pair[1]!.send('alpine-sales', 'PATCH', `/api/tenants/${tenant}`, { body: { invoiceReference: 'AFTER-RESYNC' }, headers: { 'If-Match': '*' } });
      expect(patched.status).toBe(200);
      const changes = await Promise.allSettled(streams.map((s, i) => s.next((e) => e.event === 'change' && JSON.parse(e.data).entityId === tenant, 5_000, from[i])));
      expect(changes.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    } finally {
      await Promise.all(streams.map((s) => s.close()));
    }
  }, 60_000);
});
