import { type Kysely, sql } from 'kysely';

/**
 * Rate limits shared by every process (bff/http/rate-limit.ts): one row per bucket (`writes:<sub>`,
 * `auth-failures:<address>`) with its GCRA theoretical arrival time. A row whose time has passed
 * holds no information (its budget is whole again) and is purged periodically.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table rate_limits (
    key text primary key,
    tat timestamptz not null
  )`.execute(db);
  await sql`create index rate_limits_tat_idx on rate_limits (tat)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table rate_limits`.execute(db);
}
