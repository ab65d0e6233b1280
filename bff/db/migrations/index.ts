import type { Migration } from 'kysely';
import * as initial from './2026-11-24T00-00-00-initial.js';
import * as periodicJobs from './2026-11-25T00-00-00-periodic-jobs.js';
import * as offerDetails from './2026-11-26T00-00-00-offer-details.js';
import * as concurrentCounts from './2026-12-03T00-00-00-concurrent-counts.js';
import * as rateLimits from './2026-12-03T00-02-00-rate-limits.js';
import * as tenantListSearch from './2026-12-04T00-00-00-tenant-list-search.js';
import * as jobRetention from './2026-12-04T00-01-00-job-retention.js';
import * as incrementalCounts from './2026-12-04T00-02-00-incremental-counts.js';
import * as offerNumbers from './2026-12-05T00-00-00-offer-numbers.js';

/** Every migration by name; names sort by time, so Kysely applies them in order. */
export const migrations: Record<string, Migration> = {
  '2026-11-24T00-00-00-initial': initial,
  '2026-11-25T00-00-00-periodic-jobs': periodicJobs,
  '2026-11-26T00-00-00-offer-details': offerDetails,
  '2026-12-03T00-00-00-concurrent-counts': concurrentCounts,
  '2026-12-03T00-02-00-rate-limits': rateLimits,
  '2026-12-04T00-00-00-tenant-list-search': tenantListSearch,
  '2026-12-04T00-01-00-job-retention': jobRetention,
  '2026-12-04T00-02-00-incremental-counts': incrementalCounts,
  '2026-12-05T00-00-00-offer-numbers': offerNumbers,
};
