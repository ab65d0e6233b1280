/**
 * The element package as npm publishes it: `npm pack` of packages/elements into a folder, without
 * its `prepack` (the callers have built it already). Used by the package tests, which install the
 * tarball where no workspace is near, as a portal would.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ELEMENT_PACKAGE_DIR } from './package-paths.js';

/** What `npm pack --json` says of a tarball. */
export interface Packed {
  filename: string;
  files: { path: string; size: number }[];
  unpackedSize: number;
}

/** Packs the element package into `destination` (or only lists it with `dryRun`); answers the tarball's path and what npm says of it. */
export function packElementPackage(destination: string, options: { dryRun?: boolean } = {}): Packed & { path: string } {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination, ...(options.dryRun ? ['--dry-run'] : [])];
  const [packed] = JSON.parse(execFileSync('npm', args, { cwd: ELEMENT_PACKAGE_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [Packed];
  return { ...packed, path: join(destination, packed.filename) };
}
