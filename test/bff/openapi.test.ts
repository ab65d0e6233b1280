/** The OpenAPI document: every route is in it, and real answers match what it says. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import * as S from '../../bff/openapi/schemas.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
let document: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
beforeAll(async () => {
  ctx = await createTestContext();
  document = await (await ctx.app.request('/api/openapi.json')).json();
});
afterAll(() => ctx.close());

/** The app's own routes in OpenAPI's path syntax. */
function appRoutes(): string[] {
  return [
    ...new Set(
      ctx.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
        .map((r) => `${r.method} ${r.path.replace(':file{[^/]+\\.pdf}', '{offerId}.pdf').replace(/:(\w+)/g, '{$1}')}`),
    ),
  ].sort();
}

function documented(): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

describe('GET /api/openapi.json', () => {
  it('documents every route of the app, and nothing else', () => {
    expect(appRoutes().length).toBeGreaterThan(25);
    expect(documented()).toEqual(appRoutes());
  });

  it('is OpenAPI 3.1 with the errors of each route as problem details', () => {
    expect(document.openapi).toBe('3.1.0');
    const patch = document.paths['/api/tenants/{tenantId}']!.patch!;
    expect(Object.keys(patch.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '412', '428']));
    const order = document.paths['/api/tenants/{tenantId}/domains']!.post! as unknown as {
      requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown> } } } };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(order.requestBody.content['application/json'].schema.properties)).toEqual(['name', 'mode', 'ms365TenantId', 'services', 'ginaHost']);
    expect(Object.keys(order.responses)).toEqual(expect.arrayContaining(['201', '409', '422']));
  });

  it('answers without a token, and so does the readable page', async () => {
    const page = await ctx.app.request('/api/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toMatch(/text\/html/);
    const html = await page.text();
    for (const path of ['/api/tenants/{tenantId}/confirmations', '/api/usage/users', '/api/events']) expect(html).toContain(path);
  });
});

describe('routes declared with @hono/zod-openapi', () => {
  // An invalid body with a control character, a wrong type and an unknown field.
  const invalid = { name: 'A\u0000B', email: 5, extra: true };

  it('run the guard before the validators: scope 404, then role 403, then 400 with every reason', async () => {
    const foreign = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10041', { body: invalid, headers: { 'If-Match': '*' } });
    expect(foreign.status).toBe(404);
    const noRole = await ctx.as('alpine-support', 'PATCH', '/api/tenants/T-10002', { body: invalid, headers: { 'If-Match': '*' } });
    expect(noRole.status).toBe(403);
    const refused = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10002', { body: invalid, headers: { 'If-Match': '*' } });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = (await refused.json()) as { type: string; errors: { path: string; message: string }[] };
    expect(problem.type).toMatch(/\/validation$/);
    // The control character (http/validate.ts) and zod's own reasons, at once.
    expect(problem.errors.map((e) => e.path)).toEqual(expect.arrayContaining(['name', 'email', '(body)']));
    expect(problem.errors.find((e) => e.path === 'name')!.message).toMatch(/control character/);
  });

  it('answer invalid query and path parameters as problem+json 400 (the defaultHook)', async () => {
    const query = await ctx.as('alpine-sales', 'GET', '/api/tenants?limit=0x10&sort=size');
    expect(query.status).toBe(400);
    expect((await query.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'sort']);
    const path = await ctx.as('alpine-sales', 'POST', '/api/domains/D-20001/services/2147483648/cancel', { body: {} });
    expect(path.status).toBe(400);
    expect((await path.json()).errors).toEqual([{ path: 'number', message: 'is a service number' }]);
  });

  it('document every operation with an operationId, a tag and who may call it', () => {
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods)) as unknown as { operationId: string; tags: string[]; description: string }[];
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    for (const o of operations) {
      expect(o.tags, o.operationId).toHaveLength(1);
      expect(o.description, o.operationId).toMatch(/\*\*Who may:\*\* /);
    }
    const edit = document.paths['/api/tenants/{tenantId}']!.patch! as unknown as { description: string; responses: Record<string, { headers?: Record<string, unknown> }> };
    expect(edit.description).toContain('Action `tenant.edit`: role `Sales` or `ALL` at level `seppmail`, `partner`');
    expect(Object.keys(edit.responses['200']!.headers!)).toEqual(expect.arrayContaining(['ETag', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy']));
    expect(Object.keys(edit.responses['429']!.headers!)).toEqual(expect.arrayContaining(['Retry-After', 'RateLimit', 'RateLimit-Policy']));
    const docs = document.paths['/api/docs']!.get! as unknown as { responses: { 200: { content: Record<string, unknown> } } };
    expect(Object.keys(docs.responses[200].content)).toEqual(['text/html']);
  });
});

describe('real answers match the documented shapes', () => {
  async function matches(schema: ZodType, user: string, method: string, path: string, body?: unknown) {
    const response = await ctx.as(user, method, path, { body });
    expect(response.status, path).toBeLessThan(300);
    const parsed = schema.safeParse(await response.json());
    expect(parsed.success ? [] : parsed.error.issues, path).toEqual([]);
  }

  it.each<[string, ZodType, string, string, string, unknown?]>([
    ['me', S.Me, 'alpine-sales', 'GET', '/api/me'],
    ['catalog', S.Catalog, 'alpine-sales', 'GET', '/api/catalog'],
    ['tenant list', S.TenantPage, 'alpine-sales', 'GET', '/api/tenants'],
    ['tenant', S.Tenant, 'alpine-sales', 'GET', '/api/tenants/T-10001'],
    ['booked services', S.ManagedDomain.array(), 'alpine-sales', 'GET', '/api/tenants/T-10001/domains'],
    ['usage', S.UsageStatement, 'sepp-admin', 'GET', '/api/usage'],
    ['audit', S.AuditPage, 'sepp-admin', 'GET', '/api/audit'],
    ['new domain', S.ManagedDomain, 'alpine-sales', 'POST', '/api/tenants/T-10006/domains', { name: 'openapi-shape.ch', mode: 'inline' }],
    ['confirmation', S.JobAccepted, 'alpine-sales', 'POST', '/api/tenants/T-10006/confirmations'],
    ['offer', S.Offer, 'alpine-sales', 'POST', '/api/tenants/T-10001/offers', { lines: [{ domain: 'offer-shape.ch', services: ['SC-SERVICE'], estimatedUsers: 5 }] }],
    ['DNS records', S.DnsRecord.array(), 'alpine-sales', 'GET', '/api/domains/D-20001/dns-records'],
  ])('%s', async (_, schema, user, method, path, body) => {
    await matches(schema, user, method, path, body);
  });
});
