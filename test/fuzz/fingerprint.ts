import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

/**
 * A cheap fingerprint of everything the application stores: per table of the public schema, its row
 * count and a hash of its rows, in one query. Left out: what legitimately changes on a refused request —
 * the failure counters of sign-in throttling (auth_throttle) and a session's last activity
 * (auth_sessions.last_seen_at). Compared before and after a call: a 4xx must leave it unchanged.
 */
const SKIP_TABLES = new Set(['auth_throttle']);
const SKIP_COLUMNS: Record<string, string[]> = { auth_sessions: ['last_seen_at'] };

const queries = new WeakMap<Database, string>();

async function fingerprintQuery(database: Database): Promise<string> {
  const cached = queries.get(database);
  if (cached) return cached;
  const cols = await database.rows<{ table_name: string; column_name: string }>(
    sql`select table_name, column_name from information_schema.columns
         where table_schema = 'public' and table_name in (select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE')
         order by table_name, ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of cols) {
    if (SKIP_TABLES.has(c.table_name) || SKIP_COLUMNS[c.table_name]?.includes(c.column_name)) continue;
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  }
  const q = [...byTable]
    .map(([t, columns]) => {
      const row = `md5(row(${columns.map((c) => `x."${c}"`).join(', ')})::text)`;
      return `select '${t}' as t, count(*)::int as n, md5(coalesce(string_agg(${row}, '' order by ${row}), '')) as h from "${t}" x`;
    })
    .join(' union all ');
  queries.set(database, q);
  return q;
}

/** table → "rows:hash" */
export async function dbFingerprintByTable(database: Database): Promise<Map<string, string>> {
  const rows = await database.rows<{ t: string; n: number; h: string }>(sql.raw(await fingerprintQuery(database)));
  return new Map(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

export async function dbFingerprint(database: Database): Promise<string> {
  return JSON.stringify([...(await dbFingerprintByTable(database))]);
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((t) => before.get(t) !== after.get(t)).sort();
}
