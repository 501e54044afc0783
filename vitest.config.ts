import { defineConfig } from 'vitest/config';

// Tiers visible from file names: *.test.ts pure and fast, *.int.test.ts on a real database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // one embedded database per file; files run in parallel on the 2 cores
          fileParallelism: true,
        },
      },
    ],
  },
});
