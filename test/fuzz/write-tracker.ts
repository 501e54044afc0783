import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

/**
 * Exact and cheap "did this request change anything": row triggers on every table of the public schema
 * append the table's name to fuzz_writes for each row inserted, deleted or actually changed; being in
 * the writer's transaction, a rolled-back write leaves no trace. Left out: the sign-in failure counters
 * (auth_throttle) and a session's last activity (auth_sessions.last_seen_at), which a refused request
 * may legitimately move. Installed on a test database only.
 */
const SKIP_TABLES = new Set(['auth_throttle', 'fuzz_writes']);
const SKIP_COLUMNS: Record<string, string[]> = { auth_sessions: ['last_seen_at'] };

export async function installWriteTracker(database: Database): Promise<void> {
  await database.rows(sql.raw(`create table if not exists fuzz_writes (id bigserial primary key, tbl text not null, op text not null)`));
  await database.rows(
    sql.raw(`create or replace function fuzz_track() returns trigger language plpgsql as $$
      begin insert into fuzz_writes (tbl, op) values (TG_TABLE_NAME, TG_OP); return null; end $$`),
  );
  const cols = await database.rows<{ table_name: string; column_name: string }>(
    sql`select c.table_name, c.column_name from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
         where c.table_schema = 'public' order by c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of cols) byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  for (const [table, columns] of byTable) {
    if (SKIP_TABLES.has(table)) continue;
    const watched = columns.filter((c) => !SKIP_COLUMNS[table]?.includes(c));
    const changed = watched.map((c) => `old."${c}"::text is distinct from new."${c}"::text`).join(' or ');
    await database.rows(sql.raw(`create trigger fuzz_track_write after insert or delete on "${table}" for each row execute function fuzz_track()`));
    await database.rows(sql.raw(`create trigger fuzz_track_update after update on "${table}" for each row when (${changed}) execute function fuzz_track()`));
  }
}

/** The number of row writes recorded so far. */
export async function writeMark(database: Database): Promise<number> {
  const [row] = await database.rows<{ n: string | number | null }>(sql.raw(`select max(id) as n from fuzz_writes`));
  return Number(row?.n ?? 0);
}

/** The tables written since a mark, with how many rows. */
export async function writesSince(database: Database, mark: number): Promise<string[]> {
  const rows = await database.rows<{ tbl: string; op: string; n: number }>(sql`select tbl, op, count(*)::int as n from fuzz_writes where id > ${mark} group by tbl, op order by tbl, op`);
  return rows.map((r) => `${r.tbl} ${r.op.toLowerCase()} ×${r.n}`);
}
