/**
 * The eligibility diagnosis: which priority publics (DOMAIN.md) a candidate belongs to, computed from
 * the facts of the profile on a date, and how each criterion is known. Pure.
 */
import { ageOn } from '../../accounts/domain/age.ts';
import { echelonIndex, NO_ECHELON } from '../../scholarships/domain/echelon.ts';
import { pointsOf } from '../../scholarships/domain/points.ts';
import { academicStartYearOf, ECHELONS, scaleForYear, type Echelon, type Scale } from '../../scholarships/domain/scale.ts';
import { CRITERIA, type Criterion, type CriterionSource, type DiplomaLevel, type Gender, type Situation } from './vocabulary.ts';

export const UNDER_AGE = 26;
/** a diagnosis holds 6 months, then must be made again */
export const VALIDITY_MONTHS = 6;

/** What the scholarship-holder criterion was computed from (never the income itself). */
export type ScholarshipFact =
  | { basis: 'declared_income'; echelon: Echelon | null; scaleYear: string }
  /** no income declared: the criterion cannot be computed */
  | { basis: 'none' };

/** The facts a diagnosis is computed from, stored with it (a diagnosis is never recomputed). */
export interface DiagnosisFacts {
  /** date of the diagnosis, Europe/Paris */
  onDate: string;
  /** age in whole years on that date, null when the birth date is unknown */
  age: number | null;
  gender: Gender;
  diplomaLevel: DiplomaLevel;
  situation: Situation;
  qpvCode: string | null;
  zrr: boolean;
  /** null: not given (no health consent) */
  rqth: boolean | null;
  scholarship: ScholarshipFact;
}

export interface ProfileFacts {
  birthDate: string | null;
  gender: Gender;
  diplomaLevel: DiplomaLevel;
  situation: Situation;
  qpvCode: string | null;
  zrr: boolean;
  rqth: boolean | null;
  declaredIncomeEuros: number | null;
  aidChildren: number | null;
  aidChildrenHigherEducation: number | null;
}

/**
 * The scholarship-holder flag from the declared income (DOMAIN.md: the aid computed from the declared
 * income gives an échelon 0 bis or above), with the scale in force on `onDate`. The distance to a
 * training is unknown outside a wish: 0 km, the fewest points, so the flag is never overstated.
 */
export function scholarshipFact(
  scales: readonly Scale[],
  profile: Pick<ProfileFacts, 'declaredIncomeEuros' | 'aidChildren' | 'aidChildrenHigherEducation' | 'rqth'>,
  onDate: string,
): ScholarshipFact {
  if (profile.declaredIncomeEuros === null) return { basis: 'none' };
  const { scale } = scaleForYear(scales, academicStartYearOf(onDate));
  const points = pointsOf(scale, 0, profile.aidChildren ?? 0, profile.aidChildrenHigherEducation ?? 0, profile.rqth ? 1 : 0);
  const e = echelonIndex(scale, points, profile.declaredIncomeEuros * 100);
  return { basis: 'declared_income', echelon: e === NO_ECHELON ? null : ECHELONS[e]!, scaleYear: scale.year };
}

export function factsOf(profile: ProfileFacts, onDate: string, scholarship: ScholarshipFact): DiagnosisFacts {
  return {
    onDate,
    age: profile.birthDate ? ageOn(profile.birthDate, onDate) : null,
    gender: profile.gender,
    diplomaLevel: profile.diplomaLevel,
    situation: profile.situation,
    qpvCode: profile.qpvCode,
    zrr: profile.zrr,
    rqth: profile.rqth,
    scholarship,
  };
}

export function isUnder26(age: number | null): boolean {
  return age !== null && age < UNDER_AGE;
}

/** Whether each priority public is met, from the facts. */
export function criteriaMet(f: DiagnosisFacts): Record<Criterion, boolean> {
  return {
    woman: f.gender === 'female',
    under_26: isUnder26(f.age),
    low_qualification: f.diplomaLevel === 'none' || f.diplomaLevel === '3' || f.diplomaLevel === '4',
    // a registered job seeker is not in employment, education or training either
    neet: f.situation === 'neet' || f.situation === 'job_seeker',
    job_seeker: f.situation === 'job_seeker',
    qpv_or_zrr: f.qpvCode !== null || f.zrr,
    rqth: f.rqth === true,
    scholarship: f.scholarship.basis === 'declared_income' && f.scholarship.echelon !== null,
  };
}

export interface CriterionResult {
  criterion: Criterion;
  met: boolean;
  source: CriterionSource;
  documentId: string | null;
}

/** Criteria a prescriber may vouch for: the scholarship rests on the income, which they never see. */
export const PRESCRIBER_CONFIRMABLE: readonly Criterion[] = CRITERIA.filter((c) => c !== 'scholarship');

export interface SourceInputs {
  author: 'candidate' | 'prescriber';
  /** met criteria the prescriber checked with the person */
  confirmed: ReadonlySet<Criterion>;
  /** the latest proof uploaded for each criterion */
  documents: ReadonlyMap<Criterion, string>;
}

/**
 * How each criterion is known: a proof beats a prescriber's validation, which beats a declaration.
 * A criterion not met stays declared (nothing to prove).
 */
export function diagnose(facts: DiagnosisFacts, inputs: SourceInputs): CriterionResult[] {
  const met = criteriaMet(facts);
  return CRITERIA.map((criterion) => {
    const isMet = met[criterion];
    const documentId = isMet ? (inputs.documents.get(criterion) ?? null) : null;
    const source: CriterionSource = documentId
      ? 'document'
      : isMet && inputs.author === 'prescriber' && inputs.confirmed.has(criterion)
        ? 'prescriber_validated'
        : 'self_declared';
    return { criterion, met: isMet, source, documentId };
  });
}

/** Field errors of a prescriber's confirmations (criteria not met, or not theirs to confirm). */
export function confirmationProblems(facts: DiagnosisFacts, confirmed: readonly Criterion[]): Record<string, string> {
  const met = criteriaMet(facts);
  const fields: Record<string, string> = {};
  for (const c of confirmed) {
    if (c === 'scholarship') fields.confirmed = 'Le critère boursier repose sur le revenu déclaré ou un justificatif : un·e prescripteur·rice ne le valide pas.';
    else if (!met[c]) fields.confirmed = 'Vous ne pouvez valider que des critères remplis d’après le profil de la personne.';
  }
  return fields;
}

/** The date `months` calendar months later (the last day of the month when it has fewer days). */
export function addMonths(date: Date, months: number): Date {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function expiryOf(createdAt: Date): Date {
  return addMonths(createdAt, VALIDITY_MONTHS);
}

/** "Under 26" of a wish, judged at the session's start date (DOMAIN.md "Aid"). */
export function under26At(birthDate: string | null, date: string): boolean {
  return birthDate !== null && ageOn(birthDate, date) < UNDER_AGE;
}
