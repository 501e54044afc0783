/**
 * The GEN aid of one household, with its explanation: scale in force → points de charge → échelon →
 * annual and monthly amounts → monthly payments for the training period. Pure: the caller gives the
 * scales, the date and, for communes, the distance already computed (./distance.ts).
 */
import { InputError } from '../../../shared/errors.ts';
import { annualCentsOf, echelonIndex, monthlyCentsOf, NO_ECHELON } from './echelon.ts';
import { EXCLUSION_REASONS, isExclusion, type Exclusion } from './exclusions.ts';
import { euros, frenchDate, integer, plural } from './format.ts';
import { MAX_TRAINING_MONTHS, monthlyPayments, trainingMonths, type PaymentCount } from './payments.ts';
import { disabilityOrCarerPoints, distancePoints, pointsOf, type HouseholdFacts } from './points.ts';
import {
  academicStartYearOf,
  academicYearLabel,
  ceilingCents,
  ECHELONS,
  echelonLabel,
  isIsoDate,
  parseAcademicYear,
  scaleForYear,
  type DistanceBand,
  type Echelon,
  type Scale,
  type ScaleChoice,
} from './scale.ts';

/** Limits of the inputs (beyond them, the input is surely a mistake). */
export const LIMITS = {
  incomeCents: 10_000_000_000,
  points: 200,
  distanceKm: 40_000,
  children: 30,
  disabilityOrCarer: 2,
} as const;

export interface AidRequest {
  /** academic year "2025-2026" … */
  year?: string;
  /** … or a date (YYYY-MM-DD) whose academic year decides the scale */
  date?: string;
  /** revenu brut global of the tax household (year N-2), in cents */
  incomeCents: number;
  /** the total points de charge, when known … */
  points?: number;
  /** … or the facts that give them (all zero when neither is given) */
  facts?: HouseholdFacts;
  /** how the distance was obtained, when from two communes (for the explanation) */
  distanceFrom?: { home: { code: string; name: string }; training: { code: string; name: string } };
  exclusions?: readonly string[];
  /** the training period: counts the monthly payments; its start decides the scale when no year or date is given */
  training?: { start: string; end: string };
}

