/** The GEN label of one training: lifecycle, validity, renewal. Pure (dates are ISO YYYY-MM-DD, Europe/Paris). */
import { LABEL_STATUSES, OPEN_SESSION_STATUSES, type LabelStatus } from '../../../db/schema/catalogue.ts';
import { WISH_STATUSES } from '../../../db/schema/candidates.ts';
import { addMonths, addYears } from '../../../seed/calendar.ts';
import { defineTransitions } from '../../../shared/transitions.ts';

export { LABEL_STATUSES, OPEN_SESSION_STATUSES, type LabelStatus };

export const LABEL_YEARS = 3;
/** renewal opens this many months before the end of validity, and stays open as long after it */
export const RENEWAL_WINDOW_MONTHS = 6;

export const LABEL_STATUS_LABELS: Record<LabelStatus, string> = {
  active: 'Actif',
  suspended: 'Suspendu',
  withdrawn: 'Retiré',
  expired: 'Expiré',
};

/**
 * DOMAIN.md: active → suspended → active, active → withdrawn, active → expired. A renewal closes the
 * current label (active → expired) and creates a new one.
 */
export const LABEL_TRANSITIONS = defineTransitions<LabelStatus>({
  active: ['suspended', 'withdrawn', 'expired'],
  suspended: ['active'],
  withdrawn: [],
  expired: [],
});

/** A label granted on `grantedOn` is valid 3 years: it expires on `validUntil` (the same day, 3 years later). */
export function validityOf(grantedOn: string): { grantedOn: string; validUntil: string } {
  return { grantedOn, validUntil: addYears(grantedOn, LABEL_YEARS) };
}

/** True when the daily job must expire this label today. */
export function isDueToExpire(label: { status: LabelStatus; validUntil: string }, today: string): boolean {
  return label.status === 'active' && label.validUntil <= today;
}

export type RenewalCheck = { ok: true; grantedOn: string; validUntil: string } | { ok: false; message: string };

/**
 * DOMAIN.md: renewal from `active` in its last 6 months, or from `expired` within 6 months of its end.
 * An active label's successor continues from its end (nothing is lost by renewing early); an expired
 * one's starts today. A renewal brings no new seed grant.
 */
export function renewal(label: { status: LabelStatus; validUntil: string }, today: string): RenewalCheck {
  if (label.status === 'active') {
    const opens = addMonths(label.validUntil, -RENEWAL_WINDOW_MONTHS);
    if (today < opens) return { ok: false, message: `Le renouvellement s’ouvre six mois avant la fin de validité, le ${fr(opens)}.` };
    return { ok: true, grantedOn: today, validUntil: addYears(label.validUntil > today ? label.validUntil : today, LABEL_YEARS) };
  }
  if (label.status === 'expired') {
    const closes = addMonths(label.validUntil, RENEWAL_WINDOW_MONTHS);
    if (today > closes) return { ok: false, message: `Le label a expiré depuis plus de six mois (le ${fr(label.validUntil)}) : la formation doit répondre à un nouvel appel.` };
    return { ok: true, ...validityOf(today) };
  }
  return { ok: false, message: `Un label ${LABEL_STATUS_LABELS[label.status].toLowerCase()} ne peut pas être renouvelé.` };
}

export const RENEWAL_REQUEST_STATUS_LABELS = { pending: 'En attente', granted: 'Accordée', refused: 'Refusée' } as const;
export type RenewalRequestStatus = keyof typeof RENEWAL_REQUEST_STATUS_LABELS;

/** A provider's renewal request: the operator grants it (a new label) or refuses it with a motive. */
export const RENEWAL_REQUEST_TRANSITIONS = defineTransitions<RenewalRequestStatus>({
  pending: ['granted', 'refused'],
  granted: [],
  refused: [],
});

type WishStatus = (typeof WISH_STATUSES)[number];

/** The wishes a withdrawal cancels: every one still alive on an open session (offered and accepted included). */
export const CANCELLABLE_WISH_STATUSES = ['submitted', 'under_review', 'ranked', 'offered', 'accepted'] as const satisfies readonly WishStatus[];

/**
 * What a label withdrawal does to the wishes of the sessions it cancels: the platform withdraws each
 * live wish (a table of its own: the candidate's table has no `offered → withdrawn`, since a candidate
 * answers an offer rather than withdrawing it; here the offer itself is released with the wish).
 */
export const WITHDRAWAL_WISH_TRANSITIONS = defineTransitions<WishStatus>({
  submitted: ['withdrawn'],
  under_review: ['withdrawn'],
  ranked: ['withdrawn'],
  offered: ['withdrawn'],
  accepted: ['withdrawn'],
  declined: [],
  expired: [],
  not_ranked: [],
  withdrawn: [],
});

/** The offers of a cancelled session: pending or accepted, each released. */
export const RELEASED_OFFER_STATUSES = ['pending', 'accepted'] as const;

/**
 * Nothing is lost by a suspension: a pending offer's deadline moves by the time the label spent
 * suspended (from `suspendedAt` to `now`). Unknown start (null) or a clock gone backwards: unchanged.
 */
export function extendedDeadline(deadline: Date, suspendedAt: Date | null, now: Date): Date {
  if (!suspendedAt) return deadline;
  const frozen = now.getTime() - suspendedAt.getTime();
  return frozen > 0 ? new Date(deadline.getTime() + frozen) : deadline;
}

export function fr(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
