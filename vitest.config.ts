import { defineConfig } from 'vitest/config';

// Tiers visible from file names: *.test.ts pure and fast, *.int.test.ts on a real database.
// The servers the tests build or spawn write their logs to LOG_DIR (test/support/log-capture.ts);
// once the unit and integration projects are done, the `logs` project scans them for personal data.
export default defineConfig({
  test: {
    globalSetup: ['test/support/log-capture.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          sequence: { groupOrder: 0 },
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
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'logs',
          include: ['test/personal-data-in-logs.check.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
