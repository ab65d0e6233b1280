// No bundler: the site is index.html plus the package's bundled module, copied out of
// node_modules as a portal copies it into its assets. Everything of dist/ but the per-module
// builds (components/, domain/, react/) goes along, so chunks the bundle may import beside
// seppmail-services.js come with it.
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';

const bundle = createRequire(import.meta.url).resolve('@seppmail/cloud-services/bundle');
const from = dirname(bundle);
rmSync('dist', { recursive: true, force: true });
cpSync(from, 'dist/assets', { recursive: true, filter: (path) => path === from || !['components', 'domain', 'react'].includes(basename(path)) || dirname(path) !== from });
cpSync('index.html', 'dist/index.html');
console.log(`dist/: index.html, assets/${basename(bundle)}`);
