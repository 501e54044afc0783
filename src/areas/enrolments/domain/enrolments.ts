/** Enrolments: lifecycle (DOMAIN.md: enrolled → in_training → completed | dropped_out) and words. Pure. */
import { ENROLMENT_STATUSES } from '../../../db/schema/admissions.ts';
import { defineTransitions } from '../../../shared/transitions.ts';

export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

/** A learner who never starts is `dropped_out` straight from `enrolled` (a no-show, with its motive). */
export const ENROLMENT_TRANSITIONS = defineTransitions<EnrolmentStatus>({
  enrolled: ['in_training', 'dropped_out'],
  in_training: ['completed', 'dropped_out'],
  completed: [],
  dropped_out: [],
});

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  enrolled: 'Inscrit·e (entrée à confirmer)',
  in_training: 'En formation',
  completed: 'Formation terminée',
  dropped_out: 'Sortie sans terminer',
};

/** Statuses whose change needs a motive. */
export function motiveRequired(to: EnrolmentStatus): boolean {
  return to === 'dropped_out';
}
