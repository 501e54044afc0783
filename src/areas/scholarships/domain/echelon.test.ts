import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadScales } from '../scales.ts';
import { annualCentsOf, echelonIndex, householdEchelonIndex, monthlyCentsOf, NO_ECHELON } from './echelon.ts';
import { pointsOf } from './points.ts';
import { ECHELONS } from './scale.ts';
import { simulateAid } from './simulate.ts';

// the table as published, read apart from the loader: the test does not trust the code it checks
const raw = JSON.parse(readFileSync(new URL('../../../../reference/bourses/bareme-2025-2026.json', import.meta.url), 'utf8')) as {
  ceilings: { rows: ({ points: number } & Record<string, number>)[] };
  echelons: { echelon: string; annual_eur_10_months: number }[];
};
const scales = loadScales();
const s2025 = scales.find((s) => s.year === '2025-2026')!;
const s2016 = scales.find((s) => s.year === '2016-2017')!;

const cells = raw.ceilings.rows.flatMap((row) => ECHELONS.map((echelon, e) => ({ points: row.points, echelon, e, ceiling: row[echelon]! })));

describe('2025-2026 ceilings table, every cell', () => {
  it('has 18 rows of 8 cells', () => {
    expect(cells).toHaveLength(18 * 8);
  });

  it.each(cells)('$points points, échelon $echelon ($ceiling €): at the ceiling → $echelon, 1 € above → the échelon below', ({ points, echelon, e, ceiling }) => {
    const at = simulateAid(scales, { year: '2025-2026', incomeCents: ceiling * 100, points });
    expect(at.echelon).toBe(echelon);
    expect(at.annualCents).toBe(raw.echelons[e]!.annual_eur_10_months * 100);
    const above = simulateAid(scales, { year: '2025-2026', incomeCents: (ceiling + 1) * 100, points });
    expect(above.echelon).toBe(e === 0 ? null : ECHELONS[e - 1]);
    expect(above.annualCents).toBe(e === 0 ? 0 : raw.echelons[e - 1]!.annual_eur_10_months * 100);
  });

  it('gives the amounts of the published scale, monthly = annual / 10', () => {
    const annual = ECHELONS.map((_, e) => annualCentsOf(s2025, e) / 100);
    expect(annual).toEqual([1454, 2163, 3071, 3828, 4587, 5212, 5506, 6335]);
    expect(ECHELONS.map((_, e) => monthlyCentsOf(s2025, e) / 100)).toEqual([145.4, 216.3, 307.1, 382.8, 458.7, 521.2, 550.6, 633.5]);
    expect(annualCentsOf(s2025, NO_ECHELON)).toBe(0);
  });

  it('uses the 17-point row beyond 17 points', () => {
    expect(echelonIndex(s2025, 40, 101_347_00)).toBe(0);
    expect(echelonIndex(s2025, 40, 101_348_00)).toBe(NO_ECHELON);
  });

  it('the brief’s example: 30 351 € and 8 points → échelon 3, 3 828 € a year', () => {
    const r = simulateAid(scales, { year: '2025-2026', incomeCents: 30_351_00, points: 8 });
    expect([r.echelon, r.annualCents, r.monthlyCents]).toEqual(['3', 382_800, 38_280]);
  });
});

describe('properties', () => {
  const scale = fc.constantFrom(s2025, s2016);
  const income = fc.integer({ min: 0, max: 150_000_00 });
  const points = fc.integer({ min: 0, max: 40 });

  it('more income never gives a higher échelon', () => {
    fc.assert(
      fc.property(scale, points, income, income, (s, p, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(echelonIndex(s, p, high)).toBeLessThanOrEqual(echelonIndex(s, p, low));
      }),
      { numRuns: 2000 },
    );
  });

  it('more points never give a lower échelon', () => {
    fc.assert(
      fc.property(scale, points, points, income, (s, a, b, i) => {
        const [few, many] = a <= b ? [a, b] : [b, a];
        expect(echelonIndex(s, many, i)).toBeGreaterThanOrEqual(echelonIndex(s, few, i));
      }),
      { numRuns: 2000 },
    );
  });

  it('more facts never give fewer points, nor a lower échelon', () => {
    const facts = fc.record({
      km: fc.integer({ min: 0, max: 20_000 }),
      children: fc.integer({ min: 0, max: 6 }),
      he: fc.integer({ min: 0, max: 6 }),
      dc: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(scale, facts, facts, income, (s, a, b, i) => {
        const lo = { km: Math.min(a.km, b.km), children: Math.min(a.children, b.children), he: Math.min(a.he, b.he), dc: Math.min(a.dc, b.dc) };
        const hi = { km: Math.max(a.km, b.km), children: Math.max(a.children, b.children), he: Math.max(a.he, b.he), dc: Math.max(a.dc, b.dc) };
        expect(pointsOf(s, hi.km, hi.children, hi.he, hi.dc)).toBeGreaterThanOrEqual(pointsOf(s, lo.km, lo.children, lo.he, lo.dc));
        expect(householdEchelonIndex(s, i, hi.km, hi.children, hi.he, hi.dc)).toBeGreaterThanOrEqual(householdEchelonIndex(s, i, lo.km, lo.children, lo.he, lo.dc));
      }),
    );
  });

  it('the fast path and the explained computation agree', () => {
    fc.assert(
      fc.property(income, fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 }), (i, km, c, he, dc) => {
        const r = simulateAid(scales, { year: '2025-2026', incomeCents: i, facts: { distanceKm: km, children: c, childrenInHigherEducation: he, disabilityOrCarer: dc } });
        const e = householdEchelonIndex(s2025, i, km, c, he, dc);
        expect(r.echelon).toBe(e === NO_ECHELON ? null : ECHELONS[e]);
        expect(r.annualCents).toBe(annualCentsOf(s2025, e));
        expect(r.monthlyCents * 10).toBe(r.annualCents);
      }),
      { numRuns: 300 },
    );
  });
});
