/**
 * Every endpoint so far, for every demo principal, on its own and on a foreign tenant, with the
 * status expected from the "who may do what" table (docs/domain.md#who-may-do-what), written
 * out by hand rather than derived from the policy module under test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

interface Row {
  user: string;
  own: string;
  /** A tenant of another partner (or, for SEPPmail staff who see all, one that does not exist). */
  foreign: string;
  /** Sales or ALL at partner or SEPPmail level: adds and edits tenants, orders, confirms, sees prices. */
  sales: boolean;
  /** Tech or ALL: deploys. */
  tech: boolean;
  /** Audit or ALL: reads the audit log. */
  audit: boolean;
  /** Tech, Sales or ALL: deployment settings and DNS checks. */
  settings: boolean;
  visibleTenants: number;
}

const MATRIX: Row[] = [
  { user: 'sepp-admin', own: 'T-10041', foreign: 'T-99999', sales: true, tech: true, audit: true, settings: true, visibleTenants: 66 },
  { user: 'sepp-support', own: 'T-10002', foreign: 'T-99999', sales: false, tech: false, audit: false, settings: false, visibleTenants: 66 },
  { user: 'alpine-sales', own: 'T-10002', foreign: 'T-10041', sales: true, tech: false, audit: false, settings: true, visibleTenants: 34 },
  { user: 'alpine-support', own: 'T-10002', foreign: 'T-10041', sales: false, tech: false, audit: false, settings: false, visibleTenants: 34 },
  { user: 'alpine-tech', own: 'T-10002', foreign: 'T-10041', sales: false, tech: true, audit: false, settings: true, visibleTenants: 34 },
  { user: 'alpine-audit', own: 'T-10002', foreign: 'T-10061', sales: false, tech: false, audit: true, settings: false, visibleTenants: 34 },
  { user: 'rhein-sales', own: 'T-10041', foreign: 'T-10002', sales: true, tech: false, audit: false, settings: true, visibleTenants: 20 },
  { user: 'rhein-tech', own: 'T-10041', foreign: 'T-10061', sales: false, tech: true, audit: false, settings: true, visibleTenants: 20 },
  { user: 'lemanic-all', own: 'T-10061', foreign: 'T-10002', sales: true, tech: true, audit: true, settings: true, visibleTenants: 12 },
  { user: 'tenant-admin', own: 'T-10001', foreign: 'T-10002', sales: false, tech: false, audit: true, settings: false, visibleTenants: 1 },
];

const newTenant = (user: string) => ({
  name: `Matrix Test ${user}`,
  email: 'it@matrix-test.ch',
  phone: '+41 44 000 00 00',
  country: 'CH',
  ...(user.startsWith('sepp-') ? { partnerId: 'P-1003' } : {}),
});

describe.each(MATRIX)('$user', (row) => {
  const call = (method: string, path: string, init?: Parameters<TestContext['as']>[3]) => ctx.as(row.user, method, path, init);

  it('GET /api/me, /api/partners: 200', async () => {
    expect((await call('GET', '/api/me')).status).toBe(200);
    expect((await call('GET', '/api/partners')).status).toBe(200);
  });

  it(`GET /api/catalog: 200, prices ${row.sales ? 'shown' : 'hidden'}`, async () => {
    const response = await call('GET', '/api/catalog');
    expect(response.status).toBe(200);
    const { services } = await response.json();
    expect(services).toHaveLength(8);
    expect(services.every((s: { prices?: unknown }) => (s.prices !== undefined) === row.sales)).toBe(true);
  });

  it(`GET /api/tenants: 200 with the ${row.visibleTenants} tenants in scope only`, async () => {
    const response = await call('GET', '/api/tenants?limit=100');
    expect(response.status).toBe(200);
    const page = await response.json();
    expect(page.total).toBe(row.visibleTenants);
    const ids: string[] = page.items.map((t: { id: string }) => t.id);
    expect(ids).toContain(row.own);
    expect(ids).not.toContain(row.foreign);
  });

  it('GET /api/tenants/{own}: 200; {foreign}: 404', async () => {
    expect((await call('GET', `/api/tenants/${row.own}`)).status).toBe(200);
    expect((await call('GET', `/api/tenants/${row.foreign}`)).status).toBe(404);
  });

  it('GET /api/tenants/{own}/domains: 200; {foreign}/domains: 404', async () => {
    expect((await call('GET', `/api/tenants/${row.own}/domains`)).status).toBe(200);
    expect((await call('GET', `/api/tenants/${row.foreign}/domains`)).status).toBe(404);
  });

  it(`PATCH /api/tenants/{own}: ${row.sales ? 200 : 403}; {foreign}: 404`, async () => {
    const etag = (await call('GET', `/api/tenants/${row.own}`)).headers.get('ETag')!;
    const own = await call('PATCH', `/api/tenants/${row.own}`, { body: { invoiceReference: `PO-${row.user}` }, headers: { 'If-Match': etag } });
    expect(own.status).toBe(row.sales ? 200 : 403);
    // Scope comes first: a foreign tenant is a 404 before any role or If-Match question.
    const foreign = await call('PATCH', `/api/tenants/${row.foreign}`, { body: { invoiceReference: 'x' } });
    expect(foreign.status).toBe(404);
  });

});

