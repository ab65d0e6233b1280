/** User counts and the usage statement, against hand-computed amounts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedDomain } from '../../domain/api.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
let swiss: ManagedDomain;
let german: ManagedDomain;

beforeAll(async () => {
  ctx = await createTestContext();
  // A Swiss tenant (CHF) and a German one (EUR), each with a domain provisioned in October.
  swiss = await (await ctx.as('alpine-sales', 'POST', '/api/tenants/T-10030/domains', { body: { name: 'usage-ch.ch', mode: 'inline', services: ['SC-F-INBOUND', 'SC-F-OUTBOUND'] } })).json();
  german = await (await ctx.as('rhein-sales', 'POST', '/api/tenants/T-10052/domains', { body: { name: 'usage-de.de', mode: 'inline', services: ['SC-F-INBOUND'] } })).json();
  const set = (domainId: string, number: number, values: Record<string, unknown>) =>
    ctx.db.updateTable('booked_services').set(values).where('domain_id', '=', domainId).where('number', '=', number).execute();
  for (const n of [1, 2]) await set(swiss.id, n, { status: 'provisioned', start_billing: '2026-10-01' });
  await set(swiss.id, 2, { discount_percent: 15, discount_reason: 'volume' });
  // Outbound came in November: not chargeable in October.
  await set(swiss.id, 3, { status: 'provisioned', start_billing: '2026-11-03' });
  await set(german.id, 1, { status: 'provisioned', start_billing: '2026-10-10', discount_percent: 12.5, discount_reason: 'nfr' });
  // Inbound was cancelled in the middle of October: billed in October, not after.
  await set(german.id, 2, { status: 'cancelled', start_billing: '2026-09-01', end_billing: '2026-10-15' });

  for (const [month, users] of [['2026-10', 120], ['2026-11', 130]] as const) {
    const response = await ctx.as('sepp-admin', 'PUT', '/api/usage/users', {
      body: {
        month,
        counts: [
          { domain: 'usage-ch.ch', service: 'SC-SERVICE', users },
          { domain: 'usage-ch.ch', service: 'SC-F-INBOUND', users },
          { domain: 'USAGE-CH.ch', service: 'SC-F-OUTBOUND', users: 40 },
          { domain: 'usage-de.de', service: 'SC-SERVICE', users: 7 },
          { domain: 'usage-de.de', service: 'SC-F-INBOUND', users: 7 },
        ],
      },
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }
});
afterAll(() => ctx.close());

async function statement(user: string, query: string) {
  const response = await ctx.as(user, 'GET', `/api/usage?${query}`);
  expect(response.status).toBe(200);
  return response.json();
}

describe('GET /api/usage', () => {
  it('prices October exactly: discounts, both currencies, cancelled and later services', async () => {
    const ch = await statement('alpine-sales', 'month=2026-10&tenant=T-10030');
    expect(ch.lines.map((l: Record<string, unknown>) => [l.domain, l.service, l.quantity, l.discountPercent, l.unitPrice, l.total, l.currency])).toEqual([
      ['usage-ch.ch', 'SC-SERVICE', 120, 0, '1.50', '180.00', 'CHF'], // 120 × 1.50
      ['usage-ch.ch', 'SC-F-INBOUND', 120, 15, '2.00', '204.00', 'CHF'], // 120 × 2.00 × 0.85
    ]);
    expect(ch.totals).toEqual([{ currency: 'CHF', total: '384.00' }]);

    const de = await statement('rhein-sales', 'month=2026-10&tenant=T-10052');
    expect(de.lines.map((l: Record<string, unknown>) => [l.service, l.quantity, l.discountPercent, l.discountReason, l.unitPrice, l.total, l.currency])).toEqual([
      ['SC-SERVICE', 7, 12.5, 'nfr', '1.40', '8.58', 'EUR'], // 7 × 1.40 × 0.875 = 8.575 → 8.58 (half up)
      ['SC-F-INBOUND', 7, 0, null, '1.85', '12.95', 'EUR'], // cancelled on 15 October: still billed
    ]);
    expect(de.totals).toEqual([{ currency: 'EUR', total: '21.53' }]);
  });

  it('bills November without the service cancelled in October, and with the one provisioned in November', async () => {
    const de = await statement('rhein-sales', 'month=2026-11&tenant=T-10052');
    expect(de.lines.map((l: { service: string }) => l.service)).toEqual(['SC-SERVICE']);
    const ch = await statement('alpine-sales', 'month=2026-11&tenant=T-10030');
    expect(ch.lines.map((l: { service: string; total: string }) => [l.service, l.total])).toEqual([
      ['SC-SERVICE', '195.00'],
      ['SC-F-INBOUND', '221.00'],
      ['SC-F-OUTBOUND', '48.00'],
    ]);
  });

  it('has no lines for a month without counted users', async () => {
    expect((await statement('alpine-sales', 'month=2026-09&tenant=T-10030')).lines).toEqual([]);
  });

  it('gives the same lines as CSV with a header row', async () => {
    const json = await statement('sepp-admin', 'month=2026-10');
    const response = await ctx.as('sepp-admin', 'GET', '/api/usage?month=2026-10', { headers: { Accept: 'text/csv' } });
    expect(response.headers.get('Content-Type')).toMatch(/^text\/csv/);
    expect(response.headers.get('Content-Disposition')).toMatch(/usage-2026-10\.csv/);
    const [header, ...rows] = (await response.text()).trimEnd().split('\r\n');
    const columns = header!.split(',');
    expect(columns).toEqual(['tenantId', 'tenantName', 'domain', 'service', 'month', 'quantity', 'discountPercent', 'discountReason', 'unitPrice', 'total', 'currency']);
    const parsed = rows.map((row) => Object.fromEntries(row.split(',').map((value, i) => [columns[i], value])));
    expect(parsed).toEqual(json.lines.map((l: Record<string, unknown>) => Object.fromEntries(columns.map((c) => [c, l[c] === null ? '' : String(l[c])]))));
    expect(json.lines.length).toBeGreaterThan(10);
  });

  it('is for Sales and ALL, within scope', async () => {
    expect((await ctx.as('alpine-support', 'GET', '/api/usage?month=2026-10')).status).toBe(403);
    expect((await ctx.as('tenant-admin', 'GET', '/api/usage?month=2026-10')).status).toBe(403);
    expect((await ctx.as('alpine-sales', 'GET', '/api/usage?month=2026-10&tenant=T-10052')).status).toBe(404);
    const alpine = await statement('alpine-sales', 'month=2026-10');
    expect(alpine.lines.every((l: { tenantId: string }) => Number(l.tenantId.slice(2)) <= 10034)).toBe(true);
    expect(alpine.totals.map((t: { currency: string }) => t.currency)).toEqual(['CHF']);
    const all = await statement('sepp-admin', 'month=2026-10');
    expect(all.totals.map((t: { currency: string }) => t.currency)).toEqual(['CHF', 'EUR']);
  });

  it('refuses a month that is not one', async () => {
    expect((await ctx.as('alpine-sales', 'GET', '/api/usage?month=2026-13')).status).toBe(400);
  });
});

describe('PUT /api/usage/users', () => {
  it('refuses every bad entry at once and imports nothing', async () => {
    const before = await ctx.db.selectFrom('user_counts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const response = await ctx.as('sepp-admin', 'PUT', '/api/usage/users', {
      body: {
        month: '2026-10',
        counts: [
          { domain: 'usage-ch.ch', service: 'SC-SERVICE', users: 5 },
          { domain: 'nowhere.example', service: 'SC-SERVICE', users: 5 },
          { domain: 'usage-de.de', service: 'SC-SIGENC', users: 5 },
          { domain: 'usage-ch.ch', service: 'SC-SERVICE', users: 6 },
        ],
      },
    });
    expect(response.status).toBe(422);
    expect((await response.json()).errors.map((e: { path: string }) => e.path)).toEqual(['counts.1.domain', 'counts.2.service', 'counts.3']);
    const after = await ctx.db.selectFrom('user_counts').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect((await statement('alpine-sales', 'month=2026-10&tenant=T-10030')).lines[0].quantity).toBe(120);
  });

  it('validates the shape with every reason', async () => {
    const response = await ctx.as('sepp-admin', 'PUT', '/api/usage/users', { body: { month: '10/2026', counts: [{ domain: 'x.ch', service: 'SC-NOPE', users: -1.5 }] } });
    expect(response.status).toBe(400);
    expect((await response.json()).errors.map((e: { path: string }) => e.path).sort()).toEqual(['counts.0.service', 'counts.0.users', 'month']);
  });

  it('is for SEPPmail staff with ALL only', async () => {
    const body = { month: '2026-10', counts: [] };
    expect((await ctx.as('sepp-support', 'PUT', '/api/usage/users', { body })).status).toBe(403);
    expect((await ctx.as('lemanic-all', 'PUT', '/api/usage/users', { body })).status).toBe(403);
    expect((await ctx.as('sepp-admin', 'PUT', '/api/usage/users', { body })).status).toBe(200);
  });
});
