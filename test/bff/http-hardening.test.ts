/**
 * HTTP hardening: CORS for portals on other origins, security headers and CSP, no-store on
 * private answers, CSV injection, rate limits shared through the database, and Node's request
 * timeout on a real socket (slow bodies cut, long event streams not).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server, type ServerOptions } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../bff/env.js';
import { purgeRateLimits } from '../../bff/http/rate-limit.js';
import { serverTimeouts } from '../../bff/http/server-timeouts.js';
import { send } from '../support/bff-process.js';
import { readChanges } from '../support/sse.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const PORTAL = 'https://portal.example';
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const bearer = async (user: string) => ({ Authorization: `Bearer ${await ctx.tokenFor(user)}` });

describe('the environment', () => {
  it('has the hardening defaults', () => {
    expect(parseEnv({})).toMatchObject({
      CORS_ORIGINS: [],
      FRAME_ANCESTORS: ["'self'"],
      REQUEST_TIMEOUT_SECONDS: 30,
      RATE_LIMIT_WRITES_PER_MINUTE: 120,
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: 30,
      TRUST_PROXY: false,
    });
  });

  it('takes origins and frame ancestors as lists, and refuses what is not an origin', () => {
    const env = parseEnv({ CORS_ORIGINS: 'https://portal.example, http://localhost:5173', FRAME_ANCESTORS: "'self' https://*.portal.example", TRUST_PROXY: '1', RATE_LIMIT_WRITES_PER_MINUTE: '0' });
    expect(env).toMatchObject({ CORS_ORIGINS: [PORTAL, 'http://localhost:5173'], FRAME_ANCESTORS: ["'self'", 'https://*.portal.example'], TRUST_PROXY: true, RATE_LIMIT_WRITES_PER_MINUTE: 0 });
    expect(() => parseEnv({ CORS_ORIGINS: 'https://portal.example/' })).toThrow(/CORS_ORIGINS: https:\/\/portal.example\/ is not an origin/);
    expect(() => parseEnv({ CORS_ORIGINS: 'portal.example,*' })).toThrow(/portal.example is not an origin[\s\S]*\* is not an origin/);
    expect(() => parseEnv({ FRAME_ANCESTORS: "'self'; script-src *" })).toThrow(/FRAME_ANCESTORS/);
    expect(() => parseEnv({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '-1', REQUEST_TIMEOUT_SECONDS: '0' })).toThrow(/RATE_LIMIT_AUTH_FAILURES_PER_MINUTE[\s\S]*REQUEST_TIMEOUT_SECONDS|REQUEST_TIMEOUT_SECONDS[\s\S]*RATE_LIMIT_AUTH_FAILURES_PER_MINUTE/);
  });
});

describe('CORS', () => {
  const preflight = (app: TestContext['app'], origin: string) =>
    app.request('/api/tenants/T-10007', {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type,if-match' },
    });

  it('answers a preflight from an allowed origin with 204 before authentication', async () => {
    const response = await preflight(ctx.appWith({ corsOrigins: [PORTAL, 'https://other.example'] }), PORTAL);
    expect(response.status).toBe(204);
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(response.headers.get('Access-Control-Allow-Methods')).toBe('GET,POST,PUT,PATCH,OPTIONS');
    expect(response.headers.get('Access-Control-Allow-Headers')).toBe('Authorization,Content-Type,Idempotency-Key,If-Match,Last-Event-ID,Accept-Language,X-Request-Id');
    expect(response.headers.get('Access-Control-Max-Age')).toBe('600');
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBeNull();
    expect(response.headers.get('Vary')).toMatch(/Origin/);
    expect(response.headers.get('WWW-Authenticate')).toBeNull();
  });

  it('lets the page read the answers and the headers it needs, refusals included', async () => {
    const app = ctx.appWith({ corsOrigins: [PORTAL] });
    const ok = await app.request('/api/tenants/T-10007', { headers: { Origin: PORTAL, ...(await bearer('alpine-sales')) } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
    expect(ok.headers.get('Access-Control-Expose-Headers')).toBe('ETag,Location,X-Request-Id,Idempotent-Replayed,Retry-After,RateLimit,RateLimit-Policy,Content-Disposition');
    expect(ok.headers.get('Vary')).toMatch(/Origin/);
    const refused = await app.request('/api/me', { headers: { Origin: PORTAL } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('Access-Control-Allow-Origin')).toBe(PORTAL);
  });

  it('gives another origin no Access-Control-Allow-Origin', async () => {
    const app = ctx.appWith({ corsOrigins: [PORTAL] });
    expect((await preflight(app, 'https://evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
    const answer = await app.request('/api/me', { headers: { Origin: 'https://evil.example', ...(await bearer('alpine-sales')) } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await preflight(app, 'https://portal.example.evil.example')).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('sends no CORS header at all without configured origins', async () => {
    const response = await preflight(ctx.app, PORTAL);
    expect(response.status).toBe(401);
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });
});

describe('security headers', () => {
  let demoFolder: string;
  beforeAll(() => {
    demoFolder = mkdtempSync(join(tmpdir(), 'sc-demo-'));
    writeFileSync(join(demoFolder, 'index.html'), '<!doctype html><title>demo</title><script type="module" src="./app.js"></script>');
    writeFileSync(join(demoFolder, 'app.js'), 'export {};');
    mkdirSync(join(demoFolder, 'assets'));
    writeFileSync(join(demoFolder, 'assets', 'index-Ab12Cd34.js'), `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `tenant ${i}`))};`);
  });
  afterAll(() => rmSync(demoFolder, { recursive: true, force: true }));

  const common = (response: Response) => {
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('no-referrer');
  };

  it('gives JSON answers, problems included, a CSP that allows nothing', async () => {
    for (const response of [await ctx.as('alpine-sales', 'GET', '/api/me'), await ctx.as(null, 'GET', '/api/me'), await ctx.as('alpine-sales', 'GET', '/api/nothing-here'), await ctx.app.request('/api/openapi.json')]) {
      common(response);
      expect(response.headers.get('Content-Security-Policy')).toBe(API_CSP);
      expect(response.headers.get('X-Frame-Options')).toBe('DENY');
    }
  });

  it('gives the docs page a strict CSP that its markup needs nothing beyond', async () => {
    const page = await ctx.app.request('/api/docs');
    common(page);
    expect(page.headers.get('Content-Security-Policy')).toBe("default-src 'self'; base-uri 'self'; form-action 'self'; object-src 'none'; frame-ancestors 'self'");
    expect(page.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
    const html = await page.text();
    expect(html).not.toMatch(/<script|<style|<[^>]*\s(style|on[a-z]+)=|href="javascript:/i);
    expect(html).toContain('<link rel="stylesheet" href="/api/docs.css">');
    const css = await ctx.app.request('/api/docs.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect(await css.text()).toContain('.method{');
  });

  it('gives the demo page the same CSP, with FRAME_ANCESTORS', async () => {
    const page = await ctx.appWith({ demoAssets: demoFolder }).request('/');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>demo</title>');
    common(page);
    expect(page.headers.get('Content-Security-Policy')).toMatch(/^default-src 'self';.*frame-ancestors 'self'$/);

    const framed = await ctx.appWith({ demoAssets: demoFolder, frameAncestors: ["'self'", PORTAL] }).request('/');
    expect(framed.headers.get('Content-Security-Policy')).toMatch(/frame-ancestors 'self' https:\/\/portal\.example$/);
    // X-Frame-Options cannot name another origin: left to frame-ancestors.
    expect(framed.headers.get('X-Frame-Options')).toBeNull();
  });

  it('sends the demo’s files compressed, the hashed assets to keep and the page to revalidate', async () => {
    const app = ctx.appWith({ demoAssets: demoFolder });
    const script = await app.request('/assets/index-Ab12Cd34.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Encoding')).toBe('gzip');
    expect(script.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    const body = new Uint8Array(await script.arrayBuffer());
    expect(gunzipSync(body).toString()).toContain('tenant 399');
    expect(body.byteLength).toBeLessThan(gunzipSync(body).byteLength / 2);
    const page = await app.request('/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(page.headers.get('Cache-Control')).toBe('no-cache');
    // Live streams are never compressed (they would be buffered): hono's filter leaves text/event-stream out.
    const stream = await ctx.as('alpine-sales', 'GET', '/api/events', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(stream.headers.get('Content-Encoding')).toBeNull();
    await stream.body?.cancel();
  });

  it('serves the element catalog at /docs/ beside the demo, with the page CSP, and /docs moves there', async () => {
    const docsFolder = mkdtempSync(join(tmpdir(), 'sc-docs-'));
    try {
      writeFileSync(join(docsFolder, 'index.html'), '<!doctype html><title>catalog</title><script type="module" src="./catalog.js"></script>');
      writeFileSync(join(docsFolder, 'catalog.js'), 'export {};');
      const app = ctx.appWith({ demoAssets: demoFolder, docsAssets: docsFolder });
      const page = await app.request('/docs/');
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>catalog</title>');
      common(page);
      expect(page.headers.get('Content-Security-Policy')).toMatch(/^default-src 'self';.*frame-ancestors 'self'$/);
      expect(page.headers.get('Cache-Control')).toBe('no-cache');
      expect((await app.request('/docs/catalog.js')).headers.get('Content-Type')).toMatch(/^text\/javascript/);
      const bare = await app.request('/docs');
      expect([bare.status, bare.headers.get('Location')]).toEqual([301, '/docs/']);
      // The demo keeps `/`, and a file the catalog lacks is no demo file either.
      expect(await (await app.request('/')).text()).toContain('<title>demo</title>');
      expect((await app.request('/docs/app.js')).status).toBe(404);
    } finally {
      rmSync(docsFolder, { recursive: true, force: true });
    }
  });

  it('answers the favicon that every page links, at /favicon.svg and /favicon.ico, with the page CSP', async () => {
    const demoPage = readFileSync(new URL('../../demo/index.html', import.meta.url), 'utf8');
    const catalogScript = readFileSync(new URL('../../scripts/docs.ts', import.meta.url), 'utf8');
    const docsPage = await (await ctx.app.request('/api/docs')).text();
    for (const page of [demoPage, catalogScript, docsPage]) expect(page).toMatch(/<link rel="icon" href="\/favicon\.svg" type="image\/svg\+xml"/);
    // With the demo's files and without them (the API alone still has /api/docs).
    for (const app of [ctx.app, ctx.appWith({ demoAssets: demoFolder })]) {
      for (const path of ['/favicon.svg', '/favicon.ico']) {
        const icon = await app.request(path);
        expect([path, icon.status, icon.headers.get('Content-Type')]).toEqual([path, 200, 'image/svg+xml']);
        expect(icon.headers.get('Cache-Control')).toBe('public, max-age=86400');
        expect(icon.headers.get('Content-Security-Policy')).toMatch(/^default-src 'self';/);
        common(icon);
        expect(await icon.text()).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 32 32">.*<\/svg>\n$/s);
      }
    }
  });

  it('has no inline script in the demo page’s source (vite keeps it an external module)', () => {
    const html = readFileSync(new URL('../../demo/index.html', import.meta.url), 'utf8');
    expect(html.match(/<script\b[^>]*>/g)).toEqual(['<script type="module" src="./demo-app.ts">']);
    expect(html).not.toMatch(/<script\b[^>]*>[^<\s]/);
    expect(html).not.toMatch(/<style|\sstyle=/);
  });
});

describe('Cache-Control', () => {
  it('is no-store on private answers and problems, unless the route chose its own', async () => {
    expect((await ctx.as('alpine-sales', 'GET', '/api/me')).headers.get('Cache-Control')).toBe('no-store');
    expect((await ctx.as('alpine-sales', 'GET', '/api/tenants')).headers.get('Cache-Control')).toBe('no-store');
    expect((await ctx.as(null, 'GET', '/api/tenants')).headers.get('Cache-Control')).toBe('no-store');
    expect((await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10041')).headers.get('Cache-Control')).toBe('no-store');
    expect((await ctx.as('alpine-sales', 'POST', '/api/tenants', { body: {} })).headers.get('Cache-Control')).toBe('no-store');
    const details = await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10007');
    expect(details.headers.get('Cache-Control')).toBe('private, no-cache');
    expect(details.headers.get('ETag')).toBeTruthy();
    expect((await ctx.app.request('/api/demo/users')).headers.get('Cache-Control')).toBe('no-store');
    // The public documents may be cached.
    expect((await ctx.app.request('/api/openapi.json')).headers.get('Cache-Control')).toBeNull();
  });
});

describe('CSV exports', () => {
  it('neutralize cells a spreadsheet would take for formulas', async () => {
    const month = '2026-10';
    const statement = await (await ctx.as('alpine-sales', 'GET', `/api/usage?month=${month}`)).json();
    const line = statement.lines[0] as { tenantId: string; domain: string };
    expect(line).toBeDefined();
    const name = '=HYPERLINK("http://x","y")';
    await ctx.db.updateTable('tenants').set({ name }).where('id', '=', line.tenantId).execute();
    await ctx.db
      .updateTable('booked_services')
      .set({ discount_percent: 5, discount_reason: '@SUM(1+1)' })
      .where('domain_id', 'in', ctx.db.selectFrom('managed_domains').select('id').where('tenant_id', '=', line.tenantId))
      .execute();

    const response = await ctx.as('alpine-sales', 'GET', `/api/usage?month=${month}&tenant=${line.tenantId}`, { headers: { Accept: 'text/csv' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const rows = (await response.text()).split('\r\n').filter(Boolean);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows.slice(1)) {
      expect(row.startsWith(`${line.tenantId},"'=HYPERLINK(""http://x"",""y"")",`)).toBe(true);
      expect(row).toContain(`,"'@SUM(1+1)",`);
      // Numbers stay numbers.
      expect(row).toMatch(/,5,"'@SUM\(1\+1\)",\d+\.\d{2},\d+\.\d{2},(CHF|EUR)$/);
    }
  });
});

describe('rate limits', () => {
  const write = async (app: TestContext['app'], headers: Record<string, string>): Promise<Response> =>
    app.request('/api/tenants', { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: '{}' });

  it('refuse the write after the budget with 429, Retry-After and the RateLimit headers', async () => {
    const app = ctx.appWith({ rateLimits: { writesPerMinute: 3 } });
    const headers = await bearer('rhein-sales');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await write(app, headers);
      expect(response.status).toBe(400);
      expect(response.headers.get('RateLimit-Policy')).toBe('"writes";q=3;w=60');
      seen.push(response.headers.get('RateLimit')!);
    }
    expect(seen).toEqual(['"writes";r=2;t=20', '"writes";r=1;t=40', '"writes";r=0;t=60']);

    const refused = await write(app, headers);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Content-Type')).toBe('application/problem+json');
    expect(refused.headers.get('Cache-Control')).toBe('no-store');
    const retryAfter = Number(refused.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThanOrEqual(19);
    expect(retryAfter).toBeLessThanOrEqual(20);
    expect(refused.headers.get('RateLimit-Policy')).toBe('"writes";q=3;w=60');
    expect(refused.headers.get('RateLimit')).toMatch(/^"writes";r=0;t=(59|60)$/);
    expect(await refused.json()).toMatchObject({ type: 'https://docs.seppmail.cloud/problems/rate-limited', status: 429 });

    // Reads are not limited, and another caller has a budget of its own.
    expect((await app.request('/api/me', { headers })).status).toBe(200);
    expect((await write(app, await bearer('rhein-tech'))).status).toBe(403);
  });

  it('are one budget for every process on the database', async () => {
    const [first, second] = [ctx.appWith({ rateLimits: { writesPerMinute: 2 } }), ctx.appWith({ rateLimits: { writesPerMinute: 2 } })];
    const headers = await bearer('lemanic-all');
    expect((await write(first, headers)).status).toBe(400);
    expect((await write(second, headers)).status).toBe(400);
    expect((await write(first, headers)).status).toBe(429);
    expect((await write(second, headers)).status).toBe(429);
    const [row] = await ctx.db.selectFrom('rate_limits').select(['key']).where('key', '=', 'writes:lemanic-all').execute();
    expect(row).toEqual({ key: 'writes:lemanic-all' });
  });

  it('count concurrent writes exactly (one atomic statement per hit)', async () => {
    const app = ctx.appWith({ rateLimits: { writesPerMinute: 5 } });
    const headers = await bearer('alpine-sales');
    const statuses = await Promise.all(Array.from({ length: 12 }, () => write(app, headers).then((r) => r.status)));
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('limit failed authentications per client address, and never a valid token', async () => {
    const app = ctx.appWith({ rateLimits: { authFailuresPerMinute: 2, trustProxy: true } });
    const from = (address: string, headers: Record<string, string> = {}) => ({ 'X-Forwarded-For': `198.51.100.77, ${address}`, ...headers });
    for (let i = 0; i < 2; i++) {
      expect((await app.request('/api/me', { headers: from('203.0.113.7', { Authorization: 'Bearer not-a-token' }) })).status).toBe(401);
    }
    // Over the budget: a further failure waits, a valid token from the same address does not.
    const refused = await app.request('/api/me', { headers: from('203.0.113.7', { Authorization: 'Bearer not-a-token' }) });
    expect(refused.status).toBe(429);
    expect((await app.request('/api/me', { headers: from('203.0.113.7', await bearer('alpine-sales')) })).status).toBe(200);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(29);
    expect(refused.headers.get('RateLimit-Policy')).toBe('"auth-failures";q=2;w=60');
    // The left entries of X-Forwarded-For are the client's claims: they change nothing.
    expect((await app.request('/api/me', { headers: { 'X-Forwarded-For': '192.0.2.1, 203.0.113.7', Authorization: 'Bearer not-a-token' } })).status).toBe(429);
    // Another address is not concerned; successful authentications never count.
    for (let i = 0; i < 4; i++) expect((await app.request('/api/me', { headers: from('203.0.113.8', await bearer('alpine-sales')) })).status).toBe(200);
    expect((await ctx.db.selectFrom('rate_limits').select('key').where('key', 'like', 'auth-failures:%').execute()).map((r) => r.key)).toEqual(['auth-failures:203.0.113.7']);
  });

  it('take the TCP peer without TRUST_PROXY (unknown under app.request)', async () => {
    const app = ctx.appWith({ rateLimits: { authFailuresPerMinute: 1 } });
    expect((await app.request('/api/me', { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(401);
    expect((await app.request('/api/me', { headers: { 'X-Forwarded-For': '203.0.113.10' } })).status).toBe(429);
    expect(await ctx.db.selectFrom('rate_limits').select('key').where('key', '=', 'auth-failures:unknown').executeTakeFirst()).toBeDefined();
  });

  it('are off at 0, and off in the tests’ default app', async () => {
    const off = ctx.appWith({ rateLimits: { writesPerMinute: 0, authFailuresPerMinute: 0 } });
    for (const app of [off, ctx.app]) {
      const headers = await bearer('rhein-sales'); // over its budget in the first test
      for (let i = 0; i < 4; i++) {
        const response = await write(app, headers);
        expect(response.status).toBe(400);
        expect(response.headers.get('RateLimit')).toBeNull();
      }
      for (let i = 0; i < 4; i++) expect((await app.request('/api/me', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    }
  });

  it('forget buckets whose budget is whole again, on a schedule', async () => {
    await ctx.db
      .insertInto('rate_limits')
      .values([
        { key: 'writes:gone', tat: sql<Date>`now() - interval '1 second'` },
        { key: 'writes:kept', tat: sql<Date>`now() + interval '1 minute'` },
      ])
      .execute();
    expect((await purgeRateLimits(ctx.db)).purged).toBeGreaterThanOrEqual(1);
    const keys = (await ctx.db.selectFrom('rate_limits').select('key').where('key', 'in', ['writes:gone', 'writes:kept']).execute()).map((r) => r.key);
    expect(keys).toEqual(['writes:kept']);
    await ctx.worker.schedule();
    expect(await ctx.db.selectFrom('jobs').select('kind').where('kind', '=', 'rate-limit-purge').where('status', '=', 'queued').execute()).toHaveLength(1);
  });
});

/** The test app on a real socket (@hono/node-server, as server.ts serves it) for the describe block; its port once listening. */
function onRealSocket(serverOptions?: ServerOptions): () => number {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    const app = ctx.appWith({});
    port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions }, (info) => resolve(info.port)) as Server;
    });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return () => port;
}

