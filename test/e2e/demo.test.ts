/**
 * End to end as a person meets it: `npm start` on the embedded PGlite (a data folder, as on a
 * fresh clone), headless Chromium on the demo page, switching between demo users.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from './demo-server.js';

let demo: Demo;
let page: Page;
let base: string;

async function tenantIdsOf(user: string): Promise<Set<string>> {
  const token = await demo.tokenFor(user);
  const list = await (await fetch(`${base}/api/tenants?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json();
  return new Set(list.items.map((t: { id: string }) => t.id));
}

async function shownTenantIds(): Promise<string[]> {
  return page.locator('tenant-table td.code').allTextContents();
}

beforeAll(async () => {
  demo = await startDemo();
  ({ page, base } = demo);
});

afterAll(async () => {
  await demo?.stop();
});

describe('the demo page', () => {
  it('shows a partner only its own tenants, and another partner only its own', async () => {
    const alpine = await tenantIdsOf('alpine-sales');
    const rhein = await tenantIdsOf('rhein-sales');
    expect(alpine.size).toBe(34);
    expect(rhein.size).toBe(20);

    await demo.switchUser('alpine-sales', 34);
    const shownAlpine = await shownTenantIds();
    expect(shownAlpine.length).toBe(25);
    expect(shownAlpine.every((id) => alpine.has(id))).toBe(true);

    await demo.switchUser('rhein-sales', 20);
    const shownRhein = await shownTenantIds();
    expect(shownRhein.length).toBe(20);
    expect(shownRhein.every((id) => rhein.has(id) && !alpine.has(id))).toBe(true);
  });

  it('loads without a 404 or a console error, with its favicon', async () => {
    const other = await demo.newPage();
    const failed: string[] = [];
    other.on('response', (response) => response.status() >= 400 && failed.push(`${response.status()} ${response.url()}`));
    other.on('console', (message) => message.type() === 'error' && failed.push(message.text()));
    other.on('pageerror', (error) => failed.push(String(error)));
    await other.reload();
    await expect.poll(async () => other.locator('tenant-table tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const icon = await other.locator('link[rel="icon"]').getAttribute('href');
    const answer = await fetch(new URL(icon!, base));
    expect([answer.status, answer.headers.get('Content-Type')]).toEqual([200, 'image/svg+xml']);
    const ico = await fetch(`${base}/favicon.ico`);
    expect([ico.status, ico.headers.get('Content-Type')]).toEqual([200, 'image/svg+xml']);
    expect(failed).toEqual([]);
    await other.context().close();
  });

  it('skips from the tenant list to the booked services', async () => {
    await page.locator('tenant-table [part="skip-link"]').focus();
    await page.keyboard.press('Enter');
    const focused = await page.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return `${active?.getRootNode() instanceof ShadowRoot ? (active.getRootNode() as ShadowRoot).host.localName : ''} ${active?.getAttribute('part')}`;
    });
    expect(focused).toBe('booked-services heading');
  });

  it('opens a tenant’s booked services from the table', async () => {
    await demo.switchUser('alpine-support', 34);
    const token = await demo.tokenFor('alpine-support');
    const domains: { name: string }[] = await (await fetch(`${base}/api/tenants/T-10001/domains`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(domains.length).toBeGreaterThan(0);

    await page.locator('tenant-table tr:has(td.code:text-is("T-10001")) button[part="name-button"]').click();
    await expect.poll(async () => page.locator('booked-services [part="domain"]').count(), { timeout: 20_000 }).toBe(domains.length);
    const text = await page.locator('booked-services').evaluate((el) => el.shadowRoot?.textContent ?? '');
    for (const domain of domains) expect(text).toContain(domain.name);
  });
});
