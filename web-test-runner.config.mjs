// Component tests in headless Chromium, against the real BFF: it starts as a child process on
// an in-memory PGlite with the demo data, and the test server passes /api on to it. Its DNS
// checks ask a DNS server of this process on 127.0.0.1, never the machine's resolvers; tests
// publish records there with `executeServerCommand('dns-set' | 'dns-remove')`.
// BFF_URL=http://localhost:8080 uses a BFF that already runs instead (then DNS is that BFF's own).
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { tsImport } from 'tsx/esm/api';

const root = fileURLToPath(new URL('.', import.meta.url));
const HEALTH_TIMEOUT_MS = 60_000;

let bffUrl = process.env.BFF_URL;
let bff;
/** @type {import('./test/support/dns-server.ts').TestDnsServer | undefined} */
let dns;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, exited) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited.code !== undefined) throw new Error(`the BFF exited with ${exited.code} before it was healthy:\n${exited.output}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the BFF did not answer ${url}/api/health with 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function stopBff() {
  if (!bff || bff.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => bff.kill('SIGKILL'), 5_000);
    bff.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    bff.kill('SIGTERM');
  });
}

/** Starts the BFF with the test server and stops it with the test server. */
function bffPlugin() {
  return {
    name: 'bff',
    async serverStart() {
      if (bffUrl) return;
      const port = await freePort();
      const { startDnsServer } = await tsImport('./test/support/dns-server.ts', import.meta.url);
      dns = await startDnsServer();
      bff = spawn(process.execPath, ['--import', 'tsx', 'bff/server.ts'], {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(port),
          PGLITE_DATA: 'memory://',
          DEMO: '1',
          LOG_LEVEL: 'silent',
          DNS_SERVERS: dns.address,
          // Slow enough between domains that a test sees the confirmation's progress bar.
          CONFIRMATION_STEP_MS: '150',
          // Every test file writes as the same few demo users from one address, faster than any
          // person would: the limits have their own tests (test/bff/http-hardening.test.ts).
          RATE_LIMIT_WRITES_PER_MINUTE: '0',
          RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0',
          // Above the partners' 34 tenants and below SEPPmail's 66: staff see an estimated total.
          TENANT_LIST_EXACT_TOTAL: '50',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = { code: undefined, output: '' };
      const keep = (chunk) => (exited.output = (exited.output + chunk).slice(-4000));
      bff.stdout.on('data', keep);
      bff.stderr.on('data', keep);
      bff.once('exit', (code, signal) => (exited.code = code ?? signal));
      process.once('exit', () => bff.kill('SIGKILL'));
      bffUrl = `http://127.0.0.1:${port}`;
      await waitForHealth(bffUrl, exited);
    },
    async serverStop() {
      await stopBff();
      await dns?.close();
    },
  };
}

/**
 * Server commands for the tests' DNS zone, `dns-set {name, type, values}` and `dns-remove {name, type?}`
 * (see test/support/dns-server.ts). No command clears the zone: every test file shares it.
 */
function dnsCommandsPlugin() {
  return {
    name: 'dns-commands',
    executeCommand({ command, payload }) {
      if (!command.startsWith('dns-')) return undefined;
      if (!dns) throw new Error(`${command}: no test DNS server (BFF_URL points to a BFF of its own)`);
      if (command === 'dns-set') dns.set(payload.name, payload.type, payload.values);
      else if (command === 'dns-remove') dns.remove(payload.name, payload.type);
      else return undefined;
      return true;
    },
  };
}

/**
 * `ssr-render {page, tenantId?}`: a page of test/support/ssr-pages.ts rendered by @lit-labs/ssr in
 * this Node process, as a portal's server renders it, for the browser to hydrate.
 */
function ssrPlugin() {
  let pages;
  return {
    name: 'ssr-render',
    async executeCommand({ command, payload }) {
      if (command !== 'ssr-render') return undefined;
      pages ??= tsImport('./test/support/ssr-pages.ts', import.meta.url);
      return (await pages).renderPage(payload.page, payload);
    },
  };
}

/** Passes /api/* on to the BFF untouched (Koa middleware of the test server). */
async function proxyApi(ctx, next) {
  if (ctx.path !== '/api' && !ctx.path.startsWith('/api/')) return next();
  const target = new URL(ctx.url, bffUrl);
  const upstream = await new Promise((resolve, reject) => {
    const forward = request(target, { method: ctx.method, headers: { ...ctx.req.headers, host: target.host } }, resolve);
    forward.once('error', reject);
    ctx.req.pipe(forward);
  });
  ctx.status = upstream.statusCode;
  for (const [name, value] of Object.entries(upstream.headers)) {
    if (value !== undefined && !['connection', 'keep-alive', 'transfer-encoding'].includes(name)) ctx.set(name, value);
  }
  ctx.body = upstream;
}

export default {
  rootDir: root,
  files: ['test/components/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
        args: [
          '--no-sandbox',
          '--headless=new',
          '--disable-gpu',
          '--disable-dev-shm-usage',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  middleware: [proxyApi],
  plugins: [bffPlugin(), dnsCommandsPlugin(), ssrPlugin(), esbuildPlugin({ ts: true, tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
};
