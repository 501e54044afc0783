/**
 * Moves the sessions along their calendar (domain/session-calendar.ts): `planned → recruiting` in the
 * recruiting window, `recruiting → running` at the start, `running → finished` after the end. Runs
 * inside the caller's transaction (the daily `enrolments-open` job: the sessions that start become
 * `running` in the same transaction as their enrolments), one audit row per step.
 */
import { and, asc, eq, inArray, lt, lte, or } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { audit, sessions } from '../../../db/schema/index.ts';
import { addDays } from '../../../seed/calendar.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import type { AuditActor } from '../../accounts/audit/record.ts';
import { calendarSteps, RECRUITING_WINDOW_DAYS, SESSION_CALENDAR_TRANSITIONS, SESSION_STATUS_LABELS, type CalendarStatus } from '../domain/session-calendar.ts';

export interface SessionMove {
  sessionId: string;
  from: CalendarStatus;
  to: CalendarStatus;
}

const CHUNK = 1000;

const MOTIVES: Record<CalendarStatus, string> = {
  planned: '',
  recruiting: 'Ouverture du recrutement (calendrier de la session)',
  running: 'Début de la session',
  finished: 'Fin de la session',
};

/**
 * Locks (in id order, as every admissions transaction does) and moves the sessions whose status is
 * behind the calendar on `today`; `sessionId` limits it to one session. Returns the moves made
 * (first status → last status per session). Idempotent.
 */
export async function advanceSessionCalendar(tx: Tx, who: AuditActor, today: string, sessionId?: string): Promise<SessionMove[]> {
  const windowEnd = addDays(today, RECRUITING_WINDOW_DAYS);
  const rows = await tx
    .select({ id: sessions.id, status: sessions.status, startsOn: sessions.startsOn, endsOn: sessions.endsOn })
    .from(sessions)
    .where(
      and(
        sessionId ? eq(sessions.id, sessionId) : undefined,
        or(
          and(eq(sessions.status, 'planned'), lte(sessions.startsOn, windowEnd)),
          and(eq(sessions.status, 'recruiting'), lte(sessions.startsOn, today)),
          and(eq(sessions.status, 'running'), lt(sessions.endsOn, today)),
        ),
      ),
    )
    .orderBy(asc(sessions.id))
    .for('update');

  const moves: SessionMove[] = [];
  const auditRows: (typeof audit.$inferInsert)[] = [];
  const byTarget = new Map<CalendarStatus, string[]>();
  for (const r of rows) {
    const steps = calendarSteps(r.status as CalendarStatus, r.startsOn, r.endsOn, today);
    if (steps.length === 0) continue;
    for (const step of steps) {
      assertTransition(SESSION_CALENDAR_TRANSITIONS, step.from, step.to, SESSION_STATUS_LABELS);
      auditRows.push({
        actorUserId: who.userId,
        actorRole: who.role,
        actorOrganisationId: who.organisationId,
        action: `session.${step.to}`,
        objectType: 'session',
        objectId: r.id,
        fromState: step.from,
        toState: step.to,
        motive: MOTIVES[step.to],
        fields: ['status'],
      });
    }
    const to = steps[steps.length - 1]!.to;
    moves.push({ sessionId: r.id, from: steps[0]!.from, to });
    if (!byTarget.has(to)) byTarget.set(to, []);
    byTarget.get(to)!.push(r.id);
  }
  for (const [to, ids] of byTarget) {
    for (let i = 0; i < ids.length; i += CHUNK) await tx.update(sessions).set({ status: to }).where(inArray(sessions.id, ids.slice(i, i + CHUNK)));
  }
  for (let i = 0; i < auditRows.length; i += CHUNK) await tx.insert(audit).values(auditRows.slice(i, i + CHUNK));
  return moves;
}