export interface AidResult {
  /** academic year of the computation */
  year: string;
  /** year of the scale applied (differs when the year has no published scale of its own) */
  scaleYear: string;
  scaleChoice: ScaleChoice['kind'];
  points: number;
  echelon: Echelon | null;
  annualCents: number;
  monthlyCents: number;
  /** null when no training period was given */
  payments: PaymentCount | null;
  totalCents: number | null;
  exclusions: Exclusion[];
  explanation: string[];
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

function checkInt(fields: Record<string, string>, field: string, value: number, max: number, message: string): void {
  if (!isInt(value) || value < 0 || value > max) fields[field] = message;
}

/** Field-level errors of a request, keyed by the API parameter names. */
function validate(request: AidRequest): Record<string, string> {
  const fields: Record<string, string> = {};
  const { incomeCents, points, facts, training } = request;
  if (typeof incomeCents !== 'number' || !Number.isFinite(incomeCents) || incomeCents < 0) {
    fields.income = 'Le revenu brut global doit être un montant positif ou nul, en euros.';
  } else if (!isInt(incomeCents)) {
    fields.income = 'Le revenu brut global s’exprime en euros et centimes au plus.';
  } else if (incomeCents > LIMITS.incomeCents) {
    fields.income = `Le revenu brut global ne peut pas dépasser ${euros(LIMITS.incomeCents)}.`;
  }
  if (points !== undefined) {
    checkInt(fields, 'points', points, LIMITS.points, `Les points de charge doivent être un nombre entier entre 0 et ${LIMITS.points}.`);
    if (facts !== undefined) {
      fields.points = 'Donnez soit le total des points de charge, soit les faits qui les donnent (distance, enfants, handicap ou aidant), pas les deux.';
    }
  }
  if (facts !== undefined) {
    checkInt(fields, 'distanceKm', facts.distanceKm, LIMITS.distanceKm, `La distance doit être un nombre entier de km entre 0 et ${integer(LIMITS.distanceKm)} (arrondi au km inférieur).`);
    checkInt(fields, 'children', facts.children, LIMITS.children, `Le nombre d’enfants à charge doit être un nombre entier entre 0 et ${LIMITS.children}.`);
    checkInt(fields, 'childrenHigherEducation', facts.childrenInHigherEducation, LIMITS.children, `Le nombre d’enfants dans l’enseignement supérieur doit être un nombre entier entre 0 et ${LIMITS.children}.`);
    checkInt(fields, 'disabilityOrCarer', facts.disabilityOrCarer, LIMITS.disabilityOrCarer, 'Handicap et aidant : 0, 1 ou 2 situations.');
  }
  if (request.year !== undefined && parseAcademicYear(request.year) === null) {
    fields.year = `L’année universitaire s’écrit AAAA-AAAA avec deux années qui se suivent, par exemple 2025-2026 (reçu « ${request.year} »).`;
  }
  if (request.date !== undefined) {
    if (!isIsoDate(request.date)) fields.date = `La date doit exister et s’écrire AAAA-MM-JJ (reçu « ${request.date} »).`;
    else if (request.year !== undefined) fields.date = 'Donnez l’année universitaire ou une date, pas les deux.';
  }
  for (const x of request.exclusions ?? []) {
    if (!isExclusion(x)) {
      fields.exclusions = `Situation d’exclusion inconnue « ${x} » ; valeurs possibles : job-seeker-allowance, regional-training-pay, apprenticeship-contract, professionalisation-contract, paid-training-leave, higher-education-grant.`;
    }
  }
  if (training !== undefined) {
    const startOk = isIsoDate(training.start);
    const endOk = isIsoDate(training.end);
    if (!startOk) fields.trainingStart = `La date de début de la formation doit exister et s’écrire AAAA-MM-JJ (reçu « ${training.start} »).`;
    if (!endOk) fields.trainingEnd = `La date de fin de la formation doit exister et s’écrire AAAA-MM-JJ (reçu « ${training.end} »).`;
    if (startOk && endOk) {
      if (training.end < training.start) fields.trainingEnd = 'La fin de la formation ne peut pas précéder son début.';
      else if (trainingMonths(training.start, training.end) > MAX_TRAINING_MONTHS) {
        fields.trainingEnd = `La formation ne peut pas durer plus de ${MAX_TRAINING_MONTHS} mois.`;
      }
    }
  }
  if (request.year === undefined && request.date === undefined && training === undefined) {
    fields.year = 'Précisez l’année universitaire (AAAA-AAAA), une date ou le début de la formation.';
  }
  return fields;
}

function bandText(band: DistanceBand): string {
  if (band.fromKm === 0 && band.toKmExclusive !== null) return `moins de ${integer(band.toKmExclusive)} km`;
  if (band.toKmExclusive === null) return `${integer(band.fromKm)} km et plus`;
  return `de ${integer(band.fromKm)} à ${integer(band.toKmExclusive - 1)} km`;
}

function pts(n: number): string {
  return plural(n, 'point', 'points');
}

function yearSpan(startYear: number): string {
  return `du 1er septembre ${startYear} au 31 août ${startYear + 1}`;
}

function scaleSentence(choice: ScaleChoice): string {
  const s = choice.scale.year;
  switch (choice.kind) {
    case 'own':
      return `Barème appliqué : celui des bourses de l’enseignement supérieur sur critères sociaux de ${s}, qui sert au calcul de l’aide Grande École du Numérique (décret n° 2017-548).`;
    case 'same-values':
      return `Barème appliqué : celui des bourses de l’enseignement supérieur sur critères sociaux de ${s}, dont les plafonds et les montants valent aussi pour ${academicYearLabel(choice.startYear)} (décret n° 2017-548).`;
    case 'latest-earlier':
      return `Le barème de cette année n’est pas publié : le dernier barème publié avant elle s’applique, celui des bourses de l’enseignement supérieur sur critères sociaux de ${s} (décret n° 2017-548).`;
  }
}

function factsSentences(scale: Scale, facts: HouseholdFacts, from: AidRequest['distanceFrom']): string[] {
  const out: string[] = [];
  const dPoints = distancePoints(scale, facts.distanceKm);
  const band = [...scale.distanceBands].reverse().find((b) => facts.distanceKm >= b.fromKm) ?? scale.distanceBands[0]!;
  const km = plural(facts.distanceKm, 'km', 'km');
  out.push(
    from
      ? `Distance du domicile (${from.home.name}, ${from.home.code}) au lieu de formation (${from.training.name}, ${from.training.code}) : ${km} en ligne droite entre les centres des deux communes, arrondis au km inférieur, soit ${pts(dPoints)} (${bandText(band)}).`
      : `Distance déclarée du domicile au lieu de formation : ${km}, soit ${pts(dPoints)} (${bandText(band)}).`,
  );
  out.push(
    facts.children === 0
      ? 'Aucun autre enfant à charge du foyer fiscal hors enseignement supérieur : 0 point.'
      : `Autres enfants à charge du foyer fiscal, hors enseignement supérieur : ${facts.children} × ${pts(scale.pointsPerChild)} = ${pts(facts.children * scale.pointsPerChild)}.`,
  );
  out.push(
    facts.childrenInHigherEducation === 0
      ? 'Aucun autre enfant à charge du foyer fiscal dans l’enseignement supérieur : 0 point.'
      : `Autres enfants à charge du foyer fiscal dans l’enseignement supérieur : ${facts.childrenInHigherEducation} × ${pts(scale.pointsPerChildInHigherEducation)} = ${pts(facts.childrenInHigherEducation * scale.pointsPerChildInHigherEducation)}.`,
  );
  if (facts.disabilityOrCarer === 0) {
    out.push('Ni handicap reconnu par la CDAPH ni proche handicapé aidé : 0 point.');
  } else if (scale.pointsPerDisabilityOrCarer === null) {
    out.push(`Handicap reconnu ou aidant d’un proche handicapé : le barème ${scale.year} ne donne pas de points pour cela (ces points existent depuis 2023-2024) : 0 point.`);
  } else {
    const situations = facts.disabilityOrCarer === 2 ? 'handicap reconnu par la CDAPH et aidant d’un proche handicapé' : 'handicap reconnu par la CDAPH ou aidant d’un proche handicapé';
    out.push(`${situations[0]!.toUpperCase()}${situations.slice(1)} : ${facts.disabilityOrCarer} × ${pts(scale.pointsPerDisabilityOrCarer)} = ${pts(disabilityOrCarerPoints(scale, facts.disabilityOrCarer))}.`);
  }
  return out;
}

function paymentsSentence(training: { start: string; end: string }, count: PaymentCount, monthlyCents: number, instalments: number): string {
  const period = `Formation du ${frenchDate(training.start)} au ${frenchDate(training.end)} : ${plural(count.months, 'mois', 'mois')} de formation commencé${count.months > 1 ? 's' : ''}`;
  if (monthlyCents === 0) return `${period}, mais aucune mensualité puisqu’aucune aide n’est due.`;
  const split =
    count.years.length > 1 || count.payments < count.months
      ? ` (${count.years
          .map((y) => `${y.paid} en ${academicYearLabel(y.startYear)}${y.paid < y.months ? ` sur ${y.months} mois` : ''}`)
          .join(', ')} ; au plus ${instalments} par année universitaire)`
      : '';
  return `${period}, donc ${plural(count.payments, 'mensualité', 'mensualités')} de ${euros(monthlyCents)}${split}, soit ${euros(count.payments * monthlyCents)} au total.`;
}

/** Computes the aid and explains every step. Throws InputError (field-level, French) on bad input. */
export function simulateAid(scales: readonly Scale[], request: AidRequest): AidResult {
  const fields = validate(request);
  if (Object.keys(fields).length > 0) throw new InputError(fields, Object.values(fields)[0]);

  // 1. the scale in force
  let startYear: number;
  let yearSentence: string;
  let field = 'year';
  if (request.year !== undefined) {
    startYear = parseAcademicYear(request.year)!;
    yearSentence = `Année universitaire ${academicYearLabel(startYear)}, ${yearSpan(startYear)}.`;
  } else if (request.date !== undefined) {
    startYear = academicStartYearOf(request.date);
    yearSentence = `Le ${frenchDate(request.date)} appartient à l’année universitaire ${academicYearLabel(startYear)}, ${yearSpan(startYear)}.`;
    field = 'date';
  } else {
    startYear = academicStartYearOf(request.training!.start);
    yearSentence = `La formation commence le ${frenchDate(request.training!.start)} : les règles de l’année universitaire ${academicYearLabel(startYear)} (${yearSpan(startYear)}) s’appliquent.`;
    field = 'trainingStart';
  }
  const choice = scaleForYear(scales, startYear, field);
  const scale = choice.scale;
  const explanation = [yearSentence, scaleSentence(choice)];

  // 2. points de charge
  let points: number;
  if (request.points !== undefined) {
    points = request.points;
    explanation.push(`Points de charge déclarés : ${points}.`);
  } else {
    const facts = request.facts ?? { distanceKm: 0, children: 0, childrenInHigherEducation: 0, disabilityOrCarer: 0 };
    points = pointsOf(scale, facts.distanceKm, facts.children, facts.childrenInHigherEducation, facts.disabilityOrCarer);
    explanation.push(...factsSentences(scale, facts, request.distanceFrom), `Total : ${pts(points)} de charge.`);
  }
  if (points > scale.maxRow) {
    explanation.push(`Le tableau des plafonds s’arrête à ${scale.maxRow} points : la ligne des ${scale.maxRow} points s’applique.`);
  }
  const row = Math.min(points, scale.maxRow);

  // 3. exclusions (décret 2017-548)
  const exclusions = [...new Set(request.exclusions ?? [])] as Exclusion[];
  let e = NO_ECHELON;
  if (exclusions.length > 0) {
    for (const x of exclusions) explanation.push(`Exclusion (décret n° 2017-548) : ${EXCLUSION_REASONS[x]}.`);
    explanation.push('L’aide Grande École du Numérique ne peut donc pas être accordée : aucun échelon, aucun montant.');
  } else {
    // 4. the échelon
    const income = request.incomeCents;
    explanation.push(`Revenu brut global retenu (foyer fiscal, revenus de l’année N-2) : ${euros(income)}.`);
    e = echelonIndex(scale, points, income);
    const at = `Avec ${pts(row)}, ce revenu`;
    if (e === NO_ECHELON) {
      explanation.push(`${at} dépasse le plafond de l’échelon 0 bis (${euros(ceilingCents(scale, row, 0))}), le dernier qui donne droit à l’aide : aucun échelon, pas d’aide.`);
    } else if (e === ECHELONS.length - 1) {
      explanation.push(`${at} ne dépasse pas le plafond de l’échelon 7 (${euros(ceilingCents(scale, row, e))}), le plus élevé : échelon 7.`);
    } else {
      const label = echelonLabel(ECHELONS[e]!);
      explanation.push(
        `${at} ne dépasse pas le plafond de l’échelon ${label} (${euros(ceilingCents(scale, row, e))}) mais dépasse celui de l’échelon ${echelonLabel(ECHELONS[e + 1]!)} (${euros(ceilingCents(scale, row, e + 1))}) : échelon ${label}.`,
      );
    }
  }
  const annualCents = annualCentsOf(scale, e);
  const monthlyCents = monthlyCentsOf(scale, e);
  if (e !== NO_ECHELON) {
    explanation.push(`Montant annuel de l’échelon ${echelonLabel(ECHELONS[e]!)} : ${euros(annualCents)}, soit ${euros(monthlyCents)} par mois (${scale.instalments} mensualités par année universitaire).`);
  }

  // 5. monthly payments for the training period
  let payments: PaymentCount | null = null;
  let totalCents: number | null = null;
  if (request.training) {
    const count = monthlyPayments(request.training.start, request.training.end, scale.instalments);
    payments = monthlyCents === 0 ? { ...count, payments: 0, years: count.years.map((y) => ({ ...y, paid: 0 })) } : count;
    totalCents = payments.payments * monthlyCents;
    explanation.push(paymentsSentence(request.training, payments, monthlyCents, scale.instalments));
  }
  explanation.push('Simulation indicative : l’aide est demandée au Crous une fois la formation commencée, et c’est lui qui décide.');

  return {
    year: academicYearLabel(startYear),
    scaleYear: scale.year,
    scaleChoice: choice.kind,
    points,
    echelon: e === NO_ECHELON ? null : ECHELONS[e]!,
    annualCents,
    monthlyCents,
    payments,
    totalCents,
    exclusions,
    explanation,
  };
}
