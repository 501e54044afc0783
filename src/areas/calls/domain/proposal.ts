/** A provider's proposal: lifecycle, draft content, what is missing to submit, caps and label thresholds. Pure. */
import { PROPOSAL_STATUSES, ATTACHMENT_KINDS } from '../../../db/schema/calls.ts';
import { MODALITIES, type Modality } from '../../../db/schema/catalogue.ts';
import { compactSiret, isValidSiret } from '../../accounts/domain/siret.ts';
import { defineTransitions } from '../../../shared/transitions.ts';
import type { CallForm } from './call-form.ts';

export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];
export { PROPOSAL_STATUSES, ATTACHMENT_KINDS, MODALITIES };

export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  draft: 'Brouillon',
  submitted: 'Déposé',
  in_review: 'En instruction',
  decided: 'Décidé',
  withdrawn: 'Retiré',
};

/** DOMAIN.md: draft → submitted → in_review → decided | withdrawn (a proposal may be withdrawn until decided). */
export const PROPOSAL_TRANSITIONS = defineTransitions<ProposalStatus>({
  draft: ['submitted', 'withdrawn'],
  submitted: ['in_review', 'withdrawn'],
  in_review: ['decided', 'withdrawn'],
  decided: [],
  withdrawn: [],
});

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  budget: 'Budget prévisionnel détaillé',
  partnership: 'Lettre d’engagement d’un partenaire',
  statutes: 'Statuts ou extrait Kbis',
  other: 'Autre pièce',
};
/** pieces without which a proposal cannot be submitted */
export const REQUIRED_ATTACHMENTS: readonly AttachmentKind[] = ['budget'];

/** Label thresholds (DOMAIN.md, 2016 onwards), in percent of a session's entrants. */
export const LABEL_THRESHOLDS = { womenPct: 30, neetPct: 50 } as const;
export const MAX_TRAININGS_PER_PROPOSAL = 10;
export const MAX_PARTNERS = 20;

/** One training as the provider fills it in; every field may be missing while it is a draft. */
export interface TrainingDraft {
  title?: string;
  summary?: string;
  objectives?: string;
  prerequisites?: string;
  romeCodes?: string[];
  formacodes?: string[];
  certificationCode?: string;
  certificationTitle?: string;
  certificationLevel?: number;
  durationMonths?: number;
  durationHours?: number;
  modality?: Modality;
  communeCode?: string;
  address?: string;
  postalCode?: string;
  isFree?: boolean;
  priceCents?: number | null;
  contactEmail?: string;
  contactPhone?: string | null;
  seatsPerSession?: number;
  sessionsPerYear?: number;
  commitments?: {
    /** shares of entrants committed, whole percent */
    womenPct?: number;
    /** NEET or low-qualified (no diploma or at most bac) */
    neetPct?: number;
    qpvPct?: number;
    lowQualifiedJobSeekersPerSession?: number;
    freeForJobSeekers?: boolean;
  };
  budget?: {
    totalCents?: number;
    regionCents?: number;
    privateCents?: number;
    ownCents?: number;
    requestedCents?: number;
  };
}

export interface Partner {
  name: string;
  siret?: string | null;
  internships?: number;
  mentors?: number;
  jury?: boolean;
  hires?: number;
  note?: string | null;
}

export interface ProposalData {
  summary?: string;
  partners?: Partner[];
  /** codes of the call's declarations the provider certifies */
  declarations?: string[];
}

export interface Problem {
  /** field path, e.g. 'trainings.0.budget.requestedCents' */
  field: string;
  message: string;
}

export interface SubmissionFacts {
  communeExists(code: string): boolean;
  /** seed grants already requested by the same organisation in this call (other proposals not withdrawn) */
  otherRequestedCents: number;
  attachmentKinds: readonly AttachmentKind[];
}

const euros = (cents: number) => `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(cents / 100)} €`.replace(/\u202f/g, ' ');

