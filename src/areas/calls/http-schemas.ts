import { z } from 'zod';
import { ATTACHMENT_KINDS, ASSIGNMENT_STATUSES, CALL_STATUSES, PROPOSAL_STATUSES, TRAINING_DECISIONS } from '../../db/schema/calls.ts';
import { MODALITIES } from '../../db/schema/catalogue.ts';
import { PUBLICS } from './domain/call-form.ts';
import { SCORE_MAX, SCORE_MIN } from './domain/scoring.ts';

export { errorSchema, messageSchema } from '../accounts/http-schemas.ts';

export const uuid = (label: string) => z.string().uuid(`${label} : identifiant invalide.`);
const isoDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} : date attendue au format AAAA-MM-JJ.`)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label} : cette date n’existe pas.`);
/** money: integer cents, up to 10 M€ per amount (calls: 1 G€) */
const cents = (label: string, max = 1_000_000_000) =>
  z.number(`${label} : montant attendu.`).int(`${label} : montant en centimes entiers.`).min(0, `${label} : montant positif attendu.`).max(max, `${label} : montant trop élevé.`);
const int = (label: string, min: number, max: number) =>
  z.number(`${label} : nombre attendu.`).int(`${label} : nombre entier attendu.`).min(min, `${label} : au moins ${min}.`).max(max, `${label} : au plus ${max}.`);
const text = (label: string, max: number, min = 0) =>
  z
    .string(`${label} : texte attendu.`)
    .trim()
    .min(min, min > 0 ? `${label} : au moins ${min} caractère${min > 1 ? 's' : ''}.` : `${label} : texte attendu.`)
    .max(max, `${label} : ${max} caractères au plus.`);

// ---- calls --------------------------------------------------------------------------------------

export const callFormSchema = z.object({
  openingDate: isoDate('Date d’ouverture'),
  cutOffs: z.array(isoDate('Date limite'), 'Dates limites attendues.').min(1, 'Indiquez au moins une date limite de dépôt.').max(6, 'Six dates limites au plus.'),
  caps: z.object({
    perTrainingCents: cents('Plafond par formation', 100_000_000),
    perOrganisationCents: cents('Plafond par organisme', 1_000_000_000),
    maxShareOfBudgetPct: int('Part du budget', 1, 100),
  }),
  priorities: z.object({
    regions: z.array(z.string().max(3), 'Régions attendues.').max(20).default([]),
    romeCodes: z.array(z.string().max(5), 'Codes ROME attendus.').max(50).default([]),
    publics: z.array(z.enum(PUBLICS, 'Public inconnu.')).max(PUBLICS.length).default([]),
  }),
  eligibility: z.object({
    minLowQualifiedJobSeekersPerSession: int('Demandeur·ses d’emploi peu qualifié·es par session', 0, 100),
    freeForJobSeekers: z.boolean('Indiquez si la gratuité est exigée.'),
    declarations: z.array(z.object({ code: text('Code', 40, 2), label: text('Engagement', 500, 5) })).max(20).default([]),
  }),
  grid: z.array(z.object({ code: text('Code du critère', 40, 2), label: text('Intitulé du critère', 200, 2), weight: int('Poids', 1, 100) })).min(1, 'La grille compte au moins un critère.').max(15, 'Quinze critères au plus.'),
  tranches: z.array(z.object({ label: text('Intitulé du versement', 200, 2), sharePct: int('Part du versement', 1, 100) })).min(1, 'Prévoyez au moins un versement.').max(6, 'Six versements au plus.'),
});

export const callBody = z.object({
  title: text('Titre', 200, 5),
  wave: int('Vague', 1, 99),
  summary: text('Présentation', 5000, 20),
  envelopeCents: cents('Enveloppe', 100_000_000_000).refine((n) => n > 0, 'Enveloppe : montant positif attendu.'),
  funderId: uuid('Financeur').nullable().optional(),
  form: callFormSchema,
});

export const callStatusBody = z.object({ to: z.enum(CALL_STATUSES, 'État inconnu.'), motive: text('Motif', 1000).optional() });

const callSummary = z.object({
  id: z.string(),
  title: z.string(),
  wave: z.number(),
  summary: z.string(),
  status: z.enum(CALL_STATUSES),
  envelopeCents: z.number(),
  openingDate: z.string(),
  cutOffs: z.array(z.string()),
  nextCutOff: z.string().nullable(),
});
export const callList = z.array(callSummary);
export const callDetail = callSummary.extend({
  funderId: z.string().nullable(),
  funderName: z.string(),
  version: z.number(),
  form: callFormSchema,
  versions: z.array(z.object({ version: z.number(), createdAt: z.string() })),
});

// ---- proposals ----------------------------------------------------------------------------------

