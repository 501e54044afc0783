import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { callOrder } from '../domain/call-order.ts';
import { offerRound } from '../domain/round.ts';
import type { Status } from '../domain/status.ts';
import { CsvError } from './csv.ts';
import { runCallOrder, runRound, type BatchInput } from './run.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-admissions-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** Writes G.csv and W.csv (header added) and returns the job input and an output path. */
function files(groups: string[], wishes: string[], header = 'candidate,group,rank,flags,status,preference') {
  const base = path.join(dir, String(++serial));
  writeFileSync(`${base}-G.csv`, ['group,offer_target,block_call_rank,constraints', ...groups].join('\n') + '\n');
  writeFileSync(`${base}-W.csv`, [header, ...wishes].join('\n') + '\n');
  const input: BatchInput = { groups: { path: `${base}-G.csv` }, wishes: { path: `${base}-W.csv` }, groupsName: 'G.csv', wishesName: 'W.csv' };
  return { input, out: `${base}-out.csv` };
}

const lines = (file: string) => readFileSync(file, 'utf8').trimEnd().split('\n');

function csvError(job: () => unknown): string {
  try {
    job();
  } catch (e) {
    if (e instanceof CsvError) return e.message;
    throw e;
  }
  throw new Error('no error');
}

const example1 = 'C1 C2 B1 C3 C4 C5 B2 C6 C7 C8 C9 C10 C11 C12 C13 C14 B3 C15 C16 C17'.split(' ');
const example2 = 'R1 R2 N1 R3 R4 R5 R6 R7 R8 R9 R10 R11 B1 R12 B2 R13 R14 D1 R15 R16'.split(' ');
const flags2: Record<string, string> = { B: 'scholarship', D: 'resident;scholarship', N: '', R: 'resident' };

