/** The audit log and the live change stream, within scope. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChanges, readEvents } from '../support/sse.js';
import { createTestContext, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function editInvoiceReference(user: string, tenantId: string, value: string) {
  const etag = (await ctx.as(user, 'GET', `/api/tenants/${tenantId}`)).headers.get('ETag')!;
  const response = await ctx.as(user, 'PATCH', `/api/tenants/${tenantId}`, { body: { invoiceReference: value }, headers: { 'If-Match': etag, 'X-Request-Id': `req-${value}` } });
  expect(response.status).toBe(200);
  return response.headers.get('X-Request-Id');
}

describe('GET /api/audit', () => {
  it('tells who changed what, when, with the request id, newest first', async () => {
    const ours = await editInvoiceReference('alpine-sales', 'T-10002', 'AUDIT-1');
    // The server's own ID, never the client's; the client's is kept beside it.
    expect(ours).toMatch(/^[0-9a-f-]{36}$/);
    const response = await ctx.as('alpine-audit', 'GET', '/api/audit?tenant=T-10002');
    expect(response.status).toBe(200);
    const { items } = await response.json();
    expect(items[0]).toMatchObject({
      actor: { sub: 'alpine-sales', level: 'partner', org: 'P-1001' },
      action: 'tenant.edit',
      entity: { type: 'tenant', id: 'T-10002' },
      tenantId: 'T-10002',
      after: { invoiceReference: 'AUDIT-1' },
      requestId: ours,
      clientRequestId: 'req-AUDIT-1',
    });
    expect(items[0].before.invoiceReference).not.toBe('AUDIT-1');
  });

  it('names the requester of a confirmation, with both request IDs, on the events its job writes', async () => {
    const ordered = await ctx.as('alpine-sales', 'POST', '/api/tenants/T-10010/domains', { body: { name: 'audit-confirm.ch', mode: 'inline', services: ['SC-F-INBOUND'] } });
    expect(ordered.status).toBe(201);
    const requested = await ctx.as('alpine-sales', 'POST', '/api/tenants/T-10010/confirmations', { headers: { 'X-Request-Id': 'req-CONFIRM' } });
    expect(requested.status).toBe(202);
    await ctx.worker.runUntilIdle();
    const { items } = await (await ctx.as('alpine-audit', 'GET', '/api/audit?tenant=T-10010')).json();
    const confirmed = items.find((e: { action: string }) => e.action === 'services.confirm');
    expect(confirmed).toMatchObject({
      actor: { sub: 'alpine-sales', level: 'partner', org: 'P-1001' },
      requestId: requested.headers.get('X-Request-Id'),
      clientRequestId: 'req-CONFIRM',
    });
  });

  it('pages back with before', async () => {
    for (const n of [2, 3, 4]) await editInvoiceReference('alpine-sales', 'T-10003', `AUDIT-${n}`);
    const first = await (await ctx.as('alpine-audit', 'GET', '/api/audit?tenant=T-10003&limit=2')).json();
    expect(first.items.map((e: { after: { invoiceReference: string } }) => e.after.invoiceReference)).toEqual(['AUDIT-4', 'AUDIT-3']);
    const second = await (await ctx.as('alpine-audit', 'GET', `/api/audit?tenant=T-10003&limit=2&before=${first.nextBefore}`)).json();
    expect(second.items[0].after.invoiceReference).toBe('AUDIT-2');
  });

  it('is for Audit and ALL, within scope', async () => {
    await editInvoiceReference('rhein-sales', 'T-10041', 'AUDIT-RHEIN');
    expect((await ctx.as('alpine-sales', 'GET', '/api/audit')).status).toBe(403);
    expect((await ctx.as('alpine-support', 'GET', '/api/audit')).status).toBe(403);
    expect((await ctx.as('alpine-audit', 'GET', '/api/audit?tenant=T-10041')).status).toBe(404);
    const alpine = await (await ctx.as('alpine-audit', 'GET', '/api/audit?limit=200')).json();
    expect(alpine.items.length).toBeGreaterThan(0);
    expect(alpine.items.every((e: { tenantId: string }) => Number(e.tenantId.slice(2)) <= 10034)).toBe(true);
    const all = await (await ctx.as('sepp-admin', 'GET', '/api/audit?limit=200')).json();
    expect(all.items.some((e: { tenantId: string }) => e.tenantId === 'T-10041')).toBe(true);
    expect((await ctx.as('tenant-admin', 'GET', '/api/audit?tenant=T-10001')).status).toBe(200);
    expect((await ctx.as('tenant-admin', 'GET', '/api/audit?tenant=T-10002')).status).toBe(404);
  });
});

describe('GET /api/events', () => {
  it('streams committed changes within the caller’s scope, and never another partner’s', async () => {
    const stream = await ctx.as('alpine-support', 'GET', '/api/events');
    expect(stream.status).toBe(200);
    expect(stream.headers.get('Content-Type')).toMatch(/text\/event-stream/);
    const reading = readChanges(stream, 1);
    await new Promise((r) => setTimeout(r, 50));
    // Another partner's change first: if scope leaked, it would be the first event.
    await editInvoiceReference('rhein-sales', 'T-10041', 'LIVE-RHEIN');
    await editInvoiceReference('alpine-sales', 'T-10004', 'LIVE-ALPINE');
    const changes = await reading;
    expect(changes).toEqual([{ tenantId: 'T-10004', action: 'tenant.edit', entityType: 'tenant', entityId: 'T-10004' }]);
  });

  it('gives a tenant administrator only its own tenant’s changes', async () => {
    const stream = await ctx.as('tenant-admin', 'GET', '/api/events');
    const reading = readChanges(stream, 1);
    await new Promise((r) => setTimeout(r, 50));
    await editInvoiceReference('alpine-sales', 'T-10005', 'LIVE-OTHER');
    await editInvoiceReference('alpine-sales', 'T-10001', 'LIVE-OWN');
    expect((await reading).map((c) => c.tenantId)).toEqual(['T-10001']);
  });

  it('sends nothing of a change that was rolled back', async () => {
    const stream = await ctx.as('sepp-admin', 'GET', '/api/events');
    const reading = readChanges(stream, 2, 1_000);
    await new Promise((r) => setTimeout(r, 50));
    const etag = (await ctx.as('alpine-sales', 'GET', '/api/tenants/T-10008')).headers.get('ETag')!;
    // A stale If-Match makes the PATCH fail inside its transaction.
    await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10008', { body: { invoiceReference: 'x' }, headers: { 'If-Match': etag } });
    const stale = await ctx.as('alpine-sales', 'PATCH', '/api/tenants/T-10008', { body: { invoiceReference: 'y' }, headers: { 'If-Match': etag } });
    expect(stale.status).toBe(412);
    const changes = await reading;
    expect(changes.filter((c) => c.tenantId === 'T-10008')).toHaveLength(1);
  });

  it('refuses a stream without a token', async () => {
    expect((await ctx.as(null, 'GET', '/api/events')).status).toBe(401);
  });
});

describe('GET /api/events with Last-Event-ID', () => {
  const changesOf = (events: { event: string; data: string }[]) => events.filter((e) => e.event === 'change').map((e) => JSON.parse(e.data).entityId);

  it('gives every event an id, and replays exactly what a reader missed while away', async () => {
    const first = await readEvents(await ctx.as('alpine-sales', 'GET', '/api/events'), (events) => events.length >= 1);
    expect(first[0]).toMatchObject({ event: 'ready' });
    const lastSeen = first[0]!.id!;
    expect(lastSeen).toMatch(/^[\w-]+\.\d+$/);
    // Away: one change in scope, one of another partner.
    await editInvoiceReference('alpine-sales', 'T-10006', 'AWAY-1');
    await editInvoiceReference('rhein-sales', 'T-10041', 'AWAY-RHEIN');
    await editInvoiceReference('alpine-sales', 'T-10007', 'AWAY-2');
    const back = await readEvents(await ctx.as('alpine-sales', 'GET', '/api/events', { headers: { 'Last-Event-ID': lastSeen } }), (events) => changesOf(events).length >= 2, 1_500);
    expect(back[0]!.event).toBe('ready');
    expect(back.some((e) => e.event === 'resync')).toBe(false);
    expect(changesOf(back)).toEqual(['T-10006', 'T-10007']);
    // The ids go on from where the reader was.
    const ids = back.filter((e) => e.event === 'change').map((e) => Number(e.id!.split('.')[1]));
    expect(ids[0]!).toBeGreaterThan(Number(lastSeen.split('.')[1]));
  });

  it('tells a reader to resync when its Last-Event-ID cannot be served exactly', async () => {
    for (const lastEventId of ['another-process.12', 'garbage', `${'x'.repeat(8)}.99999999`]) {
      const events = await readEvents(await ctx.as('alpine-sales', 'GET', '/api/events', { headers: { 'Last-Event-ID': lastEventId } }), (e) => e.length >= 2, 1_000);
      expect(events.map((e) => e.event)).toEqual(['ready', 'resync']);
    }
  });

  it('sends nothing extra to a reader that missed nothing', async () => {
    const first = await readEvents(await ctx.as('alpine-sales', 'GET', '/api/events'), (events) => events.length >= 1);
    const events = await readEvents(await ctx.as('alpine-sales', 'GET', '/api/events', { headers: { 'Last-Event-ID': first[0]!.id! } }), () => false, 300);
    expect(events.map((e) => e.event)).toEqual(['ready']);
  });
});
