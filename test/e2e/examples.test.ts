/**
 * The framework examples as a portal runs them, in Chromium: examples/plain-html loads the
 * bundle (packages/elements/dist/seppmail-services.js, which loads its chunks from chunks/ beside it) with no build step, examples/react is built with
 * esbuild against the package's `exports` (examples/react/dist). `npm run test:e2e` builds both
 * first (`pretest:e2e`). A static server of this test serves them and passes /api on to a BFF on
 * a throw-away PGlite with the demo data.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' };

let dns: TestDnsServer;
let bff: ChildProcess;
let server: Server;
let browser: Browser;
let base: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** examples/ and the element package's dist/ as files (a folder answers its index.html), /api/* passed on to the BFF. */
function serveExamples(bffUrl: string): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const upstream = request(new URL(req.url!, bffUrl), { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
      return;
    }
    let file = normalize(join(root, decodeURIComponent(url.pathname)));
    const allowed = ['examples', 'packages/elements/dist'].some((dir) => file.startsWith(join(root, dir)));
    if (allowed && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!allowed || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
}

async function startBff(port: number): Promise<void> {
  let output = '';
  bff = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), PGLITE_DATA: 'memory://', DATABASE_URL: '', DEMO: '1', NODE_ENV: 'development', LOG_LEVEL: 'warn', DNS_SERVERS: dns.address },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  bff.stdout!.on('data', (chunk) => (output += chunk));
  bff.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (bff.exitCode !== null) throw new Error(`the BFF exited (${bff.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`the BFF did not answer in time:\n${output}`);
    if (await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Opens an example; fails on any error the page throws or logs. `scripts`: the path of every script the page requests, in order. */
async function open(path: string): Promise<{ page: Page; errors: string[]; scripts: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const scripts: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  await page.goto(`${base}${path}`);
  return { page, errors, scripts };
}

/** A chunk's name without its hash: `/packages/elements/dist/chunks/de-AB12CD34.js` → `de`. */
const chunkName = (path: string) => path.replace(/^\/packages\/elements\/dist\/chunks\//, '').replace(/-[A-Z0-9]{8}\.js$/, '');

/** The tenants the table shows (the locators pierce the shadow roots). */
async function shownTenants(page: Page): Promise<string[]> {
  await expect.poll(() => page.locator('tenant-table [part~="name-button"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return page.locator('tenant-table [part~="name-button"]').allTextContents();
}

/** Chooses the first tenant; booked-services, wired by `tenant-select`, shows its domains. */
async function chooseFirstTenant(page: Page): Promise<string> {
  const first = page.locator('tenant-table [part~="name-button"]').first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect.poll(() => page.locator('booked-services').locator('[part="domain"], [part="empty"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return name;
}

beforeAll(async () => {
  for (const built of ['packages/elements/dist/seppmail-services.js', 'examples/react/dist/main.js']) {
    if (!existsSync(join(root, built))) throw new Error(`${built} is missing: run \`npm run build && npm run build:examples\` (npm run test:e2e does)`);
  }
  dns = await startDnsServer();
  const bffPort = await freePort();
  await startBff(bffPort);
  server = serveExamples(`http://127.0.0.1:${bffPort}`);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (bff && bff.exitCode === null) {
    const exited = new Promise((resolve) => bff.once('exit', resolve));
    bff.kill('SIGTERM');
    await exited;
  }
  await dns?.close();
});

describe('examples', () => {
  it('plain HTML: the bundle alone shows the tenants, and the chosen tenant\'s booked services', async () => {
    const { page, errors, scripts } = await open('/examples/plain-html/');
    const tenants = await shownTenants(page);
    expect(tenants.length).toBeGreaterThan(5);
    const name = await chooseFirstTenant(page);
    await expect.poll(() => page.locator('booked-services [part="heading"]').first().textContent()).toContain(name);
    // The entry, then its chunks beside it (Lit is inside them): the page's three elements, and
    // no language but English, which is inside the elements.
    expect(scripts[0]).toBe('/packages/elements/dist/seppmail-services.js');
    expect(scripts.slice(1).filter((path) => !path.startsWith('/packages/elements/dist/chunks/'))).toEqual([]);
    const loaded = scripts.slice(1).map(chunkName);
    expect(loaded).toEqual(expect.arrayContaining(['services-provider', 'tenant-table', 'booked-services']));
    expect(loaded.filter((chunk) => ['de', 'fr', 'it'].includes(chunk))).toEqual([]);
    // An element the page does not hold (nor any element it shows opens) is not loaded.
    expect(loaded).not.toContain('audit-log');
    expect(loaded).not.toContain('usage-statement');
    expect(errors).toEqual([]);
  });

  it('plain HTML: German loads its chunk only when chosen, and the elements switch to it', async () => {
    const { page, errors, scripts } = await open('/examples/plain-html/');
    await shownTenants(page);
    const label = page.locator('tenant-table [part="search-label"]');
    expect(await label.textContent()).toBe('Search by name, ID or domain');
    expect(scripts.map(chunkName).filter((chunk) => ['de', 'fr', 'it'].includes(chunk))).toEqual([]);
    // The bundle's setLocale, as a page calls it (the same module: the entry is loaded once). A
    // string, since vitest would rewrite an import() in a function's source.
    await page.evaluate("import('/packages/elements/dist/seppmail-services.js').then((bundle) => bundle.setLocale('de-CH'))");
    await expect.poll(() => label.textContent()).toBe('Suche nach Name, ID oder Domain');
    expect(scripts.map(chunkName).filter((chunk) => ['de', 'fr', 'it'].includes(chunk))).toEqual(['de']);
    expect(errors).toEqual([]);
  });

  it('React: the @lit/react wrappers show the tenants, and onTenantSelect reaches React state and the booked services', async () => {
    const { page, errors } = await open('/examples/react/');
    const tenants = await shownTenants(page);
    expect(tenants.length).toBe(10);
    const name = await chooseFirstTenant(page);
    await expect.poll(() => page.locator('#chosen').textContent()).toBe(`Chosen: ${name}`);
    await expect.poll(() => page.locator('booked-services [part="heading"]').first().textContent()).toContain(name);
    expect(errors).toEqual([]);
  });
});
