import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrateToLatest, migrateToNothing } from '../../bff/db/migrate.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ seed: false });
});
afterAll(() => ctx.close());

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(ctx.db);
  return rows.map((r) => r.table_name);
}

it('migrates up, down to nothing, and up again', async () => {
  const created = await tables();
  expect(created).toEqual(
    ['audit_events', 'booked_services', 'catalog_prices', 'demo_users', 'gina_hosts', 'idempotency_keys', 'job_results', 'jobs', 'managed_domains', 'offer_number_counters', 'offers', 'partners', 'rate_limits', 'services', 'tenants', 'user_counts'],
  );
  await migrateToNothing(ctx.db);
  expect(await tables()).toEqual([]);
  await migrateToLatest(ctx.db);
  expect(await tables()).toEqual(created);
});

it('keeps one managed domain name on the platform, case-insensitively, unless deprovisioned', async () => {
  await ctx.db.insertInto('partners').values({ id: 'P-1', name: 'P', country: 'CH' }).execute();
  await ctx.db.insertInto('tenants').values(['T-1', 'T-2'].map((id) => ({ id, partner_id: 'P-1', name: id, email: 'a@b.ch', phone: '+41 1', country: 'CH', region: 'ch' as const }))).execute();
  await ctx.db.insertInto('managed_domains').values({ id: 'D-1', tenant_id: 'T-1', name: 'example.ch', mode: 'inline', deprovisioned_at: new Date() }).execute();
  await ctx.db.insertInto('managed_domains').values({ id: 'D-2', tenant_id: 'T-1', name: 'example.ch', mode: 'inline' }).execute();
  await expect(ctx.db.insertInto('managed_domains').values({ id: 'D-3', tenant_id: 'T-2', name: 'EXAMPLE.ch', mode: 'parallel' }).execute()).rejects.toThrow(/unique|duplicate/i);
});
