import { type Kysely, sql } from 'kysely';

/**
 * What an offer's PDF shows besides its lines, kept as it was when the offer was made (an
 * offer is a document: renaming the tenant later does not change it), and the tenant's offers
 * by date.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('offers')
    .addColumn('tenant_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('partner_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create index offers_tenant_idx on offers (tenant_id, created_at desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index offers_tenant_idx`.execute(db);
  await db.schema.alterTable('offers').dropColumn('tenant_name').dropColumn('partner_name').dropColumn('created_by_name').execute();
}
