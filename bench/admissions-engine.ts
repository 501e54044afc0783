/**
 * The engine process of `npm run bench:admissions`: runs one `fabriques admissions …` command and
 * prints, on its last stdout line, `BENCH {json}` with its own wall time, CPU time and peak RSS
 * (process.resourceUsage().maxRSS, in kB). Only the admissions command is loaded, not the server.
 */
import { performance } from 'node:perf_hooks';
import { admissionsCommand } from '../src/cli/commands/admissions.ts';

const loaded = performance.now();
const code = await admissionsCommand.run(process.argv.slice(2));
const done = performance.now();
const usage = process.resourceUsage();
console.log(
  `BENCH ${JSON.stringify({
    code,
    startupMs: loaded,
    commandMs: done - loaded,
    processMs: done,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssBytes: usage.maxRSS * 1024,
  })}`,
);
process.exitCode = code;
