import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvError } from './csv.ts';
import { readGroups } from './groups.ts';
import { ByteInterner } from './interner.ts';
import { admissionsAddon } from './native.ts';
import { runCallOrder } from './run.ts';
import { readWishes, type Layout, type WishBuckets } from './wishes.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-native-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

const GROUPS = ['group,offer_target,block_call_rank,constraints', 'g1,3,0,scholarship:20;resident:30', 'g2,2,0,', 'gé,4,2,women:50', '"g""q",1,0,resident:100'];

/** Everything a reading leaves for the jobs after it. */
function snapshot(t: WishBuckets) {
  const words = t.words;
  const records: number[][] = [];
  for (let b = 0; b < t.blocks; b++) records.push(Array.from(t.chunks[b >> 12]!.subarray((b & 4095) * 16 * words, ((b & 4095) + 1) * 16 * words)));
  const interned = (i: WishBuckets['candidates']) => Array.from({ length: i.size }, (_, id) => [i.text(id), i.quote[id]]);
  return {
    n: t.n,
    state: Array.from(t.state),
    next: Array.from(t.next.subarray(0, t.blocks)),
    records,
    candidates: interned(t.candidates),
    flagTexts: interned(t.flagTexts),
    acceptedLine: Array.from(t.acceptedLine),
    columnOf: Array.from(t.columnOf),
  };
}

function outcome(W: string | Uint8Array, layout: Layout, native: boolean, chunkSize: number) {
  const base = path.join(dir, String(++serial));
  writeFileSync(`${base}-G.csv`, GROUPS.join('\n') + '\n');
  writeFileSync(`${base}-W.csv`, W);
  try {
    return snapshot(readWishes({ path: `${base}-W.csv` }, 'W.csv', readGroups({ path: `${base}-G.csv` }, 'G.csv'), layout, { native, chunkSize }));
  } catch (e) {
    if (e instanceof CsvError) return e.message;
    throw e;
  }
}

const plain = fc.record({
  c: fc.constantFrom('c1', 'c2', 'c3', 'c10', 'candidat-4'),
  g: fc.constantFrom('g1', 'g2', 'gé'),
  rank: fc.integer({ min: 1, max: 12 }),
  flags: fc.constantFrom('', 'scholarship', 'resident', 'scholarship;resident', ' women ; other'),
  status: fc.constantFrom('waiting', 'offered', 'accepted', 'declined', 'withdrawn'),
  preference: fc.integer({ min: 0, max: 4 }),
});

/** Rows the native scanner must leave to the JavaScript reader, and rows with an error. */
const odd = fc.constantFrom(
  '"c1",g1,1,scholarship,waiting,0',
  'c1,"g1",2,,waiting,0',
  '"c""5",g2,1,,offered,1',
  'c6,g1,3,"scholarship;resident",waiting,0',
  'c7,g"q,1,resident,waiting,0',
  'c7,"g""q",1,resident,waiting,0',
  'é8,g1,4,,waiting,0',
  'c9,g2,2,boursière,waiting,0',
  '\u0001,g1,5,,waiting,0', // \u0001 stands for the byte 0xff: not UTF-8
  ',g1,6,,waiting,0',
  'c11,g9,1,,waiting,0',
  'c12,g1,0,,waiting,0',
  'c13,g1, 3,,waiting,0',
  'c14,g1,99999999999,,waiting,0',
  'c15,g1,7,,Waiting,0',
  'c16,g1,8,,waiting,-1',
  'c17,g1,9,,waiting',
  'c18,g1,10,,waiting,0,extra',
  'c19\r,g1,11,,waiting,0',
  'c20,g1,12,,waiting,0\r',
  '',
  '\r',
  'c21,g2,3,,accepted,0',
  'c21,g1,13,,accepted,0',
);

const file = fc
  .record({
    rows: fc.array(fc.oneof({ weight: 4, arbitrary: plain.map((r) => `${r.c},${r.g},${r.rank},${r.flags},${r.status},${r.preference}`) }, { weight: 1, arbitrary: odd }), { maxLength: 40 }),
    crlf: fc.boolean(),
    lastEnd: fc.boolean(),
    header: fc.constantFrom('candidate,group,rank,flags,status,preference', 'group,candidate,rank,flags,status,preference'),
  })
  .map(({ rows, crlf, lastEnd, header }) => {
    const eol = crlf ? '\r\n' : '\n';
    const swap = header.startsWith('group');
    const lines = rows.map((r) => (swap ? r.replace(/^([^,]*),([^,]*)/, '$2,$1') : r));
    const bytes = Buffer.from([header, ...lines].join(eol) + (lastEnd ? eol : ''), 'utf8');
    return bytes.map((b) => (b === 1 ? 0xff : b));
  });

