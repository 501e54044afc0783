/**
 * npm run bench:admissions -- --candidates N [--seed S] [--keep]
 *
 * Writes seeded synthetic files (N candidates × 10 wishes, N/40 groups: bench/admissions-generate.ts)
 * to a temporary directory, then runs the engine on them, each job in its own process, as a user
 * runs it (`node bin/fabriques.mjs admissions …`, from its compiled file, built beforehand): the call
 * order, one first-day round, and the same round with the automatic responder. Prints wall time
 * (whole process, from spawn to exit, and the command's own read / compute / write) and peak RSS of
 * each engine process (bench/process-usage.mjs). The round reads W.csv's rank as the call rank (a first-day
 * round: every wish waiting); the cost does not depend on which ranking the ranks come from.
 *
 * Targets on 2 cores at N = 1,000,000: call order ≤ 3 s, one round ≤ 5 s, peak RSS ≤ 3 GB. The
 * machine line (byte scan speed, cost of fresh memory, load average) tells how this machine compares.
 *
 * Then, unless `--persist 0`, the time to persist a round of `--persist` candidates (default 100,000)
 * on the real server: bench/admissions-persist.ts in its own process (target ≤ 30 s).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildModule, compiledModule } from '../src/shared/compiled-module.mjs';
import { generateAdmissions } from './admissions-generate.ts';

const { values } = parseArgs({
  options: {
    candidates: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '2016' },
    keep: { type: 'boolean', default: false },
    persist: { type: 'string', default: '100000' },
  },
});

function count(text: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replace(/_/g, ''));
  if (!m) throw new Error(`--candidates : un nombre est attendu (ex. 100000, 100k, 1M), reçu « ${text} »`);
  const unit = m[2]!.toLowerCase() === 'k' ? 1e3 : m[2]!.toLowerCase() === 'm' ? 1e6 : 1;
  return Math.round(Number(m[1]) * unit);
}

interface Report {
  code: number;
  processMs: number;
  cpuMs: number;
  maxRssBytes: number;
}

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'bin/fabriques.mjs');
const USAGE = pathToFileURL(path.join(import.meta.dirname, 'process-usage.mjs')).href;

/**
 * Builds the compiled files of `fabriques admissions` and of its worker thread when the sources
 * changed since the last ones (the first run after a change would otherwise start through tsx).
 */
async function compiled(): Promise<string> {
  const urls = [];
  for (const source of ['src/cli/admissions-main.ts', 'src/areas/admissions/batch/parallel-worker.ts']) {
    const entry = pathToFileURL(path.join(root, source));
    const url = compiledModule(entry) ?? (await buildModule(entry));
    if (!url) throw new Error(`${source} : compilation impossible (esbuild)`);
    urls.push(path.relative(root, fileURLToPath(url)));
  }
  return urls.join(', ');
}

function engine(args: string[]): Promise<Report & { wallMs: number; summary: Record<string, unknown> }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', USAGE, BIN, 'admissions', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const wallMs = performance.now() - started;
      const lines = out.trim().split('\n');
      const bench = lines.find((l) => l.startsWith('BENCH '));
      if (code !== 0 || !bench) return reject(new Error(`engine ${args.join(' ')} exited ${code}:\n${out}`));
      const summary = JSON.parse(lines.find((l) => l.startsWith('{')) ?? '{}') as Record<string, unknown>;
      resolve({ ...(JSON.parse(bench.slice(6)) as Report), wallMs, summary });
    });
    child.on('error', reject);
  });
}

/**
 * How fast this machine is at what the engine does most, to compare figures across machines: a plain
 * byte scan (ns per byte) and touching fresh memory (µs per 4 KB page, i.e. page faults).
 */
function calibrate(): { scanNsPerByte: number; pageFaultUs: number } {
  const bytes = Buffer.alloc(64 << 20, 97);
  for (let i = 0; i < bytes.length; i += 97) bytes[i] = 44;
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    let n = 0;
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 44) n++;
    best = Math.min(best, performance.now() - t0);
    if (n === 0) throw new Error('unreachable');
  }
  const fresh = new Int32Array(16 << 20); // 64 MB
  const t1 = performance.now();
  fresh.fill(1);
  const faultMs = performance.now() - t1;
  return { scanNsPerByte: (best * 1e6) / bytes.length, pageFaultUs: (faultMs * 1000) / ((64 << 20) / 4096) };
}

