/**
 * Jobs at scale (docs/architecture.md#background-jobs): workers wake on NOTIFY from another
 * process instead of polling, the claim and the purge read indexes rather than every finished
 * job, and finished jobs go after their retention with the idempotency keys that name them.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../bff/db/connect.js';
import { migrateToLatest } from '../../bff/db/migrate.js';
import type { Database } from '../../bff/db/schema.js';
import { purgeExpiredKeys } from '../../bff/http/idempotency.js';
import { purgeFinishedJobs, purgeFinishedStatement } from '../../bff/jobs/retention.js';
import { claimStatement, createWorker, enqueue, type JobHandler, LostJobError, nextDueStatement, wakeOnNotify, type Worker } from '../../bff/jobs/worker.js';
import { waitFor } from '../support/bff-process.js';
import { openScratchDatabase } from '../support/scratch-database.js';
import { createTestContext, TEST_NOW, type TestContext } from './support/context.js';

const logger = pino({ level: 'silent' });
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('waking workers on NOTIFY', () => {
  /** Two processes' handles on one database: on a server, two pools and two LISTEN connections; PGlite lives in one process. */
  let enqueuer: DatabaseHandle;
  let workerSide: DatabaseHandle;
  let closeAll: () => Promise<void>;
  const workers: Worker[] = [];
  const unlisten: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    if (process.env.TEST_DATABASE_URL) {
      const scratch = await openScratchDatabase(process.env.TEST_DATABASE_URL, 'sc_jobwake');
      workerSide = await openDatabase({ databaseUrl: scratch.url });
      enqueuer = scratch;
      closeAll = async () => {
        await workerSide.close();
        await scratch.close();
      };
    } else {
      enqueuer = workerSide = await openDatabase({ pgliteData: 'memory://' });
      closeAll = () => enqueuer.close();
    }
    await migrateToLatest(enqueuer.db);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await Promise.all(unlisten.map((u) => u()));
    await closeAll();
  });

  /** A started worker whose fallback poll and lease are an hour: whatever it runs in this test, a wake-up made it run. */
  async function startSleepyWorker(ran: string[], handlers: Record<string, JobHandler> = {}, workerId = 'sleepy') {
    const worker = createWorker({
      db: workerSide.db,
      clock: { now: () => new Date() },
      logger,
      workerId,
      // An hour's poll and an hour's lease: no timer of the worker's own could explain a prompt run.
      pollMs: HOUR,
      leaseMs: HOUR,
      handlers: { wake: async ({ job }) => void ran.push((job.payload as { name: string }).name), ...handlers },
    });
    unlisten.push(await wakeOnNotify(workerSide.listen, worker));
    worker.start();
    workers.push(worker);
    // Let its first look find nothing, so that it sleeps on the hour-long poll (were it still
    // looking, the job would merely be found by that look: the test would prove less, not fail).
    await new Promise((resolve) => setTimeout(resolve, 500));
    return worker;
  }

  it("runs a job queued by another process at once, though the worker's poll is an hour away", async () => {
    const ran: string[] = [];
    const worker = await startSleepyWorker(ran);
    const { jobId } = await enqueue(enqueuer.db, { kind: 'wake', tenantId: 'T-WAKE-1', payload: { name: 'now' }, runAt: new Date() });
    await waitFor('the job to run', async () => {
      const job = await enqueuer.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow();
      return job.status === 'succeeded' ? job : undefined;
    });
    await worker.stop();
    expect(ran).toEqual(['now']);
  });

  it('runs a job queued for later when it falls due, without a poll or another NOTIFY', async () => {
    const ran: string[] = [];
    const worker = await startSleepyWorker(ran);
    // The NOTIFY of the enqueue wakes the worker, which finds nothing due yet and sleeps until run_at.
    const { jobId } = await enqueue(enqueuer.db, { kind: 'wake', tenantId: 'T-WAKE-2', payload: { name: 'later' }, runAt: new Date(Date.now() + 1_000) });
    await waitFor('the job to run once due', async () => {
      const job = await enqueuer.db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirstOrThrow();
      return job.status === 'succeeded' ? job : undefined;
    });
    await worker.stop();
    expect(ran).toEqual(['later']);
  });

  it('hands a job back at shutdown and wakes another worker for it', async () => {
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const ranBy: string[] = [];
    const handBack: JobHandler = async ({ job, progress }) => {
      begun();
      // Works in steps until its process stops.
      while (await progress({ step: 1 })) await new Promise((resolve) => setTimeout(resolve, 20));
      throw new LostJobError(job.id);
    };
    const stopping = await startSleepyWorker([], { long: handBack }, 'stopping');
    const { jobId } = await enqueue(enqueuer.db, { kind: 'long', tenantId: 'T-WAKE-4', payload: {}, runAt: new Date() });
    await started;
    const other = await startSleepyWorker([], { long: async () => void ranBy.push('other') }, 'other');
    await stopping.stop();
    await waitFor('the other worker to finish the job', async () => {
      const job = await enqueuer.db.selectFrom('jobs').select(['status', 'locked_by']).where('id', '=', jobId).executeTakeFirstOrThrow();
      return job.status === 'succeeded' ? job : undefined;
    });
    await other.stop();
    expect(ranBy).toEqual(['other']);
  });

  it('wakes no one for a job whose transaction rolled back, and the job does not exist', async () => {
    const heard: string[] = [];
    unlisten.push(await workerSide.listen('sc_jobs', { onPayload: (kind) => heard.push(kind) }));
    await enqueuer.db
      .transaction()
      .execute(async (trx) => {
        await enqueue(trx, { kind: 'rolled-back', tenantId: 'T-WAKE-3', payload: {}, runAt: new Date() });
        throw new Error('roll back');
      })
      .catch(() => {});
    // A later committed job: its notification arrives, and nothing of the rolled-back one came before it.
    await enqueue(enqueuer.db, { kind: 'committed', tenantId: 'T-WAKE-3', payload: {}, runAt: new Date(Date.now() + DAY) });
    await waitFor('the committed job to be announced', () => (heard.includes('committed') ? true : undefined));
    expect(heard).not.toContain('rolled-back');
    expect(await enqueuer.db.selectFrom('jobs').select('id').where('kind', '=', 'rolled-back').execute()).toEqual([]);
  });
});

