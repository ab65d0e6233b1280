/**
 * End to end as a person meets it: `npm start` on the embedded PGlite (a data folder, as on a
 * fresh clone), headless Chromium on the demo page, switching between demo users.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: ChildProcess;
let browser: Browser;
let page: Page;
let base: string;
let output = '';
const dataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-'));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) throw new Error(`npm start exited (${server.exitCode ?? server.signalCode}):\n${output}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`npm start did not answer in time:\n${output}`);
}

async function tenantIdsOf(user: string): Promise<Set<string>> {
  const { token } = await (await fetch(`${base}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) })).json();
  const list = await (await fetch(`${base}/api/tenants?limit=100`, { headers: { Authorization: `Bearer ${token}` } })).json();
  return new Set(list.items.map((t: { id: string }) => t.id));
}

async function shownTenantIds(): Promise<string[]> {
  return page.locator('tenant-table td.code').allTextContents();
}

async function switchUser(user: string, expectedTotal: number) {
  await page.locator('demo-app select').first().selectOption(user);
  await expect.poll(async () => page.locator('tenant-table [part="range"]').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`\\b${expectedTotal}\\b`));
}

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn('npm', ['start'], {
    env: { ...process.env, PORT: String(port), PGLITE_DATA: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));
  await waitForHealth(`${base}/api/health`, Date.now() + 200_000);
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  await page.goto(base);
});

afterAll(async () => {
  await browser?.close();
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => server.once('exit', r).once('error', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo page', () => {
  it('shows a partner only its own tenants, and another partner only its own', async () => {
    const alpine = await tenantIdsOf('alpine-sales');
    const rhein = await tenantIdsOf('rhein-sales');
    expect(alpine.size).toBe(34);
    expect(rhein.size).toBe(20);

    await switchUser('alpine-sales', 34);
    const shownAlpine = await shownTenantIds();
    expect(shownAlpine.length).toBe(25);
    expect(shownAlpine.every((id) => alpine.has(id))).toBe(true);

    await switchUser('rhein-sales', 20);
    const shownRhein = await shownTenantIds();
    expect(shownRhein.length).toBe(20);
    expect(shownRhein.every((id) => rhein.has(id) && !alpine.has(id))).toBe(true);
  });

  it('opens a tenant’s booked services from the table', async () => {
    await switchUser('alpine-support', 34);
    const { token } = await (await fetch(`${base}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'alpine-support' }) })).json();
    const domains: { name: string }[] = await (await fetch(`${base}/api/tenants/T-10001/domains`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(domains.length).toBeGreaterThan(0);

    await page.locator('tenant-table tr:has(td.code:text-is("T-10001")) button[part="name-button"]').click();
    await expect.poll(async () => page.locator('booked-services table').count(), { timeout: 20_000 }).toBe(domains.length);
    const text = await page.locator('booked-services').evaluate((el) => el.shadowRoot?.textContent ?? '');
    for (const domain of domains) expect(text).toContain(domain.name);
  });
});