describe('the body limit and the edge on a real socket (@hono/node-server)', () => {
  const port = onRealSocket();
  let url: string;
  beforeAll(() => {
    url = `http://127.0.0.1:${port()}`;
  });
  const big = JSON.stringify({ name: 'x'.repeat(70_000) });

  it('refuses a large body by its Content-Length; the body of a GET is never read', async () => {
    const headers = await bearer('alpine-sales');
    const answer = await send(`${url}/api/tenants`, { method: 'POST', headers, body: big });
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect((await send(`${url}/api/tenants?limit=1`, { headers, body: big })).status).toBe(200);
  });

  it('refuses a large chunked body as it comes', async () => {
    const { Authorization } = await bearer('alpine-sales');
    const answer = await new Promise<number>((resolve, reject) => {
      // No Content-Length: node sends Transfer-Encoding: chunked.
      const req = request(`${url}/api/tenants`, { method: 'POST', headers: { Authorization, 'Content-Type': 'application/json' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 10; i++) req.write(big.slice(i * 7_100, (i + 1) * 7_100));
      req.end(big.slice(71_000));
    });
    expect(answer).toBe(413);
  });

  it('serves a GET without a body, and still refuses control characters in its query', async () => {
    const headers = await bearer('alpine-sales');
    const list = await send(`${url}/api/tenants?sort=name&limit=5`, { headers });
    expect(list.status).toBe(200);
    expect(list.json().items).toHaveLength(5);
    const refused = await send(`${url}/api/tenants?q=a%00b`, { headers });
    expect(refused.status).toBe(400);
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'q' })]);
  });
});

