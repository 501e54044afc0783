// Loaded into the engine process by `npm run bench:admissions` only (node --import): at exit, one
// stdout line `BENCH {json}` with the process's own time since it started, its CPU time and its peak
// resident memory (process.resourceUsage().maxRSS, in kB), the command itself running as a user runs it.
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

// (--import also runs in the engine's worker thread, whose exit is not the process's)
if (isMainThread) process.on('exit', (code) => {
  const usage = process.resourceUsage();
  const report = { code, processMs: performance.now(), cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssBytes: usage.maxRSS * 1024 };
  process.stdout.write(`BENCH ${JSON.stringify(report)}\n`);
});
