import { describe, expect, it } from 'vitest';
import { getTableName, is } from 'drizzle-orm';
import { getTableConfig, PgTable, type PgColumn } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema/index.ts';
import { ACTOR_COLUMNS, MENTION_COLUMNS, NOT_PERSONAL, PERSONAL_DATA } from './registry.ts';

const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));
const name = (c: PgColumn) => `${getTableName(c.table)}.${c.name}`;

/** Columns that point to a person: a foreign key to users, or a name that says so. */
function personColumns(): { column: string; byForeignKey: boolean }[] {
  const out: { column: string; byForeignKey: boolean }[] = [];
  for (const t of tables) {
    const config = getTableConfig(t);
    const toUsers = new Set(
      config.foreignKeys.filter((fk) => fk.reference().foreignTable === schema.users).flatMap((fk) => fk.reference().columns.map((c) => c.name)),
    );
    for (const c of config.columns) {
      if (toUsers.has(c.name)) out.push({ column: `${config.name}.${c.name}`, byForeignKey: true });
      else if (/(^|_)user_id$|email|phone|recipient|(^|_)(given|family|parent)_name$|birth/.test(c.name)) out.push({ column: `${config.name}.${c.name}`, byForeignKey: false });
    }
  }
  return out;
}

describe('the registry of personal data', () => {
  const links = new Set(PERSONAL_DATA.map((e) => name(e.link)));
  const actors = new Set(ACTOR_COLUMNS.map((a) => name(a.column)));
  const mentions = new Set(MENTION_COLUMNS.flatMap((m) => m.columns.map(name)));
  const notPersonal = new Set(NOT_PERSONAL.map((a) => name(a.column)));
  const registryTables = new Set(PERSONAL_DATA.map((e) => getTableName(e.table)));

  it('lists every column of src/db/schema that points to a person (a new area adds its lines to registry.ts)', () => {
    const missing = personColumns()
      .filter(({ column, byForeignKey }) => {
        if (links.has(column) || actors.has(column) || mentions.has(column) || notPersonal.has(column)) return false;
        // an e-mail or a name in a table of the registry is exported and erased with its row
        return byForeignKey || !registryTables.has(column.split('.')[0]!);
      })
      .map((c) => c.column);
    expect(missing, 'columns to add to PERSONAL_DATA (a person’s rows), ACTOR_COLUMNS (who acted) or NOT_PERSONAL, in src/areas/privacy/registry.ts').toEqual([]);
  });

  it('is not stale: every listed column exists in the schema, once', () => {
    const all = new Set(tables.flatMap((t) => getTableConfig(t).columns.map((c) => `${getTableConfig(t).name}.${c.name}`)));
    const listed = [...PERSONAL_DATA.map((e) => name(e.link)), ...ACTOR_COLUMNS.map((a) => name(a.column)), ...NOT_PERSONAL.map((a) => name(a.column))];
    expect(listed.filter((c) => !all.has(c))).toEqual([]);
    expect(new Set(ACTOR_COLUMNS.map((a) => name(a.column))).size).toBe(ACTOR_COLUMNS.length);
    expect(new Set(PERSONAL_DATA.map((e) => e.section)).size).toBe(PERSONAL_DATA.length);
  });

  it('says how every table is erased, with the code that does it when rows are deleted or anonymised', () => {
    for (const e of PERSONAL_DATA) {
      expect(e.why.length, e.section).toBeGreaterThan(20);
      if (e.erasure !== 'conservé') expect(typeof e.erase, `${e.section} (${e.erasure})`).toBe('function');
      // a row linked through a parent row names a parent of the person
      if (e.through) expect(links.has(name(e.through.parentLink)), e.section).toBe(true);
    }
  });

  it('never exports a secret: password and token hashes are left out', () => {
    for (const e of PERSONAL_DATA) {
      const omitted = new Set((e.omit ?? []).map(name));
      for (const c of getTableConfig(e.table).columns) {
        if (/hash|content|^html$|^text$/.test(c.name) && c.name !== 'sha256') expect(omitted.has(`${getTableName(e.table)}.${c.name}`), `${e.section}: ${c.name}`).toBe(true);
      }
    }
  });
});
