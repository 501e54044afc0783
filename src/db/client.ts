import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import { nameRepeatedStatements, StatementNames } from './prepared.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface Database {
  kind: 'pglite' | 'pg';
  db: Db;
  /** Runs raw SQL and returns its rows (for health checks, bulk loads and reports). */
  rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
  /** Plain text query with $1… parameters, for libraries that bring their own SQL (pg-boss). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  close(): Promise<void>;
}

export type DatabaseSettings = { kind: 'pglite'; dataDir: string } | { kind: 'pg'; url: string; max?: number };

/** Connections of the server's pool on a real PostgreSQL (the API admits as many requests at once: server.ts). */
export const POOL_SIZE = 10;

/** Rows of a raw SQL query, on the database or inside a transaction (both drivers answer `{ rows }`). */
export async function sqlRows<T>(db: Db | Tx, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens the embedded PGlite database (on disk, or in memory with dataDir 'memory://') or a real server. */
export async function openDatabase(settings: DatabaseSettings): Promise<Database> {
  if (settings.kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    if (!settings.dataDir.startsWith('memory://')) mkdirSync(settings.dataDir, { recursive: true });
    const client = await PGlite.create(settings.dataDir);
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      rows: <T>(q: SQL) => sqlRows<T>(db, q),
      // pg-boss sends several statements in one text when it creates its schema: exec() runs those
      query: async <T>(text: string, params?: unknown[]) =>
        params && params.length > 0
          ? { rows: (await client.query<T>(text, params)).rows }
          : { rows: ((await client.exec(text)).at(-1)?.rows ?? []) as T[] },
      close: () => client.close(),
    };
  }
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  // dates as strings, never shifted by the process time zone
  pg.default.types.setTypeParser(1082, (v: string) => v);
  const pool = new pg.default.Pool({ connectionString: settings.url, max: settings.max ?? POOL_SIZE, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    /* a lost idle connection is reported by the next query; never crash the process */
  });
  // A connection lost while checked out (between two queries of a transaction, when the server stops)
  // is emitted on its client, where no listener would end the process: the next query on it fails
  // instead ("not queryable"), the request answers 503, and the pool drops it and reconnects later.
  pool.on('connect', (client) => client.on('error', () => {}));
  // the application's repeated queries as named prepared statements (parsed once per connection)
  const statementNames = new StatementNames();
  pool.on('connect', (client) => nameRepeatedStatements(client, statementNames));
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    kind: 'pg',
    db,
    rows: <T>(q: SQL) => sqlRows<T>(db, q),
    query: async <T>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as T[] }),
    close: () => pool.end(),
  };
}

export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, { migrationsFolder });
  } else {
    const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
    await run(database.db as never, { migrationsFolder });
  }
}

export async function ping(database: Database): Promise<void> {
  await database.rows(sql`select 1`);
}
