import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export { freePort } from '../test/support/ports.ts';

/** Runs `fabriques <args>` and resolves with its output; rejects on a non-zero exit. */
export function fabriques(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['bin/fabriques.mjs', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    p.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`fabriques ${args.join(' ')} exited ${code}:\n${out}`))));
  });
}

/** The Node.js flags `npm start` gives the server (package.json's start script), so benchmarks run it the same way. */
export function startFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const m = /\bnode((?: --\S+)*) bin\/fabriques\.mjs serve\b/.exec(scripts.start);
  if (!m) throw new Error(`package.json: the start script no longer runs "node … bin/fabriques.mjs serve" (${scripts.start})`);
  return m[1]!.split(' ').filter(Boolean);
}

/** Starts `fabriques serve` (with the flags of `npm start`) and waits for /api/health. */
export async function startServer(env: Record<string, string>, port: number, extraNodeArgs: string[] = []): Promise<ChildProcess> {
  // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server of a benchmark
  const nodeArgs = [...startFlags(), ...extraNodeArgs, ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean)];
  const child = spawn(process.execPath, [...nodeArgs, 'bin/fabriques.mjs', 'serve'], {
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error('the server stopped');
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('the server did not start in time');
    await new Promise((r) => setTimeout(r, 500));
  }
}

export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/**
 * The benchmarks' seeded generator (mulberry32, a uniform float in [0, 1)): the same inputs on every
 * run, so that runs compare. The demo seed has its own richer one in src/seed/prng.ts.
 */
export function mulberry32(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