const pct = (label: string) => int(label, 0, 100).optional();
export const trainingDraftSchema = z.object({
  title: text('Intitulé', 200).optional(),
  summary: text('Présentation', 5000).optional(),
  objectives: text('Objectifs', 5000).optional(),
  prerequisites: text('Prérequis', 2000).optional(),
  romeCodes: z.array(z.string().trim().toUpperCase().max(5, 'Un code ROME compte 5 caractères.')).max(10, 'Dix codes ROME au plus.').optional(),
  formacodes: z.array(z.string().trim().max(5, 'Un Formacode compte 5 chiffres.')).max(10, 'Dix Formacodes au plus.').optional(),
  certificationCode: text('Code de certification', 16).optional(),
  certificationTitle: text('Intitulé de la certification', 300).optional(),
  certificationLevel: int('Niveau', 3, 8).optional(),
  durationMonths: int('Durée en mois', 1, 36).optional(),
  durationHours: int('Durée en heures', 1, 5000).optional(),
  modality: z.enum(MODALITIES, 'Modalité inconnue.').optional(),
  communeCode: text('Commune', 5).optional(),
  address: text('Adresse', 300).optional(),
  postalCode: text('Code postal', 5).optional(),
  isFree: z.boolean().optional(),
  priceCents: cents('Prix', 10_000_000).nullable().optional(),
  contactEmail: text('E-mail de contact', 254).optional(),
  contactPhone: text('Téléphone', 30).nullable().optional(),
  seatsPerSession: int('Places par session', 1, 200).optional(),
  sessionsPerYear: int('Sessions par an', 1, 24).optional(),
  commitments: z
    .object({
      womenPct: pct('Part de femmes'),
      neetPct: pct('Part de NEET ou peu qualifié·es'),
      qpvPct: pct('Part d’habitant·es des QPV'),
      lowQualifiedJobSeekersPerSession: int('Demandeur·ses d’emploi peu qualifié·es par session', 0, 200).optional(),
      freeForJobSeekers: z.boolean().optional(),
    })
    .optional(),
  budget: z
    .object({
      totalCents: cents('Budget total', 1_000_000_000).optional(),
      regionCents: cents('Financement régional', 1_000_000_000).optional(),
      privateCents: cents('Financement privé', 1_000_000_000).optional(),
      ownCents: cents('Fonds propres', 1_000_000_000).optional(),
      requestedCents: cents('Subvention demandée', 1_000_000_000).optional(),
    })
    .optional(),
});

const partnerSchema = z.object({
  name: text('Nom du partenaire', 200),
  siret: text('SIRET', 20).nullable().optional(),
  internships: int('Stages', 0, 500).optional(),
  mentors: int('Mentors', 0, 500).optional(),
  jury: z.boolean().optional(),
  hires: int('Embauches', 0, 500).optional(),
  note: text('Précisions', 1000).nullable().optional(),
});

export const proposalDataSchema = z.object({
  summary: text('Présentation du projet', 10_000).optional(),
  partners: z.array(partnerSchema).max(20, 'Vingt partenaires au plus.').optional(),
  declarations: z.array(z.string().max(40)).max(20).optional(),
});

export const createProposalBody = z.object({ callId: uuid('Appel'), title: text('Titre du dossier', 200, 1) });
export const draftBody = z.object({
  title: text('Titre du dossier', 200),
  data: proposalDataSchema,
  trainings: z.array(trainingDraftSchema).max(10, 'Un dossier compte au plus 10 formations.'),
});
export const motiveBody = z.object({ motive: text('Motif', 2000).optional() });

const problem = z.object({ field: z.string(), message: z.string() });
export const proposalDetail = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  call: z.object({ id: z.string(), title: z.string(), status: z.enum(CALL_STATUSES), statusLabel: z.string(), currentVersion: z.number() }),
  callVersion: z.number(),
  formChangedSinceCreation: z.boolean(),
  form: callFormSchema,
  provider: z.object({ id: z.string(), name: z.string(), siret: z.string().nullable() }),
  data: z.object({ summary: z.string(), partners: z.array(partnerSchema), declarations: z.array(z.string()) }),
  trainings: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      data: trainingDraftSchema,
      regionCode: z.string().nullable(),
      decision: z.enum(TRAINING_DECISIONS).nullable(),
      decisionMotive: z.string().nullable(),
      decidedAt: z.string().nullable(),
      trainingId: z.string().nullable(),
      labelId: z.string().nullable(),
    }),
  ),
  attachments: z.array(z.object({ id: z.string(), kind: z.enum(ATTACHMENT_KINDS), kindLabel: z.string(), fileName: z.string(), byteSize: z.number(), sha256: z.string(), uploadedAt: z.string() })),
  requestedCents: z.number(),
  cutOff: z.string().nullable(),
  submittedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  submission: z.object({ open: z.boolean(), cutOff: z.string().nullable(), message: z.string().nullable() }),
  missing: z.array(problem),
  warnings: z.array(problem),
});
export const proposalList = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    callStatus: z.enum(CALL_STATUSES),
    status: z.enum(PROPOSAL_STATUSES),
    trainings: z.number(),
    requestedCents: z.number(),
    submittedAt: z.string().nullable(),
    updatedAt: z.string(),
  }),
);
export const attachmentQuery = z.object({ kind: z.enum(ATTACHMENT_KINDS, 'Type de pièce inconnu (budget, partnership, statutes, other).') });
export const attachmentRow = proposalDetail.shape.attachments.element;

