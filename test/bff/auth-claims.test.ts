/**
 * AUTH_CLAIMS: an identity provider's tokens (Entra ID's and Keycloak's shapes, signed for real)
 * mapped to our caller, through the real app; the examples are those of docs/authentication.md.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ClaimMapping, ClaimMappingSchema, claimAt, createClaimMapper } from '../../bff/auth/claims.js';
import { createAuthenticator } from '../../bff/auth/tokens.js';
import { parseEnv } from '../../bff/env.js';
import { createTestContext, TEST_SECRET, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** AUTH_CLAIMS as a production deployment's environment gives it. */
function claimsOf(mapping: object): ClaimMapping {
  return parseEnv({ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://login.example/keys', AUTH_CLAIMS: JSON.stringify(mapping) }).AUTH_CLAIMS!;
}

const ALPINE_ENTRA_TENANT = '6f1d2c4e-58a3-4b7e-9c0d-1a2b3c4d5e6f';
const EXTENSION = 'extension_0b7f4c2a9d3e4f5a8b6c1d2e3f4a5b6c';

/** docs/authentication.md's Entra ID example: app roles in `roles`, the partner by `tid`, the level in a directory extension. */
const ENTRA = claimsOf({
  sub: 'oid',
  level: `${EXTENSION}_seppLevel`,
  org: 'tid',
  orgValues: { [ALPINE_ENTRA_TENANT]: 'P-1001' },
  roles: 'roles',
  roleValues: { 'SEPP.All': 'ALL', 'SEPP.Sales': 'Sales', 'SEPP.Support': 'Support', 'SEPP.Tech': 'Tech', 'SEPP.Audit': 'Audit' },
  levelValues: { Partner: 'partner', Tenant: 'tenant', SEPPmail: 'seppmail' },
});

/** docs/authentication.md's Keycloak example: realm roles nested in `realm_access`, attributes in a `seppmail` object. */
const KEYCLOAK = claimsOf({
  level: 'seppmail.level',
  org: 'seppmail.org',
  roles: 'realm_access.roles',
  roleValues: { 'sepp-all': 'ALL', 'sepp-sales': 'Sales', 'sepp-support': 'Support', 'sepp-tech': 'Tech', 'sepp-audit': 'Audit' },
});

function sign(payload: Record<string, unknown>, sub = 'a3f9c2d1-user') {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(TEST_SECRET));
}

function appWith(mapping: ClaimMapping | undefined, onDropped = vi.fn()) {
  const authenticator = createAuthenticator({ jwtSecret: TEST_SECRET, ...(mapping ? { mapClaims: createClaimMapper(mapping, onDropped) } : {}) });
  const app = ctx.appWith({ authenticator });
  return {
    authenticator,
    onDropped,
    request: (token: string, method: string, path: string, body?: unknown) =>
      app.request(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
  };
}

const entraSales = {
  oid: '00000000-0000-0000-66f3-3332eca7ea81',
  name: 'Lea Brunner',
  preferred_username: 'lea@alpine-it.example',
  tid: ALPINE_ENTRA_TENANT,
  roles: ['SEPP.Sales', 'Portal.Reader'],
  [`${EXTENSION}_seppLevel`]: 'Partner',
};

const keycloakTech = {
  name: 'Tobias Wolf',
  preferred_username: 'tobias',
  realm_access: { roles: ['offline_access', 'uma_authorization', 'sepp-tech', 'default-roles-seppmail'] },
  resource_access: { account: { roles: ['manage-account'] } },
  seppmail: { level: 'partner', org: 'P-1002' },
};

async function tenantNames(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { name: string }[] }).items.map((t) => t.name);
}

async function expectRefused(response: Response, reason: RegExp) {
  expect(response.status).toBe(401);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  const problem = await response.json();
  expect(problem).toMatchObject({ status: 401, title: 'Authentication required' });
  expect(problem.detail).toMatch(reason);
}