/** The byte scan of calibrate(), as source text, for a worker thread too. */
const SCAN = `function scan(rounds) {
  const b = new Uint8Array(32 << 20);
  for (let i = 0; i < b.length; i += 97) b[i] = 44;
  let n = 0;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) for (let i = 0; i < b.length; i++) if (b[i] === 44) n++;
  if (n === 0) throw new Error('unreachable');
  return performance.now() - t0;
}`;

/**
 * What two threads get from this machine's "2 cores": the byte scan alone, then on two threads at
 * once; the throughput of both together relative to one thread (2.0 for two real cores).
 */
async function twoThreads(): Promise<{ alone: number; together: number }> {
  const scan = new Function(`${SCAN}; return scan;`)() as (rounds: number) => number;
  const alone = Math.min(scan(4), scan(4));
  const worker = new Worker(`${SCAN}; const { parentPort } = require('node:worker_threads'); parentPort.once('message', () => parentPort.postMessage(scan(4)));`, { eval: true });
  await new Promise((r) => worker.once('online', r));
  const theirs = new Promise<number>((r) => worker.once('message', r));
  worker.postMessage('go');
  const mine = scan(4);
  const other = await theirs;
  await worker.terminate();
  return { alone, together: (2 * alone) / Math.max(mine, other) };
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;

const candidates = count(values.candidates!);
const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-admissions-'));
try {
  const t0 = performance.now();
  const files = generateAdmissions(dir, candidates, Number(values.seed));
  console.log(
    `generated ${candidates.toLocaleString('en')} candidates, ${files.wishCount.toLocaleString('en')} wishes, ${files.groupCount.toLocaleString('en')} groups ` +
      `(${mb(files.bytes)}) in ${s(performance.now() - t0)} — ${dir}`,
  );
  const c = calibrate();
  const two = await twoThreads();
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; byte scan ${c.scanNsPerByte.toFixed(2)} ns/byte, ` +
      `fresh memory ${c.pageFaultUs.toFixed(1)} µs/page (${((c.pageFaultUs * 256) / 1000).toFixed(1)} ms/MB); ` +
      `two threads scanning at once do ${two.together.toFixed(2)}× the work of one (2.00 on two real cores)`,
  );
  console.log(`engine: ${await compiled()}`);
  const common = ['--groups', files.groups, '--wishes', files.wishes];
  const jobs: [string, string[], string][] = [
    ['call order', ['call-order', ...common, '--out', path.join(dir, 'O.csv')], 'O.csv'],
    ['round', ['round', ...common, '--out', path.join(dir, 'S.csv')], 'S.csv'],
    ['round + auto-responder', ['round', ...common, '--auto-responder', '--out', path.join(dir, 'S-auto.csv')], 'S-auto.csv'],
  ];
  console.log('job                     | wall (process)   | threads | CPU     | peak RSS | read / compute / write (s)      | CPU read / rest (s) | load | output');
  for (const [name, args, out] of jobs) {
    const r = await engine(args);
    const t = r.summary.timings as { threads: number; readMs: number; computeMs: number; writeMs: number; readCpuMs: number; afterReadCpuMs: number };
    const secs = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(' / ');
    console.log(
      `${name.padEnd(23)} | ${`${s(r.wallMs)} (${s(r.processMs)})`.padStart(16)} | ${String(t.threads).padStart(7)} | ${s(r.cpuMs).padStart(7)} | ${mb(r.maxRssBytes).padStart(8)} | ` +
        `${secs([t.readMs, t.computeMs, t.writeMs]).padEnd(31)} | ${secs([t.readCpuMs, t.afterReadCpuMs]).padEnd(19)} | ${loadavg()[0]!.toFixed(1).padStart(4)} | ${mb(statSync(path.join(dir, out)).size)}`,
    );
    if (name === 'round + auto-responder' || name === 'round') console.log(`  ${JSON.stringify({ offers: r.summary.offers, autoResponses: r.summary.autoResponses, statuses: r.summary.statuses })}`);
  }
} finally {
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

const persisted = count(values.persist!);
if (persisted > 0) {
  console.log(`\npersisting a ${persisted.toLocaleString('en')}-candidate round on the real server (bench/admissions-persist.ts):`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'admissions-persist.ts'), '--candidates', String(persisted), '--seed', values.seed!], {
      stdio: 'inherit',
    });
    child.on('exit', resolve);
    child.on('error', reject);
  });
  if (code !== 0) {
    console.error(`bench:admissions-persist a échoué (code ${code})`);
    process.exitCode = 1;
  }
}
