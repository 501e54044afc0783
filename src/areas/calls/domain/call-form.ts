/** A call for projects: its lifecycle, its versioned form, and when proposals may be submitted. Pure. */
import { CALL_STATUSES } from '../../../db/schema/calls.ts';
import { defineTransitions } from '../../../shared/transitions.ts';

export type CallStatus = (typeof CALL_STATUSES)[number];
export { CALL_STATUSES };

export const CALL_STATUS_LABELS: Record<CallStatus, string> = {
  draft: 'Brouillon',
  open: 'Ouvert',
  closed: 'Clos',
  reviewing: 'En instruction',
  decided: 'Décidé',
};

/** DOMAIN.md: draft → open → closed → reviewing → decided. */
export const CALL_TRANSITIONS = defineTransitions<CallStatus>({
  draft: ['open'],
  open: ['closed'],
  closed: ['reviewing'],
  reviewing: ['decided'],
  decided: [],
});

/** The priority publics a call may target (DOMAIN.md). */
export const PUBLICS = ['women', 'neet', 'low_qualified', 'job_seekers', 'qpv', 'rqth', 'under_26'] as const;
export type Public = (typeof PUBLICS)[number];
export const PUBLIC_LABELS: Record<Public, string> = {
  women: 'Femmes',
  neet: 'Jeunes sans emploi ni formation (NEET)',
  low_qualified: 'Personnes peu ou pas diplômées (niveau bac ou infra)',
  job_seekers: 'Demandeur·ses d’emploi',
  qpv: 'Habitant·es des quartiers prioritaires (QPV)',
  rqth: 'Personnes en situation de handicap (RQTH)',
  under_26: 'Moins de 26 ans',
};

export interface GridCriterion {
  /** stable code, e.g. 'local_roots' */
  code: string;
  label: string;
  /** a positive integer: criteria count in proportion of their weights */
  weight: number;
}

export interface TrancheShare {
  label: string;
  /** whole percent of the grant; the shares of a call add up to 100 */
  sharePct: number;
}

export interface Declaration {
  code: string;
  label: string;
}

/** The versioned form of a call: what a proposal is filed against. */
export interface CallForm {
  /** YYYY-MM-DD (Europe/Paris): submissions open that day */
  openingDate: string;
  /** YYYY-MM-DD, ascending: a submission is filed for the next cut-off; after the last one nothing is submitted */
  cutOffs: string[];
  caps: {
    perTrainingCents: number;
    perOrganisationCents: number;
    /** the seed grant may not exceed this share of the training's budget */
    maxShareOfBudgetPct: number;
  };
  priorities: { regions: string[]; romeCodes: string[]; publics: Public[] };
  eligibility: {
    /** hard criterion: at least this many low-qualified job seekers per session (0 = none) */
    minLowQualifiedJobSeekersPerSession: number;
    /** hard criterion: the training is free for job seekers */
    freeForJobSeekers: boolean;
    /** statements the provider must certify */
    declarations: Declaration[];
  };
  grid: GridCriterion[];
  tranches: TrancheShare[];
}

/** Wave 1's grid (DOMAIN.md): local roots, content, target publics, partnerships, job prospects. */
export const WAVE_1_GRID: GridCriterion[] = [
  { code: 'local_roots', label: 'Ancrage territorial', weight: 2 },
  { code: 'content', label: 'Contenu de la formation', weight: 2 },
  { code: 'publics', label: 'Publics visés', weight: 2 },
  { code: 'partnerships', label: 'Partenariats', weight: 1 },
  { code: 'job_prospects', label: 'Débouchés professionnels', weight: 1 },
];

export const DEFAULT_TRANCHES: TrancheShare[] = [
  { label: 'À la signature de la convention', sharePct: 50 },
  { label: 'À mi-parcours', sharePct: 30 },
  { label: 'Au rapport final', sharePct: 20 },
];

