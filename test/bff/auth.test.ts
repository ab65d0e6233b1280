import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthenticator } from '../../bff/auth/tokens.js';
import { createTestContext, TEST_SECRET, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const claims = { name: 'Lea Brunner', level: 'partner', org: 'P-1001', roles: ['Sales'] };
const key = (secret: string) => new TextEncoder().encode(secret);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function sign(options: { secret?: string; alg?: string; exp?: string | number; payload?: Record<string, unknown>; iss?: string; aud?: string } = {}) {
  const jwt = new SignJWT(options.payload ?? claims)
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setSubject('alpine-sales')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? '1h');
  if (options.iss) jwt.setIssuer(options.iss);
  if (options.aud) jwt.setAudience(options.aud);
  return jwt.sign(key(options.secret ?? TEST_SECRET));
}

async function tenantsWith(authorization: string | undefined) {
  return ctx.app.request('/api/tenants', { headers: authorization ? { Authorization: authorization } : {} });
}

async function expectUnauthorized(response: Response, reason: RegExp) {
  expect(response.status).toBe(401);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  expect(response.headers.get('WWW-Authenticate')).toBe('Bearer');
  const problem = await response.json();
  expect(problem).toMatchObject({ status: 401, title: 'Authentication required' });
  expect(problem.detail).toMatch(reason);
}

