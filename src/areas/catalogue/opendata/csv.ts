/**
 * The catalogue as CSV (RFC 4180): UTF-8 without BOM, comma separator, CRLF line ends (as RFC 4180
 * prescribes), a header row, then one row per session — see csv-columns.ts.
 *
 * Spreadsheet formula injection: a text cell starting with = + - @ (or tab / carriage return) gets a
 * leading apostrophe, so that a title such as "=HYPERLINK(…)" is shown, not run. Numbers are ours
 * and written as is, so a negative longitude stays a number.
 */
import type { CatalogueTraining } from '../domain/types.ts';
import { CSV_HEADER, csvRowValues, type CsvValue } from './csv-columns.ts';
import { decimal } from './format.ts';

export { CSV_COLUMNS } from './csv-columns.ts';

export const CSV_LINE_END = '\r\n';
export const CSV_MEDIA_TYPE = 'text/csv; charset=utf-8; header=present';

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One encoded cell: formula-protected when text, quoted when it holds a comma, quote or line break. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return decimal(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(values: readonly CsvValue[]): string {
  return values.map(csvCell).join(',') + CSV_LINE_END;
}

/** Streams the CSV: the header row, then one chunk of rows per training. */
export function* csvChunks(trainings: Iterable<CatalogueTraining>): Generator<string, void, undefined> {
  yield csvLine(CSV_HEADER);
  for (const t of trainings) {
    if (t.sessions.length === 0) {
      yield csvLine(csvRowValues(t, null));
      continue;
    }
    let rows = '';
    for (const s of t.sessions) rows += csvLine(csvRowValues(t, s));
    yield rows;
  }
}

/** The whole CSV as one string (see `csvChunks` to stream it). */
export function toCsv(trainings: Iterable<CatalogueTraining>): string {
  return [...csvChunks(trainings)].join('');
}
