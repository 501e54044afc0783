/**
 * The scale of the higher-education social-criteria scholarships (bourses sur critères sociaux), on
 * which the GEN aid is computed (décret 2017-548). One published scale per academic year; the
 * committed files are in reference/bourses/ and loaded by ../scales.ts.
 *
 * Pure: money in integer cents, no I/O, no clock.
 */
import { InputError } from '../../../shared/errors.ts';

/** Échelons from the lowest (0 bis) to the highest (7); an échelon's index is its rank here. */
export const ECHELONS = ['0bis', '1', '2', '3', '4', '5', '6', '7'] as const;
export type Echelon = (typeof ECHELONS)[number];

/** "0 bis", "3" — as the French texts write them. */
export function echelonLabel(echelon: Echelon): string {
  return echelon === '0bis' ? '0 bis' : echelon;
}

/** A distance band of the points de charge: [fromKm, toKmExclusive) gives `points`. */
export interface DistanceBand {
  fromKm: number;
  /** null: no upper bound */
  toKmExclusive: number | null;
  points: number;
}

/** What a yearly file says, in the units of the code (cents, integers). */
export interface ScaleDefinition {
  /** "2025-2026" */
  year: string;
  /** other academic years whose published values are the same (e.g. 2023-2024 for 2025-2026) */
  alsoValidFor: readonly string[];
  /** annual amount (10 monthly payments) per échelon, in the order of ECHELONS */
  annualCents: readonly number[];
  /** ceilings[points][échelon index]: revenu brut global ceilings, in cents; one row per number of points from 0 */
  ceilingsCents: readonly (readonly number[])[];
  distanceBands: readonly DistanceBand[];
  pointsPerChild: number;
  pointsPerChildInHigherEducation: number;
  /** null when the scale gives no points for it (before 2023-2024) */
  pointsPerDisabilityOrCarer: number | null;
  /** monthly payments in a year at the annual amount */
  instalments: number;
}

/**
 * A scale ready for computing: the ceilings flattened row-major into a typed array (8 per row), so that
 * finding an échelon reads adjacent numbers and allocates nothing.
 */
export interface Scale {
  readonly year: string;
  readonly startYear: number;
  readonly alsoValidFor: readonly string[];
  readonly annualCents: Int32Array;
  readonly monthlyCents: Int32Array;
  readonly ceilingsCents: Float64Array;
  /** the last row of the ceilings table (17): more points use it */
  readonly maxRow: number;
  readonly distanceBands: readonly DistanceBand[];
  readonly pointsPerChild: number;
  readonly pointsPerChildInHigherEducation: number;
  readonly pointsPerDisabilityOrCarer: number | null;
  readonly instalments: number;
}

export const COLUMNS = ECHELONS.length;

/** The first academic year of the GEN aid that Fabriques knows (DOMAIN.md: nothing before 2016-17). */
export const FIRST_START_YEAR = 2016;

const YEAR = /^(\d{4})-(\d{4})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 2025 for "2025-2026"; null when the text is not an academic year. */
export function parseAcademicYear(text: string): number | null {
  const m = YEAR.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  return Number(m[2]) === start + 1 ? start : null;
}

export function academicYearLabel(startYear: number): string {
  return `${startYear}-${startYear + 1}`;
}

/** True for an existing calendar date written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Start year of the academic year (1 September – 31 August) holding a YYYY-MM-DD date. */
export function academicStartYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

export function compileScale(def: ScaleDefinition): Scale {
  const startYear = parseAcademicYear(def.year);
  if (startYear === null) throw new Error(`scale year "${def.year}" is not YYYY-YYYY`);
  if (def.annualCents.length !== COLUMNS) throw new Error(`scale ${def.year}: ${COLUMNS} annual amounts expected`);
  if (def.ceilingsCents.length === 0) throw new Error(`scale ${def.year}: no ceilings`);
  const ceilings = new Float64Array(def.ceilingsCents.length * COLUMNS);
  def.ceilingsCents.forEach((row, points) => {
    if (row.length !== COLUMNS) throw new Error(`scale ${def.year}: row ${points} must have ${COLUMNS} ceilings`);
    row.forEach((c, e) => (ceilings[points * COLUMNS + e] = c));
  });
  const annual = Int32Array.from(def.annualCents);
  const monthly = new Int32Array(COLUMNS);
  for (let e = 0; e < COLUMNS; e++) {
    if (annual[e]! % def.instalments !== 0) throw new Error(`scale ${def.year}: annual amount of échelon ${ECHELONS[e]} is not a whole number of cents per month`);
    monthly[e] = annual[e]! / def.instalments;
  }
  return {
    year: def.year,
    startYear,
    alsoValidFor: [...def.alsoValidFor],
    annualCents: annual,
    monthlyCents: monthly,
    ceilingsCents: ceilings,
    maxRow: def.ceilingsCents.length - 1,
    distanceBands: def.distanceBands.map((b) => ({ ...b })),
    pointsPerChild: def.pointsPerChild,
    pointsPerChildInHigherEducation: def.pointsPerChildInHigherEducation,
    pointsPerDisabilityOrCarer: def.pointsPerDisabilityOrCarer,
    instalments: def.instalments,
  };
}

/** Ceiling in cents of échelon index `e` for `points` (rows above the last use the last). */
export function ceilingCents(scale: Scale, points: number, e: number): number {
  return scale.ceilingsCents[(points > scale.maxRow ? scale.maxRow : points) * COLUMNS + e]!;
}

/** How the scale of a computation was chosen, for the explanation. */
export type ScaleChoice =
  | { kind: 'own'; scale: Scale; startYear: number }
  /** the year is one of the scale's alsoValidFor */
  | { kind: 'same-values'; scale: Scale; startYear: number }
  /** no scale published for the year: the latest earlier one */
  | { kind: 'latest-earlier'; scale: Scale; startYear: number };

/**
 * The scale in force for an academic year (DOMAIN.md "Aid"): its own, else the latest earlier
 * published one; nothing before 2016-2017. `field` names the input in errors.
 */
export function scaleForYear(scales: readonly Scale[], startYear: number, field = 'year'): ScaleChoice {
  if (startYear < FIRST_START_YEAR) {
    throw new InputError(
      { [field]: `Aucun barème avant ${academicYearLabel(FIRST_START_YEAR)} : l’aide Grande École du Numérique n’existait pas en ${academicYearLabel(startYear)}.` },
      'Année universitaire sans barème.',
    );
  }
  const label = academicYearLabel(startYear);
  const own = scales.find((s) => s.startYear === startYear);
  if (own) return { kind: 'own', scale: own, startYear };
  const same = scales.find((s) => s.alsoValidFor.includes(label));
  if (same) return { kind: 'same-values', scale: same, startYear };
  let best: Scale | undefined;
  for (const s of scales) if (s.startYear < startYear && (!best || s.startYear > best.startYear)) best = s;
  if (!best) {
    throw new InputError({ [field]: `Aucun barème publié pour ${label} ni pour une année antérieure.` }, 'Année universitaire sans barème.');
  }
  return { kind: 'latest-earlier', scale: best, startYear };
}
