/**
 * The real `fabriques serve` as a child process (as in production: its own pools, pg-boss, the mail
 * worker), its output kept for the failure message; and a small cookie + CSRF HTTP client over fetch.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../support/ports.ts';

const root = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  base: string;
  /** what the process printed (stdout and stderr) */
  output(): string;
  /** kill -9: no handler runs, connections are cut mid-transaction */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startServe(env: Record<string, string>, timeoutMs = 90_000): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/fabriques.mjs'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      SESSION_SECRET: 'crash-test-secret-crash-test-secret-0123',
      ARGON2_MEMORY_KIB: '8192',
      ARGON2_TIME_COST: '1',
      AUTH_DELAY_UNIT_MS: '1',
      WEB_DIST: '/nonexistent',
      DATA_DIR: '/tmp/fabriques-crash-unused',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const base = `http://127.0.0.1:${port}`;
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const waitExit = () => new Promise<void>((resolve) => (exited() ? resolve() : child.once('exit', () => resolve())));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error(`fabriques serve s’est arrêté au démarrage :\n${out}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`fabriques serve n’a pas démarré en ${timeoutMs / 1000} s :\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    base,
    output: () => out,
    kill9: async () => {
      child.kill('SIGKILL');
      await waitExit();
    },
    stop: async () => {
      if (exited()) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await waitExit();
      clearTimeout(t);
    },
  };
}

export interface HttpAnswer {
  status: number;
  body: any;
}

/** A browser-like client: keeps the session cookie, sends the CSRF token it was given. */
export class HttpClient {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(readonly base: string) {}

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      if (pair && /fabriques-session=/.test(pair)) this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    if (json && typeof json === 'object' && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.status, body: json };
  }

  async signIn(email: string, password: string): Promise<void> {
    const r = await this.call('POST', '/api/auth/sign-in', { email, password });
    if (r.status !== 200) throw new Error(`connexion de ${email} : ${r.status} ${JSON.stringify(r.body)}`);
  }
}
