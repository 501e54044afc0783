import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildModule, compiledModule } from '../../shared/compiled-module.mjs';
import { main } from '../../cli.ts';
import { captureConsole } from '../../../test/support/console.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-admissions-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const G = path.join(dir, 'G.csv');
const W = path.join(dir, 'W.csv');
const O = path.join(dir, 'O.csv');
writeFileSync(G, 'group,offer_target,block_call_rank,constraints\nex1,3,0,scholarship:25\n');
writeFileSync(
  W,
  'candidate,group,rank,flags,status,preference\n' +
    'C1 C2 B1 C3 C4 C5 B2 C6 C7 C8 C9 C10 C11 C12 C13 C14 B3 C15 C16 C17'
      .split(' ')
      .map((c, i) => `${c},ex1,${i + 1},${c[0] === 'B' ? 'scholarship' : ''},waiting,0\n`)
      .join(''),
);

const { out, err } = captureConsole();
beforeEach(() => rmSync(O, { force: true }));

const admissions = (...args: string[]) => main(['admissions', ...args]);

describe('fabriques admissions', () => {
  it('call-order writes O.csv and prints a one-line JSON summary', async () => {
    expect(await admissions('call-order', '--groups', G, '--wishes', W, '--out', O)).toBe(0);
    expect(readFileSync(O, 'utf8').split('\n').slice(1, 4)).toEqual(['ex1,B1,1', 'ex1,C1,2', 'ex1,C2,3']);
    expect(JSON.parse(out[0]!)).toMatchObject({ groups: 1, wishes: 20 });
  });

  it('round writes S.csv, with --auto-responder accepted', async () => {
    expect(await admissions('round', '--groups', G, '--wishes', W, '--out', O, '--auto-responder')).toBe(0);
    expect(readFileSync(O, 'utf8').split('\n')[1]).toBe('C1,ex1,1,,offered,0');
  });

  it('exits 2 with one line naming the line and the column on a bad file, and writes nothing', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, readFileSync(W, 'utf8').replace('C4,ex1,5,', 'C4,ex1,five,'));
    expect(await admissions('call-order', '--groups', G, '--wishes', bad, '--out', O)).toBe(2);
    expect(err).toEqual([`fabriques admissions : ${bad}, ligne 6, colonne 3 (rank) : « five » n’est pas un rang (entier ≥ 1)`]);
    expect(existsSync(O)).toBe(false);
  });

  it('exits 2 with one line on a bad argument', async () => {
    const cases: [string[], RegExp][] = [
      [[], /sous-commande attendue : call-order ou round/],
      [['sort'], /sous-commande inconnue « sort »/],
      [['call-order', '--wishes', W, '--out', O], /--groups FICHIER\.csv est obligatoire/],
      [['call-order', '--groups', G, '--wishes', path.join(dir, 'none.csv'), '--out', O], /--wishes : fichier introuvable/],
      [['call-order', '--groups', G, '--wishes', W, '--out', path.join(dir, 'no', 'O.csv')], /--out : dossier introuvable/],
      [['call-order', '--groups', G, '--wishes', W, '--out', dir], /--out : .* est un dossier/],
      [['call-order', '--groups', G, '--wishes', W, '--out', O, '--auto-responder'], /option inconnue --auto-responder/],
    ];
    for (const [args, message] of cases) {
      err.length = 0;
      expect(await admissions(...args)).toBe(2);
      expect(err).toHaveLength(1);
      expect(err[0]).toMatch(message);
    }
    expect(existsSync(O)).toBe(false);
  });

  it('documents itself', async () => {
    expect(await admissions('--help')).toBe(0);
    expect(out[0]).toMatch(/fabriques admissions call-order --groups G\.csv --wishes W\.csv --out O\.csv/);
  });
});

describe('fabriques admissions from its compiled file (bin/fabriques.mjs)', () => {
  const bin = path.resolve(import.meta.dirname, '../../../bin/fabriques.mjs');
  const entry = new URL('../admissions-main.ts', import.meta.url);
  const run = async (...args: string[]) => {
    try {
      const r = await promisify(execFile)(process.execPath, [bin, 'admissions', ...args], { env: { ...process.env, FABRIQUES_TRACE: '1' } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const r = e as { code: number; stdout: string; stderr: string };
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    }
  };

  it('is used once built, and gives the same files, summaries and errors as the sources', async () => {
    const url = compiledModule(entry) ?? (await buildModule(entry));
    expect(url).not.toBeNull();
    expect(compiledModule(entry)?.href).toBe(url!.href);

    const compiled = await run('call-order', '--groups', G, '--wishes', W, '--out', O);
    expect(compiled.code).toBe(0);
    expect(compiled.stderr).toContain(`compilé (${url!.pathname})`);
    const file = readFileSync(O, 'utf8');
    rmSync(O);
    expect(await admissions('call-order', '--groups', G, '--wishes', W, '--out', O)).toBe(0);
    expect(file).toBe(readFileSync(O, 'utf8'));
    const summary = (text: string) => ({ ...JSON.parse(text), timings: null });
    expect(summary(compiled.stdout)).toEqual(summary(out[0]!));
    rmSync(O);

    const bad = path.join(dir, 'bad-compiled.csv');
    writeFileSync(bad, readFileSync(W, 'utf8').replace('C4,ex1,5,', 'C4,ex1,5,,pending,'));
    const refused = await run('round', '--groups', G, '--wishes', bad, '--out', O);
    expect(refused.code).toBe(2);
    expect(await admissions('round', '--groups', G, '--wishes', bad, '--out', O)).toBe(2);
    expect(refused.stderr.trim().split('\n').at(-1)).toBe(err[0]);
    expect(existsSync(O)).toBe(false);

    const usage = await run('--help');
    expect(usage.code).toBe(0);
    expect(usage.stdout).toContain('fabriques admissions round --groups G.csv');
  }, 60_000);
});
