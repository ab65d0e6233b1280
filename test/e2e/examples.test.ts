/**
 * The examples as partners run them, in Chromium, each built from the packed tarball by
 * `npm run build:examples` (scripts/build-examples.ts; `pretest:e2e` runs it): examples/plain-html
 * (the bundled module copied out of node_modules, no build step), examples/vite-ts (Vite +
 * TypeScript, define entries per tag), examples/react (the @lit/react wrappers, esbuild) and
 * examples/nextjs (App Router, a 'use client' component, `next start`).
 *
 * Every page is on another origin than the BFF, as a partner's portal is: this test's static
 * server serves the three built sites, `next start` the Next.js one, and the BFF (on a throw-away
 * PGlite with the demo data) lists both origins in CORS_ORIGINS. The static pages take the BFF's
 * address from `?api=`, the Next.js page from SERVICES_API_BASE on its server.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type TestDnsServer } from '../support/dns-server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = join(root, 'examples');
const STATIC = ['plain-html', 'vite-ts', 'react'] as const;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.map': 'application/json' };

let dns: TestDnsServer;
let bff: ChildProcess;
let next: ChildProcess;
let server: Server;
let browser: Browser;
/** The static sites' origin, `http://127.0.0.1:<port>`. */
let base: string;
let nextBase: string;
/** The BFF's API base, `http://127.0.0.1:<port>/api`: another origin than every page's. */
let api: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `/<example>/…` answers examples/<example>/dist/… (a folder its index.html); nothing else. */
function serveExamples(): Server {
  return createServer((req, res) => {
    const [, name, ...rest] = new URL(req.url ?? '/', 'http://localhost').pathname.split('/');
    const dist = join(examples, name ?? '', 'dist');
    let file = normalize(join(dist, decodeURIComponent(rest.join('/'))));
    const allowed = (STATIC as readonly string[]).includes(name ?? '') && (file + sep).startsWith(dist + sep);
    if (allowed && existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!allowed || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
}

/** Spawns a server in its own process group (so that its children go with it) and waits until `url` answers (below 500). */
async function startServer(command: string[], cwd: string, env: NodeJS.ProcessEnv, url: string): Promise<ChildProcess> {
  let output = '';
  const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`${command.join(' ')} did not answer in time:\n${output}`);
    if (await fetch(url).then((r) => r.status < 500, () => false)) return child;
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

/** Opens a page; fails on any error the page throws or logs, and on any answer of 400 or more. `scripts`: the path of every script the page requests, in order. */
async function open(url: string): Promise<{ page: Page; errors: string[]; scripts: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const scripts: string[] = [];
  page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('response', (response) => response.status() >= 400 && errors.push(`${response.status()} ${response.url()}`));
  page.on('requestfailed', (request) => errors.push(`${request.failure()?.errorText} ${request.url()}`));
  await page.goto(url);
  return { page, errors, scripts };
}

/** A chunk's name without its hash: `/plain-html/assets/chunks/de-AB12CD34.js` → `de`. */
const chunkName = (path: string) => path.replace(/^.*\/chunks\//, '').replace(/-[A-Z0-9]{8}\.js$/, '');

/** The tenants the table shows (the locators pierce the shadow roots). */
async function shownTenants(page: Page): Promise<string[]> {
  await expect.poll(() => page.locator('tenant-table [part~="name-button"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  return page.locator('tenant-table [part~="name-button"]').allTextContents();
}

/** Chooses the first tenant; booked-services, wired by `tenant-select`, shows its domains under the tenant's name. */
async function chooseFirstTenant(page: Page): Promise<string> {
  const first = page.locator('tenant-table [part~="name-button"]').first();
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect.poll(() => page.locator('booked-services').locator('[part="domain"], [part="empty"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(() => page.locator('booked-services [part="heading"]').first().textContent()).toContain(name);
  return name;
}

beforeAll(async () => {
  const built = [...STATIC.map((name) => `examples/${name}/dist/index.html`), 'examples/nextjs/.next/BUILD_ID'];
  for (const file of built) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build && npm run build:examples\` (npm run test:e2e does)`);
  }
  dns = await startDnsServer();
  server = serveExamples();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const [bffPort, nextPort] = [await freePort(), await freePort()];
  nextBase = `http://127.0.0.1:${nextPort}`;
  api = `http://127.0.0.1:${bffPort}/api`;
  // Both at once: PGlite's start and Next's are the slow parts of this file.
  [bff, next] = await Promise.all([
    startServer(
      [process.execPath, '--import', 'tsx', 'bff/server.ts'],
      root,
      { PORT: String(bffPort), PGLITE_DATA: 'memory://', DATABASE_URL: '', DEMO: '1', NODE_ENV: 'development', LOG_LEVEL: 'warn', DNS_SERVERS: dns.address, CORS_ORIGINS: `${base},${nextBase}` },
      `${api}/health`,
    ),
    startServer(
      [process.execPath, join(examples, 'nextjs/node_modules/next/dist/bin/next'), 'start', '--port', String(nextPort), '--hostname', '127.0.0.1'],
      join(examples, 'nextjs'),
      { SERVICES_API_BASE: api, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      // Not `/` (its first render is this test's to look at): a 404 shows the server answers.
      `${nextBase}/ready`,
    ),
  ]);
  browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  await Promise.all([stop(bff), stop(next)]);
  await dns?.close();
});

describe('examples, each installed from the packed tarball', () => {
  it('plain HTML: the bundle copied out of node_modules shows the tenants, and the chosen tenant\'s booked services', async () => {
    const { page, errors, scripts } = await open(`${base}/plain-html/?api=${encodeURIComponent(api)}`);
    expect((await shownTenants(page)).length).toBeGreaterThan(5);
    await chooseFirstTenant(page);
    // The entry, then its chunks beside it (Lit is inside them): the page's three elements, and
    // no language but English, which is inside the elements.
    expect(scripts[0]).toBe('/plain-html/assets/seppmail-services.js');
    expect(scripts.slice(1).filter((path) => !path.startsWith('/plain-html/assets/chunks/'))).toEqual([]);
    const loaded = scripts.slice(1).map(chunkName);
    expect(loaded).toEqual(expect.arrayContaining(['services-provider', 'tenant-table', 'booked-services']));
    expect(loaded.filter((chunk) => ['de', 'fr', 'it'].includes(chunk))).toEqual([]);
    // An element the page does not hold (nor any element it shows opens) is not loaded.
    expect(loaded).not.toContain('audit-log');
    expect(loaded).not.toContain('usage-statement');
    expect(errors).toEqual([]);
  });

  it('plain HTML: German loads its chunk only when chosen, and the elements switch to it', async () => {
    const { page, errors, scripts } = await open(`${base}/plain-html/?api=${encodeURIComponent(api)}`);
    await shownTenants(page);
    const label = page.locator('tenant-table [part="search-label"]');
    expect(await label.textContent()).toBe('Search by name, ID or domain');
    expect(scripts.map(chunkName).filter((chunk) => ['de', 'fr', 'it'].includes(chunk))).toEqual([]);
    // The bundle's setLocale, as a page calls it (the same module: the entry is loaded once). A
    // string, since vitest would rewrite an import() in a function's source.
    await page.evaluate("import('/plain-html/assets/seppmail-services.js').then((bundle) => bundle.setLocale('de-CH'))");
    await expect.poll(() => label.textContent()).toBe('Suche nach Name, ID oder Domain');
    expect(scripts.map(chunkName).filter((chunk) => ['de', 'fr', 'it'].includes(chunk))).toEqual(['de']);
    expect(errors).toEqual([]);
  });

  it('Vite + TypeScript: the define entries per tag show the tenants, and the typed tenant-select reaches the booked services', async () => {
    const { page, errors } = await open(`${base}/vite-ts/?api=${encodeURIComponent(api)}`);
    expect((await shownTenants(page)).length).toBe(10);
    const name = await chooseFirstTenant(page);
    await expect.poll(() => page.locator('#chosen').textContent()).toBe(`Chosen: ${name}`);
    expect(errors).toEqual([]);
  });

  it('React: the @lit/react wrappers show the tenants, and onTenantSelect reaches React state and the booked services', async () => {
    const { page, errors } = await open(`${base}/react/?api=${encodeURIComponent(api)}`);
    expect((await shownTenants(page)).length).toBe(10);
    const name = await chooseFirstTenant(page);
    await expect.poll(() => page.locator('#chosen').textContent()).toBe(`Chosen: ${name}`);
    expect(errors).toEqual([]);
  });

  it('Next.js: the server renders the client component\'s elements, the browser upgrades them and shows the tenants', async () => {
    // The server's HTML: the wrappers rendered in Node, as the elements' bare tags.
    const html = await fetch(`${nextBase}/`).then((response) => response.text());
    expect(html).toMatch(/<services-provider[^>]*>/);
    expect(html).toMatch(/<tenant-table[^>]*><\/tenant-table>/);
    const { page, errors } = await open(`${nextBase}/`);
    expect((await shownTenants(page)).length).toBe(10);
    const name = await chooseFirstTenant(page);
    await expect.poll(() => page.locator('#chosen').textContent()).toBe(`Chosen: ${name}`);
    expect(errors).toEqual([]);
  });
});