const blank = (s: string | undefined | null) => !s || s.trim() === '';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Seed grant requested: at most the cap per training and the call's share of the training's budget. */
export function trainingCapProblems(t: TrainingDraft, caps: CallForm['caps'], prefix: string): Problem[] {
  const out: Problem[] = [];
  const b = t.budget ?? {};
  if (b.requestedCents !== undefined && b.requestedCents > caps.perTrainingCents) {
    out.push({ field: `${prefix}.budget.requestedCents`, message: `La subvention demandée (${euros(b.requestedCents)}) dépasse le plafond par formation de l’appel (${euros(caps.perTrainingCents)}).` });
  }
  if (b.requestedCents !== undefined && b.totalCents !== undefined && b.totalCents > 0) {
    const max = maxShareCents(b.totalCents, caps.maxShareOfBudgetPct);
    if (b.requestedCents > max) {
      out.push({
        field: `${prefix}.budget.requestedCents`,
        message: `La subvention demandée dépasse ${caps.maxShareOfBudgetPct} % du budget de la formation (au plus ${euros(max)}).`,
      });
    }
  }
  return out;
}

/** The share of a budget, in cents rounded down. */
export function maxShareCents(totalCents: number, pct: number): number {
  return Math.floor((totalCents * pct) / 100);
}

export function requestedOf(trainings: readonly TrainingDraft[]): number {
  return trainings.reduce((s, t) => s + (t.budget?.requestedCents ?? 0), 0);
}

