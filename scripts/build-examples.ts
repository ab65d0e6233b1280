/**
 * `npm run build:examples [-- <name>…]`: the examples as a partner builds them. Packs the element
 * package once (scripts/pack.ts, needs `npm run build`), then for each of examples/<name>/:
 * `npm install` into its own node_modules (the package from the packed tarball, named by a
 * fixed relative path in the example's package.json; the frameworks from the registry, or the
 * npm cache when it has them), its type check (`npm run typecheck`: strict,
 * exactOptionalPropertyTypes) and its build (`npm run build`). test/e2e/examples.test.ts serves
 * what this built.
 *
 * The examples are not workspaces of the repository: the root's `npm ci` never sees them.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packForExamples } from './pack.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Every example, in the order they build (the cheap ones first, so a broken package fails fast). */
export const EXAMPLES = ['plain-html', 'vite-ts', 'react', 'nextjs'] as const;

/** Runs a command; `quiet` keeps its output and prints it only when it fails (parallel installs would interleave). */
function run(command: string, args: string[], cwd: string, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    // Telemetry off: Next.js would otherwise report the build over the network.
    const child = spawn(command, args, { cwd, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} in ${cwd} exited with ${code}\n${output}`))));
  });
}

async function timed(label: string, step: () => Promise<unknown>, timings: string[]): Promise<void> {
  const start = performance.now();
  await step();
  timings.push(`${label}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
}

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(EXAMPLES as readonly string[]).includes(name));
if (unknown.length) throw new Error(`no example ${unknown.join(', ')}; there are ${EXAMPLES.join(', ')}`);
const examples = wanted.length ? EXAMPLES.filter((name) => wanted.includes(name)) : EXAMPLES;

const timings: string[] = [];
await timed('pack', async () => packForExamples(), timings);
// The installs at once: they wait on the network and the disk, not on the CPU (cold, one after
// the other took 136 s here from an empty node_modules, at once 90 s). npm's cache is safe for concurrent use.
await timed(
  `install (${examples.join(', ')}, at once)`,
  () =>
    Promise.all(
      examples.map((name) => {
        const dir = join(root, 'examples', name);
        // The tarball's name and version stay the same from build to build; without a lockfile
        // npm would keep the copy node_modules already has, so the old one goes first.
        rmSync(join(dir, 'node_modules/@seppmail/cloud-services'), { recursive: true, force: true });
        return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], dir, true);
      }),
    ),
  timings,
);
// Type checks and builds one after the other: they take the CPU, and their output stays readable.
for (const name of examples) {
  const dir = join(root, 'examples', name);
  const scripts = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
  if (scripts.typecheck) await timed(`${name}: typecheck`, () => run('npm', ['run', '--silent', 'typecheck'], dir), timings);
  await timed(`${name}: build`, () => run('npm', ['run', '--silent', 'build'], dir), timings);
  if (!existsSync(join(dir, name === 'nextjs' ? '.next/BUILD_ID' : 'dist/index.html'))) throw new Error(`examples/${name} built nothing`);
}
console.log(`examples built (${timings.join(', ')})`);
