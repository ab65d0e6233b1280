/**
 * Table statistics: the planner chooses its plans by them, and stale ones flip a plan from an
 * index lookup to a join over whole tables (issue 10 measured 250 ms a domain instead of 5 ms
 * in the counters' old recount). PGlite has no autovacuum, and a server may have it off or
 * late, so the BFF runs ANALYZE itself: after migrating, after seeding, after bulk changes
 * (a confirmation or deprovisioning of many domains), and periodically (the `statistics` job).
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.js';
import { yieldToEventLoop } from './transaction.js';

/** How many rows a job changes before it refreshes the statistics of the tables it changed. */
export const BULK_CHANGE_ROWS = 200;

/** The tables whose sizes and distributions change with use (the catalogue does not). */
const GROWING_TABLES = ['tenants', 'managed_domains', 'booked_services', 'gina_hosts', 'audit_events', 'jobs', 'job_results', 'idempotency_keys', 'rate_limits', 'user_counts', 'offers'] as const;

/**
 * ANALYZE (and VACUUM first, with `vacuum`) table by table, yielding between tables: on PGlite
 * each statement runs in this process and holds every request while it runs. Outside any
 * transaction (VACUUM cannot run in one, and ANALYZE's locks should not be held longer).
 */
export async function refreshStatistics(db: Kysely<Database>, options: { tables?: readonly (keyof Database)[]; vacuum?: boolean } = {}): Promise<void> {
  for (const table of options.tables ?? GROWING_TABLES) {
    await sql`${sql.raw(options.vacuum ? 'vacuum (analyze)' : 'analyze')} ${sql.table(table)}`.execute(db);
    await yieldToEventLoop();
  }
}
