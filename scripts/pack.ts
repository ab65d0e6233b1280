/**
 * The element package as npm publishes it: `npm pack` of packages/elements, without its `prepack`
 * (the callers have built it already; a build in the middle of a test run would race). The
 * package tests install such a tarball where no workspace is near; the examples install it from
 * examples/.package/seppmail-cloud-services.tgz, the one path every example's package.json names
 * (`"@seppmail/cloud-services": "file:../.package/seppmail-cloud-services.tgz"`), so they install
 * what a partner installs from the registry, not the repository's sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ELEMENT_DIST_DIR, ELEMENT_PACKAGE_DIR, ROOT } from './package-paths.js';

/** What `npm pack --json` says of a tarball. */
export interface Packed {
  filename: string;
  files: { path: string; size: number }[];
  unpackedSize: number;
}

/** Packs the element package into `destination` (or only lists it with `dryRun`); answers the tarball's path and what npm says of it. */
export function packElementPackage(destination: string, options: { dryRun?: boolean } = {}): Packed & { path: string } {
  if (!existsSync(join(ELEMENT_DIST_DIR, 'seppmail-services.js'))) throw new Error(`${ELEMENT_DIST_DIR} is not built: run \`npm run build\` first`);
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...(options.dryRun ? ['--dry-run'] : [])];
  const [packed] = JSON.parse(execFileSync('npm', args, { cwd: ELEMENT_PACKAGE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 })) as [Packed];
  return { ...packed, path: join(destination, packed.filename) };
}

/** Gitignored; the examples' package.json files refer to the tarball here by a relative path. */
export const PACKED_DIR = join(ROOT, 'examples/.package');
export const PACKED_TARBALL = join(PACKED_DIR, 'seppmail-cloud-services.tgz');

/**
 * Packs the element package for the examples and answers {@link PACKED_TARBALL}: npm names the
 * tarball after name and version (seppmail-cloud-services-0.1.0.tgz); the examples name one fixed
 * path, so they need no rewrite of their package.json at install time.
 */
export function packForExamples(): string {
  rmSync(PACKED_DIR, { recursive: true, force: true });
  mkdirSync(PACKED_DIR, { recursive: true });
  renameSync(packElementPackage(PACKED_DIR).path, PACKED_TARBALL);
  return PACKED_TARBALL;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(packForExamples());
}
