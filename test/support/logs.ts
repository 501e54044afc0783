import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { LogDestination } from '../../src/http/logging.ts';

/**
 * The log output of every server the tests build, for the scan that runs after the suite
 * (test/personal-data-in-logs.check.ts). The run's globalSetup (log-capture.ts) sets LOG_DIR to a
 * fresh directory: each test process appends the lines of the servers it builds (level debug) to its
 * own file there, synchronously; a `fabriques serve` the tests spawn inherits LOG_DIR and copies its
 * lines there too (src/config.ts, src/http/logging.ts logFileCopy). Without the variable, servers
 * built by tests stay quiet.
 */
export const LOG_DIR_VARIABLE = 'LOG_DIR';

let fd: number | undefined;

export function testLogFile(dir: string): string {
  return path.join(dir, `server-${process.pid}-${threadId}.log`);
}

export function testLogger(): false | LogDestination {
  const dir = process.env[LOG_DIR_VARIABLE];
  if (!dir) return false;
  if (fd === undefined) {
    const opened = openSync(testLogFile(dir), 'a');
    fd = opened;
    process.once('exit', () => closeSync(opened));
  }
  const out = fd;
  return { level: 'debug', stream: { write: (line: string) => void writeSync(out, line) } };
}
