import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../test/support/ports.ts';

let child: ChildProcess | undefined;
let dataDir: string | undefined;

/** Starts `fabriques serve` as a user would, on a fresh embedded database, and waits until it answers. */
export async function setup(project: TestProject) {
  const port = await freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'fabriques-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['bin/fabriques.mjs', 'serve'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), DATA_DIR: dataDir, BASE_URL: baseUrl, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server stopped:\n${output}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer in time:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  project.provide('baseUrl', baseUrl);
}

export async function teardown() {
  child?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  child?.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
