import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { callOrder, callOrderKernel, callOrderOfMasks, type Constraint, type RankedCandidate } from './call-order.ts';

/** A ranking written as the worked examples write it: the names in rank order. */
function ranking(names: string, flagsOf: (name: string) => string[]): RankedCandidate<string>[] {
  return names.split(' ').map((id, i) => ({ id, rank: i + 1, flags: flagsOf(id) }));
}
const ids = (called: { id: string }[]) => called.map((c) => c.id).join(' ');

describe('call order: the published worked examples', () => {
  it('qB = 25 %: one scholarship holder in every four', () => {
    const r = ranking('C1 C2 B1 C3 C4 C5 B2 C6 C7 C8 C9 C10 C11 C12 C13 C14 B3 C15 C16 C17', (id) => (id.startsWith('B') ? ['scholarship'] : []));
    expect(ids(callOrder(r, [{ name: 'scholarship', rate: 25 }]))).toBe('B1 C1 C2 C3 B2 C4 C5 C6 B3 C7 C8 C9 C10 C11 C12 C13 C14 C15 C16 C17');
  });

  it('qB = 20 %, qR = 90 %: scholarship holders before residents', () => {
    const flags: Record<string, string[]> = { B: ['scholarship'], D: ['scholarship', 'resident'], N: [], R: ['resident'] };
    const r = ranking('R1 R2 N1 R3 R4 R5 R6 R7 R8 R9 R10 R11 B1 R12 B2 R13 R14 D1 R15 R16', (id) => flags[id[0]!]!);
    const called = callOrder(r, [
      { name: 'scholarship', rate: 20 },
      { name: 'resident', rate: 90 },
    ]);
    expect(ids(called)).toBe('D1 R1 R2 R3 R4 B1 R5 R6 R7 R8 B2 R9 R10 R11 R12 R13 R14 R15 R16 N1');
    expect(called.map((c) => c.callRank)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    // at k = 6 the scholarship rate wins over the residents rate: 5 residents of 6
    expect(called.slice(0, 6).filter((c) => c.mask & 2).length).toBe(5);
  });

  it('the constraint order is the priority: swapping it changes the first choice', () => {
    const r = ranking('R1 B1 N1', (id) => (id[0] === 'B' ? ['scholarship'] : id[0] === 'R' ? ['resident'] : []));
    expect(ids(callOrder(r, [{ name: 'scholarship', rate: 50 }, { name: 'resident', rate: 50 }]))).toBe('B1 R1 N1');
    expect(ids(callOrder(r, [{ name: 'resident', rate: 50 }, { name: 'scholarship', rate: 50 }]))).toBe('R1 B1 N1');
  });
});

describe('call order: input checks and edge cases', () => {
  it('rejects duplicate or invalid ranks, too many constraints, bad rates, duplicate names', () => {
    const c = (rank: number) => ({ id: rank, rank, flags: [] });
    expect(() => callOrder([c(1), c(2), c(2)], [])).toThrow(/rang 2 donné deux fois/);
    expect(() => callOrder([c(0)], [])).toThrow(/rang invalide/);
    expect(() => callOrder([c(1.5)], [])).toThrow(/rang invalide/);
    const five = ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, rate: 10 }));
    expect(() => callOrder([c(1)], five)).toThrow(/au plus 4/);
    expect(() => callOrder([c(1)], [{ name: 'a', rate: 101 }])).toThrow(/0 à 100/);
    expect(() => callOrder([c(1)], [{ name: 'a', rate: 12.5 }])).toThrow(/0 à 100/);
    expect(() => callOrder([c(1)], [{ name: 'a', rate: 1 }, { name: 'a', rate: 2 }])).toThrow(/en double/);
  });

  it('an empty group has an empty call order; gaps in the ranks are kept in order', () => {
    expect(callOrder([], [{ name: 'a', rate: 50 }])).toEqual([]);
    const called = callOrder(
      [
        { id: 'x', rank: 40, flags: [] },
        { id: 'y', rank: 7, flags: [] },
      ],
      [],
    );
    expect(called).toEqual([
      { id: 'y', rank: 7, callRank: 1, mask: 0 },
      { id: 'x', rank: 40, callRank: 2, mask: 0 },
    ]);
  });

  it('flags the session does not constrain are ignored', () => {
    const r = ranking('A B C', (id) => (id === 'C' ? ['women', 'qpv'] : []));
    expect(ids(callOrder(r, [{ name: 'scholarship', rate: 100 }]))).toBe('A B C');
  });

  it('the kernel works on a slice of larger arrays and reports the binding constraints', () => {
    const masks = new Uint8Array([9, 9, 0, 0, 1, 0, 9]);
    const out = new Int32Array(6).fill(-1);
    const binding = new Uint8Array(6);
    callOrderKernel(masks, 2, 3, [50], 1, out, 1, binding);
    expect([...out]).toEqual([-1, 2, 0, 1, -1, -1]);
    expect([...binding]).toEqual([0, 1, 0, 1, 0, 0]);
    expect([...callOrderOfMasks([0, 0, 1], [50])]).toEqual([2, 0, 1]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties on random groups: 0–3 constraints (and 4 against the reference), rates 0–100, empty
// groups, rankings with gaps given in any order, densities from no flagged candidate to all.

interface Group {
  constraints: Constraint[];
  ranking: RankedCandidate<string>[];
}

const groupArb = (maxConstraints = 3): fc.Arbitrary<Group> =>
  fc.integer({ min: 0, max: maxConstraints }).chain((m) =>
    fc
      .record({
        rates: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: m, maxLength: m }),
        density: fc.array(fc.oneof(fc.constantFrom(0, 100), fc.integer({ min: 0, max: 100 })), { minLength: m, maxLength: m }),
        candidates: fc.uniqueArray(
          fc.record({
            rank: fc.integer({ min: 1, max: 400 }),
            draws: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: m, maxLength: m }),
            other: fc.boolean(),
          }),
          { selector: (c) => c.rank, maxLength: 70 },
        ),
      })
      .map(({ rates, density, candidates }) => ({
        constraints: rates.map((rate, p) => ({ name: `f${p}`, rate })),
        ranking: candidates.map((c, i) => ({
          id: `c${i}`,
          rank: c.rank,
          flags: [...c.draws.flatMap((u, p) => (u < density[p]! ? [`f${p}`] : [])), ...(c.other ? ['unconstrained'] : [])],
        })),
      })),
  );

