import { defineConfig } from 'vite';

export default defineConfig({
  // Relative asset URLs: the built dist/ works from any path a portal (or the e2e test) serves it at.
  base: './',
});
