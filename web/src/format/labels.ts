import type { LabelStatus, Modality, SessionStatus } from '../api/types.ts';
import { formatInteger } from './numbers.ts';

export const MODALITY_LABELS: Record<Modality, string> = {
  presentiel: 'En présentiel',
  distanciel: 'À distance',
  hybride: 'Hybride (présentiel et à distance)',
};

export const MODALITY_SHORT_LABELS: Record<Modality, string> = {
  presentiel: 'Présentiel',
  distanciel: 'À distance',
  hybride: 'Hybride',
};

export const SESSION_STATUS_LABELS: Record<SessionStatus, string> = {
  planned: 'Programmée',
  recruiting: 'Recrutement ouvert',
  running: 'En cours',
  finished: 'Terminée',
  cancelled: 'Annulée',
};

export const LABEL_STATUS_LABELS: Record<LabelStatus, string> = {
  active: 'Label actif',
  suspended: 'Label suspendu',
  withdrawn: 'Label retiré',
  expired: 'Label expiré',
};

/** "8 mois (1 071 heures)" */
export function formatDuration(months: number, hours: number): string {
  return `${months}\u00a0mois (${formatInteger(hours)}\u00a0heure${hours > 1 ? 's' : ''})`;
}

/** Fallback when the referentials have not loaded: "Niveau 5" */
export function levelLabel(level: number, levels?: { level: number; label: string }[]): string {
  return levels?.find((l) => l.level === level)?.label ?? `Niveau ${level}`;
}
