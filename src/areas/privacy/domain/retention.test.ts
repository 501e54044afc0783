import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { OUTBOX_RETENTION_DAYS } from '../../../mail/jobs.ts';
import { after, anonymisationDate, before, inactivityStep, type Period, periodLabel, RETENTION_RULES, retentionRule } from './retention.ts';

const d = (s: string) => new Date(`${s}T03:00:00Z`);

describe('the retention table', () => {
  it('has one rule per kind of data, each with a period, a start, an outcome and a reason', () => {
    expect(new Set(RETENTION_RULES.map((r) => r.id)).size).toBe(RETENTION_RULES.length);
    for (const r of RETENTION_RULES) {
      expect(periodLabel(r.period), r.id).not.toBe('aucune');
      for (const text of [r.data, r.from, r.basis]) expect(text.length, r.id).toBeGreaterThan(5);
    }
    // CNIL « recrutement »: 2 years after the last contact
    expect(retentionRule('inactive_accounts')).toMatchObject({ period: { years: 2 }, outcome: 'anonymisation', automatic: true });
    // the mail area's own purge keeps the same period
    expect(retentionRule('sent_mails').period).toEqual({ days: OUTBOX_RETENTION_DAYS });
  });

  it('writes periods in French', () => {
    expect(periodLabel({ days: 30 })).toBe('30 jours');
    expect(periodLabel({ years: 1 })).toBe('1 an');
    expect(periodLabel({ years: 2 })).toBe('2 ans');
    expect(periodLabel({ months: 1 })).toBe('1 mois');
  });

  it('counts calendar months and years, the 31st becoming the month’s last day', () => {
    expect(before(d('2027-03-31'), { months: 1 }).toISOString()).toBe('2027-02-28T03:00:00.000Z');
    expect(before(d('2028-02-29'), { years: 2 }).toISOString()).toBe('2026-02-28T03:00:00.000Z');
    expect(after(d('2025-01-31'), { months: 1 }).toISOString()).toBe('2025-02-28T03:00:00.000Z');
    expect(before(d('2027-01-10'), { days: 30 }).toISOString()).toBe('2026-12-11T03:00:00.000Z');
  });

  const periods = fc.oneof(
    fc.integer({ min: 0, max: 800 }).map((days): Period => ({ days })),
    fc.integer({ min: 0, max: 60 }).map((months): Period => ({ months })),
    fc.integer({ min: 0, max: 12 }).map((years): Period => ({ years })),
  );
  const instants = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });

  it('property: whatever is older than the cut-off has been kept its whole period', () => {
    // the retention job removes what is older than before(now, p): each of those must be p old already
    fc.assert(
      fc.property(instants, periods, fc.integer({ min: 0, max: 5 * 366 * 86_400_000 }), (now, p, older) => {
        const cutoff = before(now, p);
        expect(cutoff.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(after(cutoff, p).getTime()).toBeLessThanOrEqual(now.getTime());
        const held = new Date(cutoff.getTime() - older);
        expect(after(held, p).getTime()).toBeLessThanOrEqual(now.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it('comes back exactly for days, and for months from a day every month has', () => {
    fc.assert(
      fc.property(instants, periods, (now, p) => {
        if (p.days !== undefined || now.getUTCDate() <= 28) expect(after(before(now, p), p).getTime()).toBe(now.getTime());
      }),
    );
    // the 31st has no exact way back: 31 May − 1 month = 30 April, + 1 month = 30 May
    expect(after(before(d('2027-05-31'), { months: 1 }), { months: 1 }).toISOString()).toBe('2027-05-30T03:00:00.000Z');
  });
});

describe('an inactive account', () => {
  const last = d('2025-01-15');

  it('is kept for 23 months, warned once in the last month, anonymised when the 2 years are over and the warning is a month old', () => {
    expect(inactivityStep(last, null, d('2026-12-14'))).toBe('keep');
    expect(inactivityStep(last, null, d('2026-12-15'))).toBe('warn');
    const warned = d('2026-12-15');
    expect(inactivityStep(last, warned, d('2027-01-10'))).toBe('keep');
    expect(inactivityStep(last, warned, d('2027-01-15'))).toBe('anonymise');
  });

  it('is never anonymised without a warning: found late, it is warned first, then given a month', () => {
    expect(inactivityStep(last, null, d('2030-06-01'))).toBe('warn');
    expect(inactivityStep(last, d('2030-06-01'), d('2030-06-20'))).toBe('keep');
    expect(inactivityStep(last, d('2030-06-01'), d('2030-07-01'))).toBe('anonymise');
    expect(anonymisationDate(last, d('2030-06-01')).toISOString()).toBe('2030-07-01T03:00:00.000Z');
    expect(anonymisationDate(last, d('2026-12-15')).toISOString()).toBe('2027-01-15T03:00:00.000Z');
  });

  it('starts again after any activity: a warning older than the last activity does not count', () => {
    const later = d('2026-12-20');
    expect(inactivityStep(later, d('2026-12-15'), d('2027-01-20'))).toBe('keep');
  });
});
