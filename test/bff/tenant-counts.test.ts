/** The counts that triggers keep in the tenant row, under concurrent writers on a real server. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deprovisionDue } from '../../bff/services/deprovisioning.js';
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

/** Tenants whose stored counts differ from a count made from scratch. */
async function miscounted() {
  const { rows } = await sql<{ id: string }>`
    select t.id from tenants t
    where t.active_services <> (select count(*) from booked_services s join managed_domains d on d.id = s.domain_id
                                where d.tenant_id = t.id and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned'))
       or t.managed_domains <> (select count(*) from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null)`.execute(ctx.db);
  return rows.map((r) => r.id);
}

describe('tenant counts', () => {
  it('stay exact under concurrent orders, service additions, cancellations and deprovisionings on one tenant', async () => {
    const tenant = 'T-10012';
    const order = (name: string) => ctx.as('alpine-sales', 'POST', `/api/tenants/${tenant}/domains`, { body: { name, mode: 'inline', services: ['SC-F-INBOUND'] } });
    const first = await Promise.all(Array.from({ length: 8 }, (_, i) => order(`hammer-${i}.ch`)));
    expect(first.map((r) => r.status)).toEqual(Array(8).fill(201));
    const domains = (await Promise.all(first.map((r) => r.json()))) as { id: string }[];
    const before = await ctx.db.selectFrom('tenants').select(['managed_domains', 'active_services']).where('id', '=', tenant).executeTakeFirstOrThrow();

    // At once: eight more orders; on the first eight domains, SC-F-OUTBOUND added to four and
    // the domain cancelled (SC-SERVICE, with its cascade) on the other four; and deprovisionings
    // of everything due, which release the cancelled domains in whichever order they commit.
    const cancel = (domainId: string) => ctx.as('alpine-sales', 'POST', `/api/domains/${domainId}/services/1/cancel`, { body: { endBilling: '2026-11-30' } });
    const add = (domainId: string) => ctx.as('alpine-sales', 'POST', `/api/domains/${domainId}/services`, { body: { services: ['SC-F-OUTBOUND'] } });
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => order(`hammer-more-${i}.ch`)),
      ...domains.slice(0, 4).map((d) => add(d.id)),
      ...domains.slice(4).map((d) => cancel(d.id)),
      ...Array.from({ length: 3 }, () => deprovisionDue(ctx.db, '2026-12-02').then(() => new Response(null, { status: 299 }))),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([...Array(12).fill(201), ...Array(4).fill(200), ...Array(3).fill(299)].sort());
    await deprovisionDue(ctx.db, '2026-12-02');

    const after = await ctx.db.selectFrom('tenants').select(['managed_domains', 'active_services']).where('id', '=', tenant).executeTakeFirstOrThrow();
    // 8 orders of 2 services; 4 additions of one; 4 domains of 2 services cancelled and released.
    expect(after).toEqual({ managed_domains: before.managed_domains + 8 - 4, active_services: before.active_services + 16 + 4 - 8 });
    expect(await miscounted()).toEqual([]);
  });

  it('match a count made from scratch for every tenant', async () => {
    expect(await miscounted()).toEqual([]);
  });
});
