/**
 * A set of rows sent to the database as ONE statement parameter set, whatever their number (bulk
 * writes of a round): on PostgreSQL as parallel typed arrays through `unnest` (node-postgres sends a
 * JS array as an array literal: the cheapest to parse), on the embedded PGlite as a JSON document
 * read by `json_to_recordset`. Use it in a FROM clause: `from ${recordset(…)}`.
 */
import { sql, type SQL } from 'drizzle-orm';

export type Kind = 'pg' | 'pglite';
type Column = readonly [name: string, type: 'uuid' | 'text' | 'int' | 'timestamptz'];

export function recordset(k: Kind, rows: readonly Record<string, unknown>[], columns: readonly Column[], alias = 'v'): SQL {
  if (k === 'pg') {
    const arrays = columns.map(([name, type]) => sql`${sql.param(rows.map((r) => r[name] ?? null))}::${sql.raw(type)}[]`);
    return sql`unnest(${sql.join(arrays, sql`, `)}) as ${sql.raw(alias)}(${sql.raw(columns.map(([n]) => n).join(', '))})`;
  }
  const picked = rows.map((r) => Object.fromEntries(columns.map(([n]) => [n, r[n] ?? null])));
  return sql`json_to_recordset(${JSON.stringify(picked)}::json) as ${sql.raw(alias)}(${sql.raw(columns.map(([n, t]) => `${n} ${t}`).join(', '))})`;
}

/** A list of ids as a sub-select (`in (${idList(kind, ids)})`). */
export function idList(k: Kind, ids: readonly string[]): SQL {
  if (k === 'pg') return sql`select unnest(${sql.param([...ids])}::uuid[])`;
  return sql`select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json)`;
}
