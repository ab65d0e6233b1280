/** The job worker itself: leases, retries, failure, periodic runs, and claims by several workers. */
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorker, type JobHandler } from '../../bff/jobs/worker.js';
import { createTestContext, TEST_NOW, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

const logger = pino({ level: 'silent' });
const worker = (handlers: Record<string, JobHandler>, workerId = 'w1', extra: object = {}) =>
  createWorker({ db: ctx.db, clock: ctx.clock, logger, handlers, workerId, leaseMs: 10_000, ...extra });

/** A job of a (pretend) tenant: without one, a kind has one pending job at a time (periodic work). */
async function enqueue(kind: string, payload: object = {}, tenantId = `T-JOB-${Math.random()}`) {
  const row = await ctx.db
    .insertInto('jobs')
    .values({ kind, tenant_id: tenantId, status: 'queued', run_at: ctx.clock.now(), payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const jobRow = (id: string) => ctx.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the job worker', () => {
  it('runs a due job once and records its result', async () => {
    let runs = 0;
    const id = await enqueue('count', { n: 2 });
    const w = worker({ count: async ({ job }) => ({ doubled: (job.payload as { n: number }).n * 2, run: ++runs }) });
    expect(await w.runUntilIdle()).toBe(1);
    expect(await w.runUntilIdle()).toBe(0);
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', result: { doubled: 4, run: 1 }, attempts: 1, locked_by: null });
  });

  it('does not run a job before its time on the clock', async () => {
    const row = await ctx.db
      .insertInto('jobs')
      .values({ kind: 'later', tenant_id: 'T-JOB-later', status: 'queued', run_at: new Date(TEST_NOW.getTime() + 60_000), payload: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const w = worker({ later: async () => 'ran' });
    expect(await w.runUntilIdle()).toBe(0);
    ctx.clock.set(new Date(TEST_NOW.getTime() + 60_000));
    try {
      expect(await w.runUntilIdle()).toBe(1);
    } finally {
      ctx.clock.set(TEST_NOW);
    }
    expect((await jobRow(row.id)).status).toBe('succeeded');
  });

  it('retries a failing job with back-off and gives up after three attempts', async () => {
    const id = await enqueue('flaky');
    const w = worker({
      flaky: async () => {
        throw new Error('upstream unavailable');
      },
    });
    expect(await w.runUntilIdle()).toBe(1);
    expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 1 });
    for (const wait of [1_000, 4_000]) {
      ctx.clock.set(new Date(ctx.clock.now().getTime() + wait));
      expect(await w.runUntilIdle()).toBe(1);
    }
    ctx.clock.set(TEST_NOW);
    expect(await jobRow(id)).toMatchObject({ status: 'failed', attempts: 3, result: { error: 'upstream unavailable' } });
  });

  it('takes over a job whose worker died once its lease ran out, and not before', async () => {
    const id = await enqueue('orphan');
    await ctx.db
      .updateTable('jobs')
      .set({ status: 'running', locked_by: 'dead-process', locked_until: new Date(TEST_NOW.getTime() + 5_000), attempts: 1 })
      .where('id', '=', id)
      .execute();
    const w = worker({ orphan: async () => 'rescued' }, 'w2');
    expect(await w.runUntilIdle()).toBe(0);
    ctx.clock.set(new Date(TEST_NOW.getTime() + 6_000));
    try {
      expect(await w.runUntilIdle()).toBe(1);
    } finally {
      ctx.clock.set(TEST_NOW);
    }
    expect(await jobRow(id)).toMatchObject({ status: 'succeeded', result: 'rescued', attempts: 2 });
  });

  it('lets a worker that lost its lease change nothing of the job', async () => {
    const id = await enqueue('slow');
    const w = worker({
      slow: async ({ job, progress }) => {
        // Meanwhile another process took the job over.
        await ctx.db.updateTable('jobs').set({ locked_by: 'someone-else' }).where('id', '=', job.id).execute();
        expect(await progress({ step: 1 })).toBe(false);
        return 'late';
      },
    });
    await w.runUntilIdle();
    expect(await jobRow(id)).toMatchObject({ status: 'running', locked_by: 'someone-else', result: null });
    await ctx.db.deleteFrom('jobs').where('id', '=', id).execute();
  });

  it('keeps one queued run of a periodic job, and queues the next when one finishes', async () => {
    const w = worker({ tidy: async () => 'tidied' }, 'w3', { schedules: [{ kind: 'tidy', everyMs: 3_600_000 }] });
    await w.schedule();
    await w.schedule();
    const queued = () => ctx.db.selectFrom('jobs').select('run_at').where('kind', '=', 'tidy').where('status', '=', 'queued').execute();
    expect((await queued()).map((j) => j.run_at.getTime())).toEqual([TEST_NOW.getTime() + 3_600_000]);
    ctx.clock.set(new Date(TEST_NOW.getTime() + 3_600_000));
    try {
      expect(await w.runUntilIdle()).toBe(1);
    } finally {
      ctx.clock.set(TEST_NOW);
    }
    const [next] = await queued();
    expect(next!.run_at.getTime()).toBe(TEST_NOW.getTime() + 7_200_000);
  });

  it('hands each of many jobs to exactly one of several workers claiming at once', async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, () => enqueue('shared')));
    const ranBy = new Map<string, string[]>();
    const record =
      (name: string): JobHandler =>
      async ({ job }) => {
        ranBy.set(job.id, [...(ranBy.get(job.id) ?? []), name]);
        await sql`select pg_sleep(0.005)`.execute(ctx.db);
        return name;
      };
    const workers = ['a', 'b', 'c'].map((name) => worker({ shared: record(name) }, name));
    await Promise.all(workers.map((w) => w.runUntilIdle()));
    expect(ids.every((id) => ranBy.get(id)?.length === 1)).toBe(true);
  });
});
