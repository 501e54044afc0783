import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvError } from './csv.ts';
import { readGroups } from './groups.ts';
import { runCallOrderParallel, runRoundParallel, writePlan } from './parallel.ts';
import { runCallOrder, runRound, type BatchInput } from './run.ts';
import { readWishes, type Layout } from './wishes.ts';
import { buildModule, compiledModule } from '../../../shared/compiled-module.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-parallel-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

function files(groups: string[], wishes: string[]) {
  const base = path.join(dir, String(++serial));
  writeFileSync(`${base}-G.csv`, ['group,offer_target,block_call_rank,constraints', ...groups].join('\n') + '\n');
  writeFileSync(`${base}-W.csv`, ['candidate,group,rank,flags,status,preference', ...wishes].join('\n') + '\n');
  const input: BatchInput = { groups: { path: `${base}-G.csv` }, wishes: { path: `${base}-W.csv` }, groupsName: 'G.csv', wishesName: 'W.csv' };
  return { input, one: `${base}-one.csv`, two: `${base}-two.csv` };
}

/** Forces two threads on small files: W.csv in `pieces` pieces, this thread reading the first `firstTakes` of them at most. */
const twoThreads = (pieces: number, firstTakes: number) => ({ threads: 2, minBytes: 0, pieces, firstTakes });
const withoutTimings = ({ timings: _t, ...rest }: { timings: unknown }) => rest;

/** The output's size as the reading counts it (what lets the worker write from its offset). */
function countedSize(input: BatchInput, layout: Layout): number {
  const t = readWishes(input.wishes, 'W.csv', readGroups(input.groups, 'G.csv'), layout);
  return writePlan({ layout, order: t.order, groups: t.groups, parts: [t] }, 1)!.offset.at(-1)!;
}

function messageOf(job: () => unknown): Promise<string> {
  return Promise.resolve()
    .then(job)
    .then(
      () => 'no error',
      (e) => (e instanceof CsvError ? e.message : `not a CsvError: ${String(e)}`),
    );
}

const STATUSES = ['waiting', 'offered', 'accepted', 'declined', 'withdrawn'] as const;
const FLAGS = ['', 'scholarship', 'resident', 'scholarship;resident', 'women;scholarship', 'other'];

/** A random season: ids that need quoting, gaps in ranks, candidates in several groups, one accepted offer at most each. */
const season = fc
  .record({
    groups: fc.integer({ min: 1, max: 6 }),
    candidates: fc.integer({ min: 1, max: 40 }),
    wishes: fc.array(fc.record({ c: fc.nat(39), g: fc.nat(5), flags: fc.nat(FLAGS.length - 1), status: fc.nat(4), preference: fc.nat(3) }), { minLength: 1, maxLength: 160 }),
    gaps: fc.boolean(),
    pieces: fc.integer({ min: 2, max: 9 }),
    firstTakes: fc.integer({ min: 0, max: 9 }),
  })
  .map(({ groups, candidates, wishes, gaps, pieces, firstTakes }) => {
    const seen = new Set<string>();
    const accepted = new Set<number>();
    const nextRank = new Map<number, number>();
    const rows: string[] = [];
    for (const w of wishes) {
      const c = w.c % candidates;
      const g = w.g % groups;
      if (seen.has(`${c}/${g}`)) continue;
      seen.add(`${c}/${g}`);
      let status: (typeof STATUSES)[number] = STATUSES[w.status]!;
      if (status === 'accepted' && accepted.has(c)) status = 'declined';
      if (status === 'accepted') accepted.add(c);
      const rank = (nextRank.get(g) ?? 0) + (gaps ? 1 + (w.preference % 3) : 1);
      nextRank.set(g, rank);
      // some ids need quotes: a comma, a doubled quote, a line break inside the field
      const id = c % 7 === 3 ? `"c,${c}"` : c % 7 === 5 ? `"c ""${c}"""` : c % 11 === 4 ? `"c\n${c}"` : `c${c}`;
      rows.push(`${id},g${g},${rank},${FLAGS[w.flags]},${status},0`);
    }
    const groupRows = Array.from({ length: groups }, (_, g) => `g${g},${1 + (g % 4)},${g % 3 === 0 ? 2 : 0},${g % 2 ? 'scholarship:30;resident:60' : 'women:50'}`);
    return { groupRows, rows, pieces, firstTakes };
  });

