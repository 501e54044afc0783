// fabriques backup / restore, on the embedded database and on a real server: a realistic platform
// goes through a backup and comes back whole (every table: same rows, same content), and every
// misuse is refused with exit code 2 and a line saying what to fix — without touching anything.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, type DatabaseSettings } from '../../src/db/client.ts';
import { fingerprintDatabase } from '../../src/ops/catalog.ts';
import { fabriques, fabriquesInProcess } from './cli.ts';
import { scratchDatabase } from './cluster.ts';
import { seedRealistic } from './dataset.ts';

type Fingerprint = Awaited<ReturnType<typeof fingerprintDatabase>>;

async function fingerprintOf(settings: DatabaseSettings): Promise<Fingerprint> {
  const database = await openDatabase(settings);
  try {
    return await fingerprintDatabase(database);
  } finally {
    await database.close();
  }
}

const totalRows = (f: Fingerprint) => Object.values(f.tables).reduce((s, t) => s + t.rows, 0);

const root = mkdtempSync(path.join(tmpdir(), 'fabriques-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('embedded database (PGlite)', () => {
  const source = path.join(root, 'source');
  const pgliteOf = (dataDir: string): DatabaseSettings => ({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  let before: Fingerprint;

  beforeAll(async () => {
    const database = await openDatabase(pgliteOf(source));
    await migrate(database);
    await seedRealistic(database);
    await database.close();
    before = await fingerprintOf(pgliteOf(source));
  });

  it('backs up and restores into a fresh data directory: every table, same rows, same content', async () => {
    // the data set is not trivial: audit (identity ids), offers, a PDF (bytea), mails
    expect(totalRows(before), JSON.stringify(before.tables)).toBeGreaterThan(100);
    for (const t of ['audit', 'admission_offers', 'wish_events', 'proposal_attachments', 'mail_outbox', 'proposals']) expect(before.tables[t]!.rows, t).toBeGreaterThan(0);
    const file = path.join(root, 'embedded.tar.gz');
    const backup = await fabriques(['backup', '--out', file], { DATA_DIR: source });
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/Sauvegarde de la base embarquée .* écrite dans .*embedded\.tar\.gz \(.* Mo, .* s\)/);
    const restored = path.join(root, 'restored');
    const restore = await fabriques(['restore', '--in', file], { DATA_DIR: restored });
    expect(restore.code, restore.out).toBe(0);
    expect(await fingerprintOf(pgliteOf(restored))).toEqual(before);
    console.log(`[figures] embedded backup: ${before.tables ? Object.keys(before.tables).length : 0} tables, ${totalRows(before)} rows, ${statSync(file).size} bytes — ${backup.out.trim()} / ${restore.out.trim()}`);
  });

  it('refuses misuse with exit code 2 and what to fix, and touches nothing', async () => {
    const file = path.join(root, 'embedded.tar.gz');
    const restored = path.join(root, 'restored');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['backup'], { DATA_DIR: source }, /--out FICHIER/],
      [['backup', '--out', file], { DATA_DIR: source }, /existe déjà/],
      [['backup', '--out', path.join(root, 'nowhere', 'x.tgz')], { DATA_DIR: source }, /n’existe pas/],
      [['backup', '--out', path.join(root, 'empty.tgz')], { DATA_DIR: path.join(root, 'no-database') }, /aucune base embarquée/],
      [['backup', '--output', file], { DATA_DIR: source }, /option inconnue --output/],
      [['restore'], { DATA_DIR: restored }, /--in FICHIER/],
      [['restore', '--in', path.join(root, 'missing.tgz')], { DATA_DIR: restored }, /introuvable/],
      [['restore', '--in', file], { DATA_DIR: restored }, /contient déjà des données : relancez avec --force/],
    ];
    writeFileSync(path.join(root, 'notes.txt'), 'pas une sauvegarde\n');
    cases.push([['restore', '--in', path.join(root, 'notes.txt')], { DATA_DIR: path.join(root, 'other') }, /n’est pas une sauvegarde Fabriques/]);
    for (const [args, env, message] of cases) {
      const r = await fabriquesInProcess(args, env);
      expect(r.code, `${args.join(' ')} → ${r.out}`).toBe(2);
      expect(r.out).toMatch(message);
      expect(r.out.trim().split('\n')).toHaveLength(1);
    }
    expect(existsSync(path.join(root, 'empty.tgz'))).toBe(false);
    expect(existsSync(path.join(root, 'other'))).toBe(false);
    expect(await fingerprintOf(pgliteOf(restored))).toEqual(before);
  });

  it('restores over data with --force, keeping the former database aside', async () => {
    const restored = path.join(root, 'restored');
    const r = await fabriquesInProcess(['restore', '--in', path.join(root, 'embedded.tar.gz'), '--force'], { DATA_DIR: restored });
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/L’ancienne base est gardée dans .*avant-restauration/);
    expect(readdirSync(restored).filter((d) => d.startsWith('pglite.avant-restauration-'))).toHaveLength(1);
    expect(await fingerprintOf(pgliteOf(restored))).toEqual(before);
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)('real server (TEST_DATABASE_URL): pg_dump -Fc / pg_restore', () => {
  const drops: (() => Promise<void>)[] = [];
  let source: string;
  let before: Fingerprint;
  const file = path.join(root, 'server.dump');

  beforeAll(async () => {
    const s = await scratchDatabase(serverUrl!);
    drops.push(s.drop);
    source = s.url;
    const database = await openDatabase({ kind: 'pg', url: source });
    await migrate(database);
    await seedRealistic(database);
    await database.close();
    before = await fingerprintOf({ kind: 'pg', url: source });
  });
  afterAll(async () => {
    for (const d of drops) await d().catch(() => {});
  });

  it('backs up and restores into an empty database: every table, same rows, same content', async () => {
    const backup = await fabriques(['backup', '--out', file], { DATABASE_URL: source });
    expect(backup.code, backup.out).toBe(0);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    const target = await scratchDatabase(serverUrl!);
    drops.push(target.drop);
    const restore = await fabriques(['restore', '--in', file], { DATABASE_URL: target.url });
    expect(restore.code, restore.out).toBe(0);
    expect(await fingerprintOf({ kind: 'pg', url: target.url })).toEqual(before);
    console.log(`[figures] server backup: ${totalRows(before)} rows, ${statSync(file).size} bytes — ${backup.out.trim()} / ${restore.out.trim()}`);
  });

  it('refuses a non-empty database without --force and a backup of the other kind; replaces with --force', async () => {
    const over = await fabriquesInProcess(['restore', '--in', file], { DATABASE_URL: source });
    expect(over.code, over.out).toBe(2);
    expect(over.out).toMatch(/contient déjà des données .* --force/);
    const embedded = path.join(root, 'embedded.tar.gz');
    if (existsSync(embedded)) {
      const wrong = await fabriquesInProcess(['restore', '--in', embedded], { DATABASE_URL: source });
      expect(wrong.code).toBe(2);
      expect(wrong.out).toMatch(/sauvegarde de la base embarquée.*fabriques export \/ fabriques import/);
    }
    const intoEmbedded = await fabriquesInProcess(['restore', '--in', file], { DATA_DIR: path.join(root, 'from-server') });
    expect(intoEmbedded.code).toBe(2);
    expect(intoEmbedded.out).toMatch(/sauvegarde d’un serveur PostgreSQL/);
    const forced = await fabriquesInProcess(['restore', '--in', file, '--force'], { DATABASE_URL: source });
    expect(forced.code, forced.out).toBe(0);
    expect(await fingerprintOf({ kind: 'pg', url: source })).toEqual(before);
  });
});
