import { spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  out: string;
}

/**
 * Starts `fabriques <args>` as the operator would — a new process of bin/fabriques.mjs — with only the
 * given database settings (and from a directory without any .env).
 */
export function spawnFabriques(args: string[], env: { DATA_DIR?: string; DATABASE_URL?: string }): { child: ChildProcess; done: Promise<CliResult> } {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.DATA_DIR;
  const child = spawn(process.execPath, [path.join(root, 'bin/fabriques.mjs'), ...args], {
    cwd: tmpdir(),
    // (vitest sets BASE_URL to '/', which the configuration refuses)
    env: { ...base, SESSION_SECRET: 'ops-test-secret-ops-test-secret-0123456', BASE_URL: 'http://localhost:3000', LOG_LEVEL: 'warn', DATA_DIR: '/tmp/fabriques-ops-unused', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
  return { child, done };
}

/** Runs `fabriques <args>` in a new process (see spawnFabriques) and waits for its end. */
export function fabriques(args: string[], env: { DATA_DIR?: string; DATABASE_URL?: string }): Promise<CliResult> {
  return spawnFabriques(args, env).done;
}

/**
 * The same through the CLI's entry point in this process (much faster: the refusal cases), with the
 * given settings in place of the environment's for the call, and what it printed.
 */
export async function fabriquesInProcess(args: string[], env: { DATA_DIR?: string; DATABASE_URL?: string }): Promise<CliResult> {
  const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL, SESSION_SECRET: process.env.SESSION_SECRET, BASE_URL: process.env.BASE_URL };
  delete process.env.DATABASE_URL;
  process.env.DATA_DIR = '/tmp/fabriques-ops-unused';
  process.env.SESSION_SECRET = 'ops-test-secret-ops-test-secret-0123456';
  process.env.BASE_URL = 'http://localhost:3000';
  Object.assign(process.env, env);
  const lines: string[] = [];
  const log = console.log;
  const error = console.error;
  console.log = (...a: unknown[]) => void lines.push(a.join(' '));
  console.error = (...a: unknown[]) => void lines.push(a.join(' '));
  try {
    return { code: await main(args), out: lines.join('\n') };
  } finally {
    console.log = log;
    console.error = error;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
