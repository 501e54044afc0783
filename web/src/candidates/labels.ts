import type { Criterion, CriterionSource, WishStatus } from './api.ts';

// French labels of the candidates area: the profile and criteria ones are the server's own.
export { CRITERION_LABELS, DIPLOMA_LABELS, GENDER_LABELS, SITUATION_LABELS } from '../../../src/areas/candidates/domain/profile-labels.ts';

export const SOURCE_LABELS: Record<CriterionSource, string> = {
  self_declared: 'Déclaré',
  prescriber_validated: 'Validé par un·e prescripteur·rice',
  document: 'Justificatif',
};

/** Criteria a proof can be uploaded for, with what to upload. */
export const DOCUMENT_CRITERIA: { criterion: Criterion; hint: string }[] = [
  { criterion: 'job_seeker', hint: 'attestation d’inscription à France Travail' },
  { criterion: 'qpv_or_zrr', hint: 'justificatif de domicile' },
  { criterion: 'rqth', hint: 'notification de la MDPH' },
  { criterion: 'scholarship', hint: 'notification d’aide du Crous ou avis d’imposition' },
  { criterion: 'under_26', hint: 'pièce d’identité' },
];

export const ACTIVE_STATUSES: WishStatus[] = ['submitted', 'under_review', 'ranked', 'offered'];

export const MAX_ACTIVE_WISHES = 10;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const MOTIVATION_MAX = 2000;

export const WISH_BADGE: Record<WishStatus, 'info' | 'success' | 'error' | 'warning' | 'new'> = {
  submitted: 'info',
  under_review: 'info',
  ranked: 'info',
  offered: 'new',
  accepted: 'success',
  declined: 'warning',
  expired: 'warning',
  not_ranked: 'error',
  withdrawn: 'warning',
};

/** "1,2 Mo", "850 ko" */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
  return `${Math.max(1, Math.round(n / 1024)).toLocaleString('fr-FR')} ko`;
}

/** "29 novembre 2026" from an ISO instant, in Paris time. */
export function formatInstant(iso: string): string {
  return new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(new Date(iso));
}

/** "29 novembre 2026 à 10 h 05" */
export function formatInstantTime(iso: string): string {
  const d = new Date(iso);
  const date = formatInstant(iso);
  const time = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' }).format(d).replace(':', ' h ');
  return `${date} à ${time}`;
}
