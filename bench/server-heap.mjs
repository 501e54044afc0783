// Loaded into the server by `npm run bench:load` only (node --expose-gc --import): on SIGUSR2, a full
// garbage collection, then the JavaScript heap still in use written to $BENCH_HEAP_REPORT. Comparing it
// after the warm-up and at the end tells a leak from memory the collector simply had not reclaimed yet.
import { renameSync, writeFileSync } from 'node:fs';

const report = process.env.BENCH_HEAP_REPORT;
if (report && typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    writeFileSync(`${report}.tmp`, JSON.stringify({ heapUsed: process.memoryUsage().heapUsed }));
    renameSync(`${report}.tmp`, report);
  });
}