describe('an Entra ID token', () => {
  it('maps to the partner’s Sales caller, who sees the partner’s tenants and the prices', async () => {
    const { request, onDropped } = appWith(ENTRA);
    const token = await sign(entraSales);
    expect(await (await request(token, 'GET', '/api/me')).json()).toMatchObject({
      sub: entraSales.oid,
      name: 'Lea Brunner',
      level: 'partner',
      org: 'P-1001',
      orgName: 'Alpine IT AG',
      roles: ['Sales'],
    });
    expect(onDropped).toHaveBeenCalledWith({ sub: entraSales.oid, roles: ['Portal.Reader'] });
    const alpine = await tenantNames(await ctx.as('alpine-sales', 'GET', '/api/tenants?limit=100'));
    expect(await tenantNames(await request(token, 'GET', '/api/tenants?limit=100'))).toEqual(alpine);
    const catalog = (await (await request(token, 'GET', '/api/catalog')).json()) as { services: { prices?: object }[] };
    expect(catalog.services.every((s) => s.prices !== undefined)).toBe(true);
    expect((await request(token, 'GET', '/api/audit')).status).toBe(403);
  });

  it('is refused with the usual 401 when its tenant or level is not mapped', async () => {
    const { request } = appWith(ENTRA);
    await expectRefused(await request(await sign({ ...entraSales, tid: '11111111-2222-3333-4444-555555555555' }), 'GET', '/api/tenants'), /org/);
    await expectRefused(await request(await sign({ ...entraSales, [`${EXTENSION}_seppLevel`]: 'Guest' }), 'GET', '/api/tenants'), /level/);
    const { [`${EXTENSION}_seppLevel`]: _, ...withoutLevel } = entraSales;
    await expectRefused(await request(await sign(withoutLevel), 'GET', '/api/tenants'), /level/);
  });

  it('leaves the org out at SEPPmail level, where Entra ID still names a tenant', async () => {
    const { request } = appWith(ENTRA);
    const token = await sign({ ...entraSales, roles: ['SEPP.All'], [`${EXTENSION}_seppLevel`]: 'SEPPmail', tid: 'seppmail-entra-tenant' });
    expect(await (await request(token, 'GET', '/api/me')).json()).toMatchObject({ level: 'seppmail', org: null, roles: ['ALL'] });
    expect((await request(token, 'GET', '/api/audit')).status).toBe(200);
  });
});

