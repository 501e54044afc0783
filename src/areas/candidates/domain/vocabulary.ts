/** The candidates area's words and their French labels (the interface speaks French). Pure. */
import {
  ACTIVE_WISH_STATUSES,
  CONSENT_PURPOSES,
  CRITERIA,
  CRITERION_SOURCES,
  DIPLOMA_LEVELS,
  DOCUMENT_TYPES,
  GENDERS,
  MAX_DOCUMENT_BYTES,
  SITUATIONS,
  WISH_STATUSES,
} from '../../../db/schema/candidates.ts';

export { ACTIVE_WISH_STATUSES, CONSENT_PURPOSES, CRITERIA, CRITERION_SOURCES, DIPLOMA_LEVELS, DOCUMENT_TYPES, GENDERS, MAX_DOCUMENT_BYTES, SITUATIONS, WISH_STATUSES };

export type Gender = (typeof GENDERS)[number];
export type DiplomaLevel = (typeof DIPLOMA_LEVELS)[number];
export type Situation = (typeof SITUATIONS)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type Criterion = (typeof CRITERIA)[number];
export type CriterionSource = (typeof CRITERION_SOURCES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type WishStatus = (typeof WISH_STATUSES)[number];

// the labels the web app shows too (one source: ./profile-labels.ts imports types only, so the web bundle takes it)
export { CRITERION_LABELS, DIPLOMA_LABELS, GENDER_LABELS, SITUATION_LABELS } from './profile-labels.ts';

/** Why each consent is asked: shown beside its checkbox, recorded with it. */
export const CONSENT_LABELS: Record<ConsentPurpose, string> = {
  profile:
    'J’accepte que Fabriques traite mon profil pour établir mon diagnostic d’éligibilité et transmettre mes candidatures aux organismes de formation choisis.',
  health:
    'J’accepte que ma reconnaissance de la qualité de travailleur handicapé (RQTH), donnée de santé, soit enregistrée pour le diagnostic.',
  income:
    'J’accepte que le revenu de mon foyer fiscal soit enregistré pour savoir si je relève d’un échelon de bourse ; il n’est jamais montré aux organismes ni aux prescripteurs.',
};

export const SOURCE_LABELS: Record<CriterionSource, string> = {
  self_declared: 'déclaré par la personne',
  prescriber_validated: 'validé par un·e prescripteur·rice',
  document: 'prouvé par un justificatif',
};

/** The criteria a document can prove (the others are a declaration or a fact of the account). */
export const DOCUMENT_CRITERIA: readonly Criterion[] = ['under_26', 'job_seeker', 'qpv_or_zrr', 'rqth', 'scholarship'];

export const DOCUMENT_HINTS: Record<Criterion, string> = {
  woman: '',
  under_26: 'pièce d’identité',
  low_qualification: '',
  neet: '',
  job_seeker: 'attestation d’inscription à France Travail',
  qpv_or_zrr: 'justificatif de domicile',
  rqth: 'notification de la MDPH',
  scholarship: 'notification d’aide du Crous ou avis d’imposition',
};

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  submitted: 'Envoyé',
  under_review: 'En cours d’examen',
  ranked: 'Classé',
  offered: 'Proposition reçue',
  accepted: 'Proposition acceptée',
  declined: 'Proposition refusée',
  expired: 'Proposition expirée',
  not_ranked: 'Non retenu',
  withdrawn: 'Retiré',
};
