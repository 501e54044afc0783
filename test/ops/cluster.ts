/**
 * A throw-away PostgreSQL cluster owned by one test file (scripts/pg-throwaway.sh), which the test may
 * stop and start again (database loss) or crash (pg_ctl -m immediate). Needs the Debian postgresql
 * binaries; tests skip with a message when there are none.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/ports.ts';

const root = path.resolve(import.meta.dirname, '../..');

function pgBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const majors = readdirSync(base).filter((d) => /^\d+$/.test(d) && existsSync(path.join(base, d, 'bin/initdb')));
  return majors.length ? path.join(base, majors.sort((a, b) => Number(b) - Number(a))[0]!, 'bin') : null;
}

export const POSTGRES_BIN = pgBin();
/** Why the tests needing a real server are skipped, or null when they run. */
export const NO_POSTGRES = POSTGRES_BIN ? null : 'PostgreSQL absent (/usr/lib/postgresql/*/bin/initdb) : apt install postgresql pour lancer ces tests';

/**
 * Why the tests that start their own cluster (crash, database loss) are skipped. They do not depend
 * on TEST_DATABASE_URL: CI runs them in its first pass (`npm test`) and not again in the second one
 * (`TEST_DATABASE_URL=… npm run test:int`), which would only repeat them.
 */
export const SKIP_OWN_CLUSTER = NO_POSTGRES ?? (process.env.TEST_DATABASE_URL ? 'déjà joués sur leur propre serveur, sans TEST_DATABASE_URL' : null);

export interface Cluster {
  dir: string;
  port: number;
  /** the cluster's `postgres` database */
  url: string;
  /** a URL for another database of the cluster */
  urlOf(database: string): string;
  /** stops the server (fast: sessions are cut) — the data stays */
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function startCluster(): Promise<Cluster> {
  if (!POSTGRES_BIN) throw new Error(NO_POSTGRES!);
  const port = await freePort();
  const out = execFileSync(path.join(root, 'scripts/pg-throwaway.sh'), ['start', String(port)], { encoding: 'utf8' }).trim().split('\n');
  const dir = out[0]!;
  const url = out.at(-1)!;
  const ctl = (args: string[]) => execFileSync('runuser', ['-u', 'postgres', '--', path.join(POSTGRES_BIN!, 'pg_ctl'), '-D', path.join(dir, 'data'), ...args], { stdio: 'ignore' });
  return {
    dir,
    port,
    url,
    urlOf: (database) => {
      const u = new URL(url);
      u.pathname = `/${database}`;
      return u.toString();
    },
    stop: () => ctl(['-m', 'fast', '-w', 'stop']),
    start: () =>
      ctl(['-l', path.join(dir, 'server.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300`, 'start']),
    destroy: () => execFileSync(path.join(root, 'scripts/pg-throwaway.sh'), ['stop', dir]),
  };
}

/** A new empty database on a server (TEST_DATABASE_URL or a cluster), dropped by `drop`. */
export async function scratchDatabase(serverUrl: string, prefix = 'fabriques_ops'): Promise<{ url: string; drop: () => Promise<void> }> {
  const { randomBytes } = await import('node:crypto');
  const pg = (await import('pg')).default;
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