/** Everything a proposal still lacks to be submitted, in French, field by field (empty = complete). */
export function missingForSubmission(
  proposal: { title: string; data: ProposalData },
  trainings: readonly TrainingDraft[],
  form: CallForm,
  facts: SubmissionFacts,
): Problem[] {
  const out: Problem[] = [];
  const add = (field: string, message: string) => out.push({ field, message });
  if (proposal.title.trim().length < 5) add('title', 'Donnez un titre au dossier (5 caractères au moins).');
  if ((proposal.data.summary ?? '').trim().length < 20) add('summary', 'Présentez le projet en quelques phrases (20 caractères au moins).');
  if (trainings.length === 0) add('trainings', 'Ajoutez au moins une formation.');
  if (trainings.length > MAX_TRAININGS_PER_PROPOSAL) add('trainings', `Un dossier compte au plus ${MAX_TRAININGS_PER_PROPOSAL} formations.`);

  trainings.forEach((t, i) => {
    const p = `trainings.${i}`;
    const named = `Formation ${i + 1}${t.title ? ` (« ${t.title} »)` : ''}`;
    const need = (field: string, what: string) => add(`${p}.${field}`, `${named} : ${what}`);
    if (blank(t.title)) need('title', 'indiquez l’intitulé.');
    if (blank(t.summary)) need('summary', 'présentez la formation.');
    if (blank(t.objectives)) need('objectives', 'indiquez les objectifs.');
    if (blank(t.prerequisites)) need('prerequisites', 'indiquez les prérequis (ou « aucun »).');
    if (!t.romeCodes || t.romeCodes.length === 0) need('romeCodes', 'indiquez au moins un métier visé (code ROME).');
    else if (t.romeCodes.some((c) => !/^[A-N][0-9]{4}$/.test(c))) need('romeCodes', 'un code ROME s’écrit comme M1805.');
    if (!t.formacodes || t.formacodes.length === 0) need('formacodes', 'indiquez au moins un Formacode.');
    else if (t.formacodes.some((c) => !/^[0-9]{5}$/.test(c))) need('formacodes', 'un Formacode compte 5 chiffres.');
    if (blank(t.certificationCode)) need('certificationCode', 'indiquez la certification visée (RNCP ou RS).');
    else if (!/^(RNCP|RS)[0-9]{3,6}$/.test(t.certificationCode!)) need('certificationCode', 'le code de certification s’écrit comme RNCP37674 ou RS5487.');
    if (blank(t.certificationTitle)) need('certificationTitle', 'indiquez l’intitulé de la certification.');
    if (t.certificationLevel === undefined) need('certificationLevel', 'indiquez le niveau de la certification (3 à 8).');
    else if (t.certificationLevel < 3 || t.certificationLevel > 8) need('certificationLevel', 'le niveau de la certification est compris entre 3 et 8.');
    if (t.durationMonths === undefined) need('durationMonths', 'indiquez la durée en mois.');
    else if (t.durationMonths < 3 || t.durationMonths > 24) need('durationMonths', 'une formation labellisée dure de 3 à 24 mois.');
    if (t.durationHours === undefined || t.durationHours <= 0) need('durationHours', 'indiquez la durée en heures.');
    if (!t.modality) need('modality', 'choisissez la modalité (présentiel, distanciel, hybride).');
    if (blank(t.communeCode)) need('communeCode', 'indiquez la commune du lieu de formation.');
    else if (!facts.communeExists(t.communeCode!)) need('communeCode', 'ce code commune (INSEE) n’existe pas.');
    if (blank(t.address)) need('address', 'indiquez l’adresse du lieu de formation.');
    if (blank(t.postalCode) || !/^[0-9]{5}$/.test(t.postalCode!)) need('postalCode', 'le code postal compte 5 chiffres.');
    if (t.isFree === undefined) need('isFree', 'indiquez si la formation est gratuite.');
    else if (!t.isFree && !(t.priceCents && t.priceCents > 0)) need('priceCents', 'indiquez le prix pour un·e apprenant·e qui paie.');
    if (blank(t.contactEmail) || !EMAIL.test(t.contactEmail!)) need('contactEmail', 'indiquez une adresse e-mail de contact valide.');
    if (!t.seatsPerSession || t.seatsPerSession < 1) need('seatsPerSession', 'indiquez le nombre de places par session.');
    if (!t.sessionsPerYear || t.sessionsPerYear < 1) need('sessionsPerYear', 'indiquez le nombre de sessions par an.');

    const c = t.commitments ?? {};
    if (c.womenPct === undefined) need('commitments.womenPct', 'indiquez la part de femmes visée.');
    if (c.neetPct === undefined) need('commitments.neetPct', 'indiquez la part de NEET ou de personnes peu qualifiées visée.');
    if (c.qpvPct === undefined) need('commitments.qpvPct', 'indiquez la part d’habitant·es des quartiers prioritaires visée.');
    const min = form.eligibility.minLowQualifiedJobSeekersPerSession;
    if (c.lowQualifiedJobSeekersPerSession === undefined) need('commitments.lowQualifiedJobSeekersPerSession', 'indiquez le nombre de demandeur·ses d’emploi peu qualifié·es par session.');
    else if (c.lowQualifiedJobSeekersPerSession < min) need('commitments.lowQualifiedJobSeekersPerSession', `l’appel exige au moins ${min} demandeur·ses d’emploi peu qualifié·es par session.`);
    else if (t.seatsPerSession && c.lowQualifiedJobSeekersPerSession > t.seatsPerSession) need('commitments.lowQualifiedJobSeekersPerSession', 'ce nombre dépasse les places d’une session.');
    if (form.eligibility.freeForJobSeekers && c.freeForJobSeekers !== true) need('commitments.freeForJobSeekers', 'l’appel exige que la formation soit gratuite pour les demandeur·ses d’emploi.');

    const b = t.budget ?? {};
    if (!b.totalCents || b.totalCents <= 0) need('budget.totalCents', 'indiquez le budget total de la formation.');
    if (!b.requestedCents || b.requestedCents <= 0) need('budget.requestedCents', 'indiquez la subvention d’amorçage demandée.');
    if (b.totalCents && b.totalCents > 0) {
      const sources = (b.requestedCents ?? 0) + (b.regionCents ?? 0) + (b.privateCents ?? 0) + (b.ownCents ?? 0);
      if (sources !== b.totalCents) {
        need('budget.totalCents', `les financements (${euros(sources)}) ne couvrent pas exactement le budget total (${euros(b.totalCents)}).`);
      }
    }
    for (const cap of trainingCapProblems(t, form.caps, p)) add(cap.field, `${named} : ${cap.message.charAt(0).toLowerCase()}${cap.message.slice(1)}`);
  });

  const requested = requestedOf(trainings);
  if (requested + facts.otherRequestedCents > form.caps.perOrganisationCents) {
    add(
      'trainings',
      `Les subventions demandées par votre organisme dans cet appel (${euros(requested + facts.otherRequestedCents)}, ce dossier compris) dépassent le plafond par organisme (${euros(form.caps.perOrganisationCents)}).`,
    );
  }

  const partners = proposal.data.partners ?? [];
  if (partners.length === 0) add('partners', 'Ajoutez au moins un employeur partenaire et ses engagements.');
  partners.forEach((pa, i) => {
    if (blank(pa.name)) add(`partners.${i}.name`, `Partenaire ${i + 1} : indiquez son nom.`);
    if (pa.siret && !isValidSiret(compactSiret(pa.siret))) add(`partners.${i}.siret`, `Partenaire ${i + 1} : ce SIRET n’est pas valide.`);
    if (!((pa.internships ?? 0) > 0 || (pa.mentors ?? 0) > 0 || pa.jury || (pa.hires ?? 0) > 0)) {
      add(`partners.${i}`, `Partenaire ${i + 1} : indiquez au moins un engagement (stages, mentors, jury, embauches).`);
    }
  });

  const certified = new Set(proposal.data.declarations ?? []);
  form.eligibility.declarations.forEach((d) => {
    if (!certified.has(d.code)) add(`declarations.${d.code}`, `Certifiez l’engagement : « ${d.label} »`);
  });
  for (const kind of REQUIRED_ATTACHMENTS) {
    if (!facts.attachmentKinds.includes(kind)) add(`attachments.${kind}`, `Joignez la pièce : ${ATTACHMENT_KIND_LABELS[kind].toLowerCase()} (PDF).`);
  }
  return out;
}

