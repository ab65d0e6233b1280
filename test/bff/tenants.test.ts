import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedDomain, TenantPage, TenantSummary } from '../../domain/api.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function list(user: string, query: string): Promise<TenantPage> {
  const response = await ctx.as(user, 'GET', `/api/tenants?${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

async function auditCount(tenantId: string): Promise<number> {
  const row = await ctx.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('GET /api/tenants: counts', () => {
  it('counts managed domains and active services as the booked services show them', async () => {
    const { items } = await list('alpine-support', 'limit=100');
    for (const tenant of items.slice(0, 12)) {
      const domains: ManagedDomain[] = await (await ctx.as('alpine-support', 'GET', `/api/tenants/${tenant.id}/domains`)).json();
      const managed = domains.filter((d) => d.services.some((s) => s.status !== 'deprovisioned'));
      const active = domains.flatMap((d) => d.services).filter((s) => ['ordered', 'confirmed', 'provisioning', 'provisioned'].includes(s.status));
      expect({ id: tenant.id, managedDomains: tenant.managedDomains, totalServices: tenant.totalServices }).toEqual({
        id: tenant.id,
        managedDomains: managed.length,
        totalServices: active.length,
      });
    }
  });

  it('follows every change of a service’s status or a domain’s deprovisioning', async () => {
    const count = async () => (await list('alpine-support', 'q=T-10002')).items[0]!;
    const before = await count();
    const domain = await ctx.db.selectFrom('managed_domains').select('id').where('tenant_id', '=', 'T-10002').orderBy('id').executeTakeFirstOrThrow();
    const services = await ctx.db
      .selectFrom('booked_services')
      .select(['number', 'status'])
      .where('domain_id', '=', domain.id)
      .where('status', 'in', ['ordered', 'confirmed', 'provisioning', 'provisioned'])
      .execute();
    await ctx.db.updateTable('booked_services').set({ status: 'cancelled' }).where('domain_id', '=', domain.id).where('number', '=', services[0]!.number).execute();
    expect((await count()).totalServices).toBe(before.totalServices - 1);
    await ctx.db.updateTable('managed_domains').set({ deprovisioned_at: new Date() }).where('id', '=', domain.id).execute();
    expect((await count()).managedDomains).toBe(before.managedDomains - 1);
    await ctx.db.updateTable('managed_domains').set({ deprovisioned_at: null }).where('id', '=', domain.id).execute();
    await ctx.db.updateTable('booked_services').set({ status: services[0]!.status }).where('domain_id', '=', domain.id).where('number', '=', services[0]!.number).execute();
    expect(await count()).toEqual(before);
  });

  it('lists tenants that have no cloud domain yet with zero counts', async () => {
    const { items } = await list('alpine-support', 'limit=100');
    expect(items.filter((t) => t.managedDomains === 0).length).toBeGreaterThanOrEqual(5);
  });
});

describe('GET /api/tenants: search', () => {
  it('finds by part of the name, case-insensitively', async () => {
    const page = await list('sepp-admin', 'q=TREUHAND');
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((t) => /treuhand/i.test(t.name))).toBe(true);
  });

  it('finds by ID', async () => {
    const page = await list('sepp-admin', 'q=T-10012');
    expect(page.items.map((t) => t.id)).toEqual(['T-10012']);
  });

  it('finds by a managed domain’s name', async () => {
    const page = await list('sepp-admin', 'q=bergblick-treuhand-group.ch');
    expect(page.items.map((t) => t.id)).toEqual(['T-10001']);
  });

  it('takes % and _ literally', async () => {
    expect((await list('sepp-admin', 'q=%25')).total).toBe(0);
    expect((await list('sepp-admin', 'q=_')).total).toBe(0);
  });
});

describe('GET /api/tenants: sort and paging', () => {
  const collator = new Intl.Collator('en');
  const keys = ['name', 'id', 'managedDomains', 'totalServices'] as const;

  it.each(keys.flatMap((key) => (['asc', 'desc'] as const).map((order) => [key, order] as const)))('sorts by %s %s', async (key, order) => {
    const { items } = await list('sepp-admin', `sort=${key}&order=${order}&limit=100`);
    expect(items).toHaveLength(66);
    for (let i = 1; i < items.length; i++) {
      const [a, b] = order === 'asc' ? [items[i - 1]!, items[i]!] : [items[i]!, items[i - 1]!];
      const cmp =
        typeof a[key] === 'number'
          ? (a[key] as number) - (b[key] as number)
          : key === 'name'
            ? collator.compare(a.name, b.name)
            : a.id < b.id
              ? -1
              : 1;
      expect(cmp, `${a.id} before ${b.id}`).toBeLessThanOrEqual(0);
    }
    if (key === 'totalServices') {
      const counts = new Set(items.map((t) => t.totalServices));
      expect(counts.size).toBeGreaterThan(3);
    }
  });

  it('pages with limit and offset, every tenant exactly once', async () => {
    const seen: TenantSummary[] = [];
    for (let offset = 0; offset < 34; offset += 10) {
      const page = await list('alpine-sales', `sort=totalServices&order=desc&limit=10&offset=${offset}`);
      expect(page).toMatchObject({ total: 34, limit: 10, offset });
      seen.push(...page.items);
    }
    expect(seen).toHaveLength(34);
    expect(new Set(seen.map((t) => t.id)).size).toBe(34);
  });

  it('caps the page size at 100 and says so', async () => {
    const page = await list('sepp-admin', 'limit=5000');
    expect(page.limit).toBe(100);
    expect(page.items.length).toBeLessThanOrEqual(100);
  });

  it('keeps the total past the last page', async () => {
    const page = await list('alpine-sales', 'offset=500');
    expect(page).toMatchObject({ items: [], total: 34 });
  });

  it('refuses bad query parameters with every reason', async () => {
    const response = await ctx.as('alpine-sales', 'GET', '/api/tenants?sort=price&order=up&limit=-1&offset=x');
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const { errors } = await response.json();
    expect(errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'offset', 'order', 'sort']);
  });
});

describe('GET and PATCH /api/tenants/{id}: ETag and If-Match', () => {
  it('answers the details with an ETag', async () => {
    const response = await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10003');
    expect(response.headers.get('ETag')).toMatch(/^"v\d+"$/);
    expect(await response.json()).toMatchObject({ id: 'T-10003', partnerId: 'P-1001', partnerName: 'Alpine IT AG', region: 'ch', currency: 'CHF' });
  });

  it('refuses a PATCH without If-Match with 428 and changes nothing', async () => {
    const before = await (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10003')).json();
    const response = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10003', { body: { phone: '+41 44 111 11 11' } });
    expect(response.status).toBe(428);
    expect(await (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10003')).json()).toEqual(before);
  });

  it('updates with the current ETag, answers a new one, and records who changed what', async () => {
    const etag = (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10003')).headers.get('ETag')!;
    const audits = await auditCount('T-10003');
    const response = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10003', {
      body: { phone: '+41 44 222 22 22', invoiceReference: 'PO-77' },
      headers: { 'If-Match': etag },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('ETag')).not.toBe(etag);
    expect(await response.json()).toMatchObject({ phone: '+41 44 222 22 22', invoiceReference: 'PO-77' });
    expect(await auditCount('T-10003')).toBe(audits + 1);
    const event = await ctx.db.selectFrom('audit_events').selectAll().where('tenant_id', '=', 'T-10003').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'tenant.edit', actor_sub: 'alpine-sales', actor_level: 'partner', actor_org: 'P-1001' });
    expect(event.after).toMatchObject({ phone: '+41 44 222 22 22', invoiceReference: 'PO-77' });
    expect(event.request_id).toBeTruthy();
  });

  it('refuses a stale ETag with 412 and keeps the newer change', async () => {
    const stale = (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10004')).headers.get('ETag')!;
    const first = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10004', { body: { phone: '+41 44 333 33 33' }, headers: { 'If-Match': stale } });
    expect(first.status).toBe(200);
    const second = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10004', { body: { phone: '+41 44 444 44 44' }, headers: { 'If-Match': stale } });
    expect(second.status).toBe(412);
    expect((await (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10004')).json()).phone).toBe('+41 44 333 33 33');
  });

  it('refuses invalid details with every reason and writes nothing', async () => {
    const response0 = await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10005');
    const before = await response0.json();
    const audits = await auditCount('T-10005');
    const response = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10005', {
      body: { name: '', email: 'not-an-address', phone: 'call me', country: 'XX', partnerId: 'P-1002' },
      headers: { 'If-Match': response0.headers.get('ETag')! },
    });
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, title: 'Invalid request' });
    const paths = problem.errors.map((e: { path: string }) => e.path);
    for (const path of ['name', 'email', 'phone', 'country']) expect(paths).toContain(path);
    expect(JSON.stringify(problem.errors)).toMatch(/partnerId/);
    expect(await (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10005')).json()).toEqual(before);
    expect(await auditCount('T-10005')).toBe(audits);
  });

  it('refuses an empty change', async () => {
    const etag = (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10005')).headers.get('ETag')!;
    const response = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10005', { body: {}, headers: { 'If-Match': etag } });
    expect(response.status).toBe(400);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await ctx.app.request('/api/tenants/T-10005', {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${await ctx.tokenFor('alpine-sales')}`, 'Content-Type': 'application/json', 'If-Match': '"v1"' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });
});

