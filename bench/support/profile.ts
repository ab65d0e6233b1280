/**
 * What a `node --cpu-prof` profile spent its time on: self time per package (node_modules/<name>,
 * our own folders, node's internals) and per function, as shares of the busy samples (idle time
 * left out, garbage collection kept). `tsx bench/support/profile.ts <file or folder>` prints it;
 * bench/tenant-list.ts calls it for the BFF child's profile (BENCH_PROFILE).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to: `pg`, `@hono/node-server`, `bff/http`, `node:internal`, … */
function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  // node:internal/deps/undici (Request, Headers), node:internal/modules (loading: start-up), …
  if (url.startsWith('node:internal/')) return url.split('/').slice(0, url.startsWith('node:internal/deps/') ? 3 : 2).join('/');
  if (url.startsWith('node:')) return url;
  const ours = /\/(bff|domain|bench|test)\/(?:([^/]+)\/)?/.exec(url);
  if (ours) return ours[2] && !ours[2].includes('.') ? `${ours[1]}/${ours[2]}` : ours[1]!;
  return url;
}

/** The monotonic clock in µs, as V8 stamps a profile's samples (CLOCK_MONOTONIC on Linux, shared by every process). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Prints the summary. `windows` (monotonic µs, from `monotonicMicros` in any process) keeps only
 * the samples taken within them, e.g. the load phases, leaving out start-up and module loading.
 */
export function summarizeProfile(path: string, top = 15, windows: [number, number][] = []): void {
  // A folder holds one profile per thread (tsx's loader runs in a worker): the main thread's is the largest.
  const file = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(path, f))
        .sort((a, b) => statSync(b).size - statSync(a).size)[0]!
    : path;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (windows.length > 0 && !windows.some(([from, to]) => at >= from && at <= to)) return;
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    busy += dt;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + dt);
    const fn = `${functionName || '(anonymous)'} ${pkg}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + dt);
  });
  const share = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)} %`;
  const heaviest = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\nCPU profile of the BFF (${file})${windows.length ? ' under load' : ''}: ${(busy / 1e6).toFixed(1)} s busy; self time by package`);
  for (const [name, t] of heaviest(byPackage)) console.log(`  ${share(t)}  ${name}`);
  console.log('by function');
  for (const [name, t] of heaviest(byFunction)) console.log(`  ${share(t)}  ${name}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) summarizeProfile(process.argv[2]!, Number(process.argv[3] ?? 15));
