import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, addYears, civilFromDays, dayNumber, daysFromCivil, isoDate, isoWeekday, sessionStatusOn } from './calendar.ts';

describe('calendar', () => {
  it('agrees with Date.UTC on day numbers, both ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (day) => {
        const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
        expect(isoDate(day)).toBe(iso);
        expect(dayNumber(iso)).toBe(day);
        const c = civilFromDays(day);
        expect(daysFromCivil(c.year, c.month, c.day)).toBe(day);
      }),
    );
  });
  it('rejects malformed and impossible dates', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '26-01-01', '2026-1-1', '']) expect(() => dayNumber(bad), bad).toThrow();
    expect(dayNumber('2024-02-29')).toBe(dayNumber('2024-02-28') + 1);
  });
  it('adds months with end-of-month clamping, and years', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-10', 12)).toBe('2027-03-10');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-10', -3)).toBe('2025-12-10');
    expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('knows the weekday', () => {
    expect(isoWeekday(dayNumber('2026-03-09'))).toBe(1); // a Monday
    expect(isoWeekday(dayNumber('2026-03-15'))).toBe(7);
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 50_000 }), (day) => {
        expect(isoWeekday(day) % 7).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
    );
  });
  it('derives a session status from its dates', () => {
    const today = '2026-03-10';
    expect(sessionStatusOn('2025-01-06', '2025-10-05', today)).toBe('finished');
    expect(sessionStatusOn('2025-09-01', '2026-03-09', today)).toBe('finished');
    expect(sessionStatusOn('2025-09-01', '2026-03-10', today)).toBe('running');
    expect(sessionStatusOn('2026-03-10', '2026-12-09', today)).toBe('running');
    expect(sessionStatusOn('2026-03-11', '2026-12-10', today)).toBe('recruiting');
    expect(sessionStatusOn(addDays(today, 120), '2027-12-01', today)).toBe('recruiting');
    expect(sessionStatusOn(addDays(today, 121), '2027-12-01', today)).toBe('planned');
  });
});
