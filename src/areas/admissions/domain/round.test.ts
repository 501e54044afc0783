import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { offerRound, type RoundWish } from './round.ts';
import type { Status } from './status.ts';

const waiting = (n: number): RoundWish[] => Array.from({ length: n }, (_, i) => ({ callRank: i + 1, status: 'waiting' as const }));
const offered = (statuses: Status[]) => statuses.flatMap((s, i) => (s === 'offered' ? [`C${i + 1}`] : [])).join(' ');

describe('offer round: the published worked example', () => {
  it('day 1 offers C1..C3; after C1 accepts, C2 declines and C3 is silent, day 2 offers C4', () => {
    const session = { offerTarget: 3, blockCallRank: 0 };
    const day1 = offerRound(session, waiting(6));
    expect(offered(day1.statuses)).toBe('C1 C2 C3');
    expect(day1.counts).toEqual({ holders: 0, free: 3, offers: 3 });

    const answered: Status[] = ['accepted', 'declined', 'offered', 'waiting', 'waiting', 'waiting'];
    const day2 = offerRound(session, answered.map((status, i) => ({ callRank: i + 1, status })));
    expect(day2.counts).toEqual({ holders: 2, free: 1, offers: 1 });
    expect(day2.statuses).toEqual(['accepted', 'declined', 'offered', 'offered', 'waiting', 'waiting']);
  });

  it('with blockCallRank = 5, day 1 offers C1..C5 at once', () => {
    const day1 = offerRound({ offerTarget: 3, blockCallRank: 5 }, waiting(6));
    expect(offered(day1.statuses)).toBe('C1 C2 C3 C4 C5');
  });
});

describe('offer round: details', () => {
  it('walks the wishes in call order whatever the input order, and skips the non-waiting ones', () => {
    const wishes: RoundWish[] = [
      { callRank: 4, status: 'waiting' },
      { callRank: 1, status: 'withdrawn' },
      { callRank: 3, status: 'waiting' },
      { callRank: 2, status: 'declined' },
    ];
    expect(offerRound({ offerTarget: 1, blockCallRank: 0 }, wishes).statuses).toEqual(['waiting', 'withdrawn', 'offered', 'declined']);
  });
  it('offers nothing when the holders fill the target, and rejects bad input', () => {
    const full: RoundWish[] = [
      { callRank: 1, status: 'accepted' },
      { callRank: 2, status: 'offered' },
      { callRank: 3, status: 'waiting' },
    ];
    expect(offerRound({ offerTarget: 2, blockCallRank: 0 }, full).counts.offers).toBe(0);
    expect(offerRound({ offerTarget: 1, blockCallRank: 0 }, full).counts.free).toBe(0);
    expect(() => offerRound({ offerTarget: -1, blockCallRank: 0 }, full)).toThrow(/offerTarget|entier/);
    expect(() => offerRound({ offerTarget: 1, blockCallRank: 0 }, [{ callRank: 1, status: 'waiting' }, { callRank: 1, status: 'waiting' }])).toThrow(/deux fois/);
  });
});

const STATUSES: Status[] = ['waiting', 'offered', 'accepted', 'declined', 'withdrawn'];
const sessionArb = fc.record({
  offerTarget: fc.integer({ min: 0, max: 30 }),
  blockCallRank: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 })),
  statuses: fc.array(fc.constantFrom(...STATUSES), { maxLength: 60 }),
});

describe('offer round: properties', () => {
  it('offers go down the waiting list in call order, to the free seats or the block call', () => {
    fc.assert(
      fc.property(sessionArb, ({ offerTarget, blockCallRank, statuses }) => {
        const wishes = statuses.map((status, i) => ({ callRank: i + 1, status }));
        const { statuses: after, counts } = offerRound({ offerTarget, blockCallRank }, wishes);
        const holders = statuses.filter((s) => s === 'offered' || s === 'accepted').length;
        const waitingRanks = wishes.filter((w) => w.status === 'waiting').map((w) => w.callRank);
        const offeredRanks = wishes.filter((w, i) => w.status === 'waiting' && after[i] === 'offered').map((w) => w.callRank);
        const inBlock = waitingRanks.filter((r) => r <= blockCallRank).length;
        // a prefix of the waiting list, of the expected length
        expect(offeredRanks).toEqual(waitingRanks.slice(0, offeredRanks.length));
        expect(offeredRanks.length).toBe(Math.min(waitingRanks.length, Math.max(inBlock, Math.max(0, offerTarget - holders))));
        expect(counts.offers).toBe(offeredRanks.length);
        // nothing else changes
        after.forEach((s, i) => {
          if (statuses[i] !== 'waiting') expect(s).toBe(statuses[i]);
        });
        // without a block call, holders never exceed max(target, holders before)
        if (blockCallRank === 0) expect(holders + counts.offers).toBeLessThanOrEqual(Math.max(offerTarget, holders));
      }),
      { numRuns: 500 },
    );
  });

  it('over a season of rounds and answers, with no margin and no block call, accepted ≤ seats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.array(fc.constantFrom('accept', 'decline', 'wait', 'withdraw'), { minLength: 30, maxLength: 30 }), { minLength: 1, maxLength: 8 }),
        (seats, n, days) => {
          let statuses: Status[] = Array.from({ length: n }, () => 'waiting');
          for (const answers of days) {
            statuses = offerRound({ offerTarget: seats, blockCallRank: 0 }, statuses.map((status, i) => ({ callRank: i + 1, status }))).statuses;
            statuses = statuses.map((s, i) => {
              const a = answers[i]!;
              if (s === 'offered') return a === 'accept' ? 'accepted' : a === 'decline' || a === 'withdraw' ? 'declined' : s;
              if (s === 'waiting' && a === 'withdraw') return 'withdrawn';
              return s;
            });
            expect(statuses.filter((s) => s === 'accepted').length).toBeLessThanOrEqual(seats);
            expect(statuses.filter((s) => s === 'accepted' || s === 'offered').length).toBeLessThanOrEqual(seats);
          }
        },
      ),
    );
  });

  it('is deterministic and idempotent once the seats are offered', () => {
    fc.assert(
      fc.property(sessionArb, ({ offerTarget, statuses }) => {
        const wishes = statuses.map((status, i) => ({ callRank: i + 1, status }));
        const once = offerRound({ offerTarget, blockCallRank: 0 }, wishes).statuses;
        expect(offerRound({ offerTarget, blockCallRank: 0 }, wishes).statuses).toEqual(once);
        const again = offerRound({ offerTarget, blockCallRank: 0 }, once.map((status, i) => ({ callRank: i + 1, status })));
        expect(again.counts.offers).toBe(0);
      }),
    );
  });
});
