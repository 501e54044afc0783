/** The GEN label of one training: lifecycle, validity, renewal. Pure (dates are ISO YYYY-MM-DD, Europe/Paris). */
import { LABEL_STATUSES, type LabelStatus } from '../../../db/schema/catalogue.ts';
import { addMonths, addYears } from '../../../seed/calendar.ts';
import { defineTransitions } from '../../../shared/transitions.ts';

export { LABEL_STATUSES, type LabelStatus };

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

export function fr(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