describe('the native scanner of W.csv', () => {
  it('is built by npm ci (node-gyp, native/wish_scan.cc)', () => {
    expect(admissionsAddon()).not.toBeNull();
  });

  it('reads every file as the JavaScript reader does: the same buckets, or the same error on the same line and column', () => {
    let read = 0;
    fc.assert(
      fc.property(file, fc.constantFrom<Layout>('call-order', 'round'), fc.constantFrom(1 << 20, 64, 1024), (W, layout, chunkSize) => {
        const js = outcome(W, layout, false, chunkSize);
        if (typeof js === 'object') read++;
        expect(outcome(W, layout, true, chunkSize)).toEqual(js);
      }),
      { numRuns: 300 },
    );
    // not only errors: most files are read to the end
    expect(read).toBeGreaterThan(100);
  });

  it('takes plain rows and leaves the others to the JavaScript reader, whose errors keep their line', () => {
    const W = ['candidate,group,rank,flags,status,preference', 'c1,g1,1,scholarship,waiting,0', '"c2",g1,2,,waiting,0', 'c3,g1,3,,waiting,0', 'c4,g1,x,,waiting,0'].join('\n') + '\n';
    expect(outcome(W, 'call-order', true, 1 << 20)).toBe('W.csv, ligne 5, colonne 3 (rank) : « x » n’est pas un rang (entier ≥ 1)');
    const ok = outcome(W.replace('c4,g1,x', 'c4,g1,4'), 'call-order', true, 1 << 20);
    expect(ok).toEqual(outcome(W.replace('c4,g1,x', 'c4,g1,4'), 'call-order', false, 1 << 20));
    expect(typeof ok === 'object' && ok.candidates.map(([id]) => id)).toEqual(['c1', 'c2', 'c3', 'c4']);
  });

  it('writes the call order’s rows as the JavaScript writer does: short, long, quoted and non-ASCII ids, groups of every size', () => {
    const id = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,7}$/), fc.stringMatching(/^[a-z0-9é]{8,30}$/), fc.constantFrom('a"b', 'x,y', '"', 'é', 'ab\u00e9cd'));
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 30 }), fc.array(fc.record({ c: fc.nat(29), g: fc.constantFrom('g1', 'g2', 'gé', 'g"q'), flags: fc.constantFrom('', 'scholarship', 'resident;women') }), { maxLength: 80 }), (ids, wishes) => {
        const base = path.join(dir, String(++serial));
        const quoted = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
        const rank = new Map<string, number>();
        const seen = new Set<string>();
        const rows = wishes.flatMap(({ c, g, flags }) => {
          const candidate = ids[c % ids.length]!;
          if (seen.has(`${candidate}|${g}`)) return [];
          seen.add(`${candidate}|${g}`);
          rank.set(g, (rank.get(g) ?? 0) + 1);
          return [`${quoted(candidate)},${quoted(g)},${rank.get(g)},${flags},waiting,0`];
        });
        writeFileSync(`${base}-G.csv`, GROUPS.join('\n') + '\n');
        writeFileSync(`${base}-W.csv`, ['candidate,group,rank,flags,status,preference', ...rows].join('\n') + '\n');
        const input = { groups: { path: `${base}-G.csv` }, wishes: { path: `${base}-W.csv` }, groupsName: 'G.csv', wishesName: 'W.csv' };
        runCallOrder(input, `${base}-js.csv`, { native: false });
        runCallOrder(input, `${base}-native.csv`);
        expect(readFileSync(`${base}-native.csv`, 'utf8')).toBe(readFileSync(`${base}-js.csv`, 'utf8'));
      }),
      { numRuns: 150 },
    );
  });

  it('stops writing rows where the next one might not fit, and goes on from there', () => {
    const t = new ByteInterner();
    const ids = ['c1', 'candidate-long-2', 'a"b', 'c4'];
    ids.forEach((v) => t.internString(v));
    const rows = new (admissionsAddon()!.CallOrderRows)(ids.length, t.compact(), t.start, t.arena, new Int32Array(0), new Int32Array(0), new Uint8Array(0));
    const out = new Uint8Array(64);
    const group = Buffer.from('g1');
    const candidate = Int32Array.from([3, 2, 1, 0]);
    const called = Int32Array.from([2, 0, 3, 1]);
    let text = '';
    let calls = 0;
    for (let j = 0; j < 4; calls++) {
      const [pos, next] = rows.write(out, 0, group, candidate, called, j, 4);
      expect(next).toBeGreaterThan(j);
      text += Buffer.from(out.subarray(0, pos)).toString('utf8');
      j = next;
    }
    expect(calls).toBeGreaterThan(1);
    expect(text).toBe('g1,candidate-long-2,1\ng1,c4,2\ng1,c1,3\ng1,"a""b",4\n');
  });

  it('throws a TypeError when a function is called with missing or wrong arguments, or on an object it did not make', () => {
    const addon = admissionsAddon()!;
    type Loose = new (...args: unknown[]) => { scan: (...a: unknown[]) => number; write: (...a: unknown[]) => unknown };
    const Scanner = addon.Scanner as unknown as Loose;
    const Rows = addon.CallOrderRows as unknown as Loose;
    expect(() => new Scanner(new Uint8Array(0), new Int32Array(1), 0)).toThrow(TypeError);
    expect(() => new Rows(0, new Int32Array(0), new Int32Array(0), new Uint8Array(0), new Int32Array(0), new Int32Array(0))).toThrow(TypeError);
    const scanner = new Scanner(new Uint8Array(0), new Int32Array(1), 0, ['waiting']);
    const bytes = Buffer.from('c,g,1,,waiting,0\n');
    expect(() => scanner.scan(bytes, 0, bytes.length, new Int32Array(64))).toThrow(TypeError);
    expect(() => scanner.scan(bytes, 0, bytes.length + 1, new Int32Array(64), 1)).toThrow(TypeError);
    const rows = new Rows(0, new Int32Array(0), new Int32Array(0), new Uint8Array(0), new Int32Array(0), new Int32Array(0), new Uint8Array(0));
    expect(() => rows.write(new Uint8Array(8), 0, Buffer.from('g'), new Int32Array(0), new Int32Array(0), 0)).toThrow(TypeError);
    expect(() => rows.write(new Uint8Array(8), 9, Buffer.from('g'), new Int32Array(0), new Int32Array(0), 0, 0)).toThrow(TypeError);
    // a method called on another object: nothing to unwrap
    expect(() => rows.write.call({}, new Uint8Array(8), 0, Buffer.from('g'), new Int32Array(0), new Int32Array(0), 0, 0)).toThrow(TypeError);
    expect(() => scanner.scan.call({}, bytes, 0, bytes.length, new Int32Array(64), 1)).toThrow(TypeError);
  });
});
