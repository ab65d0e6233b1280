/** The counts that triggers keep in the tenant row, under concurrent writers on a real server. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function storedAndTrue(tenantId: string) {
  const stored = await ctx.db.selectFrom('tenants').select(['managed_domains', 'active_services']).where('id', '=', tenantId).executeTakeFirstOrThrow();
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from booked_services s join managed_domains d on d.id = s.domain_id
    where d.tenant_id = ${tenantId} and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned')`.execute(ctx.db);
  return { stored: stored.active_services, actual: rows[0]!.n };
}

describe.runIf(process.env.TEST_DATABASE_URL)('tenant counts on PostgreSQL', () => {
  it('stay right when two transactions add services to one tenant at once', async () => {
    const domains = await ctx.db.selectFrom('managed_domains').select(['id', 'next_service_number']).where('tenant_id', '=', 'T-10001').orderBy('id').execute();
    expect(domains.length).toBeGreaterThanOrEqual(2);
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstInserted!: () => void;
    const firstHasInserted = new Promise<void>((resolve) => (firstInserted = resolve));

    const first = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('booked_services').values({ domain_id: domains[0]!.id, number: 900, service_code: 'SC-HIN', status: 'ordered' }).execute();
      firstInserted();
      await firstMayCommit;
    });
    await firstHasInserted;
    // The second insert's trigger waits for the first transaction's lock on the tenant row.
    const second = ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('booked_services').values({ domain_id: domains[1]!.id, number: 900, service_code: 'SC-HIN', status: 'ordered' }).execute();
    });
    await new Promise((r) => setTimeout(r, 200));
    releaseFirst();
    await Promise.all([first, second]);

    const { stored, actual } = await storedAndTrue('T-10001');
    expect(stored).toBe(actual);
  });
});

describe('tenant counts', () => {
  it('match a count made from scratch for every tenant', async () => {
    const { rows } = await sql<{ id: string }>`
      select t.id from tenants t
      where t.active_services <> (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                                  where d.tenant_id = t.id and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned'))
         or t.managed_domains <> (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null)`.execute(ctx.db);
    expect(rows).toEqual([]);
  });
});