describe('retention and plans', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext();
  });
  afterAll(() => ctx.close());

  /** Finished jobs, `daysAgo` after they finished (by the database's time, as the purge measures). */
  async function finishedJobs(db: Kysely<Database>, count: number, daysAgo: number, kind = 'old-work') {
    const { rows } = await sql<{ id: string }>`
      insert into jobs (kind, tenant_id, status, run_at, payload, result, attempts, created_at, updated_at)
      select ${kind}, 'T-RET-' || g, case when g % 7 = 0 then 'failed' else 'succeeded' end, now() - make_interval(days => ${daysAgo}::int),
             '{}', '{"ok": true}', 1, now() - make_interval(days => ${daysAgo}::int), now() - make_interval(days => ${daysAgo}::int)
      from generate_series(1, ${count}) g
      returning id`.execute(db);
    return rows.map((r) => r.id);
  }

  it('purges only finished jobs past the retention, in batches, with the keys that name them', async () => {
    const old = await finishedJobs(ctx.db, 2_500, 31);
    const recent = await finishedJobs(ctx.db, 20, 29, 'recent-work');
    // Unfinished jobs are never purged, however old.
    await sql`insert into jobs (kind, tenant_id, status, run_at, locked_by, locked_until, created_at, updated_at) values
      ('old-queued', 'T-RET-Q', 'queued', now() - interval '90 days', null, null, now() - interval '90 days', now() - interval '90 days'),
      ('old-running', 'T-RET-R', 'running', now() - interval '90 days', 'w', now() - interval '89 days', now() - interval '90 days', now() - interval '90 days')`.execute(ctx.db);
    const key = (name: string, jobId: string | null) => ({ principal_sub: 'alpine-sales', key: name, method: 'POST', path: '/x', request_hash: 'h', response_status: 202, job_id: jobId });
    await ctx.db.insertInto('idempotency_keys').values([key('names-old', old[0]!), key('names-recent', recent[0]!), key('names-none', null)]).execute();

    expect(await purgeFinishedJobs(ctx.db, { retentionDays: 30, batch: 1_000 })).toEqual({ purged: 2_500, keys: 1, batches: 3 });
    const left = await ctx.db.selectFrom('jobs').select(['kind', (eb) => eb.fn.countAll<string>().as('n')]).where('kind', 'like', '%-work').groupBy('kind').execute();
    expect(left.map((r) => [r.kind, Number(r.n)])).toEqual([['recent-work', 20]]);
    expect((await ctx.db.selectFrom('jobs').select('kind').where('kind', 'like', 'old-%').orderBy('kind').execute()).map((r) => r.kind)).toEqual(['old-queued', 'old-running']);
    const keys = await ctx.db.selectFrom('idempotency_keys').select('key').where('key', 'like', 'names-%').orderBy('key').execute();
    expect(keys.map((k) => k.key)).toEqual(['names-none', 'names-recent']);
    await ctx.db.deleteFrom('jobs').where('kind', 'in', ['recent-work', 'old-queued', 'old-running']).execute();
  });

  it('stops a long purge when its job is no longer this process’s, keeping what it deleted', async () => {
    await finishedJobs(ctx.db, 30, 40);
    const lost = { job: { id: '00000000-0000-0000-0000-000000000000' } as never, progress: async () => false };
    await expect(purgeFinishedJobs(ctx.db, { retentionDays: 30, batch: 10, job: lost })).rejects.toBeInstanceOf(LostJobError);
    const left = await ctx.db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('kind', '=', 'old-work').executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(20);
    expect((await purgeFinishedJobs(ctx.db, { retentionDays: 30, batch: 10 })).purged).toBe(20);
  });

  it('purges idempotency keys past their day in batches, renewing its lease between them', async () => {
    await sql`insert into idempotency_keys (principal_sub, key, method, path, request_hash, created_at)
      select 'p', 'k-' || g, 'POST', '/x', 'h', now() - case when g <= 2100 then interval '25 hours' else interval '1 hour' end
      from generate_series(1, 2110) g`.execute(ctx.db);
    const progress: unknown[] = [];
    const job = { job: { id: 'j' } as never, progress: async (value: unknown) => (progress.push(value), true) };
    expect(await purgeExpiredKeys(ctx.db, job)).toEqual({ purged: 2_100 });
    expect(progress).toEqual([{ purged: 1_000 }, { purged: 2_000 }]);
    expect((await ctx.db.selectFrom('idempotency_keys').select('key').where('principal_sub', '=', 'p').execute()).length).toBe(10);
  });

  it('remembers the job of a 202 with its key; once the job is purged, a retry with the key starts a new job', async () => {
    const post = () => ctx.as('alpine-sales', 'POST', '/api/tenants/T-10006/confirmations', { headers: { 'Idempotency-Key': 'confirm-once' } });
    const first = await post();
    expect(first.status).toBe(202);
    const { jobId } = await first.json();
    const stored = await ctx.db.selectFrom('idempotency_keys').select('job_id').where('key', '=', 'confirm-once').executeTakeFirstOrThrow();
    expect(stored.job_id).toBe(jobId);
    const replay = await post();
    expect([replay.headers.get('Idempotent-Replayed'), (await replay.json()).jobId]).toEqual(['true', jobId]);

    // The job finished long ago (by hand: the test runs no confirmation).
    await sql`update jobs set status = 'succeeded', updated_at = now() - interval '31 days' where id = ${jobId}`.execute(ctx.db);
    expect((await purgeFinishedJobs(ctx.db, { retentionDays: 30 })).keys).toBe(1);
    const retry = await post();
    expect(retry.status).toBe(202);
    expect(retry.headers.get('Idempotent-Replayed')).toBeNull();
    expect((await retry.json()).jobId).not.toBe(jobId);
  });

  it('runs the purge on its schedule', async () => {
    const [id] = await finishedJobs(ctx.db, 1, 45, 'scheduled-purge');
    await ctx.worker.schedule();
    const purge = await ctx.db.selectFrom('jobs').select('run_at').where('kind', '=', 'job-purge').where('status', '=', 'queued').executeTakeFirstOrThrow();
    ctx.clock.set(purge.run_at);
    try {
      await ctx.worker.runUntilIdle();
    } finally {
      ctx.clock.set(TEST_NOW);
    }
    expect(await ctx.db.selectFrom('jobs').select('id').where('id', '=', id!).execute()).toEqual([]);
    expect(await ctx.db.selectFrom('jobs').select('status').where('kind', '=', 'job-purge').orderBy('run_at').execute()).toEqual([{ status: 'succeeded' }, { status: 'queued' }]);
  });

  it('claims, finds the next due time and purges through indexes, never scanning the finished jobs', async () => {
    // Many finished jobs (recent: the purge finds few to delete, as in its hourly runs), a few unfinished ones.
    await finishedJobs(ctx.db, 20_000, 1);
    await finishedJobs(ctx.db, 50, 40);
    await sql`insert into jobs (kind, tenant_id, status, run_at, locked_by, locked_until) values
      ('plan', 'T-PLAN-1', 'queued', now() + interval '1 hour', null, null),
      ('plan', 'T-PLAN-2', 'running', now() - interval '1 minute', 'w', now() + interval '30 seconds')`.execute(ctx.db);
    await sql`analyze jobs`.execute(ctx.db);
    await sql`analyze idempotency_keys`.execute(ctx.db);
    const plan = async (statement: RawBuilder<unknown>) => {
      const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${statement}`.execute(ctx.db);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const claim = await plan(claimStatement({ workerId: 'w', now: new Date(), leaseMs: 30_000 }));
    expect(claim).toMatch(/jobs_lease_idx/);
    expect(claim).toMatch(/jobs_pick_idx/);
    const plans = [claim, await plan(nextDueStatement()), await plan(purgeFinishedStatement(30, 1_000))];
    for (const text of plans) expect(text).not.toMatch(/Seq Scan on jobs/);
    expect(plans[2]).toMatch(/jobs_finished_idx/);
  });
});
