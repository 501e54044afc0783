import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CsvError, FieldError, readCsv, type CsvSink } from './csv.ts';

const COLUMNS = ['a', 'b', 'c'];
const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Collects the rows as strings, in expected-column order, with their lines. */
function collect(text: string | Uint8Array, options: { chunk?: number; file?: boolean } = {}): { rows: string[][]; lines: number[]; columnOf: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const sink: CsvSink = {
    row(b, fs, fe, line) {
      rows.push(COLUMNS.map((_, c) => Buffer.from(b.subarray(fs[c]!, fe[c]!)).toString('utf8')));
      lines.push(line);
    },
  };
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let source: { path?: string; bytes?: Uint8Array } = { bytes };
  if (options.file) {
    const file = path.join(dir, 'x.csv');
    writeFileSync(file, bytes);
    source = { path: file };
  }
  const read = readCsv(source, 'x.csv', COLUMNS, sink, options.chunk);
  return { rows, lines, columnOf: [...read.columnOf] };
}

function error(text: string): CsvError {
  try {
    collect(text);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('CSV reader', () => {
  it('reads quoted fields, escaped quotes, separators and line breaks inside quotes, CRLF, a BOM, blank lines', () => {
    const text = '\uFEFFa,b,c\r\n1,"x,y","say ""hi"""\r\n\r\n2,"two\nlines",\n"",,"3"\n';
    const { rows, lines } = collect(text);
    expect(rows).toEqual([
      ['1', 'x,y', 'say "hi"'],
      ['2', 'two\nlines', ''],
      ['', '', '3'],
    ]);
    expect(lines).toEqual([2, 4, 6]);
  });

  it('takes the columns in any order and says where each one is', () => {
    const { rows, columnOf } = collect('c,a,b\n3,1,2\n');
    expect(rows).toEqual([['1', '2', '3']]);
    expect(columnOf).toEqual([2, 3, 1]);
  });

  it('reads a last row without a line end, and a header alone', () => {
    expect(collect('a,b,c\n1,2,3').rows).toEqual([['1', '2', '3']]);
    expect(collect('a,b,c\n').rows).toEqual([]);
  });

  it('names the line and the column of every problem', () => {
    expect(error('').message).toBe('x.csv, ligne 1 : fichier vide : un en-tête est attendu (a,b,c)');
    expect(error('a,b,d\n').message).toMatch(/^x\.csv, ligne 1, colonne 3 \(d\) : colonne inconnue « d »/);
    expect(error('a,b,a\n').message).toMatch(/^x\.csv, ligne 1, colonne 3 \(a\) : colonne « a » en double/);
    expect(error('a,b\n').message).toMatch(/^x\.csv, ligne 1, colonne 3 \(c\) : colonne « c » manquante dans l’en-tête/);
    expect(error('a,b,c\n1,2,3\n1,2\n').message).toBe('x.csv, ligne 3, colonne 3 (c) : colonne « c » manquante (2 colonnes au lieu de 3)');
    expect(error('a,b,c\n1,2,3,4\n').message).toMatch(/^x\.csv, ligne 2, colonne 4 : colonne en trop/);
    expect(error('a,b,c\n1,x"y,3\n').message).toMatch(/^x\.csv, ligne 2, colonne 2 \(b\) : guillemet au milieu/);
    expect(error('a,b,c\n1,2,"3\n\n').message).toMatch(/^x\.csv, ligne 2, colonne 3 \(c\) : guillemet ouvrant sans guillemet fermant/);
    expect(error('a,b,c\n1,"2"x,3\n').message).toMatch(/^x\.csv, ligne 2, colonne 2 \(b\) : caractère après le guillemet fermant/);
    // a line break inside quotes moves the following lines
    expect(error('a,b,c\n1,"2\n2",3\n1,2\n').message).toMatch(/^x\.csv, ligne 4,/);
  });

  it('turns a FieldError of the sink into an error on its column', () => {
    const sink: CsvSink = {
      row(b, fs, fe) {
        if (b[fs[2]!] === 0x78 && fe[2]! > fs[2]!) throw new FieldError('pas de x ici', 2);
      },
    };
    expect(() => readCsv({ bytes: Buffer.from('c,b,a\n1,2,3\nx,2,3\n') }, 'y.csv', COLUMNS, sink)).toThrow('y.csv, ligne 3, colonne 1 (c) : pas de x ici');
  });

  it('gives the same rows whatever the chunk size (rows cut at any byte)', () => {
    const field = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ;:é]{0,6}$/),
      fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
    );
    const row = fc.tuple(field, field, field).map((f) => f.join(','));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 40 }), (rows, eol, chunk) => {
        const text = ['a,b,c', ...rows].join(eol) + eol;
        const whole = collect(text);
        const chunked = collect(text, { file: true, chunk });
        expect(chunked.rows).toEqual(whole.rows);
        expect(chunked.lines).toEqual(whole.lines);
      }),
      { numRuns: 150 },
    );
  });
});
