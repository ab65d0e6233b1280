/** The BFF's background work: which job kinds exist, what runs them, and how often. */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../app-env.js';
import type { Database } from '../db/schema.js';
import { CONFIRMATION, confirmationHandler } from '../services/confirmation.js';
import { AUTO_DEPLOYMENT, autoDeploymentHandler } from '../services/deployment.js';
import { DEPROVISIONING, deprovisioningHandler } from '../services/deprovisioning.js';
import { DNS_CHECK, dnsCheckHandler } from '../services/provisioning.js';
import { purgeExpiredKeys } from '../http/idempotency.js';
import { purgeRateLimits } from '../http/rate-limit.js';
import type { DnsChecker } from '../dns/dns-checker.js';
import { purgeFinishedJobs } from './retention.js';
import { refreshStatistics } from '../db/statistics.js';
import { createWorker, type JobHandler, type Worker } from './worker.js';

const MINUTE = 60_000;
const IDEMPOTENCY_PURGE = 'idempotency-purge';
const RATE_LIMIT_PURGE = 'rate-limit-purge';
export const JOB_PURGE = 'job-purge';
const STATISTICS = 'statistics';

export interface JobSettings {
  dnsCheckEveryMs?: number;
  /** (decision) Several times a day: every 4 hours unless set. */
  autoDeployEveryMs?: number;
  deprovisionEveryMs?: number;
  leaseMs?: number;
  pollMs?: number;
  confirmationStepMs?: number;
  /** JOB_RETENTION_DAYS: finished jobs are purged this many days after they finished. */
  jobRetentionDays?: number;
  /** How often the table statistics are refreshed (PGlite has no autovacuum); hourly unless set. */
  statisticsEveryMs?: number;
  /** VACUUM before ANALYZE (on PGlite: nothing else removes dead rows). */
  vacuum?: boolean;
}

export function createJobs(
  deps: { db: Kysely<Database>; clock: Clock; logger: Logger; workerId: string; dns: DnsChecker; extraHandlers?: Record<string, JobHandler> },
  settings: JobSettings = {},
): Worker {
  return createWorker({
    db: deps.db,
    clock: deps.clock,
    logger: deps.logger,
    workerId: deps.workerId,
    leaseMs: settings.leaseMs,
    pollMs: settings.pollMs,
    handlers: {
      [CONFIRMATION]: confirmationHandler({ stepMs: settings.confirmationStepMs }),
      [AUTO_DEPLOYMENT]: autoDeploymentHandler,
      [DEPROVISIONING]: deprovisioningHandler,
      [DNS_CHECK]: dnsCheckHandler(deps.dns),
      [IDEMPOTENCY_PURGE]: (job) => purgeExpiredKeys(job.db, job),
      [JOB_PURGE]: (job) => purgeFinishedJobs(job.db, { retentionDays: settings.jobRetentionDays ?? 30, job }),
      [RATE_LIMIT_PURGE]: ({ db }) => purgeRateLimits(db),
      [STATISTICS]: ({ db }) => refreshStatistics(db, { vacuum: settings.vacuum }),
      ...deps.extraHandlers,
    },
    schedules: [
      { kind: AUTO_DEPLOYMENT, everyMs: settings.autoDeployEveryMs ?? 240 * MINUTE },
      { kind: DEPROVISIONING, everyMs: settings.deprovisionEveryMs ?? 60 * MINUTE },
      { kind: DNS_CHECK, everyMs: settings.dnsCheckEveryMs ?? 15 * MINUTE },
      { kind: IDEMPOTENCY_PURGE, everyMs: 60 * MINUTE },
      // Hourly, so that each run finds about an hour's worth of finished jobs: a few batches.
      { kind: JOB_PURGE, everyMs: 60 * MINUTE },
      { kind: RATE_LIMIT_PURGE, everyMs: 10 * MINUTE },
      { kind: STATISTICS, everyMs: settings.statisticsEveryMs ?? 60 * MINUTE },
    ],
  });
}
