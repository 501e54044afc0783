import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { OpsRefusal } from './errors.ts';

/** Where Debian's postgresql packages put their programs: /usr/lib/postgresql/<major>/bin. */
const DEBIAN_ROOT = '/usr/lib/postgresql';

/**
 * Finds a PostgreSQL client program (pg_dump, pg_restore): the newest Debian install first (a newer
 * pg_dump reads older servers, never the reverse), then the PATH. Refuses with what to install.
 */
export function findPgProgram(name: 'pg_dump' | 'pg_restore', searchPath = process.env.PATH ?? ''): string {
  const majors = existsSync(DEBIAN_ROOT)
    ? readdirSync(DEBIAN_ROOT)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const p = path.join(DEBIAN_ROOT, major, 'bin', name);
    if (existsSync(p)) return p;
  }
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  throw new OpsRefusal(
    `${name} est introuvable (ni dans ${DEBIAN_ROOT}/*/bin ni dans le PATH) : installez les outils clients de PostgreSQL ` +
      `(Debian : apt install postgresql-client-15, de la même version que le serveur ou plus récente) puis relancez.`,
  );
}

/**
 * The connection of a DATABASE_URL for libpq programs, the password kept out of the command line
 * (where `ps` would show it): the URL without it, and PGPASSWORD in the environment.
 */
export function libpqConnection(url: string): { dbname: string; env: Record<string, string> } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** The database name of a URL, for messages. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** Runs a program; resolves with its stderr, rejects with its last lines when it fails. */
export function run(program: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out + err);
      else reject(new Error(`${path.basename(program)} a échoué (code ${code}) : ${(err || out).trim().split('\n').slice(-5).join(' | ')}`));
    });
  });
}