describe('call-order job', () => {
  it('gives the two published worked examples, groups in code point order', () => {
    const { input, out } = files(
      ['ex2,3,0,scholarship:20;resident:90', 'ex1,3,0,scholarship:25', 'empty,5,0,'],
      [...example2.map((c, i) => `${c},ex2,${i + 1},${flags2[c[0]!]},waiting,0`), ...example1.map((c, i) => `${c},ex1,${i + 1},${c[0] === 'B' ? 'scholarship' : ''},declined,0`)],
    );
    const result = runCallOrder(input, out);
    expect(result).toMatchObject({ groups: 3, wishes: 40, candidates: 38 });
    const rows = lines(out);
    expect(rows[0]).toBe('group,candidate,call_rank');
    const of = (g: string) => rows.filter((r) => r.startsWith(`${g},`)).map((r) => r.split(','));
    expect(of('ex1').map((r) => r[1]).join(' ')).toBe('B1 C1 C2 C3 B2 C4 C5 C6 B3 C7 C8 C9 C10 C11 C12 C13 C14 C15 C16 C17');
    expect(of('ex2').map((r) => r[1]).join(' ')).toBe('D1 R1 R2 R3 R4 B1 R5 R6 R7 R8 B2 R9 R10 R11 R12 R13 R14 R15 R16 N1');
    expect(of('ex1').map((r) => Number(r[2]))).toEqual(example1.map((_, k) => k + 1));
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual([...Array(20).fill('ex1'), ...Array(20).fill('ex2')]);
  });

  it('sorts ranks with gaps, ignores flags no group constrains, quotes ids that need it', () => {
    const { input, out } = files(['"g,1",1,0,b:50'], ['x,"g,1",30, zz ; b ,waiting,0', 'y,"g,1",7,,waiting,0', '"a ""q""","g,1",12,other,waiting,0']);
    runCallOrder(input, out);
    expect(lines(out).slice(1)).toEqual(['"g,1",x,1', '"g,1",y,2', '"g,1","a ""q""",3']);
  });

  it('matches the domain call order on random files', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            rates: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 4 }),
            wishes: fc.array(fc.record({ candidate: fc.integer({ min: 0, max: 30 }), flags: fc.subarray(['f0', 'f1', 'f2', 'f3', 'x']) }), { maxLength: 25 }),
            gaps: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (spec) => {
          const groups = spec.map((g, k) => `g${k},1,0,${g.rates.map((r, p) => `f${p}:${r}`).join(';')}`);
          const wishes: string[] = [];
          const expected: string[] = [];
          spec.forEach((g, k) => {
            const unique = [...new Map(g.wishes.map((w) => [w.candidate, w])).values()];
            const ranked = unique.map((w, i) => ({ id: `c${w.candidate}`, rank: g.gaps ? 3 * i + 5 : i + 1, flags: w.flags }));
            for (const r of [...ranked].reverse()) wishes.push(`${r.id},g${k},${r.rank},${r.flags.join(';')},waiting,0`);
            const constraints = g.rates.map((rate, p) => ({ name: `f${p}`, rate }));
            for (const c of callOrder(ranked, constraints)) expected.push(`g${k},${c.id},${c.callRank}`);
          });
          const { input, out } = files(groups, wishes);
          runCallOrder(input, out);
          expect(lines(out).slice(1)).toEqual(expected.sort((a, b) => (a.split(',')[0]! < b.split(',')[0]! ? -1 : a.split(',')[0]! > b.split(',')[0]! ? 1 : 0)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('round job', () => {
  it('gives the published round example: day 1, day 2, and the block call', () => {
    const six = (statuses: Status[]) => statuses.map((s, i) => `C${i + 1},s,${i + 1},,${s},0`);
    let f = files(['s,3,0,'], six(['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']));
    expect(runRound(f.input, f.out, { autoResponder: false })).toMatchObject({ offers: 3 });
    expect(lines(f.out)[0]).toBe('candidate,group,rank,flags,status,preference');
    expect(lines(f.out).slice(1).map((r) => r.split(',')[4])).toEqual(['offered', 'offered', 'offered', 'waiting', 'waiting', 'waiting']);
    f = files(['s,3,0,'], six(['accepted', 'declined', 'offered', 'waiting', 'waiting', 'waiting']));
    runRound(f.input, f.out, { autoResponder: false });
    expect(lines(f.out).slice(1).map((r) => r.split(',')[4])).toEqual(['accepted', 'declined', 'offered', 'offered', 'waiting', 'waiting']);
    f = files(['s,3,5,'], six(['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']));
    runRound(f.input, f.out, { autoResponder: false });
    expect(lines(f.out).slice(1).map((r) => r.split(',')[4]).join(' ')).toBe('offered offered offered offered offered waiting');
  });

  it('keeps every column but the status, sorted by group then rank', () => {
    const { input, out } = files(['b,1,0,', 'a,0,0,'], ['x,b,2,"q,r",waiting,3', 'y,a,1,,waiting,0', 'z,b,1,s,withdrawn,1']);
    runRound(input, out, { autoResponder: false });
    expect(lines(out).slice(1)).toEqual(['y,a,1,,waiting,0', 'z,b,1,s,withdrawn,1', 'x,b,2,"q,r",offered,3']);
  });

  it('uses the preferences only with the automatic responder', () => {
    // c1 ordered everything: offers from g1 (pref 2) and g2 (pref 3); g3 (pref 1) waits, g4 (pref 4) goes
    const groups = ['g1,1,0,', 'g2,1,0,', 'g3,0,0,', 'g4,0,0,'];
    const wishes = ['c1,g1,1,,waiting,2', 'c1,g2,1,,waiting,3', 'c1,g3,1,,waiting,1', 'c1,g4,1,,waiting,4', 'c2,g1,2,,waiting,0'];
    let f = files(groups, wishes);
    runRound(f.input, f.out, { autoResponder: false });
    expect(lines(f.out).slice(1).filter((r) => r.startsWith('c1')).map((r) => r.split(',')[4])).toEqual(['offered', 'offered', 'waiting', 'waiting']);
    f = files(groups, wishes);
    expect(runRound(f.input, f.out, { autoResponder: true })).toMatchObject({ offers: 2, autoResponses: 3 });
    expect(lines(f.out).slice(1)).toEqual(['c1,g1,1,,accepted,2', 'c2,g1,2,,waiting,0', 'c1,g2,1,,declined,3', 'c1,g3,1,,waiting,1', 'c1,g4,1,,withdrawn,4']);
  });

  it('matches the domain round on random files', () => {
    const statuses: Status[] = ['waiting', 'offered', 'accepted', 'declined', 'withdrawn'];
    fc.assert(
      fc.property(
        fc.array(fc.record({ target: fc.integer({ min: 0, max: 6 }), block: fc.integer({ min: 0, max: 5 }), statuses: fc.array(fc.constantFrom(...statuses), { maxLength: 12 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        (spec) => {
          const wishes: string[] = [];
          const expected: string[] = [];
          spec.forEach((g, k) => {
            // one candidate per wish, so that nobody holds two acceptances
            const after = offerRound({ offerTarget: g.target, blockCallRank: g.block }, g.statuses.map((status, i) => ({ callRank: i + 1, status }))).statuses;
            g.statuses.forEach((s, i) => {
              wishes.push(`c${k}-${i},g${k},${i + 1},,${s},0`);
              expected.push(`c${k}-${i},g${k},${i + 1},,${after[i]},0`);
            });
          });
          const { input, out } = files(
            spec.map((g, k) => `g${k},${g.target},${g.block},`),
            [...wishes].reverse(),
          );
          runRound(input, out, { autoResponder: false });
          expect(lines(out).slice(1)).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('bad files: line and column named, no output written', () => {
  const cases: [string, string[], string[], RegExp][] = [
    ['a rank given twice', ['g,1,0,'], ['a,g,1,,waiting,0', 'b,g,2,,waiting,0', 'c,g,1,,waiting,0'], /^W\.csv, ligne 4, colonne 3 \(rank\) : rang 1 déjà donné ligne 2 dans le groupe « g »$/],
    ['a rank given twice with gaps', ['g,1,0,'], ['a,g,10,,waiting,0', 'b,g,900000,,waiting,0', 'c,g,10,,waiting,0'], /^W\.csv, ligne 4, colonne 3 \(rank\) : rang 10 déjà donné ligne 2/],
    ['a candidate twice in a group', ['g,1,0,'], ['a,g,1,,waiting,0', 'a,g,2,,waiting,0'], /^W\.csv, ligne 3, colonne 1 \(candidate\) : candidat « a » déjà présent ligne 2 dans le groupe « g »$/],
    // the gap (rank 70) is met after the first two rows: the candidate check must still see the third
    ['a candidate twice in a group with gaps', ['g,1,0,'], ['a,g,1,,waiting,0', 'b,g,70,,waiting,0', 'a,g,2,,waiting,0'], /^W\.csv, ligne 4, colonne 1 \(candidate\) : candidat « a » déjà présent ligne 2 dans le groupe « g »$/],
    ['an unknown group', ['g,1,0,'], ['a,h,1,,waiting,0'], /^W\.csv, ligne 2, colonne 2 \(group\) : groupe « h » absent de G\.csv$/],
    ['a bad rank', ['g,1,0,'], ['a,g,0,,waiting,0'], /^W\.csv, ligne 2, colonne 3 \(rank\) : « 0 » n’est pas un rang/],
    ['a bad status', ['g,1,0,'], ['a,g,1,,pending,0'], /^W\.csv, ligne 2, colonne 5 \(status\) : statut « pending » inconnu/],
    ['a bad preference', ['g,1,0,'], ['a,g,1,,waiting,-1'], /^W\.csv, ligne 2, colonne 6 \(preference\)/],
    ['an empty candidate', ['g,1,0,'], [',g,1,,waiting,0'], /^W\.csv, ligne 2, colonne 1 \(candidate\) : identifiant de candidat vide/],
    ['a group defined twice', ['g,1,0,', 'g,2,0,'], [], /^G\.csv, ligne 3, colonne 1 \(group\) : groupe « g » déjà défini ligne 2$/],
    ['a rate above 100', ['g,1,0,a:101'], [], /^G\.csv, ligne 2, colonne 4 \(constraints\) : taux de « a » : entier de 0 à 100/],
    ['five constraints', ['g,1,0,a:1;b:1;c:1;d:1;e:1'], [], /^G\.csv, ligne 2, colonne 4 \(constraints\) : au plus 4 contraintes/],
    ['a constraint without rate', ['g,1,0,a'], [], /^G\.csv, ligne 2, colonne 4 \(constraints\) : « a » : nom:taux attendu/],
    ['a constraint twice', ['g,1,0,a:1;a:2'], [], /en double/],
    ['a bad offer target', ['g,x,0,'], [], /^G\.csv, ligne 2, colonne 2 \(offer_target\)/],
  ];
  for (const [name, groups, wishes, message] of cases) {
    it(name, () => {
      for (const job of ['call-order', 'round'] as const) {
        const { input, out } = files(groups, wishes);
        expect(csvError(() => (job === 'call-order' ? runCallOrder(input, out) : runRound(input, out, { autoResponder: true })))).toMatch(message);
        expect(existsSync(out)).toBe(false);
        expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      }
    });
  }

  it('a second acceptance, and a preference given twice (with the responder only)', () => {
    let f = files(['g,1,0,', 'h,1,0,'], ['a,g,1,,accepted,0', 'a,h,1,,accepted,0']);
    expect(csvError(() => runRound(f.input, f.out, { autoResponder: false }))).toMatch(/^W\.csv, ligne 3, colonne 5 \(status\) : le candidat « a » a déjà une offre acceptée ligne 2/);
    expect(runCallOrder(f.input, f.out).wishes).toBe(2); // the call order ranks whatever the statuses
    f = files(['g,1,0,', 'h,1,0,'], ['a,g,1,,waiting,1', 'a,h,1,,waiting,1']);
    expect(runRound(f.input, f.out, { autoResponder: false }).offers).toBe(2);
    rmSync(f.out);
    expect(csvError(() => runRound(f.input, f.out, { autoResponder: true }))).toMatch(/^W\.csv, ligne 3, colonne 6 \(preference\) : préférence 1 déjà donnée ligne 2 par le candidat « a »$/);
    expect(existsSync(f.out)).toBe(false);
  });

  it('names the column where it is when the header is in another order', () => {
    const { input, out } = files(['g,1,0,'], ['waiting,0,a,g,x,'], 'status,preference,candidate,group,rank,flags');
    expect(csvError(() => runCallOrder(input, out))).toMatch(/^W\.csv, ligne 2, colonne 5 \(rank\)/);
  });
});

describe('temporary files of a killed job', () => {
  it('are removed by the next job writing the same file, once their process is gone; a running one’s are kept', async () => {
    const { spawn, spawnSync } = await import('node:child_process');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!; // a process that has exited
    const running = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const { input, out } = files(['g1,1,0,'], ['a,g1,1,,waiting,0']);
      const name = path.basename(out);
      const leftovers = [`.${name}.${gone}.tmp`, `${name}.${gone}.part2.tmp`, `.${name}.${gone}.part2.tmp.${gone}.w.tmp`];
      const kept = [`.${name}.${running.pid}.tmp`, `${name}.${running.pid}.part2.tmp`, `.${name}.other.tmp`, `${name}.bak`, `.x-${name}.${gone}.tmp`];
      for (const f of [...leftovers, ...kept]) writeFileSync(path.join(dir, f), 'partiel');
      runCallOrder(input, out);
      expect(lines(out)).toEqual(['group,candidate,call_rank', 'g1,a,1']);
      const present = new Set(readdirSync(dir));
      for (const f of leftovers) expect(present.has(f), f).toBe(false);
      for (const f of kept) expect(present.has(f), f).toBe(true);
    } finally {
      running.kill();
    }
  });
});