/** A call form as wave 2 had it (70 k€ per training, 180 k€ per organisation, 80 % of the budget). */
export function defaultCallForm(openingDate: string, cutOffs: string[]): CallForm {
  return {
    openingDate,
    cutOffs,
    caps: { perTrainingCents: 7_000_000, perOrganisationCents: 18_000_000, maxShareOfBudgetPct: 80 },
    priorities: { regions: [], romeCodes: [], publics: ['women', 'neet', 'low_qualified'] },
    eligibility: {
      minLowQualifiedJobSeekersPerSession: 10,
      freeForJobSeekers: true,
      declarations: [
        { code: 'open_without_diploma', label: 'La formation est ouverte sans condition de diplôme, la sélection se fait sur la motivation.' },
        { code: 'free_for_job_seekers', label: 'La formation est gratuite pour les demandeur·ses d’emploi peu qualifié·es.' },
      ],
    },
    grid: WAVE_1_GRID,
    tranches: DEFAULT_TRANCHES,
  };
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (s: string) => ISO.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const CODE = /^[a-z][a-z0-9_]{1,39}$/;

/**
 * The rules of a call form beyond types (the HTTP schema checks those): dates in order, caps
 * consistent, a grid of distinct criteria with positive weights, tranche shares adding up to 100.
 * Returns French messages keyed by field path, empty when the form holds.
 */
export function callFormProblems(form: CallForm, facts: { regionExists(code: string): boolean }): Record<string, string> {
  const f: Record<string, string> = {};
  if (!validDate(form.openingDate)) f['form.openingDate'] = 'La date d’ouverture n’est pas une date valide.';
  if (form.cutOffs.length === 0) f['form.cutOffs'] = 'Indiquez au moins une date limite de dépôt.';
  form.cutOffs.forEach((c, i) => {
    if (!validDate(c)) f[`form.cutOffs.${i}`] = 'Cette date limite n’est pas une date valide.';
    else if (validDate(form.openingDate) && c < form.openingDate) f[`form.cutOffs.${i}`] = 'Une date limite ne peut pas précéder l’ouverture.';
    else if (i > 0 && c <= form.cutOffs[i - 1]!) f[`form.cutOffs.${i}`] = 'Les dates limites se suivent dans l’ordre, sans doublon.';
  });
  const { caps } = form;
  if (!(caps.perTrainingCents > 0)) f['form.caps.perTrainingCents'] = 'Le plafond par formation doit être positif.';
  if (!(caps.perOrganisationCents >= caps.perTrainingCents)) f['form.caps.perOrganisationCents'] = 'Le plafond par organisme ne peut pas être inférieur au plafond par formation.';
  if (!(caps.maxShareOfBudgetPct >= 1 && caps.maxShareOfBudgetPct <= 100)) f['form.caps.maxShareOfBudgetPct'] = 'La part du budget est un pourcentage entre 1 et 100.';
  form.priorities.regions.forEach((r, i) => {
    if (!facts.regionExists(r)) f[`form.priorities.regions.${i}`] = `La région « ${r} » n’existe pas.`;
  });
  form.priorities.romeCodes.forEach((r, i) => {
    if (!/^[A-N][0-9]{4}$/.test(r)) f[`form.priorities.romeCodes.${i}`] = 'Un code ROME s’écrit comme M1805.';
  });
  if (form.grid.length === 0) f['form.grid'] = 'La grille de notation compte au moins un critère.';
  const codes = new Set<string>();
  form.grid.forEach((c, i) => {
    if (!CODE.test(c.code)) f[`form.grid.${i}.code`] = 'Le code d’un critère s’écrit en minuscules, chiffres et « _ ».';
    else if (codes.has(c.code)) f[`form.grid.${i}.code`] = 'Deux critères ont le même code.';
    codes.add(c.code);
    if (c.label.trim().length < 2) f[`form.grid.${i}.label`] = 'Donnez un intitulé au critère.';
    if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) f[`form.grid.${i}.weight`] = 'Le poids est un entier entre 1 et 100.';
  });
  if (form.tranches.length === 0) f['form.tranches'] = 'Prévoyez au moins un versement.';
  form.tranches.forEach((t, i) => {
    if (!Number.isInteger(t.sharePct) || t.sharePct < 1 || t.sharePct > 100) f[`form.tranches.${i}.sharePct`] = 'La part d’un versement est un pourcentage entier entre 1 et 100.';
    if (t.label.trim().length < 2) f[`form.tranches.${i}.label`] = 'Donnez un intitulé au versement.';
  });
  const total = form.tranches.reduce((s, t) => s + t.sharePct, 0);
  if (form.tranches.length > 0 && total !== 100) f['form.tranches'] = `Les parts des versements totalisent ${total} % : elles doivent faire 100 %.`;
  const decl = new Set<string>();
  form.eligibility.declarations.forEach((d, i) => {
    if (!CODE.test(d.code) || decl.has(d.code)) f[`form.eligibility.declarations.${i}.code`] = 'Chaque engagement a un code distinct (minuscules, chiffres, « _ »).';
    decl.add(d.code);
    if (d.label.trim().length < 5) f[`form.eligibility.declarations.${i}.label`] = 'Rédigez l’engagement à certifier.';
  });
  return f;
}

export type SubmissionWindow = { open: true; cutOff: string } | { open: false; code: string; message: string };

const frDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/**
 * May a proposal be submitted today (a Paris date)? Only to an open call, from its opening date to
 * its last cut-off date inclusive; the submission is filed for the next cut-off.
 */
export function submissionWindow(status: CallStatus, form: Pick<CallForm, 'openingDate' | 'cutOffs'>, today: string): SubmissionWindow {
  if (status !== 'open') return { open: false, code: 'appel_non_ouvert', message: `Cet appel n’est pas ouvert aux dépôts (état : ${CALL_STATUS_LABELS[status].toLowerCase()}).` };
  if (today < form.openingDate) return { open: false, code: 'appel_pas_encore_ouvert', message: `Les dépôts ouvrent le ${frDate(form.openingDate)}.` };
  const next = form.cutOffs.find((c) => c >= today);
  if (!next) {
    const last = form.cutOffs.at(-1);
    return { open: false, code: 'date_limite_depassee', message: `La date limite de dépôt${last ? ` (${frDate(last)})` : ''} est passée : le dossier ne peut plus être déposé.` };
  }
  return { open: true, cutOff: next };
}

/** Weights normalised: the share of each criterion in the weighted score. */
export function gridWeights(grid: readonly GridCriterion[]): Map<string, number> {
  const total = grid.reduce((s, c) => s + c.weight, 0);
  return new Map(grid.map((c) => [c.code, total > 0 ? c.weight / total : 0]));
}

export { frDate };
