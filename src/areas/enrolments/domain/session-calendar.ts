/**
 * The session lifecycle driven by the calendar (DOMAIN.md: `planned → recruiting → running →
 * finished`). Pure.
 *
 * - `planned → recruiting` when the session is within the recruiting window before its start
 *   (RECRUITING_WINDOW_DAYS, the rule the demo network is generated with);
 * - `recruiting → running` on its start date (the day accepted offers become enrolments);
 * - `running → finished` the day after its end date (the end date is the last day of training).
 *
 * A session only moves forward, one step of the table at a time: a job that missed days walks the
 * steps in order (each one audited). Statuses outside the calendar (e.g. a cancelled session) never
 * move here.
 */
import { RECRUITING_WINDOW_DAYS, sessionStatusOn } from '../../../seed/calendar.ts';
import { defineTransitions } from '../../../shared/transitions.ts';

export type CalendarStatus = 'planned' | 'recruiting' | 'running' | 'finished';

export const CALENDAR_STATUSES: readonly CalendarStatus[] = ['planned', 'recruiting', 'running', 'finished'];

export const SESSION_CALENDAR_TRANSITIONS = defineTransitions<CalendarStatus>({
  planned: ['recruiting'],
  recruiting: ['running'],
  running: ['finished'],
  finished: [],
});

export const SESSION_STATUS_LABELS: Record<CalendarStatus, string> = {
  planned: 'programmée',
  recruiting: 'recrutement ouvert',
  running: 'en cours',
  finished: 'terminée',
};

export { RECRUITING_WINDOW_DAYS };

/** The status the calendar gives a session on `today` (YYYY-MM-DD, Paris). */
export function calendarStatus(startsOn: string, endsOn: string, today: string): CalendarStatus {
  return sessionStatusOn(startsOn, endsOn, today) as CalendarStatus;
}

export interface CalendarStep {
  from: CalendarStatus;
  to: CalendarStatus;
}

/**
 * The steps that bring a session from `status` to where the calendar puts it on `today`, in order
 * (empty when it is already there, or when the calendar is behind it: never backwards).
 */
export function calendarSteps(status: CalendarStatus, startsOn: string, endsOn: string, today: string): CalendarStep[] {
  const target = calendarStatus(startsOn, endsOn, today);
  const steps: CalendarStep[] = [];
  let at = status;
  while (CALENDAR_STATUSES.indexOf(at) < CALENDAR_STATUSES.indexOf(target)) {
    const next = SESSION_CALENDAR_TRANSITIONS[at][0];
    if (!next) break;
    steps.push({ from: at, to: next });
    at = next;
  }
  return steps;
}
