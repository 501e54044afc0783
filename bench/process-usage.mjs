// Loaded into the engine process by `npm run bench:admissions` only (node --import): at exit, one
// stdout line `BENCH {json}` with the process's own time since it started, its CPU time and its peak
// resident memory, the command itself running as a user runs it. The peak is Linux's VmHWM: the
// maxRSS of getrusage survives exec, so a small job would report the bench process's own size.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

function peakKb(fallback) {
  try {
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
  } catch {
    return fallback;
  }
}

// (--import also runs in the engine's worker thread, whose exit is not the process's)
if (isMainThread) process.on('exit', (code) => {
  const usage = process.resourceUsage();
  const report = { code, processMs: performance.now(), cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssBytes: peakKb(usage.maxRSS) * 1024 };
  process.stdout.write(`BENCH ${JSON.stringify(report)}\n`);
});