describe('the request timeout on a real socket', () => {
  const socketPort = onRealSocket(serverTimeouts(1));
  let port: number;
  beforeAll(() => {
    port = socketPort();
  });

  /** Sends `text` and waits for the server's answer or for it to close the socket. */
  function stall(text: string): Promise<{ answer: string; ms: number }> {
    const started = performance.now();
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(text));
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => (answer += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve({ answer, ms: performance.now() - started }));
      setTimeout(() => socket.destroy(new Error(`still open after 8 s: ${answer}`)), 8_000).unref();
    });
  }

  it('answers 408 to a body that stops coming, within a few seconds', async () => {
    const token = await ctx.tokenFor('alpine-sales');
    const { answer, ms } = await stall(
      `POST /api/tenants HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"name":"Slow`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(4_000);
  });

  it('answers 408 to headers that stop coming', async () => {
    const { answer, ms } = await stall('GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthoriz');
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(4_000);
  });

  it('does not cut a long event stream', async () => {
    const controller = new AbortController();
    const response = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: await bearer('alpine-sales'), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/text\/event-stream/);
    try {
      // Three times the timeout (and its checks) without a byte on the stream, then a change.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const changed = ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10007', { body: { invoiceReference: 'PO-LATE' }, headers: { 'If-Match': '*' } });
      const [changes, patched] = await Promise.all([readChanges(response, 1, 5_000), changed]);
      expect(patched.status).toBe(200);
      expect(changes).toEqual([expect.objectContaining({ tenantId: 'T-10007' })]);
    } finally {
      controller.abort();
    }
  }, 15_000);
});
