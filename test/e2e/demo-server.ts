/**
 * What every end-to-end file needs: `npm start` on the embedded PGlite (a fresh data folder, as
 * on a fresh clone), its DNS checks answered by a DNS server of the test on 127.0.0.1 (never the
 * machine's resolvers), and headless Chromium on the demo page. Files run one after the other
 * (vitest.e2e.config.ts): each `npm start` builds the demo into the same dist/demo.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';

export interface Demo {
  /** `http://127.0.0.1:<port>`: the demo page at `/`, the API at `/api`. */
  base: string;
  page: Page;
  /** The DNS server the demo's checks ask; empty until a test publishes records. */
  dns: TestDnsServer;
  /** A demo user's bearer token, to arrange and check data beside the page. */
  tokenFor(user: string): Promise<string>;
  /** Signs in as the demo user with the page's switcher (on `page`, or another); waits until the tenant list shows `tenants`. */
  switchUser(user: string, tenants: number, on?: Page): Promise<void>;
  /** Finds the tenant in the list by its ID and opens its booked services (on `page`, or another). */
  openTenant(tenantId: string, on?: Page): Promise<void>;
  /** Another page on the demo in a browser context of its own (its own storage: another person's browser). */
  newPage(): Promise<Page>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function startDemo(): Promise<Demo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-'));
  const base = `http://127.0.0.1:${await freePort()}`;
  const dns = await startDnsServer();
  let output = '';
  const server: ChildProcess = spawn('npm', ['start'], {
    env: {
      ...process.env,
      PORT: new URL(base).port,
      PGLITE_DATA: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      NODE_ENV: 'development',
      DNS_SERVERS: dns.address,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.on('data', (chunk) => (output += chunk));
  server.stderr!.on('data', (chunk) => (output += chunk));

  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    if (server.pid && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r).once('error', r));
      try {
        process.kill(-server.pid, 'SIGTERM');
        await exited;
      } catch {
        // already gone
      }
    }
    await dns.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + 200_000;
    for (;;) {
      if (server.exitCode !== null || server.signalCode !== null) throw new Error(`npm start exited (${server.exitCode ?? server.signalCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not answer in time:\n${output}`);
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    browser = await chromium.launch({
      executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage();
    await page.goto(base);
    const tokenFor = async (user: string): Promise<string> => {
      const response = await fetch(`${base}/api/demo/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
      return ((await response.json()) as { token: string }).token;
    };
    const switchUser = async (user: string, tenants: number, on = page): Promise<void> => {
      await on.locator('demo-app select').first().selectOption(user);
      await expect.poll(async () => on.locator('tenant-table [part="range"]').textContent(), { timeout: 20_000 }).toMatch(new RegExp(`\\b${tenants}\\b`));
    };
    const openTenant = async (tenantId: string, on = page): Promise<void> => {
      await on.locator('tenant-table #search').fill(tenantId);
      await on.locator('tenant-table #search').press('Enter');
      await expect.poll(async () => on.locator('tenant-table td.code').allTextContents(), { timeout: 20_000 }).toEqual([tenantId]);
      await on.locator('tenant-table button[part="name-button"]').click();
      await expect.poll(async () => on.locator('booked-services').locator('[part="domain"], [part="empty"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    };
    const newPage = async (): Promise<Page> => {
      const other = await (await browser!.newContext()).newPage();
      await other.goto(base);
      return other;
    };
    return { base, page, dns, tokenFor, switchUser, openTenant, newPage, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
