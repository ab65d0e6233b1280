/** From ordered to confirmed to provisioning, deployment settings, and from cancelled to deprovisioned. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedDomain } from '../../domain/api.js';
import { queuePeriodic } from '../../bff/jobs/worker.js';
import { createTestContext, TEST_NOW, type TestContext } from './support/context.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const SIGENC_INLINE = ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'];

async function order(tenantId: string, body: object): Promise<ManagedDomain> {
  const response = await ctx.as('alpine-sales', 'POST', `/api/tenants/${tenantId}/domains`, { body });
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json();
}

async function domainsOf(tenantId: string): Promise<ManagedDomain[]> {
  return (await ctx.as('alpine-support', 'GET', `/api/tenants/${tenantId}/domains`)).json();
}

async function statusOf(tenantId: string, domainId: string) {
  return (await domainsOf(tenantId)).find((d) => d.id === domainId)!.status;
}

async function confirm(tenantId: string, user = 'alpine-sales') {
  const response = await ctx.as(user, 'POST', `/api/tenants/${tenantId}/confirmations`);
  expect(response.status).toBe(202);
  return (await response.json()) as { jobId: string; joined: boolean };
}

/** Runs a periodic job as its schedule would at `at` (then puts the clock back). */
async function runScheduled(kind: string, at: Date) {
  ctx.clock.set(at);
  try {
    await ctx.db.deleteFrom('jobs').where('kind', '=', kind).where('status', '=', 'queued').execute();
    await queuePeriodic(ctx.db, kind, at);
    await ctx.worker.runUntilIdle();
  } finally {
    ctx.clock.set(TEST_NOW);
  }
}

async function job(jobId: string, user = 'alpine-sales') {
  return (await ctx.as(user, 'GET', `/api/jobs/${jobId}`)).json();
}