describe('POST /api/tenants', () => {
  const body = { name: 'Neue Kunde AG', email: 'it@neue-kunde.ch', phone: '+41 31 555 66 77', country: 'li' };

  it('adds a tenant to the caller’s partner with an ID, region from the country, and an audit event', async () => {
    const response = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body });
    expect(response.status).toBe(201);
    const tenant = await response.json();
    expect(tenant).toMatchObject({ ...body, country: 'LI', partnerId: 'P-1001', region: 'ch', currency: 'CHF', invoiceReference: null });
    expect(tenant.id).toMatch(/^T-\d+$/);
    expect(response.headers.get('Location')).toBe(`/api/tenants/${tenant.id}`);
    expect(await auditCount(tenant.id)).toBe(1);
    expect((await list('alpine-sales', `q=${tenant.id}`)).items).toEqual([{ id: tenant.id, name: body.name, managedDomains: 0, totalServices: 0 }]);
  });

  it('puts a German tenant in region de and EUR', async () => {
    const response = await ctx.as('rhein-sales', 'POST', '/api/tenants', { body: { ...body, name: 'Hafen GmbH', country: 'DE' } });
    expect(await response.json()).toMatchObject({ region: 'de', currency: 'EUR', partnerId: 'P-1002' });
  });

  it('requires SEPPmail staff to name an existing partner', async () => {
    const missing = await ctx.as('sepp-admin', 'POST', '/api/tenants', { body });
    expect(missing.status).toBe(400);
    const unknown = await ctx.as('sepp-admin', 'POST', '/api/tenants', { body: { ...body, partnerId: 'P-9999' } });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors[0].path).toBe('partnerId');
  });

  it('lists every missing field and writes nothing', async () => {
    const tenants = await ctx.db.selectFrom('tenants').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { invoiceReference: 'x' } });
    expect(response.status).toBe(400);
    const paths = (await response.json()).errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(['country', 'email', 'name', 'phone']);
    const after = await ctx.db.selectFrom('tenants').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(tenants.n);
  });

  it('answers a retry with the same Idempotency-Key with the first answer and adds once', async () => {
    const headers = { 'Idempotency-Key': 'add-tenant-retry-1' };
    const retryBody = { ...body, name: 'Retry AG' };
    const first = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: retryBody, headers });
    const second = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: retryBody, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    const rows = await ctx.db.selectFrom('tenants').select('id').where('name', '=', 'Retry AG').execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses the same Idempotency-Key with another body with 422', async () => {
    const headers = { 'Idempotency-Key': 'add-tenant-retry-2' };
    await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...body, name: 'Key One AG' }, headers });
    const other = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...body, name: 'Key Two AG' }, headers });
    expect(other.status).toBe(422);
    expect((await ctx.db.selectFrom('tenants').select('id').where('name', '=', 'Key Two AG').execute()).length).toBe(0);
  });

  it('keeps keys per caller: another user with the same key is a new request', async () => {
    const headers = { 'Idempotency-Key': 'shared-key' };
    const a = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...body, name: 'Per Caller A' }, headers });
    const b = await ctx.as('lemanic-all', 'POST', '/api/tenants', { body: { ...body, name: 'Per Caller B' }, headers });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('adds tenants concurrently with distinct IDs', async () => {
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ctx.as('lemanic-all', 'POST', '/api/tenants', { body: { ...body, name: `Parallel ${i} SA` } })),
    );
    const ids = await Promise.all(responses.map(async (r) => (await r.json()).id));
    expect(new Set(ids).size).toBe(8);
  });
});

