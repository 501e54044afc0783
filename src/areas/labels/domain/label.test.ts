import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition } from '../../../shared/transitions.ts';
import { isDueToExpire, LABEL_STATUSES, LABEL_TRANSITIONS, renewal, validityOf } from './label.ts';

describe('label lifecycle', () => {
  it('is the table of DOMAIN.md', () => {
    const allowed = new Set(['active>suspended', 'suspended>active', 'active>withdrawn', 'active>expired']);
    for (const a of LABEL_STATUSES) for (const b of LABEL_STATUSES) expect(canTransition(LABEL_TRANSITIONS, a, b)).toBe(allowed.has(`${a}>${b}`));
  });
  it('is valid three years and expires on its end date', () => {
    expect(validityOf('2026-03-15')).toEqual({ grantedOn: '2026-03-15', validUntil: '2029-03-15' });
    expect(validityOf('2028-02-29').validUntil).toBe('2031-02-28');
    expect(isDueToExpire({ status: 'active', validUntil: '2029-03-15' }, '2029-03-14')).toBe(false);
    expect(isDueToExpire({ status: 'active', validUntil: '2029-03-15' }, '2029-03-15')).toBe(true);
    expect(isDueToExpire({ status: 'suspended', validUntil: '2029-03-15' }, '2030-01-01')).toBe(false);
  });
  it('renews from active in the last six months, or from expired within six months', () => {
    expect(renewal({ status: 'active', validUntil: '2029-03-15' }, '2028-09-14')).toMatchObject({ ok: false, message: expect.stringMatching(/15\/09\/2028/) });
    expect(renewal({ status: 'active', validUntil: '2029-03-15' }, '2028-09-15')).toEqual({ ok: true, grantedOn: '2028-09-15', validUntil: '2032-03-15' });
    expect(renewal({ status: 'expired', validUntil: '2029-03-15' }, '2029-09-15')).toEqual({ ok: true, grantedOn: '2029-09-15', validUntil: '2032-09-15' });
    expect(renewal({ status: 'expired', validUntil: '2029-03-15' }, '2029-09-16')).toMatchObject({ ok: false });
    expect(renewal({ status: 'withdrawn', validUntil: '2029-03-15' }, '2029-01-01')).toMatchObject({ ok: false });
    expect(renewal({ status: 'suspended', validUntil: '2029-03-15' }, '2029-01-01')).toMatchObject({ ok: false });
  });
  it('never shortens the validity by renewing', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, (validUntil, today) => {
        const r = renewal({ status: 'active', validUntil }, today);
        if (r.ok) {
          expect(r.validUntil > validUntil).toBe(true);
          expect(r.validUntil > r.grantedOn).toBe(true);
        }
      }),
    );
  });
});