describe('bearer tokens', () => {
  it('accepts a valid HS256 token', async () => {
    const response = await tenantsWith(`Bearer ${await sign()}`);
    expect(response.status).toBe(200);
  });

  it('refuses a request without a token', async () => {
    await expectUnauthorized(await tenantsWith(undefined), /Authorization: Bearer/);
  });

  it('refuses a header that is not a bearer token', async () => {
    await expectUnauthorized(await tenantsWith(`Basic ${Buffer.from('a:b').toString('base64')}`), /Bearer/);
  });

  it('refuses an expired token', async () => {
    await expectUnauthorized(await tenantsWith(`Bearer ${await sign({ exp: Math.floor(Date.now() / 1000) - 60 })}`), /exp/);
  });

  it('refuses a token signed with another secret', async () => {
    await expectUnauthorized(await tenantsWith(`Bearer ${await sign({ secret: 'another-secret-that-is-long-enough-for-hs256' })}`), /signature/);
  });

  it('refuses alg none', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'alpine-sales', exp: Math.floor(Date.now() / 1000) + 600 })}.`;
    await expectUnauthorized(await tenantsWith(`Bearer ${unsigned}`), /alg|Unsupported|JWS/i);
  });

  it('refuses a token without an expiry', async () => {
    const forever = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setIssuedAt().sign(key(TEST_SECRET));
    await expectUnauthorized(await tenantsWith(`Bearer ${forever}`), /exp/);
  });

  it('refuses a token issued in the future beyond a minute of clock skew, and accepts one within it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const at = (iat: number) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setIssuedAt(iat).setExpirationTime(iat + 3600).sign(key(TEST_SECRET));
    await expectUnauthorized(await tenantsWith(`Bearer ${await at(now + 86_400)}`), /iat/);
    await expectUnauthorized(await tenantsWith(`Bearer ${await at(now + 120)}`), /iat/);
    expect((await tenantsWith(`Bearer ${await at(now + 30)}`)).status).toBe(200);
  });

  it('refuses a token older than the maximum age even when it has not expired, and one without iat', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setIssuedAt(now - 86_400 - 120).setExpirationTime(now + 3600).sign(key(TEST_SECRET));
    await expectUnauthorized(await tenantsWith(`Bearer ${old}`), /iat/);
    const noIat = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setExpirationTime(now + 3600).sign(key(TEST_SECRET));
    await expectUnauthorized(await tenantsWith(`Bearer ${noIat}`), /iat/);
    const young = createAuthenticator({ jwtSecret: TEST_SECRET, maxTokenAgeSeconds: 60 });
    const minutesOld = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setIssuedAt(now - 300).setExpirationTime(now + 3600).sign(key(TEST_SECRET));
    await expect(young.verify(minutesOld)).rejects.toThrow(/iat/);
  });

  it('refuses an algorithm other than the pinned one, even with the right secret', async () => {
    await expectUnauthorized(await tenantsWith(`Bearer ${await sign({ alg: 'HS512' })}`), /alg/);
  });

  it('refuses a token whose claims break the contract', async () => {
    const noOrg = await sign({ payload: { ...claims, org: undefined } });
    await expectUnauthorized(await tenantsWith(`Bearer ${noOrg}`), /org/);
    const badRole = await sign({ payload: { ...claims, roles: ['Admin'] } });
    await expectUnauthorized(await tenantsWith(`Bearer ${badRole}`), /roles/);
    const badLevel = await sign({ payload: { ...claims, level: 'root' } });
    await expectUnauthorized(await tenantsWith(`Bearer ${badLevel}`), /level/);
  });

  it('answers health without a token and everything else under /api only with one', async () => {
    expect((await ctx.app.request('/api/health')).status).toBe(200);
    expect((await ctx.app.request('/api/me')).status).toBe(401);
    expect((await ctx.app.request('/api/catalog')).status).toBe(401);
  });
});

describe('issuer and audience', () => {
  const strict = createAuthenticator({ jwtSecret: TEST_SECRET, issuer: 'https://login.seppmail.example', audience: 'services' });

  it('accepts the configured issuer and audience', async () => {
    const principal = await strict.verify(await sign({ iss: 'https://login.seppmail.example', aud: 'services' }));
    expect(principal).toMatchObject({ sub: 'alpine-sales', level: 'partner', org: 'P-1001', roles: ['Sales'] });
  });

  it('refuses another issuer or a missing audience', async () => {
    await expect(strict.verify(await sign({ iss: 'https://evil.example', aud: 'services' }))).rejects.toThrow(/iss/);
    await expect(strict.verify(await sign({ iss: 'https://login.seppmail.example' }))).rejects.toThrow(/aud/);
  });
});

describe('demo tokens', () => {
  it('lists the demo users with every level and role', async () => {
    const users = (await (await ctx.app.request('/api/demo/users')).json()) as { id: string; level: string; roles: string[] }[];
    expect(new Set(users.map((u) => u.level))).toEqual(new Set(['seppmail', 'partner', 'tenant']));
    expect(new Set(users.flatMap((u) => u.roles))).toEqual(new Set(['ALL', 'Sales', 'Support', 'Tech', 'Audit']));
  });

  it('issues a token that the BFF accepts as that user', async () => {
    const response = await ctx.app.request('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'rhein-sales' }) });
    const { token } = await response.json();
    const me = await (await ctx.app.request('/api/me', { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(me).toMatchObject({ sub: 'rhein-sales', level: 'partner', org: 'P-1002', orgName: 'Rhein Systems GmbH', roles: ['Sales'] });
  });

  it('answers 404 for an unknown demo user', async () => {
    const response = await ctx.app.request('/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'nobody' }) });
    expect(response.status).toBe(404);
  });
});

describe('keys from a JWKS (production)', () => {
  it('accepts an RS256 token signed by a published key and refuses HS256 tokens outright', async () => {
    const { createServer } = await import('node:http');
    const { exportJWK, generateKeyPair } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer((_, res) => res.setHeader('Content-Type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      const production = createAuthenticator({ jwksUrl: `http://127.0.0.1:${port}/jwks.json` });
      const rs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setSubject('alpine-sales').setIssuedAt().setExpirationTime('1h').sign(privateKey);
      expect(await production.verify(rs256)).toMatchObject({ sub: 'alpine-sales', org: 'P-1001' });
      // An attacker who knows no secret cannot fall back to a symmetric algorithm.
      await expect(production.verify(await sign())).rejects.toThrow(/alg/);
      expect(production.sign).toBeUndefined();
    } finally {
      server.close();
    }
  });
});

describe('verified tokens remembered', () => {
  afterEach(() => vi.useRealTimers());

  it('answers a token verified before without verifying it again, and never past its expiry', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const authenticator = createAuthenticator({ jwtSecret: TEST_SECRET });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setIssuedAt(now).setExpirationTime(now + 30).sign(key(TEST_SECRET));
    const first = await authenticator.verify(token);
    expect(await authenticator.verify(token)).toBe(first);
    // Past exp and the clock skew: refused, although it was remembered.
    vi.setSystemTime((now + 30 + 61) * 1000);
    await expect(authenticator.verify(token)).rejects.toThrow(/exp/);
  });

  it('verifies again after a minute even a long-lived token (a withdrawn key stops it)', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const authenticator = createAuthenticator({ jwtSecret: TEST_SECRET });
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('alpine-sales').setIssuedAt(now).setExpirationTime(now + 3600).sign(key(TEST_SECRET));
    const first = await authenticator.verify(token);
    expect(await authenticator.verify(token)).toBe(first);
    vi.setSystemTime((now + 61) * 1000);
    const again = await authenticator.verify(token);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
