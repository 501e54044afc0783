// fabriques export / import: a realistic platform leaves the embedded database in portable files and
// arrives whole in an empty database — the real server when TEST_DATABASE_URL is set (CI), another
// embedded database otherwise. Every table: same rows, same content; sequences after the last ids.
// Whatever is wrong (not empty, a file changed, another version, content differing at the end) is
// refused, and the target is left exactly as it was.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DatabaseSettings } from '../../src/db/client.ts';
import { fingerprintDatabase } from '../../src/ops/catalog.ts';
import type { ExportManifest } from '../../src/ops/export.ts';
import { fabriques, fabriquesInProcess } from './cli.ts';
import { scratchDatabase } from './cluster.ts';
import { AWKWARD, seedRealistic } from './dataset.ts';

type Fingerprint = Awaited<ReturnType<typeof fingerprintDatabase>>;
const serverUrl = process.env.TEST_DATABASE_URL;
const root = mkdtempSync(path.join(tmpdir(), 'fabriques-export-'));
const source = path.join(root, 'source');
const exported = path.join(root, 'export');
const drops: (() => Promise<void>)[] = [];
let before: Fingerprint;

async function withDatabase<T>(settings: DatabaseSettings, f: (d: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase(settings);
  try {
    return await f(database);
  } finally {
    await database.close();
  }
}

/** A new empty target: a database on the real server, or an embedded one. */
async function newTarget(name: string): Promise<{ env: { DATABASE_URL?: string; DATA_DIR?: string }; settings: DatabaseSettings }> {
  if (serverUrl) {
    const db = await scratchDatabase(serverUrl, 'fabriques_import');
    drops.push(db.drop);
    return { env: { DATABASE_URL: db.url }, settings: { kind: 'pg', url: db.url } };
  }
  const dir = path.join(root, name);
  return { env: { DATA_DIR: dir }, settings: { kind: 'pglite', dataDir: path.join(dir, 'pglite') } };
}

/** A migrated, empty target (what `fabriques import` finds after `fabriques migrate`). */
async function migratedTarget(name: string) {
  const t = await newTarget(name);
  await withDatabase(t.settings, (d) => migrate(d));
  return t;
}

const rowsOf = (f: Fingerprint) => Object.values(f.tables).reduce((s, t) => s + t.rows, 0);

beforeAll(async () => {
  await withDatabase({ kind: 'pglite', dataDir: path.join(source, 'pglite') }, async (d) => {
    await migrate(d);
    await seedRealistic(d);
  });
  before = await withDatabase({ kind: 'pglite', dataDir: path.join(source, 'pglite') }, fingerprintDatabase);
});

afterAll(async () => {
  for (const d of drops) await d().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

describe(`export from the embedded database, import into ${serverUrl ? 'the real server' : 'another embedded database (set TEST_DATABASE_URL for the real server)'}`, () => {
  let target: Awaited<ReturnType<typeof newTarget>>;

  it('moves every table whole: same rows, same content, and the sequences continue after the last ids', async () => {
    const out = await fabriques(['export', '--out', exported], { DATA_DIR: source });
    expect(out.code, out.out).toBe(0);
    const manifest = JSON.parse(readFileSync(path.join(exported, 'manifest.json'), 'utf8')) as ExportManifest;
    expect(manifest.tables.map((t) => t.name).sort()).toEqual(Object.keys(before.tables).sort());
    expect(manifest.migration).toEqual(before.migration);
    // parents before children
    const at = (n: string) => manifest.tables.findIndex((t) => t.name === n);
    expect(at('organisations')).toBeLessThan(at('trainings'));
    expect(at('wishes')).toBeLessThan(at('admission_offers'));
    expect(at('proposals')).toBeLessThan(at('proposal_attachments'));

    target = await newTarget('target');
    const imp = await fabriques(['import', '--in', exported], target.env);
    expect(imp.code, imp.out).toBe(0);
    const after = await withDatabase(target.settings, fingerprintDatabase);
    expect(after).toEqual(before);
    await withDatabase(target.settings, async (d) => {
      const [org] = await d.rows<{ n: number }>(sql`select count(*)::int as n from organisations where name = ${AWKWARD}`);
      expect(org!.n).toBe(1);
      // identity columns: the next ids follow the imported ones (the audit table takes INSERTs only)
      const [{ max }] = (await d.rows<{ max: number }>(sql`select max(id)::int as max from audit`)) as [{ max: number }];
      const [added] = await d.rows<{ id: number }>(sql`insert into audit (action, object_type, object_id) values ('test.after_import', 'test', 'x') returning id::int as id`);
      expect(added!.id).toBe(max + 1);
    });
    console.log(`[figures] export/import: ${manifest.tables.length} tables, ${rowsOf(before)} rows — ${out.out.trim()} / ${imp.out.trim()}`);
  });

  it('refuses a target that holds data, and leaves it as it was', async () => {
    const again = await fabriquesInProcess(['import', '--in', exported], target.env);
    expect(again.code, again.out).toBe(2);
    expect(again.out).toMatch(/la base cible contient déjà des données .* importez dans une base neuve/);
  });

  it('refuses a changed file, another migration version, a wrong folder — before touching the target', async () => {
    const empty = await migratedTarget('empty');
    const emptyPrint = await withDatabase(empty.settings, fingerprintDatabase);
    // a row changed in a table file
    const changed = path.join(root, 'changed');
    cpSync(exported, changed, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(changed, 'manifest.json'), 'utf8')) as ExportManifest;
    const orgs = path.join(changed, manifest.tables.find((t) => t.name === 'organisations')!.file);
    writeFileSync(orgs, readFileSync(orgs, 'utf8').replace('"name":"', '"name":"X'));
    // another version
    const older = path.join(root, 'older');
    cpSync(exported, older, { recursive: true });
    writeFileSync(path.join(older, 'manifest.json'), JSON.stringify({ ...manifest, migration: { ...manifest.migration, count: manifest.migration.count - 1, lastHash: 'abc' } }));
    const cases: [string[], RegExp][] = [
      [['import', '--in', changed], /tables\/\d+-organisations\.jsonl est incomplet ou modifié/],
      [['import', '--in', older], /versions différentes : l’export a \d+ migrations.*la base cible \d+ migrations/],
      [['import', '--in', path.join(root, 'nowhere')], /n’existe pas ou n’est pas un dossier/],
      [['import', '--in', source], /manifest\.json est introuvable/],
      [['import'], /--in DOSSIER/],
      [['export', '--out', exported], /existe déjà et n’est pas un dossier vide/],
    ];
    for (const [args, message] of cases) {
      const r = await fabriquesInProcess(args, args[0] === 'export' ? { DATA_DIR: source } : empty.env);
      expect(r.code, `${args.join(' ')} → ${r.out}`).toBe(2);
      expect(r.out).toMatch(message);
      expect(r.out.trim().split('\n')).toHaveLength(1);
    }
    expect(await withDatabase(empty.settings, fingerprintDatabase)).toEqual(emptyPrint);
  });

  it('rolls the whole import back when the content differs at the end: the target stays empty', async () => {
    const empty = await migratedTarget('rollback');
    const emptyPrint = await withDatabase(empty.settings, fingerprintDatabase);
    // files intact, but the manifest's content checksum of the last table no longer matches:
    // every row goes in, the check before COMMIT fails, nothing stays
    const odd = path.join(root, 'odd');
    cpSync(exported, odd, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(odd, 'manifest.json'), 'utf8')) as ExportManifest;
    const last = [...manifest.tables].reverse().find((t) => t.rows > 0)!;
    last.checksum = String(BigInt(last.checksum) + 1n);
    writeFileSync(path.join(odd, 'manifest.json'), JSON.stringify(manifest));
    const r = await fabriquesInProcess(['import', '--in', odd], empty.env);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(new RegExp(`table ${last.name} : le contenu importé diffère de l’export .* rien n’a été importé`));
    expect(await withDatabase(empty.settings, fingerprintDatabase)).toEqual(emptyPrint);
    expect(rowsOf(emptyPrint)).toBe(0);
  });
});
