import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canTransition } from '../../../shared/transitions.ts';
import { applyRefusal, isActive, MAX_ACTIVE_WISHES, renumber, reorder, WISH_TRANSITIONS } from './wishes.ts';
import { WISH_STATUSES, type WishStatus } from './vocabulary.ts';

const recruiting = { status: 'recruiting' as const, labelActive: true, startsOn: '2027-03-01' };

describe('applying to a session', () => {
  it('goes when the session recruits, there is no other wish for it and fewer than 10 are active', () => {
    expect(applyRefusal({ session: recruiting, activeCount: 9, duplicate: null })).toBeNull();
  });
  it('refuses with a clear reason, in this order: session, label, status, duplicate, limit', () => {
    expect(applyRefusal({ session: null, activeCount: 0, duplicate: null })?.code).toBe('session_introuvable');
    expect(applyRefusal({ session: { ...recruiting, labelActive: false }, activeCount: 0, duplicate: null })?.code).toBe('formation_gelee');
    for (const status of ['planned', 'running', 'finished'] as const) {
      const r = applyRefusal({ session: { ...recruiting, status }, activeCount: 0, duplicate: null });
      expect(r?.code).toBe('session_non_ouverte');
      expect(r?.message).toMatch(/^Cette session ne recrute pas : /);
    }
    expect(applyRefusal({ session: recruiting, activeCount: 0, duplicate: { status: 'ranked' } })?.message).toBe('Vous avez déjà un vœu pour cette session (état : classé).');
    expect(applyRefusal({ session: recruiting, activeCount: MAX_ACTIVE_WISHES, duplicate: null })?.code).toBe('trop_de_voeux');
  });
});

describe('the wish lifecycle', () => {
  it('follows DOMAIN.md and ends in terminal states', () => {
    expect(canTransition(WISH_TRANSITIONS, 'submitted', 'under_review')).toBe(true);
    expect(canTransition(WISH_TRANSITIONS, 'offered', 'accepted')).toBe(true);
    expect(canTransition(WISH_TRANSITIONS, 'withdrawn', 'submitted')).toBe(false);
    for (const s of ['declined', 'expired', 'not_ranked', 'withdrawn'] as WishStatus[]) expect(WISH_TRANSITIONS[s]).toEqual([]);
  });
  it('never returns to submitted, and every state is reachable from it', () => {
    const reached = new Set<WishStatus>(['submitted']);
    const queue: WishStatus[] = ['submitted'];
    while (queue.length) for (const next of WISH_TRANSITIONS[queue.shift()!]) if (!reached.has(next)) (reached.add(next), queue.push(next));
    expect([...reached].sort()).toEqual([...WISH_STATUSES].sort());
    for (const s of WISH_STATUSES) expect(WISH_TRANSITIONS[s]).not.toContain('submitted');
  });
  it('counts as active exactly the states waiting for a decision or an answer', () => {
    expect(WISH_STATUSES.filter(isActive)).toEqual(['submitted', 'under_review', 'ranked', 'offered']);
  });
});

const ids = fc.uniqueArray(fc.uuid(), { minLength: 0, maxLength: MAX_ACTIVE_WISHES });

describe('the order of preference', () => {
  it('accepts any permutation of the active wishes and numbers them 1..n in that order', () => {
    fc.assert(
      fc.property(ids.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([active, wanted]) => {
        const r = reorder(active, wanted);
        expect(r.ok).toBe(true);
        if (r.ok) {
          expect(wanted.map((id) => r.preferences.get(id))).toEqual(wanted.map((_, i) => i + 1));
          expect(r.preferences.size).toBe(active.length);
        }
      }),
    );
  });
  it('refuses an order that misses, repeats or adds a wish', () => {
    fc.assert(
      fc.property(ids.filter((xs) => xs.length > 1), fc.uuid(), (active, stranger) => {
        expect(reorder(active, active.slice(1)).ok).toBe(false);
        expect(reorder(active, [...active.slice(1), active[1]!]).ok).toBe(false);
        if (!active.includes(stranger)) expect(reorder(active, [...active.slice(1), stranger]).ok).toBe(false);
      }),
    );
  });
  it('renumbers the remaining wishes 1..n without changing their relative order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: fc.uuid(), preference: fc.integer({ min: 1, max: 10 }) }), { selector: (w) => w.preference, maxLength: 10 }), (active) => {
        const r = renumber(active);
        expect([...r.values()].sort((a, b) => a - b)).toEqual(active.map((_, i) => i + 1));
        const byOld = [...active].sort((a, b) => a.preference - b.preference).map((w) => w.id);
        const byNew = [...active].sort((a, b) => r.get(a.id)! - r.get(b.id)!).map((w) => w.id);
        expect(byNew).toEqual(byOld);
      }),
    );
  });
});