describe('confirm domains and services', () => {
  it('confirms consistent domains, keeps the others ordered with every reason, and reports progress', async () => {
    const good = await order('T-10006', { name: 'confirm-good.ch', mode: 'inline', services: SIGENC_INLINE, ginaHost: 'securemail.confirm-good.ch' });
    const bad = await order('T-10006', { name: 'confirm-bad.ch', mode: 'inline' });
    const { jobId, joined } = await confirm('T-10006');
    expect(joined).toBe(false);
    expect((await confirm('T-10006')).jobId).toBe(jobId);
    expect(await job(jobId)).toMatchObject({ status: 'queued', kind: 'confirmation', tenantId: 'T-10006' });

    await ctx.worker.runUntilIdle();
    const done = await job(jobId);
    expect(done).toMatchObject({ status: 'succeeded' });
    // Counts only: each domain's result is stored once, beside the job, and assembled at the end.
    expect(done.progress).toEqual({ checked: 2, total: 2 });
    const byName = Object.fromEntries(done.result.domains.map((d: { name: string }) => [d.name, d]));
    expect(byName['confirm-good.ch']).toMatchObject({ passed: true, confirmed: [1, 2, 3, 4, 5], reasons: [] });
    expect(byName['confirm-bad.ch']).toMatchObject({ passed: false, confirmed: [] });
    expect(byName['confirm-bad.ch'].reasons.map((r: { code: string; service: string }) => `${r.code}:${r.service}`)).toEqual(['mode-requires:SC-F-INBOUND']);
    expect(await statusOf('T-10006', good.id)).toBe('confirmed');
    expect(await statusOf('T-10006', bad.id)).toBe('ordered');
    const audit = await ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', good.id).where('action', '=', 'services.confirm').executeTakeFirstOrThrow();
    expect(audit.actor_sub).toBe('alpine-sales');

    // A second confirmation after the first finished is a new job.
    expect((await confirm('T-10006')).jobId).not.toBe(jobId);
    await ctx.worker.runUntilIdle();
  });

  it('resumes after the domains an earlier attempt recorded, checking each once', async () => {
    const first = await order('T-10024', { name: 'resume-a.ch', mode: 'inline', services: ['SC-F-INBOUND'] });
    const second = await order('T-10024', { name: 'resume-b.ch', mode: 'inline', services: ['SC-F-INBOUND'] });
    const { jobId } = await confirm('T-10024');
    // As if an attempt whose process died had recorded the first domain (its record only).
    const recorded = { domainId: first.id, name: 'resume-a.ch', passed: true, confirmed: [1, 2], reasons: [] };
    await ctx.db.insertInto('job_results').values({ job_id: jobId, key: first.id, value: JSON.stringify(recorded) }).execute();
    await ctx.worker.runUntilIdle();
    const done = await job(jobId);
    expect(done.progress).toEqual({ checked: 2, total: 2 });
    expect(done.result.domains).toEqual([recorded, { domainId: second.id, name: 'resume-b.ch', passed: true, confirmed: [1, 2], reasons: [] }]);
    expect(await statusOf('T-10024', first.id)).toBe('ordered');
    expect(await statusOf('T-10024', second.id)).toBe('confirmed');
  });

  it('applies the Microsoft 365 rule across the tenant’s domains', async () => {
    const ms365 = '7a0c2f3e-1b2d-4c5e-8f90-a1b2c3d4e5f6';
    await order('T-10012', { name: 'm365-inline.ch', mode: 'inline', ms365TenantId: ms365, services: ['SC-F-INBOUND'] });
    const parallel = await order('T-10012', { name: 'm365-parallel.ch', mode: 'parallel', ms365TenantId: ms365, services: ['SC-MS365'] });
    const { jobId } = await confirm('T-10012');
    await ctx.worker.runUntilIdle();
    const result = (await job(jobId)).result.domains.find((d: { domainId: string }) => d.domainId === parallel.id);
    expect(result.passed).toBe(false);
    expect(result.reasons).toEqual([expect.objectContaining({ code: 'ms365-sibling-needs-inbound', domain: 'm365-inline.ch', service: 'SC-F-INBOUND' })]);
  });

  it('refuses every domain while the tenant’s data is incomplete', async () => {
    await order('T-10018', { name: 'incomplete-tenant.ch', mode: 'inline', services: ['SC-F-INBOUND'] });
    await ctx.db.updateTable('tenants').set({ phone: '' }).where('id', '=', 'T-10018').execute();
    const { jobId } = await confirm('T-10018');
    await ctx.worker.runUntilIdle();
    const { domains, tenantReasons } = (await job(jobId)).result;
    expect(domains[0]).toMatchObject({ passed: false, confirmed: [], reasons: [] });
    expect(tenantReasons).toEqual([expect.objectContaining({ code: 'tenant-incomplete', fields: ['phone'] })]);
  });

  it('shows a job only within scope', async () => {
    const { jobId } = await confirm('T-10022');
    expect((await ctx.as('rhein-sales', 'GET', `/api/jobs/${jobId}`)).status).toBe(404);
    expect((await ctx.as('tenant-admin', 'GET', `/api/jobs/${jobId}`)).status).toBe(404);
    expect((await ctx.as('sepp-support', 'GET', `/api/jobs/${jobId}`)).status).toBe(200);
    expect((await ctx.as('alpine-sales', 'GET', '/api/jobs/not-a-uuid')).status).toBe(404);
    await ctx.worker.runUntilIdle();
  });
});

