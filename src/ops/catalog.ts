import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/** Runs one statement and returns its rows (a Database's `rows`, or a transaction's execute). */
export type Runner = <T = Record<string, unknown>>(query: SQL) => Promise<T[]>;

export interface TableInfo {
  name: string;
  /** the columns a row is written with, in table order (generated columns are left out) */
  columns: string[];
  /** GENERATED ALWAYS AS IDENTITY columns: inserts with their values need OVERRIDING SYSTEM VALUE */
  identity: boolean;
  /** sequences owned by a column (serial or identity), set past the largest value after an import */
  sequences: { column: string; sequence: string }[];
}

/** Double-quotes an identifier for SQL text. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A platform table's schema-qualified name for SQL text. */
export function tableRef(name: string): string {
  return `public.${ident(name)}`;
}

/**
 * The platform's tables (schema public), parents before children along their foreign keys, so that
 * inserting them in this order never breaks a reference. Refuses a cycle (there is none today).
 */
export async function platformTables(run: Runner): Promise<TableInfo[]> {
  const cols = await run<{ table: string; column: string; identity: string; generated: string; sequence: string | null }>(sql`
    select c.relname as "table", a.attname as "column", a.attidentity as identity, a.attgenerated as generated,
           pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     where n.nspname = 'public' and c.relkind in ('r', 'p')
     order by c.relname, a.attnum`);
  const fks = await run<{ child: string; parent: string }>(sql`
    select distinct c.relname as child, p.relname as parent
      from pg_constraint k
      join pg_class c on c.oid = k.conrelid
      join pg_class p on p.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = 'public' and c.relname <> p.relname`);
  const tables = new Map<string, TableInfo>();
  for (const c of cols) {
    let t = tables.get(c.table);
    if (!t) tables.set(c.table, (t = { name: c.table, columns: [], identity: false, sequences: [] }));
    if (c.generated !== '') continue;
    t.columns.push(c.column);
    if (c.identity === 'a') t.identity = true;
    if (c.sequence) t.sequences.push({ column: c.column, sequence: c.sequence });
  }
  const parents = new Map<string, Set<string>>([...tables.keys()].map((k) => [k, new Set<string>()]));
  for (const f of fks) if (tables.has(f.parent)) parents.get(f.child)?.add(f.parent);
  // Kahn's algorithm; ties broken by name so that the order (and the export's file names) is stable
  const order: TableInfo[] = [];
  const done = new Set<string>();
  while (order.length < tables.size) {
    const ready = [...tables.keys()].filter((k) => !done.has(k) && [...parents.get(k)!].every((p) => done.has(p))).sort();
    if (ready.length === 0) {
      const left = [...tables.keys()].filter((k) => !done.has(k));
      throw new Error(`références circulaires entre les tables ${left.join(', ')} : ordre d’import impossible`);
    }
    for (const k of ready) {
      done.add(k);
      order.push(tables.get(k)!);
    }
  }
  return order;
}

export interface TableFingerprint {
  rows: number;
  /**
   * The content's checksum, independent of the rows' physical order: the sum of a 60-bit slice of
   * each row's md5 (row_to_json in UTC), as decimal text. Equal content gives the same value on
   * PGlite and on PostgreSQL 15+.
   */
  checksum: string;
}

/** Row count and content checksum of each table (call inside the transaction to be consistent). */
export async function fingerprints(run: Runner, tables: string[]): Promise<Record<string, TableFingerprint>> {
  await setCanonicalOutput(run);
  const out: Record<string, TableFingerprint> = {};
  for (const t of tables) {
    const [r] = await run<{ rows: string | number; checksum: string }>(sql`
      select count(*)::bigint as rows,
             coalesce(sum(('x' || substr(md5(row_to_json(t)::text), 1, 15))::bit(60)::bigint), 0)::text as checksum
        from ${sql.raw(tableRef(t))} t`);
    out[t] = { rows: Number(r!.rows), checksum: r!.checksum };
  }
  return out;
}

/**
 * Session settings that make row_to_json's text the same on every server: times in UTC, shortest
 * exact floats, hex bytea, the default interval style. Local to the current transaction when there
 * is one.
 */
export async function setCanonicalOutput(run: Runner): Promise<void> {
  await run(sql`select set_config('TimeZone', 'UTC', true), set_config('extra_float_digits', '1', true),
                       set_config('bytea_output', 'hex', true), set_config('IntervalStyle', 'postgres', true),
                       set_config('DateStyle', 'ISO, YMD', true)`);
}

export interface MigrationVersion {
  /** migrations applied */
  count: number;
  /** the last one's journal timestamp (`when` in meta/_journal.json) and hash */
  lastCreatedAt: number;
  lastHash: string;
}

/** The migrations applied to a database (drizzle's table), or null when none. */
export async function migrationVersion(run: Runner): Promise<MigrationVersion | null> {
  const [exists] = await run<{ found: boolean }>(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`);
  if (!exists?.found) return null;
  const [r] = await run<{ count: string | number; last_created_at: string | number | null; last_hash: string | null }>(sql`
    select count(*)::int as count,
           (select created_at from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as last_created_at,
           (select hash from drizzle.__drizzle_migrations order by created_at desc, id desc limit 1) as last_hash
      from drizzle.__drizzle_migrations`);
  if (!r || Number(r.count) === 0) return null;
  return { count: Number(r.count), lastCreatedAt: Number(r.last_created_at), lastHash: r.last_hash ?? '' };
}

export function sameVersion(a: MigrationVersion | null, b: MigrationVersion | null): boolean {
  return !!a && !!b && a.count === b.count && a.lastCreatedAt === b.lastCreatedAt && a.lastHash === b.lastHash;
}

export function describeVersion(v: MigrationVersion | null): string {
  return v ? `${v.count} migrations, la dernière du ${new Date(v.lastCreatedAt).toISOString().slice(0, 10)} (${v.lastHash.slice(0, 12)})` : 'aucune migration';
}

/** The tables (of `tables`) holding rows, with their counts. */
export async function nonEmptyTables(run: Runner, tables: string[]): Promise<{ table: string; rows: number }[]> {
  const out: { table: string; rows: number }[] = [];
  for (const t of tables) {
    const [r] = await run<{ n: number }>(sql`select count(*)::int as n from (select 1 from ${sql.raw(tableRef(t))} limit 1000000) x`);
    if (r && r.n > 0) out.push({ table: t, rows: r.n });
  }
  return out;
}

/** A Runner over an open transaction. */
export function runnerOf(tx: { execute(query: SQL): Promise<unknown> }): Runner {
  return async <T>(query: SQL) => ((await tx.execute(query)) as { rows: T[] }).rows;
}

/**
 * Every platform table's row count and content checksum, and the migration version, read in one
 * transaction: two databases with the same fingerprint hold the same platform.
 */
export async function fingerprintDatabase(database: Database): Promise<{
  migration: MigrationVersion | null;
  tables: Record<string, TableFingerprint>;
}> {
  return database.db.transaction(async (tx) => {
    const run = runnerOf(tx);
    const tables = await platformTables(run);
    return { migration: await migrationVersion(run), tables: await fingerprints(run, tables.map((t) => t.name)) };
  });
}
