/**
 * Where the published element package lives in this repository (an npm workspace, see
 * docs/architecture.md): its own package.json, README, LICENSE and CHANGELOG, and the build
 * output that `npm run build` writes into it. Its sources stay in components/, domain/ and
 * react/ at the root, which the private root package (BFF, demo, tests) shares.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The element package's folder, relative to the root. */
export const ELEMENT_PACKAGE = 'packages/elements';
/** The element package's folder, absolute. */
export const ELEMENT_PACKAGE_DIR = join(ROOT, ELEMENT_PACKAGE);
/** Its build output (`dist/components`, `dist/domain`, `dist/react`, the bundle), absolute. */
export const ELEMENT_DIST_DIR = join(ELEMENT_PACKAGE_DIR, 'dist');
