/**
 * The element package as npm would publish it: `npm pack` of its folder into
 * examples/.package/seppmail-cloud-services.tgz, the one path every example's package.json names
 * (`"@seppmail/cloud-services": "file:../.package/seppmail-cloud-services.tgz"`), so the examples
 * install what a partner installs from the registry, not the repository's sources.
 *
 * The one place that knows where the package lives: when the package moves (packages/elements/),
 * change `ELEMENT_PACKAGE_DIR` and nothing else.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The folder whose package.json is `@seppmail/cloud-services` (its dist/ must be built). */
export const ELEMENT_PACKAGE_DIR = root;

/** Gitignored; the examples' package.json files refer to the tarball here by a relative path. */
export const PACKED_DIR = join(root, 'examples/.package');
export const PACKED_TARBALL = join(PACKED_DIR, 'seppmail-cloud-services.tgz');

/**
 * Packs the element package and answers the tarball's path (always {@link PACKED_TARBALL}: a
 * fixed name, so the examples need no rewrite of their package.json at install time).
 */
export async function packElementPackage(): Promise<string> {
  if (!existsSync(join(ELEMENT_PACKAGE_DIR, 'dist/seppmail-services.js'))) {
    throw new Error(`${ELEMENT_PACKAGE_DIR}/dist is not built: run \`npm run build\` first`);
  }
  rmSync(PACKED_DIR, { recursive: true, force: true });
  mkdirSync(PACKED_DIR, { recursive: true });
  // --ignore-scripts: packing must not build (the caller built dist/ already, and a prepack
  // script of the package would run in the middle of a test run).
  const { stdout } = await promisify(execFile)('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', PACKED_DIR], {
    cwd: ELEMENT_PACKAGE_DIR,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  // npm names it after name and version (seppmail-cloud-services-0.1.0.tgz); the examples name one path.
  renameSync(join(PACKED_DIR, packed.filename), PACKED_TARBALL);
  return PACKED_TARBALL;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await packElementPackage());
}
