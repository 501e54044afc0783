import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_DIR_VARIABLE } from './support/logs.ts';
import { findPersonalValues, personalMarkers } from './support/personal-markers.ts';

/**
 * Runs after the unit and integration projects (vitest.config.ts, groupOrder 1): reads every log line
 * the tests' servers wrote (test/support/logs.ts) and fails the run if one holds a personal value the
 * tests know — an e-mail address or phone number of any shape, a demo account's or a test's name.
 */
describe('the server logs of the whole test run', () => {
  it('hold no personal data', () => {
    const dir = process.env[LOG_DIR_VARIABLE];
    expect(dir, `${LOG_DIR_VARIABLE} is set by test/support/log-capture.ts`).toBeTruthy();
    const files = existsSync(dir!) ? readdirSync(dir!).filter((f) => f.endsWith('.log')) : [];
    const markers = personalMarkers();
    const findings: string[] = [];
    let lines = 0;
    for (const f of files) {
      const text = readFileSync(path.join(dir!, f), 'utf8');
      lines += text.split('\n').filter(Boolean).length;
      for (const hit of findPersonalValues(text, markers)) {
        findings.push(`${f}:${hit.line}: « ${hit.found} » in ${text.split('\n')[hit.line - 1]!.slice(0, 300)}`);
      }
    }
    console.log(`log scan: ${lines} lines from ${files.length} test processes, ${markers.values.length} known values and the e-mail and phone patterns looked for`);
    expect(findings.slice(0, 20), `${findings.length} log lines with personal data`).toEqual([]);
  });
});
