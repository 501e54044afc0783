/** The échelon from the ceilings table — the hot path of the aid. Pure, allocation-free. */
import { pointsOf } from './points.ts';
import { COLUMNS, type Scale } from './scale.ts';

/** No échelon: the income is above the 0 bis ceiling (or the person is excluded). */
export const NO_ECHELON = -1;

/**
 * Index in ECHELONS of the échelon for `points` and an income in cents, or NO_ECHELON.
 * The rule of the scale, literally: the highest échelon whose ceiling the income does not exceed
 * (income ≤ ceiling); rows stop at the last one (17 points), which applies to more points.
 */
export function echelonIndex(scale: Scale, points: number, incomeCents: number): number {
  const row = points > scale.maxRow ? scale.maxRow : points;
  const ceilings = scale.ceilingsCents;
  const base = row * COLUMNS;
  for (let e = COLUMNS - 1; e >= 0; e--) {
    if (incomeCents <= ceilings[base + e]!) return e;
  }
  return NO_ECHELON;
}

/** Annual amount in cents for an échelon index (0 for NO_ECHELON). */
export function annualCentsOf(scale: Scale, e: number): number {
  return e < 0 ? 0 : scale.annualCents[e]!;
}

/** Monthly amount in cents for an échelon index (0 for NO_ECHELON). */
export function monthlyCentsOf(scale: Scale, e: number): number {
  return e < 0 ? 0 : scale.monthlyCents[e]!;
}

/**
 * The whole computation for one household with no exclusion, in one allocation-free call (what the
 * bench measures): points from the facts, then the échelon index. The amounts are annualCentsOf /
 * monthlyCentsOf of it; simulateAid gives the same figures with their explanation.
 */
export function householdEchelonIndex(
  scale: Scale,
  incomeCents: number,
  distanceKm: number,
  children: number,
  childrenInHigherEducation: number,
  disabilityOrCarer: number,
): number {
  return echelonIndex(scale, pointsOf(scale, distanceKm, children, childrenInHigherEducation, disabilityOrCarer), incomeCents);
}
