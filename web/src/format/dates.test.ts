import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange } from './dates.ts';
import { formatPrice, plural } from './numbers.ts';

describe('formatDate', () => {
  it('writes calendar dates in French, whatever the time zone', () => {
    expect(formatDate('2028-03-12')).toBe('12 mars 2028');
    expect(formatDate('2026-12-31')).toBe('31 décembre 2026');
  });
  it('writes the first day of a month as « 1er »', () => {
    expect(formatDate('2026-06-01')).toBe('1er juin 2026');
  });
  it('leaves an unexpected value as it is', () => {
    expect(formatDate('bientôt')).toBe('bientôt');
  });
  it('writes a range', () => {
    expect(formatDateRange('2026-03-03', '2026-09-12')).toBe('du 3 mars 2026 au 12 septembre 2026');
  });
});

describe('numbers', () => {
  it('formats prices in euros with French spacing', () => {
    expect(formatPrice(150000)).toBe('1\u202f500\u00a0€');
    expect(formatPrice(9950)).toBe('99,50\u00a0€');
  });
  it('agrees nouns with counts', () => {
    expect(plural(0, 'formation', 'formations')).toBe('0 formation');
    expect(plural(1, 'formation', 'formations')).toBe('1 formation');
    expect(plural(1234, 'formation', 'formations')).toBe('1\u202f234 formations');
  });
});