describe('deploy domains and services', () => {
  it('moves confirmed services to provisioning for Tech; Sales may not deploy', async () => {
    const domain = await order('T-10022', { name: 'deploy-me.ch', mode: 'inline', services: ['SC-F-INBOUND'] });
    await confirm('T-10022');
    await ctx.worker.runUntilIdle();
    expect((await ctx.as('alpine-sales', 'POST', '/api/tenants/T-10022/deployments')).status).toBe(403);
    const response = await ctx.as('alpine-tech', 'POST', '/api/tenants/T-10022/deployments');
    expect(response.status).toBe(200);
    const { deployed } = await response.json();
    expect(deployed).toContainEqual({ domainId: domain.id, tenantId: 'T-10022', numbers: [1, 2] });
    expect(await statusOf('T-10022', domain.id)).toBe('provisioning');
    expect((await ctx.as('alpine-tech', 'POST', '/api/tenants/T-10041/deployments')).status).toBe(404);
  });

  it('deploys every confirmed service on its schedule, again after the interval', async () => {
    const confirmedBefore = await ctx.db.selectFrom('booked_services').select('number').where('status', '=', 'confirmed').execute();
    expect(confirmedBefore.length).toBeGreaterThan(0);
    // Started now, the first run comes one interval later.
    await ctx.worker.schedule();
    expect(await ctx.worker.runUntilIdle()).toBe(0);
    const first = await ctx.db.selectFrom('jobs').select(['run_at']).where('kind', '=', 'auto-deployment').where('status', '=', 'queued').executeTakeFirstOrThrow();
    expect(first.run_at.getTime() - TEST_NOW.getTime()).toBe(4 * 3600_000);
    const at = (hours: number) => new Date(TEST_NOW.getTime() + hours * 3600_000);
    ctx.clock.set(at(4));
    try {
      expect(await ctx.worker.runUntilIdle()).toBeGreaterThanOrEqual(1);
      expect(await ctx.db.selectFrom('booked_services').select('number').where('status', '=', 'confirmed').execute()).toEqual([]);
      const next = await ctx.db.selectFrom('jobs').select(['run_at']).where('kind', '=', 'auto-deployment').where('status', '=', 'queued').executeTakeFirstOrThrow();
      expect(next.run_at.getTime()).toBe(at(8).getTime());
      // Nothing is due before the interval; after it, the next run happens.
      expect(await ctx.worker.runUntilIdle()).toBe(0);
      ctx.clock.set(at(8));
      expect(await ctx.worker.runUntilIdle()).toBeGreaterThanOrEqual(1);
    } finally {
      ctx.clock.set(TEST_NOW);
    }
    const runs = await ctx.db.selectFrom('jobs').select('id').where('kind', '=', 'auto-deployment').where('status', '=', 'succeeded').execute();
    expect(runs.length).toBe(2);
  });
});

