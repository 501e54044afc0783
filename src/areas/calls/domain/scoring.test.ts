import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WAVE_1_GRID } from './call-form.ts';
import { disagreement, rankProposals, reviewSummary, scoreProblems, territorialSpread, weightedScore, type Score } from './scoring.ts';

const grid = WAVE_1_GRID;
const all = (n: number, comment = 'ok'): Score[] => grid.map((c) => ({ criterion: c.code, score: n, comment }));

describe('scores', () => {
  it('weights criteria by their weights', () => {
    expect(weightedScore(all(4), grid)).toBe(4);
    const mixed = grid.map((c, i) => ({ criterion: c.code, score: i < 3 ? 5 : 0, comment: '' }));
    // weights 2,2,2,1,1 → (5·6)/8
    expect(weightedScore(mixed, grid)).toBeCloseTo(30 / 8);
    expect(weightedScore(all(4).slice(1), grid)).toBeNull();
  });
  it('asks every criterion scored 0–5 and commented before submission', () => {
    expect(scoreProblems(all(3), grid, true)).toEqual({});
    expect(Object.keys(scoreProblems(all(3, ' '), grid, true))).toHaveLength(5);
    expect(Object.keys(scoreProblems([{ criterion: 'content', score: 6, comment: '' }], grid, false))).toEqual(['scores.0.score']);
    expect(Object.keys(scoreProblems([{ criterion: 'nope', score: 1, comment: '' }], grid, false))).toEqual(['scores.0.criterion']);
    expect(Object.keys(scoreProblems([{ criterion: 'content', score: 1, comment: '' }], grid, true))).toHaveLength(5);
  });
  it('flags disagreement on the overall score or on one criterion', () => {
    expect(disagreement([{ weightedScore: 4, scores: all(4) }, { weightedScore: 2.5, scores: all(2) }], grid)).toMatch(/notes pondérées/);
    const a = all(3);
    const b = all(3).map((s, i) => (i === 4 ? { ...s, score: 0 } : s));
    expect(disagreement([{ weightedScore: 3, scores: a }, { weightedScore: weightedScore(b, grid)!, scores: b }], grid)).toMatch(/Débouchés/);
    expect(disagreement([{ weightedScore: 3, scores: a }, { weightedScore: 3.4, scores: a }], grid)).toBeNull();
    expect(disagreement([{ weightedScore: 3, scores: a }], grid)).toBeNull();
  });
});

describe('committee ranking', () => {
  const review = fc.integer({ min: 0, max: 5 }).map((n) => ({ weightedScore: n, scores: all(n) }));
  const item = fc
    .record({ id: fc.uuid(), requestedCents: fc.integer({ min: 0, max: 7_000_000 }), reviews: fc.array(review, { maxLength: 3 }) })
    .map((x) => {
      const s = reviewSummary(x.reviews, grid);
      return { id: x.id, requestedCents: x.requestedCents, mean: s.mean, reviewsSubmitted: s.submitted };
    });
  const items = fc.uniqueArray(item, { selector: (x) => x.id, maxLength: 30 });

  it('summarises reviews: mean of the weighted scores, count, disagreement', () => {
    expect(reviewSummary([], grid)).toEqual({ mean: null, submitted: 0, disagreement: null });
    expect(reviewSummary([{ weightedScore: 5, scores: all(5) }, { weightedScore: 3, scores: all(3) }], grid)).toEqual({ mean: 4, submitted: 2, disagreement: expect.stringMatching(/2,00/) });
  });

  it('orders by mean (best first), unscored last, with a cumulative line against the envelope', () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 0, max: 50_000_000 }), (xs, envelope) => {
        const r = rankProposals(xs, envelope);
        expect(r.map((x) => x.rank)).toEqual(xs.map((_, i) => i + 1));
        expect(new Set(r.map((x) => x.id))).toEqual(new Set(xs.map((x) => x.id)));
        for (let i = 1; i < r.length; i++) {
          const [a, b] = [r[i - 1]!, r[i]!];
          if (a.item.mean === null) expect(b.item.mean).toBeNull();
          else if (b.item.mean !== null) expect(a.item.mean).toBeGreaterThanOrEqual(b.item.mean - 1e-12);
          expect(b.cumulativeCents).toBeGreaterThanOrEqual(a.cumulativeCents);
          if (!a.withinEnvelope) expect(b.withinEnvelope).toBe(false);
        }
        const total = xs.reduce((s, x) => s + x.requestedCents, 0);
        if (r.length > 0) expect(r.at(-1)!.cumulativeCents).toBe(total);
      }),
    );
  });
  it('gives the same order whatever the input order (deterministic)', () => {
    fc.assert(
      fc.property(items, (xs) => {
        const a = rankProposals(xs, 10 ** 8).map((x) => x.id);
        const b = rankProposals([...xs].reverse(), 10 ** 8).map((x) => x.id);
        expect(b).toEqual(a);
      }),
    );
  });
  it('sums the territorial spread per région', () => {
    const s = territorialSpread([
      { regionCode: '84', requestedCents: 10, accepted: true, acceptedCents: 10 },
      { regionCode: '84', requestedCents: 5, accepted: false, acceptedCents: 0 },
      { regionCode: null, requestedCents: 1, accepted: false, acceptedCents: 0 },
    ]);
    expect(s).toEqual([
      { regionCode: '84', trainings: 2, requestedCents: 15, accepted: 1, acceptedCents: 10 },
      { regionCode: null, trainings: 1, requestedCents: 1, accepted: 0, acceptedCents: 0 },
    ]);
  });
});
