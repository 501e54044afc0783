import type pg from 'pg';

/**
 * Named prepared statements for the application's repeated queries, on a real PostgreSQL server.
 *
 * drizzle sends every query unnamed: PostgreSQL parses and plans its text again on each call, which
 * costs several times the execution of the short indexed queries that signed-in pages make (measured on
 * the load benchmark: about 120 µs of server CPU per query unnamed, 30 µs named). A parameterised text
 * seen a few times gets a name, so that each connection parses it once and then only binds and
 * executes it. The results are the same: a named statement is the same text with the same parameters.
 *
 * Bounded: texts run fewer than MIN_USES times stay unnamed (one-off statements such as bulk loads and
 * migrations never take a name), at most MAX_NAMED texts get a name for the life of the process (a
 * connection holds at most that many statements, and the pool renews idle connections), and long texts
 * are never named.
 */
const MIN_USES = 3;
const MAX_NAMED = 1000;
const MAX_TEXT = 16_000;
const MAX_COUNTED = 20_000;

export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly refused = new Set<string>();
  private uses = new Map<string, number>();
  private issued = 0;

  /** The name for a parameterised text, or undefined while it should stay unnamed. */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined) return known;
    if (text.length > MAX_TEXT || this.issued >= MAX_NAMED || this.refused.has(text)) return undefined;
    const n = (this.uses.get(text) ?? 0) + 1;
    if (n < MIN_USES) {
      // the counts are a hint only: forget them all rather than grow without bound
      if (this.uses.size >= MAX_COUNTED) this.uses = new Map();
      this.uses.set(text, n);
      return undefined;
    }
    this.uses.delete(text);
    // a name is never given twice, even to the same text: a connection may still hold the old one
    const name = `fabriques_${++this.issued}`;
    this.names.set(text, name);
    return name;
  }

  /** The text runs unnamed from now on (see nameRepeatedStatements). */
  refuse(text: string): void {
    this.names.delete(text);
    this.refused.add(text);
  }
}

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  values?: unknown;
  [key: string]: unknown;
}

/**
 * Wraps a pool client's `query` so that drizzle's repeated parameterised queries run as named
 * statements (see above); with a promise or with a callback (the pool's own `query` passes one).
 * Queries given as a plain string, without parameters or with a name already are passed through.
 */
export function nameRepeatedStatements(client: pg.PoolClient, names: StatementNames): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [config, values, callback] = args;
    if (args.length > 3 || typeof config !== 'object' || config === null || typeof (config as { submit?: unknown }).submit === 'function') return original(...args);
    if (typeof values === 'function' || (callback !== undefined && typeof callback !== 'function')) return original(...args);
    const c = config as QueryConfigLike;
    const params = values ?? c.values;
    if (typeof c.text !== 'string' || c.name !== undefined || !Array.isArray(params) || params.length === 0) return original(...args);
    const text = c.text;
    const name = names.nameFor(text);
    if (name === undefined) return original(...args);
    // A parameter that cannot be encoded (an error raised here, before the server answers) makes
    // node-postgres close the statement on the server while still counting it as parsed on this
    // connection: the text runs unnamed from then on. Errors from the server leave it as it was.
    const failed = (e: unknown) => {
      if (!(e as { code?: unknown } | null)?.code) names.refuse(text);
    };
    const named = { ...c, name };
    if (typeof callback === 'function') {
      return original(named, values, (e: unknown, res: unknown) => {
        if (e) failed(e);
        (callback as (e: unknown, res: unknown) => void)(e, res);
      });
    }
    return (original(named, values) as Promise<unknown>).catch((e: unknown) => {
      failed(e);
      throw e;
    });
  };
}
