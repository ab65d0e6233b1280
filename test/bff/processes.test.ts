/**
 * Several BFF processes on one PostgreSQL, as in production behind a load balancer: a process
 * killed during a confirmation leaves it to another, and work is done once whoever picks it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../bff/db/connect.js';
import { migrateToLatest } from '../../bff/db/migrate.js';
import { seedDemoData } from '../../bff/seed/demo-data.js';
import { type BffProcess, killAllBffs, startBff as startBffProcess, waitFor } from '../support/bff-process.js';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';
import { readChanges } from '../support/sse.js';
import { openScratchDatabase } from '../support/scratch-database.js';

const SECRET = 'processes-test-secret-long-enough-for-hs256';
let database: DatabaseHandle & { url: string };
let dns: TestDnsServer;

function startBff(env: Record<string, string> = {}): Promise<BffProcess> {
  return startBffProcess({
    databaseUrl: database.url,
    secret: SECRET,
    env: { DNS_SERVERS: dns.address, LOG_LEVEL: 'silent', JOB_LEASE_SECONDS: '2', ...env },
  });
}

function call(bff: BffProcess, user: string, method: string, path: string, body?: unknown) {
  return bff.call(user, method, path, { body });
}

describe.runIf(process.env.TEST_DATABASE_URL)('BFF processes sharing one PostgreSQL', () => {
  beforeAll(async () => {
    database = await openScratchDatabase(process.env.TEST_DATABASE_URL!, 'sc_procs');
    await migrateToLatest(database.db);
    await seedDemoData(database.db, new Date());
    dns = await startDnsServer();
  });

  afterAll(async () => {
    await killAllBffs();
    await dns?.close();
    await database?.close();
  });

  it('finishes a confirmation whose process was killed half-way, in another process, confirming each domain once', async () => {
    const first = await startBff({ CONFIRMATION_STEP_MS: '400' });
    for (let i = 0; i < 6; i++) {
      const response = await call(first, 'alpine-sales', 'POST', '/api/tenants/T-10006/domains', { name: `killed-${i}.ch`, mode: 'inline', services: ['SC-F-INBOUND'] });
      expect(response.status).toBe(201);
    }
    const { jobId } = await (await call(first, 'alpine-sales', 'POST', '/api/tenants/T-10006/confirmations')).json();
    await waitFor('the first domains to be checked', async () => {
      const job = await (await call(first, 'alpine-sales', 'GET', `/api/jobs/${jobId}`)).json();
      return job.status === 'running' && job.progress.checked >= 2 ? job : undefined;
    });
    await first.kill();
    const halfway = await database.db.selectFrom('jobs').select(['status', 'progress']).where('id', '=', jobId).executeTakeFirstOrThrow();
    expect(halfway.status).toBe('running');
    expect((halfway.progress as { checked: number }).checked).toBeLessThan(6);

    const second = await startBff();
    const job = await waitFor('the job to finish in the second process', async () => {
      const current = await (await call(second, 'alpine-sales', 'GET', `/api/jobs/${jobId}`)).json();
      return current.status === 'succeeded' ? current : undefined;
    });
    expect(job.progress).toMatchObject({ checked: 6, total: 6 });
    expect(job.result.domains.map((d: { name: string; passed: boolean }) => [d.name, d.passed]).sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => [`killed-${i}.ch`, true]),
    );
    const confirmations = await database.db
      .selectFrom('audit_events')
      .select((eb) => ['entity_id', eb.fn.countAll<string>().as('n')])
      .where('action', '=', 'services.confirm')
      .where('tenant_id', '=', 'T-10006')
      .groupBy('entity_id')
      .execute();
    expect(confirmations).toHaveLength(6);
    expect(confirmations.every((c) => Number(c.n) === 1)).toBe(true);
    await second.stop();
  }, 120_000);

  it('does each piece of work once when two processes run the jobs', async () => {
    const [a, b] = [await startBff(), await startBff()];
    const tenants = ['T-10012', 'T-10018', 'T-10022', 'T-10024', 'T-10028', 'T-10030'];
    for (const [i, tenant] of tenants.entries()) {
      const response = await call(i % 2 ? a : b, 'alpine-sales', 'POST', `/api/tenants/${tenant}/domains`, { name: `shared-work-${i}.ch`, mode: 'inline', services: ['SC-F-INBOUND'] });
      expect(response.status).toBe(201);
    }
    const jobIds = await Promise.all(tenants.map(async (tenant, i) => (await (await call(i % 2 ? b : a, 'alpine-sales', 'POST', `/api/tenants/${tenant}/confirmations`)).json()).jobId));
    await waitFor('every confirmation to finish', async () => {
      const rows = await database.db.selectFrom('jobs').select('status').where('id', 'in', jobIds).execute();
      return rows.every((r) => r.status === 'succeeded') ? rows : undefined;
    });
    const jobs = await database.db.selectFrom('jobs').select(['attempts', 'locked_by']).where('id', 'in', jobIds).execute();
    expect(jobs.every((j) => j.attempts === 1)).toBe(true);
    const audits = await database.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'services.confirm').where('tenant_id', 'in', tenants).execute();
    expect(audits).toHaveLength(tenants.length);
    // Both processes started the schedules; one automatic deployment ran, one is queued.
    const autoDeployments = await database.db.selectFrom('jobs').select('status').where('kind', '=', 'auto-deployment').execute();
    expect(autoDeployments.filter((j) => j.status === 'queued')).toHaveLength(1);
    expect(autoDeployments.filter((j) => j.status === 'running')).toHaveLength(0);
  }, 120_000);

  it('carries a change made through one process to the event stream of another, within scope', async () => {
    const [a, b] = [await startBff(), await startBff()];
    const stream = await call(b, 'alpine-support', 'GET', '/api/events');
    const reading = readChanges(stream, 1, 5_000);
    await new Promise((r) => setTimeout(r, 200));
    const patch = async (bff: BffProcess, user: string, tenantId: string, value: string) => {
      const etag = (await call(bff, user, 'GET', `/api/tenants/${tenantId}`)).headers.get('ETag')!;
      const response = await fetch(`${bff.url}/api/tenants/${tenantId}`, {
        method: 'PATCH',
        headers: { Authorization: `Bearer ${await bff.token(user)}`, 'Content-Type': 'application/json', 'If-Match': etag },
        body: JSON.stringify({ invoiceReference: value }),
      });
      expect(response.status).toBe(200);
    };
    await patch(a, 'rhein-sales', 'T-10041', 'CROSS-RHEIN');
    await patch(a, 'alpine-sales', 'T-10002', 'CROSS-ALPINE');
    expect(await reading).toEqual([{ tenantId: 'T-10002', action: 'tenant.edit', entityType: 'tenant', entityId: 'T-10002' }]);
  }, 120_000);
});