describe('GET /api/tenants/{id}/domains', () => {
  it('answers each domain with mode, derived status, GINA host and services with discounts', async () => {
    const domains: ManagedDomain[] = await (await ctx.as('alpine-support', 'GET', '/api/tenants/T-10001/domains')).json();
    expect(domains).toHaveLength(3);
    const signed = domains.find((d) => d.services.some((s) => s.code === 'SC-SIGENC'))!;
    expect(signed.ginaHost).toBe(`securemail.${signed.name}`);
    for (const domain of domains) {
      expect(domain.services.map((s) => s.number)).toEqual(domain.services.map((_, i) => i + 1));
      expect(domain.services[0]!.code).toBe('SC-SERVICE');
    }
    const provisioned = domains.flatMap((d) => d.services).filter((s) => s.status === 'provisioned');
    expect(provisioned.every((s) => /^\d{4}-\d{2}-\d{2}$/.test(s.startBilling ?? ''))).toBe(true);
  });

  it('shows every status, mode, cancelled services with end dates and discounts with reasons across the demo', async () => {
    const { items } = await list('sepp-admin', 'limit=100');
    const all: ManagedDomain[] = (
      await Promise.all(items.map(async (t) => (await ctx.as('sepp-admin', 'GET', `/api/tenants/${t.id}/domains`)).json() as Promise<ManagedDomain[]>))
    ).flat();
    const services = all.flatMap((d) => d.services);
    expect(new Set(services.map((s) => s.status))).toEqual(
      new Set(['ordered', 'confirmed', 'provisioning', 'provisioned', 'cancelled', 'deprovisioning', 'deprovisioned']),
    );
    expect(new Set(all.map((d) => d.mode))).toEqual(new Set(['inline', 'inline-inbound-only', 'parallel']));
    expect(services.filter((s) => ['cancelled', 'deprovisioning', 'deprovisioned'].includes(s.status)).every((s) => s.endBilling !== null)).toBe(true);
    expect(services.some((s) => s.discount && s.discount.reason.length > 0 && s.discount.percent > 0)).toBe(true);
    const [row] = (await sql<{ n: string }>`select count(*) as n from user_counts`.execute(ctx.db)).rows;
    expect(Number(row!.n)).toBeGreaterThan(0);
  });
});