describe('deployment settings', () => {
  async function confirmedSigenc(name: string): Promise<ManagedDomain> {
    const domain = await order('T-10023', { name, mode: 'inline', services: SIGENC_INLINE, ginaHost: `securemail.${name}` });
    await confirm('T-10023');
    await ctx.worker.runUntilIdle();
    return domain;
  }

  it('reads and changes the GINA host with If-Match, for Tech and Sales', async () => {
    const domain = await confirmedSigenc('settings-one.ch');
    const read = await ctx.as('alpine-tech', 'GET', `/api/domains/${domain.id}/deployment-settings`);
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual({ ginaHost: 'securemail.settings-one.ch' });
    const etag = read.headers.get('ETag')!;
    expect((await ctx.as('alpine-tech', 'PUT', `/api/domains/${domain.id}/deployment-settings`, { body: { ginaHost: 'mail.settings-one.ch' } })).status).toBe(428);
    const put = await ctx.as('alpine-tech', 'PUT', `/api/domains/${domain.id}/deployment-settings`, { body: { ginaHost: 'Webmail.Settings-One.ch' }, headers: { 'If-Match': etag } });
    expect(put.status).toBe(200);
    expect(await put.json()).toEqual({ ginaHost: 'webmail.settings-one.ch' });
    expect((await ctx.as('alpine-tech', 'PUT', `/api/domains/${domain.id}/deployment-settings`, { body: { ginaHost: 'x.settings-one.ch' }, headers: { 'If-Match': etag } })).status).toBe(412);
    expect((await domainsOf('T-10023')).find((d) => d.id === domain.id)!.ginaHost).toBe('webmail.settings-one.ch');
    // The old name is free again.
    expect(await ctx.db.selectFrom('gina_hosts').select('id').where('name', '=', 'securemail.settings-one.ch').execute()).toEqual([]);
  });

  it.each([
    ['settings-one.ch', /3 labels/],
    ['*.settings-two.ch', /wildcard/],
    ['gina.x.seppmail.cloud', /seppmail\.cloud/],
    ['192.0.2.10', /IP address/],
  ])('refuses %s with the reason and changes nothing', async (ginaHost, reason) => {
    const domain = (await domainsOf('T-10023')).find((d) => d.name === 'settings-one.ch')!;
    const response = await ctx.as('alpine-sales', 'PUT', `/api/domains/${domain.id}/deployment-settings`, { body: { ginaHost }, headers: { 'If-Match': '*' } });
    expect(response.status).toBe(422);
    expect(JSON.stringify((await response.json()).errors)).toMatch(reason);
    expect((await domainsOf('T-10023')).find((d) => d.id === domain.id)!.ginaHost).toBe('webmail.settings-one.ch');
  });

  it('refuses another tenant’s host with 409 and shares the tenant’s own', async () => {
    const domain = await confirmedSigenc('settings-two.ch');
    const other = await ctx.as('alpine-tech', 'PUT', `/api/domains/${domain.id}/deployment-settings`, { body: { ginaHost: 'securemail.bergblick-treuhand.ch' }, headers: { 'If-Match': '*' } });
    expect(other.status).toBe(409);
    const shared = await ctx.as('alpine-tech', 'PUT', `/api/domains/${domain.id}/deployment-settings`, { body: { ginaHost: 'webmail.settings-one.ch' }, headers: { 'If-Match': '*' } });
    expect(shared.status).toBe(200);
  });

  it('is offered only while SC-SIGENC is confirmed or provisioning, and only to Tech, Sales and ALL', async () => {
    const ordered = await order('T-10023', { name: 'settings-ordered.ch', mode: 'inline', services: SIGENC_INLINE, ginaHost: 'securemail.settings-ordered.ch' });
    const response = await ctx.as('alpine-tech', 'GET', `/api/domains/${ordered.id}/deployment-settings`);
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].code).toBe('deployment-settings-unavailable');
    const noSigenc = (await domainsOf('T-10022')).find((d) => d.name === 'deploy-me.ch')!;
    expect((await ctx.as('alpine-tech', 'GET', `/api/domains/${noSigenc.id}/deployment-settings`)).status).toBe(422);
    const domain = (await domainsOf('T-10023')).find((d) => d.name === 'settings-two.ch')!;
    expect((await ctx.as('alpine-support', 'GET', `/api/domains/${domain.id}/deployment-settings`)).status).toBe(403);
    expect((await ctx.as('rhein-tech', 'GET', `/api/domains/${domain.id}/deployment-settings`)).status).toBe(404);
  });
});

describe('deprovisioning', () => {
  it('goes to deprovisioning on the end date, to deprovisioned after it, and frees the name', async () => {
    const domain = await order('T-10029', { name: 'going-away.ch', mode: 'inline', services: ['SC-F-INBOUND'] });
    const cancel = await ctx.as('alpine-sales', 'POST', `/api/domains/${domain.id}/services/1/cancel`, { body: { endBilling: '2026-11-26' } });
    expect(cancel.status).toBe(200);
    const run = (iso: string) => runScheduled('deprovisioning', new Date(iso));
    await run('2026-11-25T10:00:00Z');
    expect(await statusOf('T-10029', domain.id)).toBe('cancelled');
    await run('2026-11-26T10:00:00Z');
    expect(await statusOf('T-10029', domain.id)).toBe('deprovisioning');
    await run('2026-11-27T10:00:00Z');
    expect(await statusOf('T-10029', domain.id)).toBe('deprovisioned');
    const row = await ctx.db.selectFrom('managed_domains').select('deprovisioned_at').where('id', '=', domain.id).executeTakeFirstOrThrow();
    expect(row.deprovisioned_at).not.toBeNull();
    // Nothing is deleted, and the name may be managed again.
    expect((await domainsOf('T-10029')).find((d) => d.id === domain.id)!.services).toHaveLength(2);
    expect((await ctx.as('rhein-sales', 'POST', '/api/tenants/T-10041/domains', { body: { name: 'going-away.ch', mode: 'inline' } })).status).toBe(201);
  });
});

