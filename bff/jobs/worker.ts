/**
 * Background jobs in PostgreSQL: a row per job in `jobs`, claimed with FOR UPDATE SKIP LOCKED
 * under a lease, so any number of BFF processes share the work, each piece is run by one of
 * them, and a job whose process died is taken over once its lease runs out. Works the same on
 * PGlite. Due times read the injectable clock, so tests move time instead of waiting.
 * A job names its tenant; a job without one is the platform's periodic work, of which each
 * kind has one run pending at a time (the index `jobs_one_periodic_idx`).
 *
 * This module owns the job protocol: the rest of the BFF queues work with `enqueue` and reports
 * from a handler through its `JobContext`; nothing outside bff/jobs/ touches the `jobs` table.
 *
 * Waking (docs/architecture.md#background-jobs): whatever queues work NOTIFYs `JOBS_CHANNEL` in
 * the same transaction, so only committed work wakes anyone; every process LISTENs
 * (`wakeOnNotify`) and looks at once. Between wakes a worker sleeps until the earliest due
 * `run_at` or lease end it knows of, and at most `pollMs` (a slow fallback for anything a
 * NOTIFY did not announce).
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../app-env.js';
import type { DatabaseHandle } from '../db/connect.js';
import type { Database, JobsTable } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { type JobResults, jobResults } from './job-results.js';

export type Job = Selectable<JobsTable>;

/**
 * Thrown by a handler when `progress` answered false: the job is no longer this process's (its
 * lease ran out and another took it over, or this process stops and hands it back). The handler
 * stops without changing more; handlers record their progress so that whoever goes on resumes.
 */
export class LostJobError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} is no longer this process's`);
  }
}

export interface JobContext extends JobResults {
  job: Job;
  db: Kysely<Database>;
  clock: Clock;
  /** Records progress and renews the lease; answers false when the job is no longer ours. */
  progress(progress: unknown): Promise<boolean>;
  /**
   * Records progress inside the handler's own transaction, so that it commits (or not) with the
   * change it reports; answers false when the job is no longer ours (the handler then throws
   * `LostJobError`, rolling back its change). Does not renew the lease: call `progress` after.
   */
  recordProgress(trx: Transaction<Database>, progress: unknown): Promise<boolean>;
}

export type JobHandler = (context: JobContext) => Promise<unknown>;

export interface Schedule {
  kind: string;
  everyMs: number;
}

export interface WorkerOptions {
  db: Kysely<Database>;
  clock: Clock;
  logger: Logger;
  handlers: Record<string, JobHandler>;
  schedules?: Schedule[];
  /** This process's name in `locked_by`. */
  workerId: string;
  leaseMs?: number;
  /** The fallback poll (DEFAULT_POLL_MS): NOTIFY and the earliest due time wake the worker sooner. */
  pollMs?: number;
  maxAttempts?: number;
}

export interface Worker {
  /** Runs one due job if there is one; answers whether it did. */
  tick(): Promise<boolean>;
  /** Runs due jobs until none is left (tests). */
  runUntilIdle(): Promise<number>;
  /** Makes sure every periodic job has its next run queued (one interval from now if none is). */
  schedule(): Promise<void>;
  start(): void;
  /** Looks for work now rather than at the next poll. */
  wake(): void;
  stop(): Promise<void>;
}

const addMs = (date: Date, ms: number) => new Date(date.getTime() + ms);

/** Every process LISTENs here; a payload (the kind) is only for whoever watches the channel. */
export const JOBS_CHANNEL = 'sc_jobs';
/**
 * (decision) The fallback poll. A NOTIFY wakes the workers for every job queued, a LISTEN that
 * reconnects wakes them too (its notifications may be lost), and an idle worker sleeps only until
 * the earliest due time it knows of; so the poll only catches what nothing announced, such as a
 * job inserted by hand, and a minute is soon enough for that.
 */
export const DEFAULT_POLL_MS = 60_000;
/** The shortest sleep: a due job that another claim holds for the moment is looked at again soon, not in a busy loop. */
const MIN_SLEEP_MS = 100;
const RETRY_AFTER_ERROR_MS = 1_000;

/** Tells every process that the queue changed; PostgreSQL delivers it only if the transaction commits. */
async function notifyQueued(db: Kysely<Database>, kind: string): Promise<void> {
  await sql`select pg_notify(${JOBS_CHANNEL}, ${kind})`.execute(db);
}

/** Queues a periodic job unless one is queued or running already (and then wakes the workers, in the same statement). */
export async function queuePeriodic(db: Kysely<Database>, kind: string, runAt: Date): Promise<void> {
  await sql`
    with queued as (
      insert into jobs (kind, status, run_at, payload) values (${kind}, 'queued', ${runAt}, '{}')
      on conflict (kind) where status in ('queued', 'running') and tenant_id is null do nothing
      returning kind)
    select pg_notify(${JOBS_CHANNEL}, kind) from queued`.execute(db);
}

