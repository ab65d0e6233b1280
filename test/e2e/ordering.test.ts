/**
 * Ordering end to end, as a Sales partner does it in the demo: a sign+encrypt domain through
 * the wizard for a tenant without a domain yet, then cancelling its base service.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManagedDomain } from '../../domain/api.js';
import { type Demo, startDemo } from './demo-server.js';

const TENANT = 'T-10006';
const SIGN_ENCRYPT_INLINE = ['SC-SERVICE', 'SC-F-INBOUND', 'SC-F-OUTBOUND', 'SC-SIGENC', 'SC-CERT'];

let demo: Demo;
let page: Page;
const name = `e2e-${Date.now().toString(36)}.ch`;

async function domainsOf(tenantId: string): Promise<ManagedDomain[]> {
  const token = await demo.tokenFor('alpine-sales');
  return (await fetch(`${demo.base}/api/tenants/${tenantId}/domains`, { headers: { Authorization: `Bearer ${token}` } })).json();
}

/** The rows of the domain's table in booked-services: [number, service, status, …] by column header. */
async function rowsOf(domainName: string): Promise<Record<string, string>[]> {
  return page.locator('booked-services').evaluate((el, wanted) => {
    const section = [...el.shadowRoot!.querySelectorAll('[part="domain"]')].find((s) => s.querySelector('h3')?.textContent?.trim() === wanted);
    if (!section) return [];
    const headers = [...section.querySelectorAll('thead th')].map((th) => th.textContent!.trim());
    return [...section.querySelectorAll('tbody tr')].map((row) =>
      Object.fromEntries([...row.children].map((cell, i) => [headers[i]!, cell.textContent!.replace(/\s+/g, ' ').trim()])),
    );
  }, domainName);
}

/** The tenant's managed domains and total services as the tenant list shows them. */
async function tenantCounts(): Promise<string[]> {
  return page.locator(`tenant-table tr:has(td.code:text-is("${TENANT}")) td.number`).allTextContents();
}

beforeAll(async () => {
  demo = await startDemo();
  page = demo.page;
});

afterAll(async () => {
  await demo?.stop();
});

describe('ordering in the demo', () => {
  it('a Sales partner orders a sign+encrypt domain through the wizard and sees it ordered in booked services', async () => {
    expect(await domainsOf(TENANT)).toEqual([]);
    await demo.switchUser('alpine-sales', 34);
    await demo.openTenant(TENANT);
    expect(await page.locator('booked-services [part="empty"]').count()).toBe(1);

    await page.locator('booked-services [part="add-domain-button"]').click();
    const wizard = page.locator('booked-services add-domain-wizard');
    await wizard.locator('#name').fill(name);
    await wizard.locator('[part="next-button"]').click();
    await wizard.locator('#mode-inline').check();
    await wizard.locator('[part="next-button"]').click();
    await wizard.locator('#service-SC-SIGENC').check();
    for (const code of ['SC-CERT', 'SC-F-OUTBOUND']) {
      expect(await wizard.locator(`#service-${code}`).isChecked()).toBe(true);
      expect(await wizard.locator(`#service-${code}`).isDisabled()).toBe(true);
    }
    await wizard.locator('[part="next-button"]').click();
    expect(await wizard.locator('#step-heading').textContent()).toContain('GINA host');
    expect(await wizard.locator('#gina-default').isChecked()).toBe(true);
    await wizard.locator('[part="next-button"]').click();
    expect(await wizard.locator('#step-heading').textContent()).toContain('Summary');
    expect(await wizard.locator('[part="price-table"]').textContent()).toContain('CHF');
    await wizard.locator('[part="submit-button"]').click();

    await expect.poll(async () => (await rowsOf(name)).map((row) => [row.Service!.split(' ').at(-1), row.Status]), { timeout: 20_000 }).toEqual(
      SIGN_ENCRYPT_INLINE.map((code) => [code, 'Ordered']),
    );
    const [domain] = await domainsOf(TENANT);
    expect(domain).toMatchObject({ name, mode: 'inline', ginaHost: `securemail.${name}`, status: 'ordered' });
    // The demo refreshes the tenant list on the order: one managed domain, five services.
    await expect.poll(tenantCounts, { timeout: 20_000 }).toEqual(['1', '5']);
  });

  it('cancelling the base service cancels every service of the domain with the end date', async () => {
    const section = page.locator('booked-services [part="domain"]', { has: page.locator(`h3:text-is("${name}")`) });
    await section.locator('[part="cancel-service-button"]').click();
    const dialog = page.locator('booked-services cancel-service-dialog');
    await dialog.locator('#service').selectOption('1');
    expect(await dialog.locator('[part="cascade-list"] li').count()).toBe(SIGN_ENCRYPT_INLINE.length);
    expect(await dialog.locator('[part="whole-domain"]').textContent()).toContain(`whole domain ${name}`);
    const end = await dialog.locator('#end-billing').inputValue();
    await dialog.locator('[part="confirm-button"]').click();

    const shown = new Intl.DateTimeFormat('en-CH', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${end}T00:00:00Z`));
    await expect.poll(async () => (await rowsOf(name)).map((row) => [row.Status, row['End Billing']]), { timeout: 20_000 }).toEqual(
      SIGN_ENCRYPT_INLINE.map(() => ['Cancelled', shown]),
    );
    const [domain] = await domainsOf(TENANT);
    expect(domain!.services.map((s) => [s.code, s.status, s.endBilling])).toEqual(SIGN_ENCRYPT_INLINE.map((code) => [code, 'cancelled', end]));
    expect(await section.locator('[part="cancel-service-button"]').count()).toBe(0);
    await expect.poll(tenantCounts, { timeout: 20_000 }).toEqual(['1', '0']);
  });
});
