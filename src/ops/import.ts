/**
 * `fabriques import`: loads an export (export.ts) into an empty platform of the same migration
 * version — typically from the embedded database to a real server. Everything is checked before the
 * target is touched (manifest, every file's SHA-256 and line count, the version, an empty target),
 * then the rows go in ONE transaction, parents before children; each table's count and content
 * checksum are compared with the manifest before COMMIT, and the sequences are set past the largest
 * ids. So the import is complete or cleanly absent, whatever happens (an error, a kill -9).
 * The append-only audit table only receives INSERTs, which its trigger allows.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import {
  describeVersion,
  fingerprints,
  ident,
  migrationVersion,
  nonEmptyTables,
  platformTables,
  runnerOf,
  sameVersion,
  setCanonicalOutput,
  tableRef,
  type Runner,
  type TableInfo,
} from './catalog.ts';
import { OpsRefusal } from './errors.ts';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportManifest } from './export.ts';

const BATCH_ROWS = 1_000;
const BATCH_CHARS = 8 * 1024 * 1024;

export interface ImportResult {
  tables: number;
  rows: number;
  bytes: number;
  ms: number;
}

export function readManifest(inDir: string): ExportManifest {
  const dir = path.resolve(inDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new OpsRefusal(`${dir} n’existe pas ou n’est pas un dossier : indiquez avec --in le dossier écrit par fabriques export`);
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new OpsRefusal(`${file} est introuvable : --in doit désigner un dossier écrit par fabriques export`);
  let m: ExportManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as ExportManifest;
  } catch {
    throw new OpsRefusal(`${file} n’est pas un JSON valide : refaites l’export`);
  }
  const ok =
    m?.format === EXPORT_FORMAT &&
    typeof m.formatVersion === 'number' &&
    m.migration && typeof m.migration.count === 'number' && typeof m.migration.lastCreatedAt === 'number' && typeof m.migration.lastHash === 'string' &&
    Array.isArray(m.tables) &&
    m.tables.every((t) => typeof t.name === 'string' && typeof t.file === 'string' && !t.file.includes('..') && Number.isInteger(t.rows) && typeof t.sha256 === 'string' && typeof t.checksum === 'string');
  if (!ok) throw new OpsRefusal(`${file} n’est pas un manifeste d’export Fabriques : refaites l’export`);
  if (m.formatVersion !== EXPORT_FORMAT_VERSION) throw new OpsRefusal(`format d’export ${m.formatVersion} non pris en charge (attendu : ${EXPORT_FORMAT_VERSION}) : exportez et importez avec la même version de Fabriques`);
  return m;
}

/** Every file present, with the SHA-256 and the line count of the manifest. */
export async function verifyFiles(inDir: string, manifest: ExportManifest): Promise<number> {
  let bytes = 0;
  for (const t of manifest.tables) {
    const file = path.join(path.resolve(inDir), t.file);
    if (!existsSync(file)) throw new OpsRefusal(`${t.file} manque dans l’export : copiez le dossier entier ou refaites l’export`);
    const hash = createHash('sha256');
    let lines = 0;
    for await (const chunk of createReadStream(file)) {
      const b = chunk as Buffer;
      hash.update(b);
      bytes += b.length;
      for (let i = b.indexOf(10); i !== -1; i = b.indexOf(10, i + 1)) lines++;
    }
    if (hash.digest('hex') !== t.sha256 || lines !== t.rows) {
      throw new OpsRefusal(`${t.file} est incomplet ou modifié (${lines} lignes pour ${t.rows} attendues, ou empreinte SHA-256 différente) : refaites l’export`);
    }
  }
  return bytes;
}

/** Refuses a target that already holds platform rows (call before migrating it: touch nothing). */
export async function refuseNonEmpty(database: Database): Promise<void> {
  const run = database.rows.bind(database) as Runner;
  const busy = await nonEmptyTables(run, (await platformTables(run)).map((t) => t.name));
  if (busy.length > 0) throw new OpsRefusal(nonEmptyMessage(busy));
}

function nonEmptyMessage(busy: { table: string; rows: number }[]): string {
  return (
    `la base cible contient déjà des données (${busy.slice(0, 3).map((b) => `${b.table} : ${b.rows} ligne${b.rows > 1 ? 's' : ''}`).join(', ')}${busy.length > 3 ? '…' : ''}) : ` +
    'importez dans une base neuve, migrée et vide'
  );
}

