import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The demo page as a static bundle in dist/demo/; the BFF serves it at `/` and answers /api.
export default defineConfig({
  root: fileURLToPath(new URL('./demo', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/demo', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: Object.fromEntries(['/api', '/favicon.svg', '/favicon.ico'].map((path) => [path, process.env.BFF_URL ?? 'http://localhost:8080'])),
  },
});