// ---- review -------------------------------------------------------------------------------------

export const assignBody = z.object({ reviewerIds: z.array(uuid('Instructeur·rice')).max(10, 'Dix instructeur·rices au plus.') });
export const scoresBody = z.object({
  scores: z
    .array(z.object({ criterion: z.string().max(40), score: int('Note', SCORE_MIN, SCORE_MAX), comment: z.string().trim().max(3000, 'Commentaire : 3000 caractères au plus.').default('') }))
    .max(15),
});
export const submitReviewBody = z.object({ scores: scoresBody.shape.scores.optional() }).nullish();
export const conflictBody = z.object({ organisationId: uuid('Organisme'), motive: text('Nature du lien', 1000, 5) });
export const recuseBody = z.object({ motive: text('Nature du lien', 1000, 5) });
export const decisionBody = z.object({ decision: z.enum(TRAINING_DECISIONS, 'Décision attendue : accepted ou rejected.'), motive: text('Motif', 3000).optional() });

const scoreRow = z.object({ criterion: z.string(), score: z.number(), comment: z.string() });
export const reviewsSchema = z.object({
  grid: z.array(z.object({ code: z.string(), label: z.string(), weight: z.number() })),
  hidden: z.boolean(),
  reviews: z.array(
    z.object({
      id: z.string(),
      own: z.boolean(),
      reviewer: z.string(),
      status: z.enum(ASSIGNMENT_STATUSES),
      statusLabel: z.string(),
      submittedAt: z.string().nullable(),
      weightedScore: z.number().nullable(),
      scores: z.array(scoreRow).nullable(),
    }),
  ),
});
export const assignmentList = z.array(
  z.object({
    proposalId: z.string(),
    title: z.string(),
    providerName: z.string(),
    callId: z.string(),
    callTitle: z.string(),
    proposalStatus: z.enum(PROPOSAL_STATUSES),
    status: z.enum(ASSIGNMENT_STATUSES),
    statusLabel: z.string(),
    assignedAt: z.string(),
    submittedAt: z.string().nullable(),
  }),
);
export const reviewerList = z.array(z.object({ userId: z.string(), name: z.string(), email: z.string(), conflictOrganisationIds: z.array(z.string()) }));
export const conflictList = z.array(z.object({ id: z.string(), organisationId: z.string(), organisationName: z.string(), motive: z.string(), declaredAt: z.string() }));
export const providerSearch = z.array(z.object({ id: z.string(), name: z.string(), siret: z.string().nullable() }));
export const callProposalList = z.array(
  z.object({
    id: z.string(),
    title: z.string(),
    providerId: z.string(),
    providerName: z.string(),
    status: z.enum(PROPOSAL_STATUSES),
    cutOff: z.string().nullable(),
    requestedCents: z.number(),
    reviewers: z.array(z.object({ userId: z.string(), name: z.string(), status: z.string() })),
  }),
);

export const committeeSchema = z.object({
  call: z.object({ id: z.string(), title: z.string(), status: z.enum(CALL_STATUSES), envelopeCents: z.number() }),
  totals: z.object({ proposals: z.number(), trainings: z.number(), requestedCents: z.number(), acceptedCents: z.number(), remainingEnvelopeCents: z.number() }),
  rows: z.array(
    z.object({
      rank: z.number(),
      proposalId: z.string(),
      title: z.string(),
      providerId: z.string(),
      providerName: z.string(),
      status: z.enum(PROPOSAL_STATUSES),
      requestedCents: z.number(),
      mean: z.number().nullable(),
      reviewsSubmitted: z.number(),
      reviewsAssigned: z.number(),
      disagreement: z.string().nullable(),
      cumulativeCents: z.number(),
      withinEnvelope: z.boolean(),
      trainings: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          communeCode: z.string().nullable(),
          regionCode: z.string().nullable(),
          requestedCents: z.number(),
          decision: z.enum(TRAINING_DECISIONS).nullable(),
          decisionMotive: z.string().nullable(),
        }),
      ),
    }),
  ),
  spread: z.array(z.object({ regionCode: z.string().nullable(), regionName: z.string(), trainings: z.number(), requestedCents: z.number(), accepted: z.number(), acceptedCents: z.number() })),
});
