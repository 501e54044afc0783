/**
 * `fabriques backup` / `fabriques restore`: a physical copy of the configured database, restored
 * into the same kind of database.
 *
 * - Embedded (PGlite, DATA_DIR): the data directory as a gzipped tarball (PGlite's dumpDataDir);
 *   restored with PGlite's loadDataDir into a new directory, checked, then swapped in — the
 *   previous one is kept beside it when it held data. Stop the server first: PGlite is one process.
 * - Real server (DATABASE_URL): pg_dump's custom format (`-Fc`, no owners nor privileges), restored by
 *   pg_restore in a single transaction (all or nothing); with --force, the objects of the backup are
 *   dropped first in that same transaction.
 *
 * The kind is read from the file itself (gzip or tar = embedded, PGDMP = server). Moving between
 * kinds is export/import's job.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { DatabaseSettings } from '../db/client.ts';
import { openDatabase } from '../db/client.ts';
import { nonEmptyTables, platformTables, type Runner } from './catalog.ts';
import { OpsRefusal } from './errors.ts';
import { databaseName, findPgProgram, libpqConnection, run } from './pg-tools.ts';

export type BackupKind = 'pglite' | 'pg';

export interface BackupResult {
  kind: BackupKind;
  file: string;
  bytes: number;
  ms: number;
}

export interface RestoreResult extends BackupResult {
  /** where the previous embedded database was kept (restore --force over data) */
  keptAside?: string;
}

const BACKUP_OF: Record<BackupKind, string> = { pglite: 'de la base embarquée (PGlite, DATA_DIR)', pg: 'd’un serveur PostgreSQL (DATABASE_URL)' };
const CONFIGURED: Record<BackupKind, string> = { pglite: 'la base embarquée (DATA_DIR)', pg: 'un serveur PostgreSQL (DATABASE_URL)' };

