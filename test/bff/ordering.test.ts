/** Ordering through the API: add domain (wizard and manual), add services, cancel, on the rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BookedService, ManagedDomain } from '../../domain/api.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const SIGN_ENCRYPT_INLINE = ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'];

async function order(tenantId: string, body: unknown, headers: Record<string, string> = {}) {
  return ctx.as('alpine-sales', 'POST', `/api/tenants/${tenantId}/domains`, { body, headers });
}

async function writes() {
  const count = async (table: 'managed_domains' | 'booked_services' | 'audit_events' | 'gina_hosts') =>
    Number((await ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  return { domains: await count('managed_domains'), services: await count('booked_services'), audits: await count('audit_events'), gina: await count('gina_hosts') };
}

async function refusal(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  return (await response.json()).errors as { code: string; path: string; service?: string; message: string }[];
}

describe('POST /api/tenants/{id}/domains (the wizard’s order)', () => {
  it('books a sign+encrypt inline domain: SC-SERVICE first, numbers from 1, ordered, one audit event', async () => {
    const before = await writes();
    const response = await order('T-10006', { name: 'Sign-Encrypt.CH', mode: 'inline', services: SIGN_ENCRYPT_INLINE, ginaHost: 'securemail.sign-encrypt.ch' });
    expect(response.status).toBe(201);
    const domain: ManagedDomain = await response.json();
    expect(domain).toMatchObject({ name: 'sign-encrypt.ch', mode: 'inline', status: 'ordered', ginaHost: 'securemail.sign-encrypt.ch' });
    expect(domain.id).toMatch(/^D-\d+$/);
    expect(domain.services.map((s) => [s.number, s.code, s.status])).toEqual([
      [1, 'SC-SERVICE', 'ordered'],
      [2, 'SC-F-INBOUND', 'ordered'],
      [3, 'SC-F-OUTBOUND', 'ordered'],
      [4, 'SC-SIGENC', 'ordered'],
      [5, 'SC-CERT', 'ordered'],
    ]);
    expect(await writes()).toEqual({ domains: before.domains + 1, services: before.services + 5, audits: before.audits + 1, gina: before.gina + 1 });
    const listed = (await (await ctx.as('alpine-support', 'GET', '/api/tenants?q=T-10006')).json()).items[0];
    expect(listed).toMatchObject({ managedDomains: 1, totalServices: 5 });
  });

  it('stores an IDN in punycode (checked against Python’s IDNA codec)', async () => {
    const domain = await (await order('T-10006', { name: 'Bäckerei-Zürich.ch', mode: 'parallel', services: ['SC-MS365'] })).json();
    expect(domain.name).toBe('xn--bckerei-zrich-bfb28a.ch');
  });

  it('books SC-SERVICE alone on the manual add (name and mode only)', async () => {
    const response = await order('T-10006', { name: 'manual-expert.ch', mode: 'inline' });
    expect(response.status).toBe(201);
    expect((await response.json()).services.map((s: BookedService) => s.code)).toEqual(['SC-SERVICE']);
  });

  it('refuses every broken rule at once, each with its reason, and writes nothing', async () => {
    const before = await writes();
    const errors = await refusal(
      await ctx.as('rhein-sales', 'POST', '/api/tenants/T-10035/domains', {
        body: { name: 'gmail.com', mode: 'inline', ms365TenantId: 'contoso', services: ['SC-SIGONLY', 'SC-SIGENC', 'SC-HIN', 'SC-MS365'] },
      }),
      422,
    );
    const codes = errors.map((e) => `${e.code}${e.service ? `:${e.service}` : ''}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'name-freemail',
        'ms365-tenant-id-invalid',
        'mode-requires:SC-F-INBOUND',
        'mode-forbids:SC-MS365',
        'requires:SC-SIGONLY',
        'excludes:SC-SIGONLY',
        'hin-needs-switzerland:SC-HIN',
        'gina-host-required:SC-SIGENC',
      ]),
    );
    expect(errors.every((e) => e.message.length > 0 && e.path.length > 0)).toBe(true);
    expect(await writes()).toEqual(before);
  });

  it.each([
    ['an invalid name', { name: 'not a domain', mode: 'inline' }, 'name-invalid'],
    ['onmicrosoft.com', { name: 'contoso.onmicrosoft.com', mode: 'parallel' }, 'name-onmicrosoft'],
    ['a wildcard GINA host', { name: 'gina-wild.ch', mode: 'parallel', services: ['SC-MS365', 'SC-SIGENC', 'SC-CERT'], ginaHost: '*.gina-wild.ch' }, 'gina-host-invalid'],
    ['a GINA host under seppmail.cloud', { name: 'gina-sepp.ch', mode: 'parallel', services: ['SC-MS365', 'SC-SIGENC', 'SC-CERT'], ginaHost: 'x.seppmail.cloud' }, 'gina-host-invalid'],
    ['a GINA host without SC-SIGENC', { name: 'gina-none.ch', mode: 'parallel', services: ['SC-MS365'], ginaHost: 'securemail.gina-none.ch' }, 'gina-host-invalid'],
  ])('refuses %s with 422', async (_, body, code) => {
    const errors = await refusal(await order('T-10006', body), 422);
    expect(errors.map((e) => e.code)).toContain(code);
  });

  it.each([
    ['😀.ch as typed', { name: '😀.ch', mode: 'inline' }, 'name'],
    ['😀.ch in punycode', { name: 'xn--e28h.ch', mode: 'inline' }, 'name'],
    ['★.ch', { name: '★.ch', mode: 'inline' }, 'name'],
    ['a GINA host with a label of emoji alone', { name: 'gina-emoji.ch', mode: 'parallel', services: ['SC-MS365', 'SC-SIGENC', 'SC-CERT'], ginaHost: '😀.gina-emoji.ch' }, 'ginaHost'],
  ])('refuses %s, a label of symbols alone, with 422 name-symbol-only and stores nothing', async (_, body, path) => {
    const before = await writes();
    const errors = await refusal(await order('T-10006', body), 422);
    expect(errors).toContainEqual(expect.objectContaining({ code: 'name-symbol-only', path }));
    expect(await writes()).toEqual(before);
  });

  it('answers 400 for a malformed order, listing every field', async () => {
    const errors = await refusal(await order('T-10006', { name: 5, mode: 'hybrid', services: ['SC-NOPE'], extra: true }), 400);
    expect(errors.map((e) => e.path).sort()).toEqual(expect.arrayContaining(['mode', 'name', 'services.0']));
  });
});

describe('a domain is managed once on the platform', () => {
  it('refuses a domain that another partner manages with 409, whatever its case', async () => {
    const rhein: ManagedDomain[] = await (await ctx.as('rhein-sales', 'GET', '/api/tenants/T-10041/domains')).json();
    const errors = await refusal(await order('T-10006', { name: rhein[0]!.name.toUpperCase(), mode: 'inline' }), 409);
    expect(errors).toEqual([expect.objectContaining({ code: 'domain-taken', path: 'name' })]);
    // The refusal says nothing about whose it is.
    expect(JSON.stringify(errors)).not.toMatch(/T-10041|Rhein/);
  });

  it('knows an IDN and its punycode as one name', async () => {
    expect((await order('T-10007', { name: 'müller-idn.ch', mode: 'inline' })).status).toBe(201);
    const errors = await refusal(await ctx.as('lemanic-all', 'POST', '/api/tenants/T-10061/domains', { body: { name: 'xn--mller-idn-q9a.ch', mode: 'inline' } }), 409);
    expect(errors[0]!.code).toBe('domain-taken');
  });

  it('lets a deprovisioned domain be managed again', async () => {
    const gone = await ctx.db.selectFrom('managed_domains').select('name').where('deprovisioned_at', 'is not', null).executeTakeFirstOrThrow();
    expect((await order('T-10006', { name: gone.name, mode: 'inline' })).status).toBe(201);
  });

  it('gives one of two concurrent orders of a name, and 409 to the other', async () => {
    const [a, b] = await Promise.all([
      order('T-10008', { name: 'race-for-it.ch', mode: 'inline' }),
      ctx.as('rhein-sales', 'POST', '/api/tenants/T-10041/domains', { body: { name: 'race-for-it.ch', mode: 'inline' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
  });
});

describe('GINA hosts', () => {
  const sigenc = (name: string, ginaHost: string) => ({ name, mode: 'parallel', services: ['SC-MS365', 'SC-SIGENC', 'SC-CERT'], ginaHost });

  it('shares a tenant’s own GINA host among its domains', async () => {
    expect((await order('T-10009', sigenc('shared-one.ch', 'securemail.shared-one.ch'))).status).toBe(201);
    const second = await order('T-10009', sigenc('shared-two.ch', 'securemail.shared-one.ch'));
    expect(second.status).toBe(201);
    expect((await second.json()).ginaHost).toBe('securemail.shared-one.ch');
  });

  it('refuses another tenant’s GINA host with 409', async () => {
    const errors = await refusal(await order('T-10010', sigenc('not-shared.ch', 'securemail.shared-one.ch')), 409);
    expect(errors[0]).toMatchObject({ code: 'gina-host-taken', path: 'ginaHost' });
  });
});

describe('POST /api/domains/{id}/services', () => {
  async function freshDomain(name: string, body: object = { mode: 'inline', services: ['SC-F-INBOUND'] }): Promise<ManagedDomain> {
    const response = await order('T-10011', { name, ...body });
    expect(response.status).toBe(201);
    return response.json();
  }

  it('books more services with the next numbers', async () => {
    const domain = await freshDomain('more-services.ch');
    const response = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services`, { body: { services: ['SC-F-OUTBOUND'] } });
    expect(response.status).toBe(201);
    expect((await response.json()).services.map((s: BookedService) => [s.number, s.code])).toEqual([
      [1, 'SC-SERVICE'],
      [2, 'SC-F-INBOUND'],
      [3, 'SC-F-OUTBOUND'],
    ]);
  });

  it('refuses what is booked already and what breaks a rule, writing nothing', async () => {
    const domain = await freshDomain('refused-services.ch');
    const before = await writes();
    const errors = await refusal(
      await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services`, { body: { services: ['SC-F-INBOUND', 'SC-SIGENC', 'SC-MS365'] } }),
      422,
    );
    expect(errors.map((e) => `${e.code}:${e.service}`)).toEqual(
      expect.arrayContaining(['already-booked:SC-F-INBOUND', 'mode-forbids:SC-MS365', 'requires:SC-SIGENC', 'gina-host-required:SC-SIGENC']),
    );
    expect(await writes()).toEqual(before);
  });

  it('takes a GINA host with SC-SIGENC on a domain that has none', async () => {
    const domain = await freshDomain('late-gina.ch', { mode: 'parallel', services: ['SC-MS365'] });
    const response = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services`, {
      body: { services: ['SC-SIGENC', 'SC-CERT'], ginaHost: 'securemail.late-gina.ch' },
    });
    expect(response.status).toBe(201);
    expect((await response.json()).ginaHost).toBe('securemail.late-gina.ch');
  });

  it('gives 20 concurrent orders on one domain unique numbers and books nothing twice', async () => {
    const domain = await freshDomain('busy-domain.ch');
    const choices = ['SC-F-OUTBOUND', 'SC-F-OUTBOUND', 'SC-F-OUTBOUND', 'SC-F-OUTBOUND'];
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services`, { body: { services: [choices[i % choices.length]] } })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 422)).toHaveLength(19);
    const rows = await ctx.db.selectFrom('booked_services').select(['number', 'service_code']).where('domain_id', '=', domain.id).orderBy('number').execute();
    expect(rows.map((r) => [r.number, r.service_code])).toEqual([
      [1, 'SC-SERVICE'],
      [2, 'SC-F-INBOUND'],
      [3, 'SC-F-OUTBOUND'],
    ]);
  });

  it('hands out distinct numbers to concurrent orders of different services', async () => {
    const domain = await freshDomain('many-orders.ch', { mode: 'parallel', services: ['SC-MS365'] });
    await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services`, { body: { services: ['SC-SIGENC', 'SC-CERT'], ginaHost: 'securemail.many-orders.ch' } });
    // Cancel and re-book in parallel waves: every booking gets a new number, none reused.
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services`, { body: { services: ['SC-HIN'] } })
          : ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/4/cancel`, { body: {} }),
      ),
    );
    expect(responses.every((r) => [200, 201, 422].includes(r.status))).toBe(true);
    const numbers = (await ctx.db.selectFrom('booked_services').select('number').where('domain_id', '=', domain.id).execute()).map((r) => r.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const active = await ctx.db.selectFrom('booked_services').select('service_code').where('domain_id', '=', domain.id).where('status', '=', 'ordered').execute();
    expect(active.filter((r) => r.service_code === 'SC-HIN').length).toBeLessThanOrEqual(1);
  });
});

describe('POST /api/domains/{id}/services/{number}/cancel', () => {
  async function signEncryptDomain(name: string): Promise<ManagedDomain> {
    const response = await order('T-10013', { name, mode: 'inline', services: [...SIGN_ENCRYPT_INLINE, 'SC-HIN'], ginaHost: `securemail.${name}` });
    expect(response.status).toBe(201);
    return response.json();
  }

  it('cancels the base service and with it every service, on the last day of the month by default', async () => {
    const domain = await signEncryptDomain('cancel-all.ch');
    const response = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/1/cancel`, { body: {} });
    expect(response.status).toBe(200);
    const { cancelled } = await response.json();
    expect(cancelled.map((s: BookedService) => [s.number, s.status, s.endBilling])).toEqual(
      [1, 2, 3, 4, 5, 6].map((n) => [n, 'cancelled', '2026-11-30']),
    );
    const listed = (await (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10013/domains')).json()).find((d: ManagedDomain) => d.id === domain.id);
    expect(listed.status).toBe('cancelled');
  });

  it('cancels sign+encrypt with what requires it (HIN) and the certificate it no longer needs', async () => {
    const domain = await signEncryptDomain('cancel-sigenc.ch');
    const sigenc = domain.services.find((s) => s.code === 'SC-SIGENC')!;
    const response = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/${sigenc.number}/cancel`, { body: { endBilling: '2027-01-31' } });
    const { cancelled } = await response.json();
    expect(cancelled.map((s: BookedService) => s.code)).toEqual(['SC-SIGENC', 'SC-CERT', 'SC-HIN']);
    expect(cancelled.every((s: BookedService) => s.endBilling === '2027-01-31')).toBe(true);
  });

  it('refuses an end date before tomorrow, a service not active, and an unknown number', async () => {
    const domain = await signEncryptDomain('cancel-refused.ch');
    const early = await refusal(await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/6/cancel`, { body: { endBilling: '2026-11-24' } }), 422);
    expect(early[0]!.code).toBe('end-billing-too-early');
    expect((await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/6/cancel`, { body: { endBilling: '2026-11-25' } })).status).toBe(200);
    const again = await refusal(await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/6/cancel`, { body: {} }), 422);
    expect(again[0]!.code).toBe('not-active');
    expect((await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/99/cancel`, { body: {} })).status).toBe(404);
  });

  it('moves the default to tomorrow on the last day of a month', async () => {
    const domain = await signEncryptDomain('cancel-month-end.ch');
    ctx.clock.set(new Date('2026-11-30T12:00:00Z'));
    try {
      const { cancelled } = await (await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/6/cancel`, { body: {} })).json();
      expect(cancelled[0].endBilling).toBe('2026-12-01');
    } finally {
      ctx.clock.set(new Date('2026-11-24T10:00:00Z'));
    }
  });
});

describe('Idempotency-Key on orders', () => {
  it('books once for a retried order and answers the first answer', async () => {
    const headers = { 'Idempotency-Key': 'order-once' };
    const body = { name: 'retry-order.ch', mode: 'inline', services: ['SC-F-INBOUND'] };
    const first = await order('T-10014', body, headers);
    const second = await order('T-10014', body, headers);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await second.json()).toEqual(await first.json());
    expect(await ctx.db.selectFrom('managed_domains').select('id').where('name', '=', 'retry-order.ch').execute()).toHaveLength(1);
    expect((await order('T-10014', { ...body, mode: 'parallel' }, headers)).status).toBe(422);
  });

  it('cancels once for a retried cancellation', async () => {
    const domain: ManagedDomain = await (await order('T-10014', { name: 'retry-cancel.ch', mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND'] })).json();
    const headers = { 'Idempotency-Key': 'cancel-once' };
    const first = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/3/cancel`, { body: {}, headers });
    const second = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/3/cancel`, { body: {}, headers });
    expect([first.status, second.status]).toEqual([200, 200]);
    const audits = await ctx.db.selectFrom('audit_events').select('id').where('entity_id', '=', domain.id).where('action', '=', 'service.cancel').execute();
    expect(audits).toHaveLength(1);
  });
});
