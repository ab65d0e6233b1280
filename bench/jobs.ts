/**
 * What the job worker's claim costs as finished jobs pile up, and what purging them costs: the
 * claim before this change (one OR over both branches, with the indexes it had) against the
 * claim of bff/jobs/worker.ts, measured in the same run on the same rows, at each size.
 *
 *   npm run bench:jobs                      # embedded PGlite: 1k and 100k finished jobs
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:jobs   # 1k, 100k, 1M
 *   BENCH_JOB_SIZES=1000,100000,1000000 npm run bench:jobs   # other sizes (PGlite builds 1M in minutes)
 *
 * Each measured claim runs in a transaction that is rolled back, so the rows stay as they were;
 * the "before" claim drops the new indexes inside its transaction first, so it plans as it did.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { openDatabase } from '../bff/db/connect.js';
import { migrateToLatest } from '../bff/db/migrate.js';
import type { Database } from '../bff/db/schema.js';
import { purgeFinishedStatement, purgeInBatches } from '../bff/jobs/retention.js';
import { claimStatement, nextDueStatement } from '../bff/jobs/worker.js';
import { openScratchDatabase } from '../test/support/scratch-database.js';

const onServer = Boolean(process.env.BENCH_DATABASE_URL);
const SIZES = (process.env.BENCH_JOB_SIZES ?? (onServer ? '1000,100000,1000000' : '1000,100000')).split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);

const database = onServer ? await openScratchDatabase(process.env.BENCH_DATABASE_URL!, 'sc_bench_jobs') : await openDatabase({ pgliteData: 'memory://' });
const { db } = database;
await migrateToLatest(db);

/** The claim as bff/jobs/worker.ts had it: both branches in one OR, ordered by run_at. */
const oldClaim = (now: Date) => sql`
  update jobs set status = 'running', locked_by = 'bench', locked_until = ${new Date(now.getTime() + 30_000)},
                  attempts = attempts + 1, updated_at = now()
  where id = (
    select id from jobs
    where (status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
    order by run_at
    limit 1
    for update skip locked)
  returning *`;
const newClaim = (now: Date) => claimStatement({ workerId: 'bench', now, leaseMs: 30_000 });

class Rollback extends Error {}