describe('the jobs on two threads', () => {
  it('write the same bytes and figures as on one thread, wherever W.csv is cut and whichever thread reads which pieces', async () => {
    let onTwo = 0;
    let roundsOnTwo = 0;
    await fc.assert(
      fc.asyncProperty(season, async ({ groupRows, rows, pieces, firstTakes }) => {
        const f = files(groupRows, rows);
        const one = runCallOrder(f.input, f.one);
        const two = await runCallOrderParallel(f.input, f.two, twoThreads(pieces, firstTakes));
        expect(withoutTimings(two)).toEqual(withoutTimings(one));
        expect(readFileSync(f.two, 'utf8')).toBe(readFileSync(f.one, 'utf8'));
        expect(countedSize(f.input, 'call-order')).toBe(one.bytes);
        if (two.timings.threads === 2) onTwo++;
        const r1 = runRound(f.input, f.one, { autoResponder: false });
        const r2 = await runRoundParallel(f.input, f.two, { autoResponder: false, ...twoThreads(pieces, firstTakes) });
        expect(withoutTimings(r2)).toEqual(withoutTimings(r1));
        expect(readFileSync(f.two, 'utf8')).toBe(readFileSync(f.one, 'utf8'));
        expect(countedSize(f.input, 'round')).toBe(r1.bytes);
        if (r2.timings.threads === 2) roundsOnTwo++;
      }),
      // a fixed seed: the cuts, hence which jobs fall back (a cut inside a quoted line break), are the same on every run
      { numRuns: 15, seed: 2026 },
    );
    // most cuts fall between rows: those jobs really ran on two threads (the others fell back)
    expect(onTwo).toBeGreaterThanOrEqual(5);
    expect(roundsOnTwo).toBeGreaterThanOrEqual(5);
    // no part file or temporary file is left behind
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  }, 120_000);

  it('really uses the second thread on a big enough file (it numbers the candidates of both parts)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `c${i % 300},g${i % 7},${1 + Math.floor(i / 7)},${i % 3 ? 'scholarship' : ''},waiting,0`);
    const f = files(
      Array.from({ length: 7 }, (_, g) => `g${g},5,0,scholarship:20`),
      rows,
    );
    // the worker reads every piece but the first: both parts have candidates, most of them in both
    const two = await runCallOrderParallel(f.input, f.two, twoThreads(4, 1));
    const one = runCallOrder(f.input, f.one);
    expect(two.timings.threads).toBe(2);
    expect(two.candidates).toBe(300);
    expect(readFileSync(f.two, 'utf8')).toBe(readFileSync(f.one, 'utf8'));
    // the timings of the two-thread job measure the reading of both parts, then this thread's groups
    expect(two.timings.readMs).toBeGreaterThan(0);
  }, 30_000);

  it('give the one-thread error, with its lines, for a bad row, a duplicate or a second accepted offer in the other part', async () => {
    const groups = ['g0,2,0,', 'g1,2,0,'];
    const good = Array.from({ length: 60 }, (_, i) => `c${i},g${i % 2},${1 + (i >> 1)},,waiting,0`);
    const cases: string[][] = [
      [...good, 'c99,g0,31,,bizarre,0'],
      [...good, 'c0,g0,99,,waiting,0'],
      [...good, 'c98,g1,1,,waiting,0'],
      [...good.slice(0, 58), 'c3,g0,30,,accepted,0', 'c3,g1,30,,accepted,0'],
      [...good, 'c97,g7,1,,waiting,0'],
    ];
    for (const rows of cases) {
      const f = files(groups, rows);
      const expected = await messageOf(() => runRound(f.input, f.one, { autoResponder: false }));
      expect(expected).not.toBe('no error');
      // the last rows are in the worker's pieces
      expect(await messageOf(() => runRoundParallel(f.input, f.two, { autoResponder: false, ...twoThreads(2, 1) }))).toBe(expected);
      expect(await messageOf(() => runCallOrderParallel(f.input, f.two, twoThreads(2, 1)))).toBe(await messageOf(() => runCallOrder(f.input, f.one)));
    }
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  }, 60_000);

  it('finds a second accepted offer in the other part whichever thread numbers that candidate', async () => {
    // 200 candidates: the worker numbers the first 32 of its own, this thread the others
    const rows = Array.from({ length: 200 }, (_, i) => `c${i},g${i < 100 ? 0 : 1},${1 + (i % 100)},,${i === 3 ? 'accepted' : 'waiting'},0`);
    for (const at of [110, 200]) {
      const withSecond = [...rows.slice(0, at), 'c3,g1,101,,accepted,0', ...rows.slice(at)];
      const f = files(['g0,2,0,', 'g1,2,0,'], withSecond);
      const expected = await messageOf(() => runRound(f.input, f.one, { autoResponder: false }));
      expect(expected).toMatch(/déjà une offre acceptée/);
      expect(await messageOf(() => runRoundParallel(f.input, f.two, { autoResponder: false, ...twoThreads(2, 1) }))).toBe(expected);
    }
    expect(readdirSync(dir).filter((n) => n.includes('.tmp'))).toEqual([]);
  }, 30_000);

  it('falls back to one thread when the cut falls inside a quoted field spanning lines', async () => {
    const long = `"c,${'x\n'.repeat(200)}"`;
    const rows = [`${long},g0,1,,waiting,0`, ...Array.from({ length: 20 }, (_, i) => `c${i},g0,${i + 2},,waiting,0`)];
    const f = files(['g0,3,0,'], rows);
    const one = runCallOrder(f.input, f.one);
    // with ten pieces, the first cut lands inside the quoted id
    const two = await runCallOrderParallel(f.input, f.two, twoThreads(10, 1));
    expect(two.timings.threads).toBe(1);
    expect(withoutTimings(two)).toEqual(withoutTimings(one));
    expect(readFileSync(f.two, 'utf8')).toBe(readFileSync(f.one, 'utf8'));
  }, 30_000);
});

describe('the compiled worker', () => {
  it('is built once per version of its sources and refused as soon as one of them differs', async () => {
    const cache = mkdtempSync(path.join(dir, 'cache-'));
    const entry = new URL('./parallel-worker.ts', import.meta.url);
    expect(compiledModule(entry, cache)).toBeNull();
    const built = await buildModule(entry, cache);
    expect(built).not.toBeNull();
    expect(compiledModule(entry, cache)?.href).toBe(built!.href);
    const manifestFile = path.join(cache, 'src-areas-admissions-batch-parallel-worker.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { inputs: Record<string, string> };
    expect(Object.keys(manifest.inputs)).toContain('src/areas/admissions/batch/wishes.ts');
    // as if wishes.ts had changed since the build
    manifest.inputs['src/areas/admissions/batch/wishes.ts'] = '0'.repeat(40);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    expect(compiledModule(entry, cache)).toBeNull();
  }, 30_000);
});
