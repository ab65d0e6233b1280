/**
 * `npm run build`: the package in dist/ (dist/demo is the demo's, built by `npm run build:demo`;
 * dist/docs the element catalog, built by `npm run docs`: both stay while a server may serve them).
 * - components/, domain/ and react/ as ES modules, one per source file (esbuild, no bundling,
 *   decorators as tsconfig.build.json says), and their .d.ts (tsc, which alone emits types);
 * - dist/seppmail-services.js: one minified module with Lit inside, for pages without a build
 *   (it registers only in a browser: see buildBundle);
 * - custom-elements.json from the class comments (`cem analyze --litelement`).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildBundle } from './bundle-options.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const SOURCES = ['components', 'domain', 'react'];

mkdirSync(join(root, 'dist'), { recursive: true });
for (const entry of readdirSync(join(root, 'dist'), { withFileTypes: true })) {
  if (entry.name !== 'demo' && entry.name !== 'docs') rmSync(join(root, 'dist', entry.name), { recursive: true, force: true });
}

const modules = SOURCES.flatMap((dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file)),
);

await build({
  absWorkingDir: root,
  entryPoints: modules,
  outdir: 'dist',
  outbase: '.',
  bundle: false,
  format: 'esm',
  target: 'es2022',
  tsconfig: 'tsconfig.build.json',
  logLevel: 'warning',
});

writeFileSync(join(root, 'dist/seppmail-services.js'), await buildBundle(root));

execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--noEmit', 'false', '--declaration', '--emitDeclarationOnly', '--outDir', 'dist'], { cwd: root, stdio: 'inherit' });
execFileSync(bin('cem'), ['analyze', '--litelement', '--quiet'], { cwd: root, stdio: 'inherit' });

console.log(`built ${modules.length} modules with types, dist/seppmail-services.js and custom-elements.json`);