export async function importPlatform(
  database: Database,
  inDir: string,
  options: { onTable?: (table: string, rows: number) => void; verified?: { manifest: ExportManifest; bytes: number } } = {},
): Promise<ImportResult> {
  const t0 = performance.now();
  const manifest = options.verified?.manifest ?? readManifest(inDir);
  const bytes = options.verified?.bytes ?? (await verifyFiles(inDir, manifest));
  const target = await migrationVersion(database.rows.bind(database) as Runner);
  if (!sameVersion(target, manifest.migration)) {
    throw new OpsRefusal(
      `versions différentes : l’export a ${describeVersion(manifest.migration)}, la base cible ${describeVersion(target)}. ` +
        'Exportez et importez avec la même version de Fabriques (mettez la source à jour puis refaites l’export).',
    );
  }
  const rows = await database.db.transaction(async (tx) => {
    const run = runnerOf(tx);
    await setCanonicalOutput(run);
    const tables = new Map((await platformTables(run)).map((t) => [t.name, t]));
    const missing = manifest.tables.filter((t) => !tables.has(t.name)).map((t) => t.name);
    const extra = [...tables.keys()].filter((n) => !manifest.tables.some((t) => t.name === n));
    if (missing.length || extra.length) {
      throw new OpsRefusal(`les tables diffèrent (absentes de la cible : ${missing.join(', ') || 'aucune'} ; absentes de l’export : ${extra.join(', ') || 'aucune'}) : même version de Fabriques des deux côtés ?`);
    }
    // nobody writes meanwhile (reads go on); then the target must be empty
    await run(sql.raw(`lock table ${[...tables.keys()].map(tableRef).join(', ')} in exclusive mode`));
    const busy = await nonEmptyTables(run, [...tables.keys()]);
    if (busy.length > 0) throw new OpsRefusal(nonEmptyMessage(busy));
    let total = 0;
    for (const t of manifest.tables) {
      const n = await loadTable(run, tables.get(t.name)!, path.join(path.resolve(inDir), t.file));
      if (n !== t.rows) throw new Error(`table ${t.name} : ${n} lignes lues, ${t.rows} attendues`);
      total += n;
      options.onTable?.(t.name, n);
    }
    const sums = await fingerprints(run, manifest.tables.map((t) => t.name));
    for (const t of manifest.tables) {
      const s = sums[t.name]!;
      if (s.rows !== t.rows || s.checksum !== t.checksum) {
        throw new Error(`table ${t.name} : le contenu importé diffère de l’export (${s.rows} lignes, somme ${s.checksum} ; attendu ${t.rows}, ${t.checksum}) — rien n’a été importé`);
      }
    }
    for (const t of tables.values()) await resetSequences(run, t);
    return total;
  });
  return { tables: manifest.tables.length, rows, bytes, ms: Math.round(performance.now() - t0) };
}

/** Inserts a table's JSON lines in batches; PostgreSQL parses them (json_populate_recordset). */
async function loadTable(run: Runner, table: TableInfo, file: string): Promise<number> {
  const cols = table.columns.map(ident).join(', ');
  const insert = (json: string) =>
    run(sql`insert into ${sql.raw(tableRef(table.name))} (${sql.raw(cols)}) ${sql.raw(table.identity ? 'overriding system value' : '')}
            select ${sql.raw(cols)} from json_populate_recordset(null::${sql.raw(tableRef(table.name))}, ${json}::json)`);
  let batch: string[] = [];
  let chars = 0;
  let n = 0;
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    batch.push(line);
    chars += line.length;
    n++;
    if (batch.length >= BATCH_ROWS || chars >= BATCH_CHARS) {
      await insert(`[${batch.join(',')}]`);
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) await insert(`[${batch.join(',')}]`);
  return n;
}

/** Sets each serial or identity sequence so that the next value follows the largest one imported. */
async function resetSequences(run: Runner, table: TableInfo): Promise<void> {
  for (const s of table.sequences) {
    await run(sql`select setval(${s.sequence}::regclass, coalesce((select max(${sql.raw(ident(s.column))}) from ${sql.raw(tableRef(table.name))}), 0) + 1, false)`);
  }
}
