/** Points de charge from the household's facts, by the rules of a scale. Pure. */
import type { Scale } from './scale.ts';

/** Facts that give points de charge (DOMAIN.md "Aid"). */
export interface HouseholdFacts {
  /** home → training place, whole km rounded down */
  distanceKm: number;
  /** other dependent children of the tax household, not in higher education (the learner excluded) */
  children: number;
  /** other dependent children of the tax household in higher education */
  childrenInHigherEducation: number;
  /** 0, 1 or 2: the learner has a disability recognised by the CDAPH, and/or is an unpaid carer of a disabled relative */
  disabilityOrCarer: number;
}

/** Points for the distance: the band holding `km` (bands are contiguous from 0). */
export function distancePoints(scale: Scale, km: number): number {
  const bands = scale.distanceBands;
  for (let i = bands.length - 1; i >= 0; i--) {
    if (km >= bands[i]!.fromKm) return bands[i]!.points;
  }
  return 0;
}

/** Points for the disability / carer situations; 0 when the scale has no such points (before 2023-2024). */
export function disabilityOrCarerPoints(scale: Scale, situations: number): number {
  return scale.pointsPerDisabilityOrCarer === null ? 0 : situations * scale.pointsPerDisabilityOrCarer;
}

/** Total points de charge. Allocation-free: the bench calls it a million times. */
export function pointsOf(scale: Scale, distanceKm: number, children: number, childrenInHigherEducation: number, disabilityOrCarer: number): number {
  return (
    distancePoints(scale, distanceKm) +
    children * scale.pointsPerChild +
    childrenInHigherEducation * scale.pointsPerChildInHigherEducation +
    disabilityOrCarerPoints(scale, disabilityOrCarer)
  );
}

export function pointsOfFacts(scale: Scale, facts: HouseholdFacts): number {
  return pointsOf(scale, facts.distanceKm, facts.children, facts.childrenInHigherEducation, facts.disabilityOrCarer);
}