/** Runs `statement` inside a transaction that is rolled back, after `prepare`; answers the statement's time in ms. */
async function timedInRollback(statement: RawBuilder<unknown>, prepare: (trx: Kysely<Database>) => Promise<void>): Promise<{ ms: number; rows: number }> {
  let measured = { ms: 0, rows: 0 };
  await db
    .transaction()
    .execute(async (trx) => {
      await prepare(trx);
      const started = performance.now();
      const { rows } = await statement.execute(trx);
      measured = { ms: performance.now() - started, rows: rows.length };
      throw new Rollback();
    })
    .catch((error) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return measured;
}

async function median(run: () => Promise<{ ms: number; rows: number }>, expectRows: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const { ms, rows } = await run();
    if (rows !== expectRows) throw new Error(`claimed ${rows} jobs, expected ${expectRows}`);
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** As before this change: without the indexes it added (inside the rolled-back transaction only). */
const withOldIndexes = async (trx: Kysely<Database>) => {
  await sql`drop index jobs_lease_idx`.execute(trx);
  await sql`drop index jobs_finished_idx`.execute(trx);
};
const dueJob = async (trx: Kysely<Database>) => {
  await sql`insert into jobs (kind, tenant_id, status, run_at) values ('bench-due', 'T-DUE', 'queued', now() - interval '1 second')`.execute(trx);
};

// What a live system has beside the finished jobs: periodic runs queued for later, jobs running under a fresh lease.
await sql`insert into jobs (kind, status, run_at) select 'periodic-' || g, 'queued', now() + g * interval '10 minutes' from generate_series(1, 5) g`.execute(db);
await sql`insert into jobs (kind, tenant_id, status, run_at, locked_by, locked_until)
  select 'confirmation', 'T-RUN-' || g, 'running', now(), 'other', now() + interval '1 hour' from generate_series(1, 5) g`.execute(db);

// Warm up (PGlite's WebAssembly, plan caches, the pool) on the small table, so that the first size is not charged for it.
for (let i = 0; i < 50; i++) {
  await timedInRollback(oldClaim(new Date()), async (trx) => (await withOldIndexes(trx), await dueJob(trx)));
  await timedInRollback(newClaim(new Date()), dueJob);
  await nextDueStatement().execute(db);
}

const fmt = (ms: number) => `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
console.log(`job claim, ${database.kind}, median of ${RUNS} runs; finished jobs finished 31-60 days ago`);
console.log(`${'finished jobs'.padEnd(14)} ${'case'.padEnd(26)} ${'before'.padStart(10)} ${'after'.padStart(10)} ${'before/after'.padStart(13)}`);
let built = 0;
for (const size of SIZES) {
  const started = performance.now();
  await sql`insert into jobs (kind, tenant_id, status, run_at, payload, result, attempts, created_at, updated_at)
    select 'confirmation', 'T-' || (g % 5000), case when g % 10 = 0 then 'failed' else 'succeeded' end,
           now() - interval '60 days' + (g % 2500000) * interval '1 second', '{"actor": {"sub": "bench"}}', '{"domains": []}', 1,
           now() - interval '60 days' + (g % 2500000) * interval '1 second', now() - interval '60 days' + (g % 2500000) * interval '1 second'
    from generate_series(${built + 1}::int, ${size}::int) g`.execute(db);
  built = size;
  await sql`analyze jobs`.execute(db);
  const buildMs = performance.now() - started;
  const label = size.toLocaleString('en').padEnd(14);
  for (const [name, prepare, rows] of [
    ['idle (nothing due)', async () => {}, 0],
    ['one job due', dueJob, 1],
  ] as const) {
    const before = await median(() => timedInRollback(oldClaim(new Date()), async (trx) => (await withOldIndexes(trx), await prepare(trx))), rows);
    const after = await median(() => timedInRollback(newClaim(new Date()), prepare), rows);
    console.log(`${label} ${name.padEnd(26)} ${fmt(before).padStart(10)} ${fmt(after).padStart(10)} ${`${(before / after).toFixed(1)}x`.padStart(13)}`);
  }
  const nextDue = await median(async () => ({ ...(await timedInRollback(nextDueStatement(), async () => {})), rows: 0 }), 0);
  console.log(`${label} ${'next due time (new)'.padEnd(26)} ${''.padStart(10)} ${fmt(nextDue).padStart(10)}   (built in ${(buildMs / 1000).toFixed(1)} s)`);
}

// The purge of everything built (all past a 30-day retention): one statement, as an unbatched
// purge would run it (rolled back), against the batches of bff/jobs/retention.ts. On PGlite the
// longest statement is how long the event loop, and so every request, waits.
const oneStatement = await timedInRollback(sql`delete from jobs where status in ('succeeded', 'failed') and updated_at < now() - interval '30 days'`, async () => {});
let longest = 0;
const purgeStarted = performance.now();
const { purged, batches } = await purgeInBatches(async (batch) => {
  const started = performance.now();
  const { rows } = await purgeFinishedStatement(30, batch).execute(db);
  longest = Math.max(longest, performance.now() - started);
  return rows[0]!.jobs;
});
const purgeMs = performance.now() - purgeStarted;
console.log(
  `purge of ${purged.toLocaleString('en')} finished jobs: one statement ${fmt(oneStatement.ms)}; ` +
    `${batches} batches of 1,000 ${fmt(purgeMs)} in all, the longest ${fmt(longest)} (one statement / longest batch: ${(oneStatement.ms / longest).toFixed(1)}x)`,
);
await database.close();
