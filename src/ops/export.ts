/**
 * `fabriques export`: the whole platform in a logical, portable form — one JSON-lines file per table
 * (each line is PostgreSQL's own row_to_json of a row, in UTC), parents before children, and a
 * manifest with the migration version, each table's row count, content checksum and file SHA-256.
 * Read in one REPEATABLE READ, READ ONLY transaction: a consistent snapshot while the platform runs.
 * Written under a temporary name and renamed at the end: an interrupted export leaves no directory
 * that could be mistaken for a complete one.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { fingerprints, migrationVersion, platformTables, runnerOf, setCanonicalOutput, tableRef, type MigrationVersion } from './catalog.ts';
import { OpsRefusal } from './errors.ts';

export const EXPORT_FORMAT = 'fabriques-export';
export const EXPORT_FORMAT_VERSION = 1;
const FETCH_ROWS = 2_000;

export interface ManifestTable {
  name: string;
  /** relative to the export directory */
  file: string;
  rows: number;
  checksum: string;
  sha256: string;
  bytes: number;
}

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  formatVersion: number;
  createdAt: string;
  source: { kind: 'pglite' | 'pg'; serverVersion: string };
  migration: MigrationVersion;
  /** in import order (foreign keys' parents first) */
  tables: ManifestTable[];
}

export interface ExportResult {
  manifest: ExportManifest;
  dir: string;
  bytes: number;
  rows: number;
  ms: number;
}

export async function exportPlatform(database: Database, outDir: string): Promise<ExportResult> {
  const t0 = performance.now();
  const dir = path.resolve(outDir);
  if (existsSync(dir) && (!statSync(dir).isDirectory() || readdirSync(dir).length > 0)) {
    throw new OpsRefusal(`${dir} existe déjà et n’est pas un dossier vide : choisissez un autre --out (l’export n’écrase rien)`);
  }
  if (!existsSync(path.dirname(dir))) throw new OpsRefusal(`le dossier parent ${path.dirname(dir)} n’existe pas : créez-le ou choisissez un autre --out`);
  const partial = `${dir}.partiel-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.join(partial, 'tables'), { recursive: true });
  try {
    const manifest = await database.db.transaction(async (tx) => {
      const run = runnerOf(tx);
      await run(sql`set transaction isolation level repeatable read, read only`);
      const migration = await migrationVersion(run);
      if (!migration) throw new OpsRefusal('la base à exporter n’a aucune migration appliquée : lancez d’abord fabriques migrate (ou vérifiez DATA_DIR / DATABASE_URL)');
      const [{ version }] = (await run<{ version: string }>(sql`select current_setting('server_version') as version`)) as [{ version: string }];
      await setCanonicalOutput(run);
      const tables = await platformTables(run);
      const out: ManifestTable[] = [];
      for (const [i, t] of tables.entries()) {
        const file = `tables/${String(i + 1).padStart(3, '0')}-${t.name}.jsonl`;
        out.push({ name: t.name, file, ...(await dumpTable(run, t.name, path.join(partial, file))), checksum: '' });
      }
      const sums = await fingerprints(run, tables.map((t) => t.name));
      for (const t of out) {
        if (sums[t.name]!.rows !== t.rows) throw new Error(`table ${t.name} : ${t.rows} lignes écrites, ${sums[t.name]!.rows} comptées`);
        t.checksum = sums[t.name]!.checksum;
      }
      return {
        format: EXPORT_FORMAT,
        formatVersion: EXPORT_FORMAT_VERSION,
        createdAt: new Date().toISOString(),
        source: { kind: database.kind, serverVersion: version },
        migration,
        tables: out,
      } satisfies ExportManifest;
    });
    await writeFile(path.join(partial, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n', { flag: 'wx' });
    if (existsSync(dir)) rmSync(dir, { recursive: true });
    renameSync(partial, dir);
    const bytes = manifest.tables.reduce((s, t) => s + t.bytes, 0);
    return { manifest, dir, bytes, rows: manifest.tables.reduce((s, t) => s + t.rows, 0), ms: Math.round(performance.now() - t0) };
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}

/** Streams a table through a cursor into its file; returns rows, bytes and SHA-256 of the file. */
async function dumpTable(run: ReturnType<typeof runnerOf>, table: string, file: string): Promise<{ rows: number; bytes: number; sha256: string }> {
  const fh = await open(file, 'wx');
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  try {
    await run(sql.raw(`declare fabriques_export no scroll cursor for select row_to_json(t)::text as j from ${tableRef(table)} t`));
    for (;;) {
      const batch = await run<{ j: string }>(sql.raw(`fetch ${FETCH_ROWS} from fabriques_export`));
      if (batch.length === 0) break;
      // one row per line: row_to_json escapes newlines in strings (only a `json` column could keep a raw one)
      for (const r of batch) if (r.j.includes('\n')) throw new Error(`table ${table} : une ligne contient un saut de ligne brut (colonne json ?)`);
      const chunk = Buffer.from(batch.map((r) => r.j).join('\n') + '\n', 'utf8');
      hash.update(chunk);
      await fh.write(chunk);
      rows += batch.length;
      bytes += chunk.length;
    }
    await run(sql.raw('close fabriques_export'));
    await fh.sync();
  } finally {
    await fh.close();
  }
  return { rows, bytes, sha256: hash.digest('hex') };
}
