import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addMonths, monthlyPayments, trainingMonths } from './payments.ts';

describe('months of training', () => {
  it('adds months, clamping the day to the month’s length', () => {
    expect(addMonths('2025-10-06', 1)).toBe('2025-11-06');
    expect(addMonths('2025-10-06', 3)).toBe('2026-01-06');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });

  it('counts started months, the end date included', () => {
    expect(trainingMonths('2025-10-06', '2025-10-06')).toBe(1);
    expect(trainingMonths('2025-10-06', '2025-11-05')).toBe(1);
    expect(trainingMonths('2025-10-06', '2025-11-06')).toBe(2);
    expect(trainingMonths('2025-10-06', '2026-04-03')).toBe(6);
    expect(trainingMonths('2025-10-06', '2025-10-05')).toBe(0);
  });

  it('splits by academic year and pays at most 10 in each', () => {
    expect(monthlyPayments('2025-03-02', '2026-02-01', 10)).toEqual({
      months: 11,
      payments: 11,
      years: [
        { startYear: 2024, months: 6, paid: 6 },
        { startYear: 2025, months: 5, paid: 5 },
      ],
    });
    expect(monthlyPayments('2025-09-01', '2027-08-31', 10)).toEqual({
      months: 24,
      payments: 20,
      years: [
        { startYear: 2025, months: 12, paid: 10 },
        { startYear: 2026, months: 12, paid: 10 },
      ],
    });
  });

  it('never pays more than the months, nor more than 10 a year', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 900 }), (start, length) => {
        const end = new Date(Date.parse(start) + length * 86_400_000).toISOString().slice(0, 10);
        const p = monthlyPayments(start, end, 10);
        expect(p.payments).toBeLessThanOrEqual(p.months);
        expect(p.months).toBeGreaterThanOrEqual(1);
        expect(p.months).toBeLessThanOrEqual(Math.floor(length / 28) + 1);
        for (const y of p.years) expect(y.paid).toBeLessThanOrEqual(10);
      }),
    );
  });
});
