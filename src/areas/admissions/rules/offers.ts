/** Offers: their lifecycle and French words. Pure. */
import { OFFER_STATUSES } from '../../../db/schema/admissions.ts';
import { defineTransitions } from '../../../shared/transitions.ts';
import type { ConstraintName } from './ranking.ts';

export type OfferStatus = (typeof OFFER_STATUSES)[number];

/**
 * pending → accepted | declined | expired; an accepted offer is released when the candidate accepts a
 * better one or gives it up.
 */
export const OFFER_TRANSITIONS = defineTransitions<OfferStatus>({
  pending: ['accepted', 'declined', 'expired'],
  accepted: ['released'],
  declined: [],
  expired: [],
  released: [],
});

export const OFFER_STATUS_LABELS: Record<OfferStatus, string> = {
  pending: 'En attente de votre réponse',
  accepted: 'Acceptée',
  declined: 'Refusée',
  expired: 'Expirée (sans réponse avant la date limite)',
  released: 'Abandonnée',
};

/** The constrained publics a session may choose, in French (the public rules page). */
export const CONSTRAINT_LABELS: Record<ConstraintName, string> = {
  woman: 'Femmes',
  under_26: 'Moins de 26 ans au début de la session',
  low_qualification: 'Sans diplôme ou au plus le bac (niveau 4)',
  neet: 'Ni en emploi, ni en études, ni en formation',
  job_seeker: 'Demandeur·ses d’emploi inscrit·es',
  qpv_or_zrr: 'Résident·es d’un quartier prioritaire (QPV) ou d’une ZRR',
  rqth: 'Travailleur·ses handicapé·es reconnu·es (RQTH)',
  scholarship: 'Boursier·es (échelon 0 bis ou plus, ou aide GEN accordée)',
};

/** The preference the automatic responder gives an accepted wish: after every wish still waiting (see ADR 0012). */
export const ACCEPTED_PREFERENCE = 1000;