describe('a Keycloak token', () => {
  it('maps nested realm roles and attributes to the partner’s Tech caller, who may not order', async () => {
    const { request, onDropped } = appWith(KEYCLOAK);
    const token = await sign(keycloakTech, 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6');
    expect(await (await request(token, 'GET', '/api/me')).json()).toMatchObject({
      sub: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      level: 'partner',
      org: 'P-1002',
      orgName: 'Rhein Systems GmbH',
      roles: ['Tech'],
    });
    expect(onDropped).toHaveBeenCalledWith({ sub: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', roles: ['offline_access', 'uma_authorization', 'default-roles-seppmail'] });
    const rhein = await tenantNames(await ctx.as('rhein-sales', 'GET', '/api/tenants?limit=100'));
    expect(await tenantNames(await request(token, 'GET', '/api/tenants?limit=100'))).toEqual(rhein);
    const catalog = (await (await request(token, 'GET', '/api/catalog')).json()) as { services: { prices?: object }[] };
    expect(catalog.services.some((s) => s.prices !== undefined)).toBe(false);
    const order = await request(token, 'POST', '/api/tenants', { name: 'Keycloak Tech GmbH', partnerId: 'P-1002' });
    expect(order.status).toBe(403);
  });

  it('is refused when no role is left after the mapping', async () => {
    const { request } = appWith(KEYCLOAK);
    const token = await sign({ ...keycloakTech, realm_access: { roles: ['offline_access'] } });
    expect((await request(token, 'GET', '/api/tenants')).status).toBe(403);
    await expectRefused(await request(await sign({ ...keycloakTech, realm_access: undefined, seppmail: { level: 'partner' } }), 'GET', '/api/tenants'), /org/);
  });
});

describe('the mapping', () => {
  it('is applied once per verified token: the remembered principal is the mapped one', async () => {
    const mapper = vi.fn(createClaimMapper(KEYCLOAK));
    const authenticator = createAuthenticator({ jwtSecret: TEST_SECRET, mapClaims: mapper });
    const token = await sign(keycloakTech);
    const first = await authenticator.verify(token);
    expect(await authenticator.verify(token)).toBe(first);
    expect(first).toMatchObject({ level: 'partner', org: 'P-1002', roles: ['Tech'] });
    expect(mapper).toHaveBeenCalledTimes(1);
  });

  it('reads a claim whose name has dots as it is, before it walks a path', () => {
    expect(claimAt({ 'https://portal.example/roles': ['Sales'] }, 'https://portal.example/roles')).toEqual(['Sales']);
    expect(claimAt({ realm_access: { roles: ['x'] } }, 'realm_access.roles')).toEqual(['x']);
    expect(claimAt({ realm_access: ['x'] }, 'realm_access.roles')).toBeUndefined();
  });

  it('takes a role given as one string, and our own names as they are when roleValues is unset', () => {
    const map = createClaimMapper(ClaimMappingSchema.parse({ roles: 'groups' }));
    expect(map({ sub: 's', name: 'n', level: 'partner', org: 'P-1001', groups: 'Audit' })).toEqual({ sub: 's', name: 'n', level: 'partner', org: 'P-1001', roles: ['Audit'] });
  });
});

describe('without AUTH_CLAIMS', () => {
  it('takes our own claim names as before and refuses an identity provider’s', async () => {
    expect(parseEnv({}).AUTH_CLAIMS).toBeUndefined();
    const { request } = appWith(undefined);
    const ours = await sign({ name: 'Lea Brunner', level: 'partner', org: 'P-1001', roles: ['Sales'] });
    expect((await request(ours, 'GET', '/api/tenants')).status).toBe(200);
    await expectRefused(await request(await sign(entraSales), 'GET', '/api/tenants'), /level/);
  });
});

describe('a bad AUTH_CLAIMS', () => {
  it('fails parseEnv with the reason', () => {
    expect(() => parseEnv({ AUTH_CLAIMS: '{"level": "ext_level",' })).toThrow(/AUTH_CLAIMS: is not JSON/);
    expect(() => parseEnv({ AUTH_CLAIMS: '{"roleValues": {"SEPP.Sales": "Seller"}}' })).toThrow(/AUTH_CLAIMS: roleValues\.SEPP\.Sales: /);
    expect(() => parseEnv({ AUTH_CLAIMS: '{"levelValues": {"Partner": "reseller"}}' })).toThrow(/AUTH_CLAIMS: levelValues\.Partner: /);
    expect(() => parseEnv({ AUTH_CLAIMS: '{"role": "roles"}' })).toThrow(/AUTH_CLAIMS: .*role/);
    expect(() => parseEnv({ AUTH_CLAIMS: '["roles"]' })).toThrow(/AUTH_CLAIMS: /);
  });

  it('is not taken beside demo mode unless DEMO=1 asks for it (demo tokens use our names)', () => {
    expect(() => parseEnv({ AUTH_CLAIMS: '{"org": "tid"}' })).toThrow(/DEMO=1/);
    expect(parseEnv({ AUTH_CLAIMS: '{"org": "tid"}', DEMO: '1' }).AUTH_CLAIMS).toMatchObject({ org: 'tid', level: 'level' });
  });

  it('stops the server at start, before it listens', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'bff/server.ts'], {
      cwd: root,
      env: { ...process.env, AUTH_CLAIMS: '{roles: realm_access.roles}', PORT: '0', PGLITE_DATA: 'memory://', LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(started.status).not.toBe(0);
    expect(started.stderr).toMatch(/Invalid environment:\s+AUTH_CLAIMS: is not JSON/);
  });
});
