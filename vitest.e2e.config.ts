import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    // `npm start` builds the demo and starts PGlite before it answers.
    hookTimeout: 240_000,
    // Each file runs its own `npm start`, which builds the demo into the same dist/demo.
    fileParallelism: false,
  },
});
