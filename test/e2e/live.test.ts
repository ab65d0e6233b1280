/**
 * Live updates end to end: two people of one partner, each in a browser of their own, look at
 * the same tenant. What Sales orders in one appears in the other's open view (the booked
 * services and the tenant list's counts) without pressing Refresh; the demo shows the usage
 * statement to Sales only.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Demo, startDemo } from './demo-server.js';

const TENANT = 'T-10002';

let demo: Demo;
let support: Page;
let sales: Page;
const name = `e2e-live-${Date.now().toString(36)}.ch`;

/** The row of the tenant in a page's tenant list, as [name, ID, managed domains, total services]. */
async function tenantRow(page: Page): Promise<string[]> {
  return page.locator('tenant-table tbody tr').first().evaluate((tr) => [...tr.children].slice(0, 4).map((td) => td.textContent!.trim()));
}

beforeAll(async () => {
  demo = await startDemo();
  support = demo.page;
  sales = await demo.newPage();
});

afterAll(async () => {
  await demo?.stop();
});

describe('live updates in the demo', () => {
  it('an order by alpine-sales appears in alpine-support\'s open view without Refresh', async () => {
    await demo.switchUser('alpine-support', 34, support);
    await demo.openTenant(TENANT, support);
    await demo.switchUser('alpine-sales', 34, sales);
    await demo.openTenant(TENANT, sales);
    const domainsBefore = Number((await tenantRow(support))[2]);
    const sectionsBefore = await support.locator('booked-services [part="domain"]').count();

    // alpine-support reads on, with the focus on the tenant's name in the list.
    await support.locator('tenant-table button[part="name-button"]').focus();
    // Let alpine-support's stream be listening before the order (its `ready`).
    await support.waitForTimeout(1000);

    await sales.locator('booked-services [part="add-manual-button"]').click();
    const manual = sales.locator('booked-services add-domain-manual');
    await manual.locator('#name').fill(name);
    await manual.locator('#mode-inline').check();
    await manual.locator('[part="submit-button"]').click();
    await expect.poll(() => sales.locator(`booked-services h3:text-is("${name}")`).count(), { timeout: 20_000 }).toBe(1);

    const section = support.locator('booked-services [part="domain"]', { has: support.locator(`h3:text-is("${name}")`) });
    await expect.poll(() => section.count(), { timeout: 20_000 }).toBe(1);
    expect(await section.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual(['Ordered']);
    expect(await support.locator('booked-services [part="domain"]').count()).toBe(sectionsBefore + 1);
    await expect.poll(async () => Number((await tenantRow(support))[2]), { timeout: 20_000 }).toBe(domainsBefore + 1);
    expect(await support.evaluate(() => {
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('part');
    })).toBe('name-button');
    expect(await support.locator('booked-services [part="refresh-button"]').count(), 'Refresh data stays').toBe(1);
  });

  it('shows the usage statement to Sales and not to Support', async () => {
    expect(await support.locator('usage-statement').count()).toBe(0);
    expect(await support.locator('audit-log').count()).toBe(0);
    const statement = sales.locator('usage-statement');
    await expect.poll(() => statement.locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await statement.locator('[part="total-row"]').count()).toBeGreaterThan(0);
  });

  it('shows the audit log to alpine-audit, with the order at the top', async () => {
    await demo.switchUser('alpine-audit', 34, support);
    const first = support.locator('audit-log [part="entry"]').first();
    await expect.poll(async () => first.locator('[part="action"]').textContent(), { timeout: 20_000 }).toBe('Domain added manually');
    expect(await first.locator('[part="entity"]').textContent()).toMatch(/^\s*Domain\s+D-\d+\s*$/);
    expect(await support.locator('usage-statement').count()).toBe(0);
  });
});
