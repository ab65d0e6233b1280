/**
 * The order lifecycle end to end in the demo: a Sales partner confirms a tenant's ordered
 * domains and sees per domain what passed and why the other did not; Tech deploys; the
 * deployed domain shows the DNS records it waits for, all missing, until they are published
 * in the DNS server that the demo's checks ask (the test's own, on 127.0.0.1).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedDomain } from '../../domain/api.js';
import { gateHost, requiredDnsRecords } from '../../domain/dns-records.js';
import { type Demo, startDemo } from './demo-server.js';

const TENANT = 'T-10012';

let demo: Demo;
let page: Page;
let ordered: ManagedDomain;
const stem = `e2e-${Date.now().toString(36)}`;
const manualName = `${stem}-manual.ch`;

async function api<T>(user: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${demo.base}/api${path}`, {
    method,
    headers: { Authorization: `Bearer ${await demo.tokenFor(user)}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return response.json() as Promise<T>;
}

/** The locator of a domain's section in booked-services, by its name. */
const sectionOf = (name: string) => page.locator('booked-services [part="domain"]', { has: page.locator(`h3:text-is("${name}")`) });

/** The statuses in a domain's table of services. */
async function statusesOf(name: string): Promise<string[]> {
  return (await sectionOf(name).locator(':scope > [part="table-scroll"] tbody tr td:nth-child(3)').allTextContents()).map((s) => s.trim());
}

beforeAll(async () => {
  demo = await startDemo();
  page = demo.page;
  // What the wizard would order (ordering.test.ts orders through it): sign+encrypt inline.
  ordered = await api<ManagedDomain>('alpine-sales', 'POST', `/tenants/${TENANT}/domains`, {
    name: `${stem}.ch`,
    mode: 'inline',
    services: ['SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'],
    ginaHost: `securemail.${stem}.ch`,
  });
});

afterAll(async () => {
  await demo?.stop();
});

describe('the order lifecycle in the demo', () => {
  it('Sales adds a domain manually, confirms, and sees what was confirmed and why the other was not', async () => {
    await demo.switchUser('alpine-sales', 34);
    await demo.openTenant(TENANT);
    expect(await page.locator('booked-services [part="deploy-button"]').count()).toBe(0);

    await page.locator('booked-services [part="add-manual-button"]').click();
    const manual = page.locator('booked-services add-domain-manual');
    await manual.locator('#name').fill(manualName);
    await manual.locator('#mode-inline').check();
    await manual.locator('[part="submit-button"]').click();
    await expect.poll(() => statusesOf(manualName), { timeout: 20_000 }).toEqual(['Ordered']);

    await page.locator('booked-services [part="confirm-button"]').click();
    const results = page.locator('booked-services [part~="result"]');
    await expect.poll(() => results.count(), { timeout: 30_000 }).toBe(2);
    expect(await page.locator('booked-services [part="progress-text"]').textContent()).toBe('Checked 2 of 2 domains: 1 confirmed, 1 not confirmed.');
    // `<stem>.ch` is no part of `<stem>-manual.ch`.
    const passed = results.filter({ hasText: ordered.name });
    expect(await passed.getAttribute('part')).toBe('result result-passed');
    expect(await passed.textContent()).toContain('Confirmed services: 1 – seppmail.cloud service license, 2 – seppmail.cloud filter inbound, 3 – seppmail.cloud filter outbound, 4 – seppmail.cloud sign+encrypt (includes GINA) and 5 – seppmail.cloud certificate.');
    const failed = results.filter({ hasText: manualName });
    expect(await failed.getAttribute('part')).toBe('result result-failed');
    expect(await failed.locator('[part="reasons"] li').allTextContents()).toEqual(['This mode requires SC-F-INBOUND.']);
    await expect.poll(() => statusesOf(ordered.name), { timeout: 20_000 }).toEqual(Array(5).fill('Confirmed'));
    expect(await statusesOf(manualName)).toEqual(['Ordered']);
  });

  it('Tech deploys; the domain shows the DNS records it waits for, all missing', async () => {
    await demo.switchUser('alpine-tech', 34);
    await demo.openTenant(TENANT);
    expect(await page.locator('booked-services [part="confirm-button"]').count()).toBe(0);
    await page.locator('booked-services [part="deploy-button"]').click();
    await expect.poll(async () => page.locator('booked-services [part="announcement"]').textContent(), { timeout: 20_000 }).toMatch(`Deployed: ${ordered.name} (`);
    await expect.poll(() => statusesOf(ordered.name), { timeout: 20_000 }).toEqual(Array(5).fill('Provisioning'));

    const guide = sectionOf(ordered.name).locator('dns-guide');
    const rows = guide.locator('tbody tr');
    await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(4);
    const table = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent!.trim())));
    expect(table.map(([type, name, , published]) => [type, name, published])).toEqual([
      ['MX', ordered.name, 'No'],
      ['CNAME', `securemail.${ordered.name}`, 'No'],
      ['CNAME', `_acme-challenge.securemail.${ordered.name}`, 'No'],
      ['TXT', ordered.name, 'No'],
    ]);
    expect(table[0]![2]).toBe(gateHost(ordered));
    expect(await guide.locator('[part="summary"]').textContent()).toBe('4 of 4 records are not published yet.');
    expect(await sectionOf(manualName).locator('dns-guide').count()).toBe(0);
  });

  it('once every record is published, "Check DNS now" deploys the domain and billing starts', async () => {
    const records = requiredDnsRecords({ ...ordered, services: ordered.services.map((s) => s.code) });
    for (const record of records) demo.dns.set(record.name, record.type, [record.value]);
    await sectionOf(ordered.name).locator('dns-guide [part="check-button"]').click();
    await expect.poll(async () => page.locator('booked-services [part="announcement"]').textContent(), { timeout: 20_000 }).toMatch(
      `Every DNS record of ${ordered.name} is published`,
    );
    await expect.poll(() => statusesOf(ordered.name), { timeout: 20_000 }).toEqual(Array(5).fill('Deployed'));
    const [domain] = (await api<ManagedDomain[]>('alpine-tech', 'GET', `/tenants/${TENANT}/domains`)).filter((d) => d.id === ordered.id);
    expect(domain!.services.every((s) => s.status === 'provisioned' && s.startBilling !== null)).toBe(true);
  });
});
