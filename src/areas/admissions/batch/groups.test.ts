import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvError, FieldError } from './csv.ts';
import { parseConstraints, readGroups } from './groups.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-groups-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

function groupsFile(rows: string[]): string {
  const file = path.join(dir, `${++serial}-G.csv`);
  writeFileSync(file, ['group,offer_target,block_call_rank,constraints', ...rows].join('\n') + '\n');
  return file;
}

const quoted = (v: string) => `"${v.replaceAll('"', '""')}"`;

describe('G.csv', () => {
  it('reads every constraints field as parseConstraints does (the usual ones from their bytes, the others as text)', () => {
    const item = fc.oneof(
      fc.tuple(fc.constantFrom('scholarship', 'resident', 'women', 'a', 'b:c', '', ' resident ', 'é', 'x y'), fc.constantFrom('0', '20', '100', '007', '101', '1000', '', 'x', ' 30')).map(([n, r]) => `${n}:${r}`),
      fc.constantFrom('', ' ', 'noColon'),
    );
    fc.assert(
      fc.property(fc.array(item, { maxLength: 6 }), (items) => {
        const field = items.join(';');
        let expected: string;
        try {
          expected = JSON.stringify(parseConstraints(Buffer.from(field), 0, Buffer.byteLength(field)));
        } catch (e) {
          if (!(e instanceof FieldError)) throw e;
          expected = e.message;
        }
        let actual: string;
        try {
          actual = JSON.stringify(readGroups({ path: groupsFile([`g1,3,0,${quoted(field)}`]) }, 'G.csv').constraints(0));
        } catch (e) {
          if (!(e instanceof CsvError)) throw e;
          actual = e.detail;
        }
        expect(actual).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('orders the groups by the bytes of their ids (code points), whatever their characters', () => {
    const id = fc.oneof(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.constantFrom('\u{1F600}', '\uE000', '\uFFFD', 'z', 'é'));
    fc.assert(
      fc.property(fc.uniqueArray(id, { minLength: 1, maxLength: 30 }), (ids) => {
        const clean = ids.filter((x) => !/[\r\n\u0000]/.test(x) && x.trim() === x);
        fc.pre(clean.length > 0 && new Set(clean.map((x) => Buffer.from(x).toString())).size === clean.length);
        const t = readGroups({ path: groupsFile(clean.map((x) => `${quoted(x)},1,0,`)) }, 'G.csv');
        const byBytes = [...clean].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
        expect(Array.from(t.order(), (g) => t.ids.text(g))).toEqual(byBytes);
      }),
    );
  });
});
