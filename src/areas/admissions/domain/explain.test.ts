import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callMoves, describeCall, describeWaiting, explainCallOrder, sessionPositions } from './explain.ts';

const example1 = 'C1 C2 B1 C3 C4 C5 B2 C6 C7 C8 C9 C10 C11 C12 C13 C14 B3 C15 C16 C17'
  .split(' ')
  .map((id, i) => ({ id, rank: i + 1, flags: id.startsWith('B') ? ['scholarship'] : [] }));

describe('explanations', () => {
  it('says why B1 moved up and C1 moved down in the first worked example', () => {
    const e = explainCallOrder(example1, [{ name: 'scholarship', rate: 25 }]);
    const b1 = e.find((x) => x.id === 'B1')!;
    expect(b1).toMatchObject({ rank: 3, callRank: 1, moved: 2, overtook: 2, overtakenBy: 0, bindingAtCall: ['scholarship'], heldBinding: ['scholarship'] });
    const c1 = e.find((x) => x.id === 'C1')!;
    expect(c1).toMatchObject({ rank: 1, callRank: 2, moved: -1, overtook: 0, overtakenBy: 1, overtakenByFlag: { scholarship: 1 }, bindingAtCall: [] });
    expect(describeCall(b1)).toMatch(/Appelé·e avant 2 candidat·es mieux classé·es .*« scholarship »/);
    expect(describeCall(c1)).toMatch(/1 candidat·e classé·e après vous a été appelé·e avant vous .*1 au titre de « scholarship »/);
    expect(describeCall(b1, (n) => (n === 'scholarship' ? 'Boursier·es' : n))).toMatch(/le taux minimum « Boursier·es » n’était pas atteint/);
    expect(callMoves(b1)).toEqual([{ name: 'scholarship', effect: 'earlier', candidates: 2 }]);
    expect(callMoves(c1)).toEqual([{ name: 'scholarship', effect: 'later', candidates: 1 }]);
    expect(callMoves(e.find((x) => x.id === 'C17')!)).toEqual([]);
    expect(describeCall(e.find((x) => x.id === 'C17')!)).toMatch(/n’ont pas modifié/);
  });

  it('moved = overtook − overtakenBy, and nobody without flags overtakes', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.integer({ min: 0, max: 100 }), (flags, rate) => {
        const ranking = flags.map((f, i) => ({ id: i, rank: i + 1, flags: f ? ['b'] : [] }));
        for (const e of explainCallOrder(ranking, [{ name: 'b', rate }])) {
          expect(e.moved).toBe(e.overtook - e.overtakenBy);
          if (!flags[e.id]) expect(e.overtook).toBe(0);
        }
      }),
    );
  });

  it('places the waiting wishes and finds the last call rank offered', () => {
    const p = sessionPositions([
      { callRank: 1, status: 'accepted' },
      { callRank: 2, status: 'declined' },
      { callRank: 3, status: 'offered' },
      { callRank: 5, status: 'waiting' },
      { callRank: 4, status: 'waiting' },
      { callRank: 6, status: 'withdrawn' },
    ]);
    expect(p.lastOfferedCallRank).toBe(3);
    expect([...p.waitingPlace]).toEqual([0, 0, 0, 2, 1, 0]);
    expect(describeWaiting(4, 1, 3)).toBe('Rang d’appel 4, 1re place sur la liste d’attente ; dans cette session, le dernier rang d’appel ayant reçu une proposition est 3.');
  });
});
