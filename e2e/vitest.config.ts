import { defineConfig } from 'vitest/config';

// Browser tests: the real server (built web app, embedded database seeded with the demo network)
// driven by Debian chromium through playwright-core. One server for the whole run.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
