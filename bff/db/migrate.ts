import { type Kysely, Migrator, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

function migrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  // A migration may add tables, indexes or rewrite rows: fresh statistics before the first
  // query is planned (bff/db/statistics.ts says why the BFF runs ANALYZE itself).
  if (results?.some((r) => r.status === 'Success')) await sql`analyze`.execute(db);
}

/** Undoes every migration, newest first (used by the migration test). */
export async function migrateToNothing(db: Kysely<Database>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const { error, results } = await m.migrateDown();
    if (error) throw error;
    if (!results || results.length === 0 || results[0]!.status === 'NotExecuted') return;
  }
}