describe('provisioning on real DNS', () => {
  it('waits in provisioning until every record is published, then provisions with Start Billing today', async () => {
    const domain = await order('T-10025', { name: 'dns-wait.ch', mode: 'inline', services: SIGENC_INLINE, ginaHost: 'securemail.dns-wait.ch' });
    await confirm('T-10025');
    await ctx.worker.runUntilIdle();
    expect((await ctx.as('alpine-tech', 'POST', '/api/tenants/T-10025/deployments')).status).toBe(200);

    const guide = await (await ctx.as('alpine-support', 'GET', `/api/domains/${domain.id}/dns-records`)).json();
    expect(guide.map((r: { type: string; name: string; present: boolean }) => [r.type, r.name, r.present])).toEqual([
      ['MX', 'dns-wait.ch', false],
      ['CNAME', 'securemail.dns-wait.ch', false],
      ['CNAME', '_acme-challenge.securemail.dns-wait.ch', false],
      ['TXT', 'dns-wait.ch', false],
    ]);
    expect(guide.find((r: { type: string }) => r.type === 'MX').value).toBe('dns-wait-ch.gate.seppmail.cloud');
    expect(guide.find((r: { type: string }) => r.type === 'TXT').value).toMatch(/^swisssign-check=/);

    // Records absent: the scheduled check leaves the domain provisioning.
    await runScheduled('dns-check', TEST_NOW);
    expect(await statusOf('T-10025', domain.id)).toBe('provisioning');

    // Some published: still provisioning, and the guide says which are missing.
    const [mx, ...rest] = guide as { type: 'MX' | 'TXT' | 'CNAME'; name: string; value: string }[];
    ctx.dns.set(mx!.name, mx!.type, [mx!.value]);
    const partial = await (await ctx.as('alpine-tech', 'POST', `/api/domains/${domain.id}/dns-check`)).json();
    expect(partial.provisioned).toEqual([]);
    expect(partial.records.filter((r: { present: boolean }) => !r.present)).toHaveLength(3);

    // All published: the next scheduled check provisions, with Start Billing on the clock's date.
    for (const r of rest) ctx.dns.set(r.name, r.type, [r.value]);
    await runScheduled('dns-check', new Date(TEST_NOW.getTime() + 15 * 60_000));
    const provisioned = (await domainsOf('T-10025')).find((d) => d.id === domain.id)!;
    expect(provisioned.status).toBe('provisioned');
    expect(provisioned.services.map((s) => [s.status, s.startBilling])).toEqual(provisioned.services.map(() => ['provisioned', '2026-11-24']));
    const audit = await ctx.db.selectFrom('audit_events').select(['actor_sub']).where('entity_id', '=', domain.id).where('action', '=', 'services.provision').executeTakeFirstOrThrow();
    expect(audit.actor_sub).toBe('system');
  });

  it('lets Tech check now, and not Support', async () => {
    const domain = (await domainsOf('T-10025')).find((d) => d.name === 'dns-wait.ch')!;
    expect((await ctx.as('alpine-support', 'POST', `/api/domains/${domain.id}/dns-check`)).status).toBe(403);
    expect((await ctx.as('rhein-tech', 'GET', `/api/domains/${domain.id}/dns-records`)).status).toBe(404);
  });
});