describe.each(MATRIX)('$user: lifecycle and billing', (row) => {
  const call = (method: string, path: string, init?: Parameters<TestContext['as']>[3]) => ctx.as(row.user, method, path, init);
  const domainOf = async (tenantId: string) =>
    (await ctx.db.selectFrom('managed_domains').select('id').where('tenant_id', '=', tenantId).where('deprovisioned_at', 'is', null).orderBy('id').executeTakeFirst())?.id ??
    'D-99999';

  it(`POST …/confirmations: ${row.sales ? 202 : 403}; GET /api/jobs/{its id}: 200; foreign: 404`, async () => {
    const own = await call('POST', `/api/tenants/${row.own}/confirmations`);
    expect(own.status).toBe(row.sales ? 202 : 403);
    expect((await call('POST', `/api/tenants/${row.foreign}/confirmations`)).status).toBe(404);
    const jobId = row.sales
      ? (await own.json()).jobId
      : (await (await ctx.as('sepp-admin', 'POST', `/api/tenants/${row.own}/confirmations`)).json()).jobId;
    expect((await call('GET', `/api/jobs/${jobId}`)).status).toBe(200);
    const foreignJob = (await (await ctx.as('sepp-admin', 'POST', `/api/tenants/${row.foreign === 'T-99999' ? 'T-10041' : row.foreign}/confirmations`)).json()).jobId;
    expect((await call('GET', `/api/jobs/${foreignJob}`)).status).toBe(row.user.startsWith('sepp-') ? 200 : 404);
    await ctx.worker.runUntilIdle();
  });

  it(`POST …/deployments: ${row.tech ? 200 : 403}; foreign: 404`, async () => {
    expect((await call('POST', `/api/tenants/${row.own}/deployments`)).status).toBe(row.tech ? 200 : 403);
    expect((await call('POST', `/api/tenants/${row.foreign}/deployments`)).status).toBe(404);
  });

  it(`deployment settings and DNS check: ${row.settings ? 'allowed' : 403}; DNS records: 200; foreign: 404`, async () => {
    const own = await domainOf(row.own);
    const foreign = await domainOf(row.foreign);
    const settings = await call('GET', `/api/domains/${own}/deployment-settings`);
    if (row.settings) expect([200, 422]).toContain(settings.status);
    else expect(settings.status).toBe(403);
    expect((await call('POST', `/api/domains/${own}/dns-check`)).status).toBe(row.settings ? 200 : 403);
    expect((await call('GET', `/api/domains/${own}/dns-records`)).status).toBe(200);
    for (const [method, path] of [['GET', 'deployment-settings'], ['PUT', 'deployment-settings'], ['GET', 'dns-records'], ['POST', 'dns-check']]) {
      expect((await call(method!, `/api/domains/${foreign}/${path}`, { body: method === 'PUT' ? { ginaHost: 'x.y.ch' } : undefined })).status).toBe(404);
    }
  });

  // Scope before role, as everywhere: a foreign tenant is 404 whatever the roles.
  it(`GET /api/audit?tenant={own}: ${row.audit ? 200 : 403}; {foreign}: 404`, async () => {
    expect((await call('GET', `/api/audit?tenant=${row.own}`)).status).toBe(row.audit ? 200 : 403);
    expect((await call('GET', `/api/audit?tenant=${row.foreign}`)).status).toBe(404);
  });

  it(`GET /api/usage?tenant={own}: ${row.sales ? 200 : 403}; {foreign}: 404; PUT /api/usage/users: ${row.user === 'sepp-admin' ? 200 : 403}`, async () => {
    expect((await call('GET', `/api/usage?tenant=${row.own}`)).status).toBe(row.sales ? 200 : 403);
    expect((await call('GET', `/api/usage?tenant=${row.foreign}`)).status).toBe(404);
    expect((await call('PUT', '/api/usage/users', { body: { month: '2026-10', counts: [] } })).status).toBe(row.user === 'sepp-admin' ? 200 : 403);
  });

  it(`POST …/offers: ${row.sales ? 201 : 403}, its PDF: ${row.sales ? 200 : 403}; foreign: 404`, async () => {
    const body = { lines: [{ domain: `offer-${row.user}.ch`, services: ['SC-SERVICE', 'SC-F-INBOUND'], estimatedUsers: 10 }] };
    const own = await call('POST', `/api/tenants/${row.own}/offers`, { body });
    expect(own.status).toBe(row.sales ? 201 : 403);
    expect((await call('POST', `/api/tenants/${row.foreign}/offers`, { body })).status).toBe(404);
    const created = await ctx.as('sepp-admin', 'POST', `/api/tenants/${row.own}/offers`, { body });
    const pdf = (await created.json()).pdf as string;
    expect((await call('GET', pdf)).status).toBe(row.sales ? 200 : 403);
    const foreignOffer = await ctx.as('sepp-admin', 'POST', `/api/tenants/${row.foreign === 'T-99999' ? 'T-10041' : row.foreign}/offers`, { body });
    expect((await call('GET', (await foreignOffer.json()).pdf)).status).toBe(row.user.startsWith('sepp-') ? (row.sales ? 200 : 403) : 404);
  });

  it('GET /api/events: 200 for every caller', async () => {
    const response = await call('GET', '/api/events');
    expect(response.status).toBe(200);
    await response.body?.cancel();
  });
});

