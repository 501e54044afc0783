import { describe, expect, it } from 'vitest';
import { parisDate } from './clock.ts';

describe('parisDate', () => {
  it('gives the calendar date in Paris, winter and summer, around midnight', () => {
    expect(parisDate(new Date('2026-11-29T22:59:59Z'))).toBe('2026-11-29');
    expect(parisDate(new Date('2026-11-29T23:00:00Z'))).toBe('2026-11-30');
    expect(parisDate(new Date('2026-07-14T21:59:00Z'))).toBe('2026-07-14');
    expect(parisDate(new Date('2026-07-14T22:00:00Z'))).toBe('2026-07-15');
    expect(parisDate(new Date('2026-07-14T22:00:30Z'))).toBe('2026-07-15');
  });
});
