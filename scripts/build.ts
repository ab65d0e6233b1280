/**
 * `npm run build`: the element package's files in packages/elements/ (OUT_DIR: its dist/, and the
 * manifest beside it; the demo's own build, `npm run build:demo`, goes to the root's dist/demo).
 * - components/, domain/ and react/ as ES modules, one per source file (esbuild, no bundling,
 *   decorators as tsconfig.build.json says), and their .d.ts (tsc, which alone emits types);
 * - dist/seppmail-services.js and its chunks in dist/chunks/ (with source maps): the bundle with
 *   Lit inside, for pages without a build step; the entry loads the define files of the tags the
 *   page uses, and a language when it is chosen (nothing on a server: see bundle-options.ts);
 * - custom-elements.json from the class comments (`cem analyze --litelement`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { BUNDLE_FILE, buildBundle, CHUNKS_DIR, OUT_DIR } from './bundle-options.js';
import { ROOT as root } from './package-paths.js';

const bin = (name: string) => join(root, 'node_modules/.bin', name);
const SOURCES = ['components', 'domain', 'react'];

const out = join(root, OUT_DIR);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const modules = SOURCES.flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file)),
);

await build({
  absWorkingDir: root,
  entryPoints: modules,
  outdir: OUT_DIR,
  outbase: '.',
  bundle: false,
  // Maps with the sources inside: the package ships dist/ only, and a portal's debugger shows our TypeScript.
  sourcemap: true,
  format: 'esm',
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  logLevel: 'warning',
});

const bundle = await buildBundle(root, { sourcemap: true });
for (const file of bundle.files) {
  mkdirSync(dirname(join(out, file.path)), { recursive: true });
  writeFileSync(join(out, file.path), file.contents);
}

execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--outDir', OUT_DIR], { cwd: root, stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--litelement', '--quiet'], { cwd: root, stdio: 'inherit' });

const chunks = bundle.files.filter((file) => file.path.startsWith(`${CHUNKS_DIR}/`) && file.path.endsWith('.js')).length;
console.log(`built ${modules.length} modules with types, ${OUT_DIR}/${BUNDLE_FILE} with ${chunks} chunks, and custom-elements.json`);