// Last, so that what they add does not change the counts above.
describe.each(MATRIX)('$user orders', (row) => {
  const firstDomainOf = async (tenantId: string) =>
    (await ctx.db.selectFrom('managed_domains').select('id').where('tenant_id', '=', tenantId).where('deprovisioned_at', 'is', null).orderBy('id').executeTakeFirst())?.id ??
    'D-99999';

  it(`POST /api/tenants: ${row.sales ? 201 : 403}`, async () => {
    const response = await ctx.as(row.user, 'POST', '/api/tenants', { body: newTenant(row.user) });
    expect(response.status).toBe(row.sales ? 201 : 403);
  });

  it(`POST /api/tenants/{own}/domains: ${row.sales ? 201 : 403}; {foreign}: 404`, async () => {
    const body = { name: `matrix-${row.user}.ch`, mode: 'inline' };
    expect((await ctx.as(row.user, 'POST', `/api/tenants/${row.own}/domains`, { body })).status).toBe(row.sales ? 201 : 403);
    expect((await ctx.as(row.user, 'POST', `/api/tenants/${row.foreign}/domains`, { body: { ...body, name: `foreign-${row.user}.ch` } })).status).toBe(404);
  });

  it(`POST /api/domains/{own}/services and …/cancel: ${row.sales ? '201 and 200' : 403}; {foreign}: 404`, async () => {
    const own = row.sales
      ? (await ctx.db.selectFrom('managed_domains').select('id').where('name', '=', `matrix-${row.user}.ch`).executeTakeFirstOrThrow()).id
      : await firstDomainOf(row.own);
    const foreign = await firstDomainOf(row.foreign);
    const add = await ctx.as(row.user, 'POST', `/api/domains/${own}/services`, { body: { services: ['SC-F-INBOUND'] } });
    expect(add.status).toBe(row.sales ? 201 : 403);
    expect((await ctx.as(row.user, 'POST', `/api/domains/${foreign}/services`, { body: { services: ['SC-F-INBOUND'] } })).status).toBe(404);
    const cancel = await ctx.as(row.user, 'POST', `/api/domains/${own}/services/1/cancel`, { body: {} });
    expect(cancel.status).toBe(row.sales ? 200 : 403);
    expect((await ctx.as(row.user, 'POST', `/api/domains/${foreign}/services/1/cancel`, { body: {} })).status).toBe(404);
  });
});

