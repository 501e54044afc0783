/** Wishes: their lifecycle, the limits of applying, and the candidate's order of preference. Pure. */
import { defineTransitions } from '../../../shared/transitions.ts';
import { ACTIVE_WISH_STATUSES, WISH_STATUS_LABELS, type WishStatus } from './vocabulary.ts';

export const MAX_ACTIVE_WISHES = 10;
export const MOTIVATION_MAX = 2000;

/**
 * DOMAIN.md: submitted → under_review → ranked → offered → accepted | declined | expired, or
 * not_ranked, withdrawn. A candidate withdraws any wish still waiting, or gives up an accepted offer.
 */
export const WISH_TRANSITIONS = defineTransitions<WishStatus>({
  submitted: ['under_review', 'not_ranked', 'withdrawn'],
  under_review: ['ranked', 'not_ranked', 'withdrawn'],
  ranked: ['offered', 'not_ranked', 'withdrawn'],
  offered: ['accepted', 'declined', 'expired'],
  accepted: ['withdrawn'],
  declined: [],
  expired: [],
  not_ranked: [],
  withdrawn: [],
});

export { WISH_STATUS_LABELS };

export function isActive(status: WishStatus): boolean {
  return (ACTIVE_WISH_STATUSES as readonly string[]).includes(status);
}

export interface ApplyFacts {
  session: { status: 'planned' | 'recruiting' | 'running' | 'finished' | 'cancelled'; labelActive: boolean; startsOn: string } | null;
  /** the candidate's active wishes now */
  activeCount: number;
  /** a wish not withdrawn already exists for this session */
  duplicate: { status: WishStatus } | null;
}

export interface Refusal {
  code: string;
  message: string;
}

/** Why an application is refused (a clear French sentence), or null when it may go. */
export function applyRefusal(f: ApplyFacts): Refusal | null {
  if (!f.session) return { code: 'session_introuvable', message: 'Cette session n’existe pas.' };
  if (!f.session.labelActive) {
    return { code: 'formation_gelee', message: 'Le label de cette formation n’est pas actif : ses candidatures sont gelées.' };
  }
  if (f.session.status !== 'recruiting') {
    const why = { planned: 'son recrutement n’est pas encore ouvert', running: 'elle a déjà commencé', finished: 'elle est terminée', cancelled: 'elle est annulée' }[f.session.status];
    return { code: 'session_non_ouverte', message: `Cette session ne recrute pas : ${why}.` };
  }
  if (f.duplicate) {
    return { code: 'voeu_en_double', message: `Vous avez déjà un vœu pour cette session (état : ${WISH_STATUS_LABELS[f.duplicate.status].toLowerCase()}).` };
  }
  if (f.activeCount >= MAX_ACTIVE_WISHES) {
    return { code: 'trop_de_voeux', message: `Vous avez déjà ${MAX_ACTIVE_WISHES} vœux en cours, le maximum : retirez-en un pour en ajouter un autre.` };
  }
  return null;
}

/**
 * A new order of the active wishes: `wanted` must list each of them exactly once, best first. Returns
 * the preference of each (1 = best) or the French reason it is refused.
 */
export function reorder(activeIds: readonly string[], wanted: readonly string[]): { ok: true; preferences: Map<string, number> } | { ok: false; message: string } {
  const active = new Set(activeIds);
  const seen = new Set<string>();
  for (const id of wanted) {
    if (!active.has(id)) return { ok: false, message: 'Cet ordre contient un vœu qui n’est pas en cours.' };
    if (seen.has(id)) return { ok: false, message: 'Chaque vœu ne figure qu’une fois dans l’ordre.' };
    seen.add(id);
  }
  if (seen.size !== active.size) return { ok: false, message: 'L’ordre doit reprendre tous vos vœux en cours.' };
  return { ok: true, preferences: new Map(wanted.map((id, i) => [id, i + 1])) };
}

/** Preferences 1..n again, in the current order, once a wish leaves the active ones. */
export function renumber(active: readonly { id: string; preference: number }[]): Map<string, number> {
  return new Map([...active].sort((a, b) => a.preference - b.preference || a.id.localeCompare(b.id)).map((w, i) => [w.id, i + 1]));
}