export interface EnqueueRequest {
  kind: string;
  tenantId: string;
  payload: unknown;
  runAt: Date;
  /** The progress a reader sees before the handler reports any (null unless given). */
  progress?: unknown;
}

/**
 * Queues a tenant's job, or joins the one of the same kind that is queued or running for the
 * tenant (one unfinished job of a kind per tenant, the index `jobs_one_per_tenant_idx`); then
 * `joined` is true and the payload given is dropped.
 */
export async function enqueue(db: Kysely<Database>, request: EnqueueRequest): Promise<{ jobId: string; joined: boolean }> {
  const { kind, tenantId, payload, runAt } = request;
  const progress = request.progress === undefined ? null : JSON.stringify(request.progress);
  // The NOTIFY is part of the statement, so it goes out exactly when the job is committed,
  // whether or not the caller holds a transaction; a joined job is no new work and wakes no one.
  const { rows } = await sql<{ id: string }>`
    with queued as (
      insert into jobs (kind, tenant_id, status, run_at, payload, progress)
      values (${kind}, ${tenantId}, 'queued', ${runAt}, ${JSON.stringify(payload)}, ${progress})
      on conflict (kind, tenant_id) where status in ('queued', 'running') and tenant_id is not null do nothing
      returning id, kind)
    select id, pg_notify(${JOBS_CHANNEL}, kind) from queued`.execute(db);
  if (rows[0]) return { jobId: rows[0].id, joined: false };
  const unfinished = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  // Finished between the two statements: start a new one.
  return unfinished ? { jobId: unfinished.id, joined: true } : enqueue(db, request);
}

/**
 * Claims one due job for `workerId`, or none. Each branch is its own subquery on its own partial
 * index (`jobs_lease_idx`: running by lease end; `jobs_pick_idx`: queued by `run_at`), so a claim
 * never reads the finished jobs however many there are. Taken-over leases come first: they are
 * few, and work already begun should not wait behind a long queue. COALESCE evaluates the second
 * subquery only when the first found nothing (PostgreSQL runs an InitPlan when its value is first
 * needed; EXPLAIN ANALYZE shows it "never executed"), so a claim locks at most the one row it takes.
 */
export async function claimJob(db: Kysely<Database>, claim: { workerId: string; now: Date; leaseMs: number }): Promise<Job | undefined> {
  const { rows } = await claimStatement(claim).execute(db);
  return rows[0];
}

/** The claim's statement, apart so that tests and bench/jobs.ts can EXPLAIN what runs. */
export function claimStatement({ workerId, now, leaseMs }: { workerId: string; now: Date; leaseMs: number }) {
  return sql<Job>`
    update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${addMs(now, leaseMs)},
                    attempts = attempts + 1, updated_at = now()
    where id = coalesce(
      (select id from jobs where status = 'running' and locked_until < ${now}
       order by locked_until limit 1 for update skip locked),
      (select id from jobs where status = 'queued' and run_at <= ${now}
       order by run_at limit 1 for update skip locked))
    returning *`;
}

/** When the earliest queued job falls due or the earliest lease runs out (both from their partial indexes), if any. */
export async function nextDueAt(db: Kysely<Database>): Promise<Date | undefined> {
  const { rows } = await nextDueStatement().execute(db);
  return rows[0]?.next ?? undefined;
}

/** `nextDueAt`'s statement, apart so that tests can EXPLAIN it. */
export function nextDueStatement() {
  return sql<{ next: Date | null }>`
    select least((select min(run_at) from jobs where status = 'queued'),
                 (select min(locked_until) from jobs where status = 'running')) as next`;
}

/**
 * Wakes the worker on every NOTIFY of `JOBS_CHANNEL` from any process, and after the LISTEN
 * connection came back (notifications may have been lost meanwhile). Answers the unlisten.
 */
export function wakeOnNotify(listen: DatabaseHandle['listen'], worker: Pick<Worker, 'wake'>): Promise<() => Promise<void>> {
  return listen(JOBS_CHANNEL, { onPayload: () => worker.wake(), onResync: () => worker.wake() });
}

