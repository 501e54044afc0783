import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LOG_DIR_VARIABLE } from './logs.ts';

/**
 * vitest globalSetup: a fresh directory for the run's server logs (LOG_DIR, inherited by the test
 * processes and by the servers they spawn), scanned by test/personal-data-in-logs.check.ts once the
 * other projects are done, and removed at the end of the run (kept with KEEP_TEST_LOGS=1, its path
 * printed).
 */
let created: string | undefined;

export function setup() {
  created = mkdtempSync(path.join(tmpdir(), 'fabriques-test-logs-'));
  process.env[LOG_DIR_VARIABLE] = created;
}

export function teardown() {
  if (!created) return;
  if (process.env.KEEP_TEST_LOGS === '1') console.log(`server logs of the run kept in ${created}`);
  else rmSync(created, { recursive: true, force: true });
}
