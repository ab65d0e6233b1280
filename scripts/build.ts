/**
 * `npm run build`: the element package's files in packages/elements/ (dist/ and the manifest;
 * the demo's own build, `npm run build:demo`, goes to the root's dist/demo).
 * - components/, domain/ and react/ as ES modules, one per source file (esbuild, no bundling,
 *   decorators as tsconfig.build.json says), and their .d.ts (tsc, which alone emits types);
 * - dist/seppmail-services.js: one minified module with Lit inside, for pages without a build
 *   (it registers only in a browser: see buildBundle);
 * - custom-elements.json from the class comments (`cem analyze --litelement`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildBundle } from './bundle-options.js';
import { ELEMENT_DIST_DIR, ROOT as root } from './package-paths.js';

const bin = (name: string) => join(root, 'node_modules/.bin', name);
const SOURCES = ['components', 'domain', 'react'];

rmSync(ELEMENT_DIST_DIR, { recursive: true, force: true });
mkdirSync(ELEMENT_DIST_DIR, { recursive: true });

const modules = SOURCES.flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file)),
);

await build({
  absWorkingDir: root,
  entryPoints: modules,
  outdir: ELEMENT_DIST_DIR,
  outbase: '.',
  bundle: false,
  // Maps with the sources inside: the package ships dist/ only, and a portal's debugger shows our TypeScript.
  sourcemap: true,
  format: 'esm',
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  logLevel: 'warning',
});

writeFileSync(join(ELEMENT_DIST_DIR, 'seppmail-services.js'), await buildBundle(root));

execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--outDir', ELEMENT_DIST_DIR], { cwd: root, stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--litelement', '--quiet'], { cwd: root, stdio: 'inherit' });

console.log(`built ${modules.length} modules with types, dist/seppmail-services.js and custom-elements.json`);