export function createWorker(options: WorkerOptions): Worker {
  const { db, clock, logger, handlers, workerId } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const maxAttempts = options.maxAttempts ?? 3;
  const schedules = new Map((options.schedules ?? []).map((s) => [s.kind, s.everyMs]));
  let running = false;
  /** Set by stop(): the job in hand stops at its next step and goes back to the queue. */
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;
  /** Set by wake(): the loop looks again before it sleeps. */
  let woken = false;

  const claim = () => claimJob(db, { workerId, now: clock.now(), leaseMs });

  async function finish(job: Job, outcome: { result: unknown } | { error: Error }): Promise<void> {
    const now = clock.now();
    await inTransaction(db, async (trx) => {
      const ours = trx.updateTable('jobs').where('id', '=', job.id).where('locked_by', '=', workerId).where('status', '=', 'running');
      if ('result' in outcome) {
        await ours.set({ status: 'succeeded', result: JSON.stringify(outcome.result ?? null), locked_by: null, locked_until: null, updated_at: sql`now()` }).execute();
      } else if (job.attempts >= maxAttempts) {
        await ours.set({ status: 'failed', result: JSON.stringify({ error: outcome.error.message }), locked_by: null, locked_until: null, updated_at: sql`now()` }).execute();
      } else {
        // Back off: 1 s, 4 s, 9 s, … after the failed attempt.
        const requeued = await ours.set({ status: 'queued', run_at: addMs(now, 1000 * job.attempts ** 2), locked_by: null, locked_until: null, updated_at: sql`now()` }).executeTakeFirst();
        // Workers asleep until a later time learn of the earlier one.
        if (Number(requeued.numUpdatedRows) > 0) await notifyQueued(trx, job.kind);
      }
      const every = schedules.get(job.kind);
      if (every !== undefined && job.tenant_id === null && ('result' in outcome || job.attempts >= maxAttempts)) {
        await queuePeriodic(trx, job.kind, addMs(now, every));
      }
    });
  }

  /** Back to the queue, due now and without counting the attempt: another process goes on with it (handlers resume where they were). */
  async function release(job: Job): Promise<void> {
    await inTransaction(db, async (trx) => {
      const released = await trx
        .updateTable('jobs')
        .set({ status: 'queued', run_at: clock.now(), locked_by: null, locked_until: null, attempts: sql`greatest(attempts - 1, 0)`, updated_at: sql`now()` })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      if (Number(released.numUpdatedRows) > 0) await notifyQueued(trx, job.kind);
    });
  }

  async function tick(): Promise<boolean> {
    if (stopping) return false;
    const job = await claim();
    if (!job) return false;
    const handler = handlers[job.kind];
    const log = logger.child({ jobId: job.id, kind: job.kind, tenantId: job.tenant_id, attempt: job.attempts });
    if (!handler) {
      await finish({ ...job, attempts: maxAttempts }, { error: new Error(`no handler for ${job.kind}`) });
      log.error('job of an unknown kind failed');
      return true;
    }
    const progress = async (value: unknown) => {
      if (stopping) return false;
      const renewed = await db
        .updateTable('jobs')
        .set({ progress: JSON.stringify(value), locked_until: addMs(clock.now(), leaseMs), updated_at: sql`now()` })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
      return Number(renewed.numUpdatedRows) > 0;
    };
    const recordProgress = async (trx: Transaction<Database>, value: unknown) => {
      const recorded = await trx
        .updateTable('jobs')
        .set({ progress: JSON.stringify(value), updated_at: sql`now()` })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .executeTakeFirst();
      return Number(recorded.numUpdatedRows) > 0;
    };
    try {
      const result = await handler({ job, db, clock, progress, recordProgress, ...jobResults(db, job.id, workerId) });
      await finish(job, { result });
      log.info('job succeeded');
    } catch (error) {
      if (stopping) {
        await release(job);
        log.info('job handed back: this process stops');
        return true;
      }
      await finish(job, { error: error instanceof Error ? error : new Error(String(error)) });
      log.warn({ err: error }, 'job failed');
    }
    return true;
  }

  /** The first run comes one interval after start, unless a run is pending already. */
  async function schedule(): Promise<void> {
    for (const [kind, every] of schedules) await queuePeriodic(db, kind, addMs(clock.now(), every));
  }

  return {
    tick,
    schedule,
    async runUntilIdle() {
      let ran = 0;
      while (await tick()) ran++;
      return ran;
    },
    start() {
      if (running) return;
      running = true;
      let scheduled = false;
      loop = (async () => {
        while (running) {
          woken = false;
          let sleepMs = pollMs;
          try {
            // Scheduling needs the database too: a blip at start is tried again at the next poll.
            if (!scheduled) {
              await schedule();
              scheduled = true;
            }
            if (await tick()) continue;
            const next = await nextDueAt(db);
            if (next) sleepMs = Math.min(pollMs, Math.max(MIN_SLEEP_MS, next.getTime() - clock.now().getTime()));
          } catch (error) {
            logger.error({ err: error }, 'job worker could not reach the database');
            // Look again soon, as the one-second poll did: a blip of the pool need not cost the fallback poll.
            sleepMs = Math.min(pollMs, RETRY_AFTER_ERROR_MS);
          }
          // A wake that came while this round looked (after its claim found nothing) is not lost.
          if (woken || !running) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, sleepMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wakeUp = undefined;
        }
      })().catch((error) => logger.error({ err: error }, 'job worker stopped unexpectedly'));
    },
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      running = false;
      stopping = true;
      wakeUp?.();
      await loop;
    },
  };
}
