import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition } from '../../../shared/transitions.ts';
import { WISH_STATUSES } from '../../../db/schema/candidates.ts';
import { CANCELLABLE_WISH_STATUSES, extendedDeadline, isDueToExpire, LABEL_STATUSES, LABEL_TRANSITIONS, renewal, RENEWAL_REQUEST_TRANSITIONS, validityOf, WITHDRAWAL_WISH_TRANSITIONS } from './label.ts';

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

describe('effects of a label on its training’s sessions', () => {
  it('a withdrawal withdraws every live wish, and only those', () => {
    for (const from of WISH_STATUSES) {
      for (const to of WISH_STATUSES) {
        const allowed = to === 'withdrawn' && (CANCELLABLE_WISH_STATUSES as readonly string[]).includes(from);
        expect(canTransition(WITHDRAWAL_WISH_TRANSITIONS, from, to), `${from}>${to}`).toBe(allowed);
      }
    }
    expect([...CANCELLABLE_WISH_STATUSES].sort()).toEqual(['accepted', 'offered', 'ranked', 'submitted', 'under_review']);
  });
  it('a reinstatement moves a pending offer’s deadline by the time spent suspended, never backwards', () => {
    const deadline = new Date('2026-12-04T22:59:59Z');
    expect(extendedDeadline(deadline, new Date('2026-12-02T10:00:00Z'), new Date('2026-12-09T10:00:00Z')).toISOString()).toBe('2026-12-11T22:59:59.000Z');
    expect(extendedDeadline(deadline, null, new Date('2026-12-09T10:00:00Z'))).toBe(deadline);
    expect(extendedDeadline(deadline, new Date('2026-12-09T10:00:00Z'), new Date('2026-12-02T10:00:00Z'))).toBe(deadline);
  });
  it('a renewal request is granted or refused, once', () => {
    expect(canTransition(RENEWAL_REQUEST_TRANSITIONS, 'pending', 'granted')).toBe(true);
    expect(canTransition(RENEWAL_REQUEST_TRANSITIONS, 'pending', 'refused')).toBe(true);
    expect(canTransition(RENEWAL_REQUEST_TRANSITIONS, 'refused', 'granted')).toBe(false);
    expect(canTransition(RENEWAL_REQUEST_TRANSITIONS, 'granted', 'refused')).toBe(false);
  });
});
