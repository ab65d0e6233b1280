// main.tsx bundled for the browser, React and the package (through its `exports` map, as any
// bundler resolves it) inside; the site is dist/ (index.html and main.js).
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['main.tsx'],
  outfile: 'dist/main.js',
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  jsx: 'automatic',
  conditions: ['production'],
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
cpSync('index.html', 'dist/index.html');
console.log('dist/: index.html, main.js');
