import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvCell, csvChunks, toCsv } from './csv.ts';
import { aCatalogueSession, aCatalogueTraining } from './fixtures.ts';

/** A strict RFC 4180 reader (CRLF records; quotes doubled inside quoted fields), for the tests only. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`junk after closing quote at ${i}`);
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`bare CR at ${i}`);
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\n') {
      throw new Error(`bare LF outside quotes at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last record without CRLF');
  return rows;
}

const column = (name: string): number => CSV_COLUMNS.findIndex((c) => c.name === name);

describe('CSV export', () => {
  it('is checked by a strict reader (which rejects malformed CSV)', () => {
    expect(parseCsv('a,"b ""c""",d\r\n')).toEqual([['a', 'b "c"', 'd']]);
    expect(() => parseCsv('a,b"c\r\n')).toThrow();
    expect(() => parseCsv('a,"b\r\n')).toThrow();
    expect(() => parseCsv('a\nb\r\n')).toThrow();
    expect(() => parseCsv('a,b')).toThrow();
  });

  it('starts with a header row naming every documented column, in order', () => {
    const rows = parseCsv(toCsv([]));
    expect(rows).toEqual([CSV_COLUMNS.map((c) => c.name)]);
    for (const c of CSV_COLUMNS) expect(c.description.length).toBeGreaterThan(10);
    expect(new Set(CSV_COLUMNS.map((c) => c.name)).size).toBe(CSV_COLUMNS.length);
  });

  it('writes one row per session, repeating the training, and one row for a training without session', () => {
    const a = aCatalogueTraining({ sessions: [aCatalogueSession({ id: 's1' }), aCatalogueSession({ id: 's2' })] });
    const b = aCatalogueTraining({ sessions: [] });
    const rows = parseCsv(toCsv([a, b])).slice(1);
    expect(rows.map((r) => [r[column('formation_id')], r[column('session_id')]])).toEqual([
      [a.id, 's1'],
      [a.id, 's2'],
      [b.id, ''],
    ]);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    expect(rows[2]![column('session_places')]).toBe('');
  });

  it('formats codes, booleans, prices and coordinates for machines', () => {
    const t = aCatalogueTraining({
      romeCodes: ['M1805', 'M1806'],
      formacodes: ['31054'],
      isFree: false,
      priceCents: 123450,
      lat: 47.2184,
      lon: -1.5536,
    });
    const [row] = parseCsv(toCsv([t])).slice(1);
    expect(row![column('codes_rome')]).toBe('M1805|M1806');
    expect(row![column('gratuite')]).toBe('false');
    expect(row![column('prix_euros')]).toBe('1234.50');
    expect(row![column('latitude')]).toBe('47.2184');
    // a negative number is ours, not a formula: no apostrophe
    expect(row![column('longitude')]).toBe('-1.5536');
    const [free] = parseCsv(toCsv([aCatalogueTraining({ isFree: true, priceCents: null })])).slice(1);
    expect(free![column('gratuite')]).toBe('true');
    expect(free![column('prix_euros')]).toBe('');
  });

  it('round-trips quotes, commas, line breaks and non-ASCII text', () => {
    const nasty = [
      'Dév "full-stack", niveau 5',
      'ligne 1\r\nligne 2\nligne 3\rfin',
      '  espaces  ',
      '""',
      ',',
      'émoji 😀 et 中文',
      '',
    ];
    const trainings = nasty.map((title) => aCatalogueTraining({ title, provider: { ...aCatalogueTraining().provider, name: title } }));
    const rows = parseCsv(toCsv(trainings)).slice(1);
    expect(rows.map((r) => r[column('intitule')])).toEqual(nasty);
    expect(rows.map((r) => r[column('organisme_nom')])).toEqual(nasty);
  });

  it('neutralises spreadsheet formulas in text cells', () => {
    const payloads = ['=HYPERLINK("http://evil.example","clic")', '+33 1 23', '-2+3', '@SUM(A1:A9)', '\tTAB', '\rCR'];
    const trainings = payloads.map((title) => aCatalogueTraining({ title }));
    const rows = parseCsv(toCsv(trainings)).slice(1);
    expect(rows.map((r) => r[column('intitule')])).toEqual(payloads.map((p) => `'${p}`));
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell(-3)).toBe('-3');
  });

  it('round-trips any text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { minLength: 1, maxLength: 8 }), (titles) => {
        const rows = parseCsv(toCsv(titles.map((title) => aCatalogueTraining({ title, sessions: [] })))).slice(1);
        const expected = titles.map((t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t));
        expect(rows.map((r) => r[column('intitule')])).toEqual(expected);
      }),
    );
  });

  it('streams the same bytes in chunks: a header, then one chunk per training', () => {
    const trainings = [aCatalogueTraining(), aCatalogueTraining({ sessions: [] })];
    const chunks = [...csvChunks(trainings)];
    expect(chunks).toHaveLength(3);
    expect(chunks.join('')).toBe(toCsv(trainings));
  });
});
