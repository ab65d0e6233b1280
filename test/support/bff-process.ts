/**
 * Real BFF processes for tests and probes: `node --import tsx bff/server.ts` on a free port
 * against a given DATABASE_URL, as production runs it; plain HTTP calls on fresh connections
 * (so a killed process never leaves a stale keep-alive connection behind); a TCP proxy that
 * can lose answers; and a reader of the live event stream.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The repository this file belongs to: the BFF that is started is the one beside it. */
const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_TEST_SECRET = 'bff-process-test-secret-long-enough-for-hs256';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it answers something other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await pause(everyMs);
  }
}

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The last `limit` characters a stream wrote. */
class Tail {
  private text = '';
  constructor(private readonly limit = 16_384) {}
  push(chunk: Buffer | string) {
    this.text = (this.text + chunk.toString()).slice(-this.limit);
  }
  toString() {
    return this.text;
  }
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = any>(): T;
}

export interface SendInit {
  method?: string;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string already. */
  body?: unknown;
  timeoutMs?: number;
}

function bodyBytes(body: unknown): Buffer | undefined {
  if (body === undefined) return undefined;
  return Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
}

function result(status: number, headers: IncomingHttpHeaders, body: string): HttpResult {
  return { status, headers, body, json: () => JSON.parse(body) };
}

/**
 * One HTTP request on a connection of its own (no agent, no keep-alive). It rejects with the
 * socket's error (`ECONNRESET`, `ECONNREFUSED`, …, in `.code`) when no whole answer came.
 */
export function send(url: string, init: SendInit = {}): Promise<HttpResult> {
  const started = sendSlowly(url, { ...init, firstBytes: Number.POSITIVE_INFINITY });
  return started.response;
}

export interface SlowRequest {
  /** Resolves once the request head (and the first part of the body) is written to the socket. */
  written: Promise<void>;
  /** Writes the rest of the body. */
  finish(): void;
  response: Promise<HttpResult>;
}

/**
 * A request whose body arrives in two parts: the head and `firstBytes` of the body at once, the
 * rest when `finish()` is called (a slow client, as on a mobile network).
 */
