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
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../app-env.js';
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

/** Queues a periodic job unless one is queued or running already. */
export async function queuePeriodic(db: Kysely<Database>, kind: string, runAt: Date): Promise<void> {
  await sql`insert into jobs (kind, status, run_at, payload) values (${kind}, 'queued', ${runAt}, '{}')
    on conflict (kind) where status in ('queued', 'running') and tenant_id is null do nothing`.execute(db);
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
  const { rows } = await sql<{ id: string }>`
    insert into jobs (kind, tenant_id, status, run_at, payload, progress)
    values (${kind}, ${tenantId}, 'queued', ${runAt}, ${JSON.stringify(payload)}, ${progress})
    on conflict (kind, tenant_id) where status in ('queued', 'running') and tenant_id is not null do nothing
    returning id`.execute(db);
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

export function createWorker(options: WorkerOptions): Worker {
  const { db, clock, logger, handlers, workerId } = options;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollMs = options.pollMs ?? 1_000;
  const maxAttempts = options.maxAttempts ?? 3;
  const schedules = new Map((options.schedules ?? []).map((s) => [s.kind, s.everyMs]));
  let running = false;
  /** Set by stop(): the job in hand stops at its next step and goes back to the queue. */
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeUp: (() => void) | undefined;

  async function claim(): Promise<Job | undefined> {
    const now = clock.now();
    const { rows } = await sql<Job>`
      update jobs set status = 'running', locked_by = ${workerId}, locked_until = ${addMs(now, leaseMs)},
                      attempts = attempts + 1, updated_at = now()
      where id = (
        select id from jobs
        where (status = 'queued' and run_at <= ${now}) or (status = 'running' and locked_until < ${now})
        order by run_at
        limit 1
        for update skip locked)
      returning *`.execute(db);
    return rows[0];
  }

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
        await ours.set({ status: 'queued', run_at: addMs(now, 1000 * job.attempts ** 2), locked_by: null, locked_until: null, updated_at: sql`now()` }).execute();
      }
      const every = schedules.get(job.kind);
      if (every !== undefined && job.tenant_id === null && ('result' in outcome || job.attempts >= maxAttempts)) {
        await queuePeriodic(trx, job.kind, addMs(now, every));
      }
    });
  }

  /** Back to the queue, due now and without counting the attempt: another process goes on with it (handlers resume where they were). */
  async function release(job: Job): Promise<void> {
    await db
      .updateTable('jobs')
      .set({ status: 'queued', run_at: clock.now(), locked_by: null, locked_until: null, attempts: sql`greatest(attempts - 1, 0)`, updated_at: sql`now()` })
      .where('id', '=', job.id)
      .where('locked_by', '=', workerId)
      .where('status', '=', 'running')
      .execute();
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
          try {
            // Scheduling needs the database too: a blip at start is tried again at the next poll.
            if (!scheduled) {
              await schedule();
              scheduled = true;
            }
            if (await tick()) continue;
          } catch (error) {
            logger.error({ err: error }, 'job worker could not reach the database');
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, pollMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      })().catch((error) => logger.error({ err: error }, 'job worker stopped unexpectedly'));
    },
    wake() {
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