/** The rule of ADMISSIONS.md §1 written as plainly as possible, O(n²·m). */
function reference(g: Group): string[] {
  const remaining = [...g.ranking].sort((a, b) => a.rank - b.rank);
  const holds = (c: RankedCandidate<string>, p: number) => [...c.flags].includes(g.constraints[p]!.name);
  const count = g.constraints.map(() => 0);
  const out: string[] = [];
  for (let k = 1; remaining.length > 0; k++) {
    const binding = g.constraints.map((c, p) => 100 * count[p]! < c.rate * k);
    const vector = (c: RankedCandidate<string>) => g.constraints.map((_, p) => (binding[p] && holds(c, p) ? 1 : 0));
    let best = 0;
    for (let i = 1; i < remaining.length; i++) {
      const a = vector(remaining[i]!);
      const b = vector(remaining[best]!);
      const diff = a.findIndex((x, p) => x !== b[p]);
      if (diff >= 0 && a[diff]! > b[diff]!) best = i; // strictly greater only: ties keep the best rank
    }
    const [chosen] = remaining.splice(best, 1);
    g.constraints.forEach((_, p) => (count[p]! += holds(chosen!, p) ? 1 : 0));
    out.push(chosen!.id);
  }
  return out;
}

describe('call order: properties', () => {
  it('matches the rule read literally (up to 4 constraints)', () => {
    fc.assert(
      fc.property(groupArb(4), (g) => {
        expect(callOrder(g.ranking, g.constraints).map((c) => c.id)).toEqual(reference(g));
      }),
      { numRuns: 400 },
    );
  });

  it('prefix quota: every prefix k holds ⌈q·k/100⌉ of the first public, unless none is left after k', () => {
    fc.assert(
      fc.property(groupArb(), (g) => {
        if (g.constraints.length === 0) return;
        const q = g.constraints[0]!.rate;
        const flagged = callOrder(g.ranking, g.constraints).map((c) => (c.mask & 1) === 1);
        const total = flagged.filter(Boolean).length;
        let count = 0;
        flagged.forEach((f, i) => {
          count += f ? 1 : 0;
          const k = i + 1;
          const needed = Math.floor((q * k + 99) / 100);
          expect(count >= needed || count === total).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('a candidate holding every constrained flag is never overtaken; one holding none never overtakes', () => {
    fc.assert(
      fc.property(groupArb(), (g) => {
        const full = (1 << g.constraints.length) - 1;
        const called = callOrder(g.ranking, g.constraints);
        for (const x of called) {
          for (const y of called) {
            if (x.mask === full && y.rank > x.rank) expect(y.callRank).toBeGreaterThan(x.callRank);
            if (x.mask === 0 && y.rank < x.rank) expect(y.callRank).toBeLessThan(x.callRank);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  it('is a permutation of the input with call ranks 1..n', () => {
    fc.assert(
      fc.property(groupArb(), (g) => {
        const called = callOrder(g.ranking, g.constraints);
        expect(called.map((c) => c.id).sort()).toEqual(g.ranking.map((c) => c.id).sort());
        expect(called.map((c) => c.callRank)).toEqual(called.map((_, k) => k + 1));
      }),
    );
  });

  it('is deterministic: same input → same output, whatever the order the ranking is given in', () => {
    fc.assert(
      fc.property(groupArb(), (g) => {
        const once = callOrder(g.ranking, g.constraints);
        expect(callOrder(g.ranking, g.constraints)).toEqual(once);
        expect(callOrder([...g.ranking].reverse(), g.constraints)).toEqual(once);
      }),
    );
  });

  it('with no flagged candidate left, or no constraint, the call order is the ranking', () => {
    fc.assert(
      fc.property(groupArb(), (g) => {
        const bare = g.ranking.map((c) => ({ ...c, flags: [] }));
        const byRank = [...bare].sort((a, b) => a.rank - b.rank).map((c) => c.id);
        expect(callOrder(bare, g.constraints).map((c) => c.id)).toEqual(byRank);
        expect(callOrder(g.ranking, []).map((c) => c.id)).toEqual([...g.ranking].sort((a, b) => a.rank - b.rank).map((c) => c.id));
      }),
    );
  });
});