describe('without a token', () => {
  it.each([
    ['GET', '/api/me'],
    ['GET', '/api/catalog'],
    ['GET', '/api/partners'],
    ['GET', '/api/tenants'],
    ['POST', '/api/tenants'],
    ['GET', '/api/tenants/T-10001'],
    ['PATCH', '/api/tenants/T-10001'],
    ['GET', '/api/tenants/T-10001/domains'],
    ['POST', '/api/tenants/T-10001/domains'],
    ['POST', '/api/domains/D-20001/services'],
    ['POST', '/api/domains/D-20001/services/1/cancel'],
    ['POST', '/api/tenants/T-10001/confirmations'],
    ['POST', '/api/tenants/T-10001/deployments'],
    ['GET', '/api/jobs/00000000-0000-4000-8000-000000000000'],
    ['GET', '/api/domains/D-20001/deployment-settings'],
    ['PUT', '/api/domains/D-20001/deployment-settings'],
    ['GET', '/api/domains/D-20001/dns-records'],
    ['POST', '/api/domains/D-20001/dns-check'],
    ['GET', '/api/audit'],
    ['GET', '/api/usage'],
    ['PUT', '/api/usage/users'],
    ['POST', '/api/tenants/T-10001/offers'],
    ['GET', '/api/offers/00000000-0000-4000-8000-000000000000.pdf'],
    ['GET', '/api/events'],
  ])('%s %s: 401', async (method, path) => {
    expect((await ctx.as(null, method, path)).status).toBe(401);
  });
});

describe('scope holds in search and details', () => {
  it('a partner searching for another partner’s domain finds nothing', async () => {
    const rhein = await (await ctx.as('rhein-sales', 'GET', '/api/tenants/T-10041/domains')).json();
    const domain = rhein[0].name as string;
    const asAlpine = await (await ctx.as('alpine-sales', 'GET', `/api/tenants?q=${encodeURIComponent(domain)}`)).json();
    expect(asAlpine.total).toBe(0);
    const asRhein = await (await ctx.as('rhein-sales', 'GET', `/api/tenants?q=${encodeURIComponent(domain)}`)).json();
    expect(asRhein.items.map((t: { id: string }) => t.id)).toContain('T-10041');
  });

  // Scope, then role, then the request: ?tenant= is judged like a tenant in the path.
  it.each([
    ['alpine-support', 'usage', 'T-10041', 404, 'a foreign tenant, without the role'],
    ['tenant-admin', 'usage', 'T-10002', 404, 'a foreign tenant, at a level without the right'],
    ['alpine-sales', 'audit', 'T-10041', 404, 'a foreign tenant, without the role'],
    ['alpine-support', 'usage', 'T-10041&month=13', 404, 'a foreign tenant, without the role, with a bad query'],
    ['alpine-support', 'usage', 'T-10002&month=13', 403, 'an own tenant, without the role, with a bad query'],
    ['alpine-sales', 'usage', 'T-10002&month=13', 400, 'an own tenant, with the role, with a bad query'],
    ['alpine-audit', 'audit', 'T-10002&limit=x', 400, 'an own tenant, with the role, with a bad query'],
    ['alpine-sales', 'audit', 'T-10002&limit=x', 403, 'an own tenant, without the role, with a bad query'],
  ])('%s GET /api/%s?tenant=%s: %i (%s)', async (user, resource, query, status) => {
    const response = await ctx.as(user, 'GET', `/api/${resource}?tenant=${query}`);
    expect(response.status).toBe(status);
    expect(response.headers.get('Content-Type')).toMatch(/problem\+json/);
  });

  it('a partner adds tenants only to itself', async () => {
    const response = await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: { ...newTenant('alpine'), partnerId: 'P-1002' } });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([{ path: 'partnerId', message: expect.stringMatching(/itself/) }]);
  });

  it('GET /api/partners answers only the caller’s own partner below SEPPmail level', async () => {
    expect(await (await ctx.as('alpine-support', 'GET', '/api/partners')).json()).toEqual([{ id: 'P-1001', name: 'Alpine IT AG' }]);
    expect(await (await ctx.as('tenant-admin', 'GET', '/api/partners')).json()).toEqual([{ id: 'P-1001', name: 'Alpine IT AG' }]);
    expect(await (await ctx.as('sepp-support', 'GET', '/api/partners')).json()).toHaveLength(3);
  });
});