export function sendSlowly(url: string, init: SendInit & { firstBytes: number }): SlowRequest {
  const body = bodyBytes(init.body);
  const headers: Record<string, string> = { ...init.headers };
  if (body) {
    headers['Content-Length'] = String(body.length);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  let markWritten!: () => void;
  let failWritten!: (error: Error) => void;
  const written = new Promise<void>((resolve, reject) => {
    markWritten = resolve;
    failWritten = reject;
  });
  written.catch(() => {});
  const first = body ? body.subarray(0, Math.min(body.length, init.firstBytes)) : undefined;
  const rest = body && first && first.length < body.length ? body.subarray(first.length) : undefined;
  let request!: ReturnType<typeof httpRequest>;
  const response = new Promise<HttpResult>((resolve, reject) => {
    request = httpRequest(url, { method: init.method ?? 'GET', headers, agent: false, timeout: init.timeoutMs ?? 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(result(res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString())));
      res.on('error', reject);
      res.on('aborted', () => reject(Object.assign(new Error('the answer was cut off'), { code: 'ECONNRESET' })));
    });
    request.on('timeout', () => request.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
    request.on('error', (error) => {
      failWritten(error);
      reject(error);
    });
    request.flushHeaders();
    if (first && first.length > 0) request.write(first, () => markWritten());
    else request.on('socket', (socket) => (socket.connecting ? socket.once('connect', () => markWritten()) : markWritten()));
    if (!rest) request.end();
  });
  return {
    written,
    response,
    finish() {
      if (rest && !request.writableEnded) request.end(rest);
    },
  };
}

/** What became of a request in a chaos run: an answer, or the socket error it died of. */
export type Outcome = { status: number; contentType: string; retryAfter?: string; body: string } | { error: string };

export async function outcomeOf(response: Promise<HttpResult>): Promise<Outcome> {
  try {
    const r = await response;
    return { status: r.status, contentType: String(r.headers['content-type'] ?? ''), retryAfter: r.headers['retry-after'] as string | undefined, body: r.body };
  } catch (error) {
    return { error: (error as { code?: string }).code ?? (error as Error).message };
  }
}

const tokens = new Map<string, string>();

export interface BffProcessOptions {
  /** A PostgreSQL server's database; `null`: the embedded PGlite (its folder in `env.PGLITE_DATA`). */
  databaseUrl: string | null;
  /** Added to the process's environment (over the defaults below). */
  env?: Record<string, string>;
  /** AUTH_JWT_SECRET; processes that share it accept each other's tokens. */
  secret?: string;
  /** Names the process's database connections (`application_name`), so a test can find and terminate them. */
  applicationName?: string;
  /** The repository whose bff/server.ts runs; the one this file is in by default. */
  root?: string;
  startTimeoutMs?: number;
  /**
   * Discard what it writes to stdout (its request log) instead of keeping the tail: a benchmark
   * loading it at thousands of requests a second must not pay for reading its log.
   */
  discardStdout?: boolean;
  /** Node's own flags before the script (`--cpu-prof`, which NODE_OPTIONS may not carry). */
  execArgv?: string[];
}

export interface BffProcess {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  /** The `application_name` of its connections (in pg_stat_activity). */
  applicationName: string;
  /** A demo user's token (cached; valid on every process with the same secret). */
  token(user: string): Promise<string>;
  /** fetch as a demo user (`null`: no token); JSON bodies are serialised. */
  call(user: string | null, method: string, path: string, init?: { body?: unknown; headers?: Record<string, string> }): Promise<Response>;
  /** One request on a fresh connection as a demo user; see `send`. */
  send(user: string | null, method: string, path: string, init?: Omit<SendInit, 'method'>): Promise<HttpResult>;
  /** Whether it still runs. */
  alive(): boolean;
  /** How it ended, once it did. */
  exit(): Exit | undefined;
  exited: Promise<Exit>;
  /** SIGTERM, then its exit (SIGKILL after `timeoutMs`, reported as such). */
  stop(timeoutMs?: number): Promise<Exit>;
  /** SIGKILL, then its exit. */
  kill(): Promise<Exit>;
  /** The end of what it wrote to stderr (crashes) and stdout (logs). */
  stderr(): string;
  stdout(): string;
}

const running = new Set<BffProcess>();

function withApplicationName(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

/** Starts `node --import tsx bff/server.ts` and waits until `/api/health` answers 200. */
export async function startBff(options: BffProcessOptions): Promise<BffProcess> {
  const port = await freePort();
  const secret = options.secret ?? DEFAULT_TEST_SECRET;
  const applicationName = options.applicationName ?? `bff-${port}`;
  const child = spawn(process.execPath, [...(options.execArgv ?? []), '--import', 'tsx', 'bff/server.ts'], {
    cwd: options.root ?? REPOSITORY_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      ...(options.databaseUrl === null ? {} : { DATABASE_URL: withApplicationName(options.databaseUrl, applicationName) }),
      AUTH_JWT_SECRET: secret,
      // Never the machine's resolvers: a port where nobody answers unless the test gives its DNS server.
      DNS_SERVERS: '127.0.0.1:9',
      LOG_LEVEL: 'error',
      ...options.env,
    },
    stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'],
  });
  const stdout = new Tail(1_048_576);
  const stderr = new Tail();
  child.stdout?.on('data', (chunk) => stdout.push(chunk));
  child.stderr!.on('data', (chunk) => stderr.push(chunk));
  let exit: Exit | undefined;
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
  });
  const url = `http://127.0.0.1:${port}`;

  const terminate = async (signal: NodeJS.Signals, timeoutMs: number): Promise<Exit> => {
    if (exit) return exit;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const bff: BffProcess = {
    url,
    port,
    pid: child.pid!,
    child,
    applicationName,
    async token(user) {
      const cacheKey = `${secret}\n${user}`;
      if (!tokens.has(cacheKey)) {
        const response = await send(`${url}/api/demo/token`, { method: 'POST', body: { user } });
        if (response.status !== 200) throw new Error(`no demo token for ${user}: ${response.status} ${response.body}`);
        tokens.set(cacheKey, response.json().token);
      }
      return tokens.get(cacheKey)!;
    },
    async call(user, method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (user) headers.Authorization = `Bearer ${await bff.token(user)}`;
      if (init.body !== undefined) headers['Content-Type'] ??= 'application/json';
      return fetch(`${url}${path}`, { method, headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    },
    async send(user, method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (user) headers.Authorization = `Bearer ${await bff.token(user)}`;
      return send(`${url}${path}`, { ...init, method, headers });
    },
    alive: () => exit === undefined,
    exit: () => exit,
    exited,
    stop: (timeoutMs = 30_000) => terminate('SIGTERM', timeoutMs),
    kill: () => terminate('SIGKILL', 0),
    stderr: () => stderr.toString(),
    stdout: () => stdout.toString(),
  };
  running.add(bff);
  void exited.then(() => running.delete(bff));

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (exit) throw new Error(`the BFF exited while starting (${exit.code ?? exit.signal}):\n${stderr}\n${stdout}`);
    try {
      if ((await send(`${url}/api/health`, { timeoutMs: 2_000 })).status === 200) return bff;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await bff.kill();
      throw new Error(`the BFF did not answer /api/health within ${options.startTimeoutMs ?? 60_000} ms:\n${stderr}\n${stdout}`);
    }
    await pause(50);
  }
}

/** SIGKILLs every process started here that still runs (afterAll, or a probe's end). */
export async function killAllBffs(): Promise<void> {
  await Promise.all([...running].map((bff) => bff.kill()));
}

/** What the proxy does with one client connection. */
export type ProxyBehaviour =
  | { kind: 'pass' }
  /**
   * Forwards the request; when the BFF's first answer bytes arrive, drops them and resets the
   * client's connection (the client sees ECONNRESET). `then` runs at that moment first, e.g. to
   * SIGKILL the BFF: the work was done, its answer never reached the client.
   */
  | { kind: 'lose-answer'; then?: () => void };

export interface ProxyConnection {
  index: number;
  behaviour: ProxyBehaviour['kind'];
  /** The answer was lost on purpose. */
  lost: boolean;
}

export interface TcpProxy {
  port: number;
  url: string;
  connections: ProxyConnection[];
  /** Decides the behaviour of each new connection (by its index, from 0). */
  behave(decide: (index: number) => ProxyBehaviour): void;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of `targetPort` (a number, or asked per connection). */
export async function startProxy(targetPort: number | (() => number), decide: (index: number) => ProxyBehaviour = () => ({ kind: 'pass' })): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const connections: ProxyConnection[] = [];
  const server: Server = createServer((client) => {
    const behaviour = decide(connections.length);
    const record: ProxyConnection = { index: connections.length, behaviour: behaviour.kind, lost: false };
    connections.push(record);
    const upstream = connect(typeof targetPort === 'number' ? targetPort : targetPort(), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => {
      if (!client.destroyed) client.resetAndDestroy();
    });
    client.on('data', (chunk) => upstream.write(chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    upstream.on('data', (chunk) => {
      if (behaviour.kind === 'lose-answer') {
        if (!record.lost) {
          record.lost = true;
          behaviour.then?.();
          client.resetAndDestroy();
          upstream.destroy();
        }
        return;
      }
      client.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    connections,
    behave(next) {
      decide = next;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ServerSentEvent {
  event: string;
  data: string;
  id?: string;
}

export interface EventStream {
  status: number;
  events: ServerSentEvent[];
  /** The first event (after the ones already seen, from `from`) that matches, or a timeout. */
  next(match: (event: ServerSentEvent) => boolean, timeoutMs?: number, from?: number): Promise<ServerSentEvent>;
  /** Resolves when the server ended the stream: `clean` when it ended it properly, not by a dropped connection. */
  ended: Promise<{ clean: boolean; error?: string }>;
  close(): Promise<void>;
}

/** Opens `GET /api/events` (fetch, as the elements do) and collects its events as they come. */
export async function openEventStream(url: string, token: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/events`, { headers: { Authorization: `Bearer ${token}`, Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const events: ServerSentEvent[] = [];
  const waiters = new Set<() => void>();
  let closedByUs = false;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const ended = (async () => {
    if (!response.body) return { clean: true };
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return { clean: true };
        buffer += value.replace(/\r\n?/g, '\n');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: ServerSentEvent = { event: 'message', data: '' };
          const data: string[] = [];
          let any = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'event') event.event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'id') event.id = value;
            else continue;
            any = true;
          }
          if (!any) continue;
          event.data = data.join('\n');
          events.push(event);
          notify();
        }
      }
    } catch (error) {
      return closedByUs ? { clean: true } : { clean: false, error: String((error as Error).cause ?? error) };
    } finally {
      notify();
    }
  })();
  let finished = false;
  void ended.then(() => {
    finished = true;
    notify();
  });

  return {
    status: response.status,
    events,
    ended,
    next(match, timeoutMs = 5_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find(match);
          if (found) return done(() => resolve(found));
          if (finished) return done(() => reject(new Error(`the stream ended without the event (got ${events.map((e) => e.event).join(', ') || 'nothing'})`)));
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`no matching event within ${timeoutMs} ms (got ${events.map((e) => e.event).join(', ') || 'nothing'})`))),
          timeoutMs,
        );
        const done = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      closedByUs = true;
      controller.abort();
      await ended;
    },
  };
}

/** Anything that runs SQL with parameters, as pg's Client and Pool do. */
export interface Queryable {
  query<R = any>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
}

/**
 * `pg_terminate_backend` on the connections of the named processes to `database` (what a
 * failover, a restart or an administrator does to them): the pooled ones, or the LISTEN one.
 * Answers how many were terminated.
 */
export async function terminateConnections(admin: Queryable, database: string, applicationNames: string[], which: 'pooled' | 'listen'): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `select count(*)::int as n from (
       select pg_terminate_backend(pid) from pg_stat_activity
       where datname = $1 and application_name = any($2) and pid <> pg_backend_pid()
         and ${which === 'listen' ? `query ilike 'listen%'` : `query not ilike 'listen%'`}) terminated`,
    [database, applicationNames],
  );
  return rows[0]!.n;
}

/** The LISTEN connections of the named processes: their pids and when they started. */
export async function listenConnections(admin: Queryable, database: string, applicationNames: string[]): Promise<{ pid: number; started: Date }[]> {
  const { rows } = await admin.query<{ pid: number; started: Date }>(
    `select pid, backend_start as started from pg_stat_activity
     where datname = $1 and application_name = any($2) and query ilike 'listen%'`,
    [database, applicationNames],
  );
  return rows;
}

/** How many of the named processes' connections wait for a lock now. */
export async function connectionsWaitingForLocks(admin: Queryable, database: string, applicationNames: string[]): Promise<number> {
  const { rows } = await admin.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where datname = $1 and application_name = any($2) and wait_event_type = 'Lock'`,
    [database, applicationNames],
  );
  return rows[0]!.n;
}

/** Tenants whose stored counts differ from a count made from scratch (the tenant list's columns). */
export async function tenantCountMismatches(db: Queryable): Promise<{ id: string; managed_domains: number; active_services: number; domains: number; services: number }[]> {
  const { rows } = await db.query(
    `select * from (
       select t.id, t.managed_domains, t.active_services,
         (select count(*)::int from managed_domains d where d.tenant_id = t.id and d.deprovisioned_at is null) as domains,
         (select count(*)::int from booked_services s join managed_domains d on d.id = s.domain_id
          where d.tenant_id = t.id and s.status in ('ordered', 'confirmed', 'provisioning', 'provisioned')) as services
       from tenants t) counted
     where managed_domains <> domains or active_services <> services`,
  );
  return rows;
}

/** Domains named like `pattern` that lack their services (at least `minServices`) or their one `domain.add` audit event. */
export async function partialDomainWrites(db: Queryable, pattern: string, minServices = 2): Promise<{ name: string; services: number; audits: number }[]> {
  const { rows } = await db.query(
    `select d.name,
       (select count(*)::int from booked_services s where s.domain_id = d.id) as services,
       (select count(*)::int from audit_events a where a.entity_id = d.id and a.action = 'domain.add') as audits
     from managed_domains d where d.name like $1`,
    [pattern],
  );
  return rows.filter((r: { services: number; audits: number }) => r.services < minServices || r.audits !== 1);
}
