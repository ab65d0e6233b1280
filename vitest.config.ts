import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/bff/**/*.test.ts', 'test/domain/**/*.test.ts', 'test/package/**/*.test.ts', 'test/components-logic/**/*.test.ts'],
    // Each file opens its own database (PGlite takes ~0.5 GB); two cores, two workers.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
