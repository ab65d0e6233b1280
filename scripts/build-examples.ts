/**
 * `npm run build:examples`: the React example (examples/react/main.tsx) into
 * examples/react/dist/main.js with esbuild, importing the package by its name through the
 * `exports` map, as a portal would; its types are checked against dist/ first. The plain-HTML
 * example needs no build: it loads dist/seppmail-services.js (`npm run build`).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

execFileSync(join(root, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'examples/react'], { cwd: root, stdio: 'inherit' });
await build({
  absWorkingDir: root,
  entryPoints: ['examples/react/main.tsx'],
  outfile: 'examples/react/dist/main.js',
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  jsx: 'automatic',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
console.log('built examples/react/dist/main.js');
