// French labels and small formatters of the calls pages.
import { formatDate } from '../format/dates.ts';
import type { CallStatus, LabelStatus, Modality, ProposalStatus, TrancheStatus } from './api.ts';

export const CALL_STATUS: Record<CallStatus, string> = { draft: 'Brouillon', open: 'Ouvert', closed: 'Clos', reviewing: 'En instruction', decided: 'Décidé' };
export const PROPOSAL_STATUS: Record<ProposalStatus, string> = { draft: 'Brouillon', submitted: 'Déposé', in_review: 'En instruction', decided: 'Décidé', withdrawn: 'Retiré' };
export const LABEL_STATUS: Record<LabelStatus, string> = { active: 'Actif', suspended: 'Suspendu', withdrawn: 'Retiré', expired: 'Expiré' };
export const TRANCHE_STATUS: Record<TrancheStatus, string> = { planned: 'Justificatifs à déposer', evidence_submitted: 'Justificatifs à examiner', approved: 'Justificatifs approuvés', paid: 'Versé' };
export const MODALITY: Record<Modality, string> = { presentiel: 'Présentiel', distanciel: 'À distance', hybride: 'Hybride' };
export const PUBLICS: Record<string, string> = {
  women: 'Femmes',
  neet: 'Jeunes sans emploi ni formation (NEET)',
  low_qualified: 'Personnes peu ou pas diplômées',
  job_seekers: 'Demandeur·ses d’emploi',
  qpv: 'Habitant·es des quartiers prioritaires',
  rqth: 'Personnes en situation de handicap',
  under_26: 'Moins de 26 ans',
};

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', minimumFractionDigits: 0, maximumFractionDigits: 2 });
/** "70 000 €" from cents */
export function euros(cents: number): string {
  return EUROS.format(cents / 100);
}
/** "3,75 / 5" */
export function score(x: number | null): string {
  return x === null ? '—' : `${x.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} / 5`;
}
export function dateTime(iso: string | null): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
}
export function day(iso: string | null): string {
  return iso ? formatDate(iso) : '—';
}
export function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} Ko` : `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}
