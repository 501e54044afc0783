/**
 * Helpers of the kill -9 tests: watch the database server from outside (pg_stat_activity) to kill the
 * application exactly while its transaction is writing, then wait until PostgreSQL has noticed the
 * lost connection and rolled it back.
 */
import pg from 'pg';

export interface Backend {
  pid: number;
  state: string | null;
  xid: string | null;
  query: string;
  application: string;
}

/** The sessions other than this one on a database. */
export async function backends(watcher: pg.Client, database: string): Promise<Backend[]> {
  const r = await watcher.query<Backend>(
    `select pid, state, backend_xid::text as xid, query, application_name as application
       from pg_stat_activity where datname = $1 and pid <> pg_backend_pid() and backend_type = 'client backend'`,
    [database],
  );
  return r.rows;
}

/** Polls until `found` returns a value (or throws after `timeoutMs` with `what`). */
export async function waitFor<T>(what: string, found: () => Promise<T | undefined | null | false>, timeoutMs: number, everyMs = 10): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await found();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`délai dépassé : ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** After a kill -9: no transaction of the killed process is left open on the server. */
export async function waitRolledBack(watcher: pg.Client, database: string, pids: number[]): Promise<void> {
  await waitFor(
    'les sessions du processus tué se ferment',
    async () => (await backends(watcher, database)).every((b) => !pids.includes(b.pid)),
    60_000,
    50,
  );
}

export async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

export async function count(client: pg.Client, query: string, params: unknown[] = []): Promise<number> {
  return Number((await client.query<{ n: string }>(query, params)).rows[0]!.n);
}