/** Commitments below the label thresholds, shown at once to the provider (not blocking). */
export function thresholdWarnings(trainings: readonly TrainingDraft[]): Problem[] {
  const out: Problem[] = [];
  trainings.forEach((t, i) => {
    const c = t.commitments ?? {};
    const named = `Formation ${i + 1}${t.title ? ` (« ${t.title} »)` : ''}`;
    if (c.womenPct !== undefined && c.womenPct < LABEL_THRESHOLDS.womenPct) {
      out.push({ field: `trainings.${i}.commitments.womenPct`, message: `${named} : ${c.womenPct} % de femmes, sous le seuil du label (${LABEL_THRESHOLDS.womenPct} %).` });
    }
    if (c.neetPct !== undefined && c.neetPct < LABEL_THRESHOLDS.neetPct) {
      out.push({ field: `trainings.${i}.commitments.neetPct`, message: `${named} : ${c.neetPct} % de NEET ou peu qualifié·es, sous le seuil du label (${LABEL_THRESHOLDS.neetPct} %).` });
    }
  });
  return out;
}

/** Cap of an acceptance: the grants already accepted for the organisation in the call, and the envelope. */
export function acceptanceRefusal(args: {
  requestedCents: number;
  caps: CallForm['caps'];
  acceptedForOrganisationCents: number;
  acceptedInCallCents: number;
  envelopeCents: number;
}): string | null {
  const { requestedCents: r, caps } = args;
  if (r > caps.perTrainingCents) return `La subvention demandée (${euros(r)}) dépasse le plafond par formation (${euros(caps.perTrainingCents)}).`;
  if (args.acceptedForOrganisationCents + r > caps.perOrganisationCents) {
    return `Accepter cette formation porterait les subventions de l’organisme dans cet appel à ${euros(args.acceptedForOrganisationCents + r)}, au-delà du plafond par organisme (${euros(caps.perOrganisationCents)}).`;
  }
  if (args.acceptedInCallCents + r > args.envelopeCents) {
    return `Accepter cette formation porterait les subventions de l’appel à ${euros(args.acceptedInCallCents + r)}, au-delà de l’enveloppe (${euros(args.envelopeCents)}).`;
  }
  return null;
}

export { euros };
