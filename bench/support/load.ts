/**
 * A small HTTP load generator on node:http with keep-alive connections, for the benchmarks: one
 * GET at a time (latency), a closed loop at a fixed concurrency (maximum throughput), and an
 * open loop at a constant rate (latency under load). Hand-written rather than autocannon so the
 * bench needs no dependency and the three servers are loaded by exactly the same code.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';

/**
 * The CPU time (user + system, ms) a process has used so far, from /proc (Linux); undefined
 * elsewhere. Per request it tells what a server costs even when the machine is shared and its
 * throughput is not its own.
 */
export function cpuMs(pid: number): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

export interface Answer {
  status: number;
  body: string;
}

/** GET on a keep-alive connection of `agent`. */
export function get(agent: Agent, url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

export const keepAlive = (maxSockets = Number.POSITIVE_INFINITY) => new Agent({ keepAlive: true, maxSockets });

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The middle value, or the mean of the two middle ones (two rounds give their mean, not the larger). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median latency (ms) of `runs` sequential GETs after one warm-up; throws on a non-200. */
export async function latency(agent: Agent, url: string, headers: Record<string, string>, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const started = performance.now();
    const answer = await get(agent, url, headers);
    if (answer.status !== 200) throw new Error(`GET ${url}: ${answer.status} ${answer.body.slice(0, 300)}`);
    if (i > 0) times.push(performance.now() - started);
  }
  return median(times);
}

export interface ClosedLoopResult {
  requestsPerSecond: number;
  errors: number;
  /** The server's CPU time per answered request (µs), when its pid was given and /proc exists. */
  cpuMicroseconds?: number;
}

/**
 * `concurrency` clients, each sending its next GET as soon as the last one is answered, for
 * `seconds` (after `warmupSeconds` not counted): the server's maximum throughput.
 */
export async function closedLoop(url: string, headers: Record<string, string>, concurrency: number, seconds: number, warmupSeconds = 1, pid?: number): Promise<ClosedLoopResult> {
  const agent = keepAlive(concurrency);
  const warmEnd = performance.now() + warmupSeconds * 1000;
  const end = warmEnd + seconds * 1000;
  let done = 0;
  let errors = 0;
  let cpuStart: number | undefined;
  let cpuEnd: number | undefined;
  const warm = setTimeout(() => (cpuStart = pid ? cpuMs(pid) : undefined), warmupSeconds * 1000);
  const over = setTimeout(() => (cpuEnd = pid ? cpuMs(pid) : undefined), (warmupSeconds + seconds) * 1000);
  const client = async () => {
    while (performance.now() < end) {
      let ok = false;
      try {
        ok = (await get(agent, url, headers)).status === 200;
      } catch {
        ok = false;
      }
      const now = performance.now();
      if (now >= warmEnd && now < end) {
        if (ok) done++;
        else errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  clearTimeout(warm);
  clearTimeout(over);
  agent.destroy();
  const cpu = cpuStart !== undefined && cpuEnd !== undefined && done > 0 ? ((cpuEnd - cpuStart) * 1000) / done : undefined;
  return { requestsPerSecond: done / seconds, errors, cpuMicroseconds: cpu };
}

export interface OpenLoopResult {
  sent: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/**
 * GETs started at a constant `rate` per second for `seconds`, whatever the answers do (an open
 * load, as independent users send it). Each latency is measured from the moment the request was
 * due, not from when it was sent, so a server that falls behind is charged for the queue too.
 */
export async function openLoop(url: string, headers: Record<string, string>, rate: number, seconds: number): Promise<OpenLoopResult> {
  const agent = keepAlive();
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const latencies: number[] = [];
  let errors = 0;
  const inFlight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    // Timers are good to about a millisecond: sleep only when the next request is that far off.
    if (wait >= 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      get(agent, url, headers).then(
        (answer) => {
          if (answer.status === 200) latencies.push(performance.now() - due);
          else errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { sent: total, errors, p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN };
}