/** The kind of a backup file, from its first bytes. */
export function backupKindOf(file: string): BackupKind | null {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(512);
  const n = readSync(fd, head, 0, 512, 0);
  closeSync(fd);
  if (n >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'pg';
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  if (n >= 262 && head.subarray(257, 262).toString('latin1') === 'ustar') return 'pglite';
  return null;
}

function checkOut(out: string): string {
  const file = path.resolve(out);
  if (existsSync(file)) throw new OpsRefusal(`${file} existe déjà : choisissez un autre --out (une sauvegarde n’en écrase jamais une autre)`);
  if (!existsSync(path.dirname(file))) throw new OpsRefusal(`le dossier ${path.dirname(file)} n’existe pas : créez-le ou choisissez un autre --out`);
  return file;
}

function checkIn(input: string, settings: DatabaseSettings): { file: string; kind: BackupKind } {
  const file = path.resolve(input);
  if (!existsSync(file) || !statSync(file).isFile()) throw new OpsRefusal(`${file} est introuvable : indiquez avec --in un fichier écrit par fabriques backup`);
  const kind = backupKindOf(file);
  if (!kind) throw new OpsRefusal(`${file} n’est pas une sauvegarde Fabriques (ni archive PGlite, ni pg_dump au format custom)`);
  if (kind !== settings.kind) {
    throw new OpsRefusal(
      `${file} est une sauvegarde ${BACKUP_OF[kind]}, la base configurée est ${CONFIGURED[settings.kind]} : ` +
        'restaurez-la dans le même genre de base, ou passez de l’une à l’autre avec fabriques export / fabriques import',
    );
  }
  return { file, kind };
}

export async function backupDatabase(settings: DatabaseSettings, out: string): Promise<BackupResult> {
  const t0 = performance.now();
  const file = checkOut(out);
  const partial = `${file}.partiel-${process.pid}`;
  try {
    if (settings.kind === 'pglite') {
      if (!existsSync(path.join(settings.dataDir, 'PG_VERSION'))) throw new OpsRefusal(`aucune base embarquée dans ${settings.dataDir} : vérifiez DATA_DIR (ou DATABASE_URL pour un serveur)`);
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(settings.dataDir);
      try {
        const tarball = await db.dumpDataDir('gzip');
        writeFileSync(partial, Buffer.from(await tarball.arrayBuffer()), { flag: 'wx' });
      } finally {
        await db.close();
      }
    } else {
      const pgDump = findPgProgram('pg_dump');
      const c = libpqConnection(settings.url);
      await run(pgDump, ['--format=custom', '--no-owner', '--no-acl', `--file=${partial}`, `--dbname=${c.dbname}`], c.env);
    }
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { kind: settings.kind, file, bytes: statSync(file).size, ms: Math.round(performance.now() - t0) };
}

export async function restoreDatabase(settings: DatabaseSettings, input: string, options: { force: boolean }): Promise<RestoreResult> {
  const t0 = performance.now();
  const { file, kind } = checkIn(input, settings);
  const result = settings.kind === 'pglite' ? await restorePglite(settings.dataDir, file, options.force) : await restorePg(settings.url, file, options.force);
  return { kind, file, bytes: statSync(file).size, ms: Math.round(performance.now() - t0), ...result };
}

async function restorePglite(dataDir: string, file: string, force: boolean): Promise<{ keptAside?: string }> {
  let hasData = false;
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) {
    const current = await openDatabase({ kind: 'pglite', dataDir });
    try {
      hasData = (await dataIn(current.rows.bind(current) as Runner)).length > 0;
    } finally {
      await current.close();
    }
    if (hasData && !force) {
      throw new OpsRefusal(`la base embarquée de ${dataDir} contient déjà des données : relancez avec --force pour la remplacer (elle sera gardée à côté)`);
    }
  } else if (existsSync(dataDir) && readdirNonEmpty(dataDir)) {
    throw new OpsRefusal(`${dataDir} existe et ne contient pas une base PGlite : videz-le ou changez DATA_DIR`);
  }
  // load into a new directory, check it opens, then swap
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const fresh = `${dataDir}.restauration-${stamp}`;
  const { PGlite } = await import('@electric-sql/pglite');
  const bytes = readFileSync(file);
  mkdirSync(path.dirname(fresh), { recursive: true });
  const gz = bytes[0] === 0x1f && bytes[1] === 0x8b;
  try {
    const db = await PGlite.create(fresh, { loadDataDir: new Blob([bytes], { type: gz ? 'application/x-gzip' : 'application/x-tar' }) });
    try {
      await db.query('select count(*) from drizzle.__drizzle_migrations');
    } finally {
      await db.close();
    }
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw new Error(`la sauvegarde ne se recharge pas (${(e as Error).message}) ; la base en place n’a pas été touchée`);
  }
  let keptAside: string | undefined;
  if (existsSync(dataDir)) {
    if (hasData) {
      keptAside = `${dataDir}.avant-restauration-${stamp}`;
      renameSync(dataDir, keptAside);
    } else {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  renameSync(fresh, dataDir);
  return keptAside ? { keptAside } : {};
}

function readdirNonEmpty(dir: string): boolean {
  return !statSync(dir).isDirectory() || readdirSync(dir).length > 0;
}

/** Tables of the platform holding rows. */
async function dataIn(run: Runner): Promise<{ table: string; rows: number }[]> {
  const tables = await platformTables(run);
  return nonEmptyTables(run, tables.map((t) => t.name));
}

async function restorePg(url: string, file: string, force: boolean): Promise<Record<string, never>> {
  const pgRestore = findPgProgram('pg_restore');
  const c = libpqConnection(url);
  // the archive must be readable before anything is touched
  await run(pgRestore, ['--list', file]).catch((e: Error) => {
    throw new OpsRefusal(`${file} n’est pas lisible par pg_restore (${e.message}) : vérifiez le fichier`);
  });
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (e) {
    throw new OpsRefusal(`connexion impossible à la base ${databaseName(url)} (${(e as Error).message}) : vérifiez DATABASE_URL et que le serveur tourne (créez la base vide au besoin)`);
  }
  let objects = 0;
  let busy: { table: string; rows: number }[] = [];
  try {
    const r = await client.query<{ n: number }>(`
      select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%' and c.relkind in ('r', 'p', 'S', 'v', 'm')`);
    objects = r.rows[0]!.n;
    const tables = await client.query<{ schema: string; name: string }>(`
      select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%' and c.relkind in ('r', 'p')`);
    for (const t of tables.rows) {
      // the migrations' and the job queue's own bookkeeping is not the platform's data
      if (t.schema === 'drizzle' || t.schema === 'pgboss') continue;
      const q = await client.query<{ n: number }>(`select count(*)::int as n from (select 1 from "${t.schema.replace(/"/g, '""')}"."${t.name.replace(/"/g, '""')}" limit 1) x`);
      if (q.rows[0]!.n > 0) busy.push({ table: `${t.schema}.${t.name}`, rows: q.rows[0]!.n });
    }
  } finally {
    await client.end();
  }
  if (busy.length > 0 && !force) {
    throw new OpsRefusal(`la base ${databaseName(url)} contient déjà des données (${busy.slice(0, 3).map((b) => b.table).join(', ')}${busy.length > 3 ? '…' : ''}) : relancez avec --force pour la remplacer, ou restaurez dans une base neuve`);
  }
  const args = ['--single-transaction', '--exit-on-error', '--no-owner', '--no-acl', `--dbname=${c.dbname}`];
  if (objects > 0) args.unshift('--clean', '--if-exists');
  await run(pgRestore, [...args, file], c.env);
  // the restored database answers
  const check = await openDatabase({ kind: 'pg', url, max: 1 });
  try {
    await check.rows(sql`select count(*) from drizzle.__drizzle_migrations`);
  } finally {
    await check.close();
  }
  return {};
}
