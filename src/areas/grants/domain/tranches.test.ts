import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition } from '../../../shared/transitions.ts';
import { financeSummary, splitTranches, TRANCHE_STATUSES, TRANCHE_TRANSITIONS } from './tranches.ts';

const shares = fc
  .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 })
  .filter((xs) => xs.reduce((s, x) => s + x, 0) <= 100)
  .map((xs) => {
    const rest = 100 - xs.reduce((s, x) => s + x, 0);
    return rest > 0 ? [...xs, rest] : xs;
  });

describe('tranches in cents', () => {
  it('splits 50/30/20 rounding down, the last one taking the remainder', () => {
    expect(splitTranches(7_000_000, [50, 30, 20])).toEqual([3_500_000, 2_100_000, 1_400_000]);
    expect(splitTranches(1_001, [50, 30, 20])).toEqual([500, 300, 201]);
    expect(splitTranches(1, [50, 50])).toEqual([0, 1]);
  });
  it('always adds up to the grant, every share rounded down but the last', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), shares, (total, pct) => {
        const out = splitTranches(total, pct);
        expect(out).toHaveLength(pct.length);
        expect(out.reduce((s, x) => s + x, 0)).toBe(total);
        out.slice(0, -1).forEach((x, i) => {
          expect(Number.isInteger(x)).toBe(true);
          expect(x * 100 <= total * pct[i]!).toBe(true);
          expect((x + 1) * 100 > total * pct[i]!).toBe(true);
        });
        expect(out.at(-1)! * 100 >= total * pct.at(-1)!).toBe(true);
      }),
    );
  });
  it('refuses shares not adding up to 100', () => {
    expect(() => splitTranches(100, [50, 40])).toThrow();
    expect(() => splitTranches(1.5, [100])).toThrow();
  });
});

describe('tranche lifecycle', () => {
  it('pays only approved tranches, and evidence returned goes back to planned', () => {
    const allowed = new Set(['planned>evidence_submitted', 'evidence_submitted>approved', 'evidence_submitted>planned', 'approved>paid']);
    for (const a of TRANCHE_STATUSES) for (const b of TRANCHE_STATUSES) expect(canTransition(TRANCHE_TRANSITIONS, a, b)).toBe(allowed.has(`${a}>${b}`));
  });
  it('sums committed, paid and remaining per call and per funder', () => {
    const s = financeSummary([
      { callId: 'c1', funderId: null, amountCents: 100, tranches: [{ status: 'paid', amountCents: 50 }, { status: 'approved', amountCents: 30 }, { status: 'planned', amountCents: 20 }] },
      { callId: 'c1', funderId: 'f', amountCents: 10, tranches: [{ status: 'planned', amountCents: 10 }] },
    ]);
    expect(s.total).toEqual({ committedCents: 110, approvedCents: 30, paidCents: 50, remainingCents: 60, grants: 2 });
    expect(s.byFunder.get('')!.paidCents).toBe(50);
    expect(s.byFunder.get('f')!.remainingCents).toBe(10);
    expect(s.byCall.get('c1')!.committedCents).toBe(110);
  });
});
