/** The HTTP contract's finer points: check order, If-Match forms, idempotency edges, limits. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_NOW, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const invalid = { email: 'not-an-address' };
const newTenant = { name: 'Contract AG', email: 'it@contract.ch', phone: '+41 44 555 00 00', country: 'CH' };

describe('the order of refusals: scope, then role, then the request', () => {
  it('answers 404 for a foreign tenant even with an invalid body and no If-Match', async () => {
    expect((await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10041', { body: invalid })).status).toBe(404);
  });

  it('answers 403 to a role without the right even with an invalid body', async () => {
    expect((await ctx.as('tenant-admin', 'PATCH', '/api/tenants/T-10001', { body: invalid })).status).toBe(403);
    expect((await ctx.as('alpine-support', 'POST', '/api/tenants', { body: {} })).status).toBe(403);
  });
});

describe('If-Match', () => {
  it('takes * as any current version', async () => {
    const response = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10007', { body: { invoiceReference: 'PO-STAR' }, headers: { 'If-Match': '*' } });
    expect(response.status).toBe(200);
  });

  it('never matches a weak tag or a foreign one', async () => {
    const etag = (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10007')).headers.get('ETag')!;
    expect((await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10007', { body: { invoiceReference: 'x' }, headers: { 'If-Match': `W/${etag}` } })).status).toBe(412);
    expect((await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10007', { body: { invoiceReference: 'x' }, headers: { 'If-Match': '"abc"' } })).status).toBe(412);
  });
});

describe('Idempotency-Key', () => {
  it('lets a retry run when an older version left the key without an answer', async () => {
    const body = { ...newTenant, name: 'Pending AG' };
    await ctx.db.insertInto('idempotency_keys').values({ principal_sub: 'alpine-sales', key: 'pending-1', method: 'POST', path: '/api/tenants', request_hash: 'x' }).execute();
    const response = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body, headers: { 'Idempotency-Key': 'pending-1' } });
    expect(response.status).toBe(201);
    expect(await ctx.db.selectFrom('tenants').select('id').where('name', '=', 'Pending AG').execute()).toHaveLength(1);
  });

  it('lets a retry run when the key is past its lifetime', async () => {
    const body = { ...newTenant, name: 'Abandoned AG' };
    await ctx.db
      .insertInto('idempotency_keys')
      .values({ principal_sub: 'alpine-sales', key: 'abandoned-1', method: 'POST', path: '/api/tenants', request_hash: 'x', response_status: 201, response_headers: '{}', response_body: '{}', created_at: new Date(Date.now() - 25 * 3600_000) })
      .execute();
    const response = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body, headers: { 'Idempotency-Key': 'abandoned-1' } });
    expect(response.status).toBe(201);
    expect(response.headers.get('Idempotent-Replayed')).toBeNull();
  });

  it('does not store a refused request: the corrected retry with the same key goes through', async () => {
    const headers = { 'Idempotency-Key': 'refused-1' };
    const first = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { name: 'Corrected AG' }, headers });
    expect(first.status).toBe(400);
    const corrected = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...newTenant, name: 'Corrected AG' }, headers });
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('Idempotent-Replayed')).toBeNull();
    const again = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...newTenant, name: 'Corrected AG' }, headers });
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await corrected.json());
  });

  it('stores a refusal by a rule and replays it as it was', async () => {
    const headers = { 'Idempotency-Key': 'rule-refusal-1' };
    const body = { name: 'gmail.com', mode: 'inline', services: ['SC-F-INBOUND'] };
    const first = await ctx.as('alpine-sales', 'POST', '/api/tenants/T-10001/domains', { body, headers });
    const again = await ctx.as('alpine-sales', 'POST', '/api/tenants/T-10001/domains', { body, headers });
    expect([first.status, again.status]).toEqual([422, 422]);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
  });

  it('compares the parsed request: other whitespace and key order are the same request', async () => {
    const headers = { 'Idempotency-Key': 'canonical-1', Authorization: `Bearer ${await ctx.tokenFor('alpine-sales')}`, 'Content-Type': 'application/json' };
    const first = await ctx.app.request('/api/tenants', { method: 'POST', headers, body: JSON.stringify({ ...newTenant, name: 'Canonical AG' }) });
    const reordered = JSON.stringify({ country: 'CH', phone: newTenant.phone, name: 'Canonical AG', email: newTenant.email }, null, 2);
    const again = await ctx.app.request('/api/tenants', { method: 'POST', headers, body: reordered });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(await ctx.db.selectFrom('tenants').select('id').where('name', '=', 'Canonical AG').execute()).toHaveLength(1);
  });
});

describe('limits', () => {
  it('refuses a body over 64 KiB with 413', async () => {
    const response = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...newTenant, name: 'x'.repeat(70_000) } });
    expect(response.status).toBe(413);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('caps a page at 100 tenants', async () => {
    for (let i = 0; i < 40; i++) {
      expect((await ctx.as('sepp-admin', 'POST', '/api/tenants', { body: { ...newTenant, name: `Filler ${i} AG`, partnerId: 'P-1003' } })).status).toBe(201);
    }
    const page = await (await ctx.as('sepp-admin', 'GET', '/api/tenants?limit=5000')).json();
    expect(page.total).toBeGreaterThan(100);
    expect(page.items).toHaveLength(100);
    expect(page.limit).toBe(100);
  });
});

describe('tenant details', () => {
  it('move the region and currency with the country', async () => {
    const etag = (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10008')).headers.get('ETag')!;
    const response = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10008', { body: { country: 'DE' }, headers: { 'If-Match': etag } });
    expect(await response.json()).toMatchObject({ country: 'DE', region: 'de', currency: 'EUR' });
  });
});

describe('search', () => {
  it('does not find a tenant by a domain that is deprovisioned', async () => {
    const gone = await ctx.db
      .selectFrom('managed_domains as d')
      .innerJoin('tenants as t', 't.id', 'd.tenant_id')
      .select(['d.name', 't.id as tenantId'])
      .where('d.deprovisioned_at', 'is not', null)
      .executeTakeFirstOrThrow();
    const page = await (await ctx.as('sepp-admin', 'GET', `/api/tenants?q=${encodeURIComponent(gone.name)}`)).json();
    expect(page.items.map((t: { id: string }) => t.id)).not.toContain(gone.tenantId);
  });
});

describe('idempotency keys’ lifetime', () => {
  it('forgets keys older than a day, on the schedule', async () => {
    await ctx.db
      .insertInto('idempotency_keys')
      .values([
        { principal_sub: 'alpine-sales', key: 'old-key', method: 'POST', path: '/api/tenants', request_hash: 'x', created_at: new Date(Date.now() - 25 * 3600_000) },
        { principal_sub: 'alpine-sales', key: 'new-key', method: 'POST', path: '/api/tenants', request_hash: 'x' },
      ])
      .execute();
    await ctx.worker.schedule();
    ctx.clock.set(new Date(TEST_NOW.getTime() + 3600_000));
    try {
      await ctx.worker.runUntilIdle();
    } finally {
      ctx.clock.set(TEST_NOW);
    }
    const keys = (await ctx.db.selectFrom('idempotency_keys').select('key').where('key', 'in', ['old-key', 'new-key']).execute()).map((k) => k.key);
    expect(keys).toEqual(['new-key']);
  });
});
