/**
 * What a label's change does to its training's open sessions (DOMAIN.md, Lifecycles), inside the
 * transaction of the label's transition:
 * - suspended: the open sessions (planned, recruiting) are frozen. Nothing is written on them: the
 *   freeze IS the label's state, read by the candidates' wish creation, the offer round (which leaves
 *   such sessions out: no offer, no expiry) and the acceptance of an offer. The candidates concerned
 *   are told; the sessions are locked so that no answer or wish crosses the change.
 * - reinstated (suspended → active): everything moves again; the pending offers' deadlines move by the
 *   time spent suspended, so that nothing is lost, and their holders are told the new date.
 * - withdrawn: the open sessions are cancelled; their live wishes are withdrawn by the platform with
 *   the reason, their pending and accepted offers released (places freed), each with its history and
 *   audit rows, and every candidate concerned is told why.
 * Sessions are always locked in id order, the order of the admissions area.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { admissionOffers, enrolments, sessions, users, wishEvents, wishes } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../accounts/audit/record.ts';
import { frenchDeadline, timeZoneOfCommune } from '../../admissions/rules/deadlines.ts';
import { renumberPreferences } from '../../admissions/use-cases/wish-changes.ts';
import { WISH_STATUS_LABELS } from '../../candidates/domain/wishes.ts';
import { appLink, type ProgrammeContext } from '../../calls/context.ts';
import { CANCELLABLE_WISH_STATUSES, extendedDeadline, OPEN_SESSION_STATUSES, RELEASED_OFFER_STATUSES, WITHDRAWAL_WISH_TRANSITIONS } from '../domain/label.ts';
import { labelMails } from '../mails.ts';

export interface TrainingEffects {
  sessions: number;
  wishes: number;
  offers: number;
  candidates: number;
}

/** Locks the training's open sessions (id order) and returns them. */
async function lockOpenSessions(tx: Tx, trainingId: string) {
  return tx
    .select({ id: sessions.id, status: sessions.status })
    .from(sessions)
    .where(and(eq(sessions.trainingId, trainingId), inArray(sessions.status, [...OPEN_SESSION_STATUSES])))
    .orderBy(asc(sessions.id))
    .for('update');
}

/** The live wishes on these sessions, with their candidate. */
async function liveWishes(tx: Tx, sessionIds: string[], lock: boolean) {
  if (sessionIds.length === 0) return [];
  const q = tx
    .select({ id: wishes.id, sessionId: wishes.sessionId, status: wishes.status, candidateUserId: wishes.candidateUserId, email: users.email, givenName: users.givenName })
    .from(wishes)
    .innerJoin(users, eq(users.id, wishes.candidateUserId))
    .where(and(inArray(wishes.sessionId, sessionIds), inArray(wishes.status, [...CANCELLABLE_WISH_STATUSES])))
    .orderBy(asc(wishes.id));
  return lock ? q.for('update', { of: wishes }) : q;
}

function byCandidate<T extends { candidateUserId: string }>(rows: T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    if (!m.has(r.candidateUserId)) m.set(r.candidateUserId, []);
    m.get(r.candidateUserId)!.push(r);
  }
  return m;
}

/** Suspension: freezes the open sessions (they are locked, nothing on them changes) and tells their candidates. */
export async function freezeTraining(ctx: ProgrammeContext, tx: Tx, who: AuditActor, labelId: string, training: { id: string; title: string }, reason: string): Promise<TrainingEffects> {
  const open = await lockOpenSessions(tx, training.id);
  const live = await liveWishes(tx, open.map((s) => s.id), false);
  const offered = live.filter((w) => w.status === 'offered');
  const url = appLink(ctx, '/candidat/voeux');
  const people = byCandidate(live);
  for (const mine of people.values()) {
    const c = mine[0]!;
    await enqueueMail(tx, labelMails.candidateFrozen(c.email, c.givenName, training.title, reason, mine.some((w) => w.status === 'offered'), url));
  }
  const effects = { sessions: open.length, wishes: live.length, offers: offered.length, candidates: people.size };
  await recordAudit(tx, who, { action: 'label.sessions_frozen', objectType: 'label', objectId: labelId, to: 'suspended', fields: countFields(effects) });
  return effects;
}

/**
 * Reinstatement: the pending offers of the training's sessions get their deadline moved by the time
 * spent suspended (the round left them alone meanwhile); their holders, and every candidate with a
 * live wish on the open sessions, are told.
 */
export async function unfreezeTraining(
  ctx: ProgrammeContext,
  tx: Tx,
  who: AuditActor,
  labelId: string,
  training: { id: string; title: string; communeCode: string },
  suspendedAt: Date | null,
  now: Date,
): Promise<TrainingEffects> {
  const open = await lockOpenSessions(tx, training.id);
  const pending = await tx
    .select({ id: admissionOffers.id, deadlineAt: admissionOffers.deadlineAt, candidateUserId: admissionOffers.candidateUserId })
    .from(admissionOffers)
    .innerJoin(sessions, eq(sessions.id, admissionOffers.sessionId))
    .where(and(eq(sessions.trainingId, training.id), eq(admissionOffers.status, 'pending')))
    .orderBy(asc(admissionOffers.id))
    .for('update', { of: admissionOffers });
  const tz = timeZoneOfCommune(training.communeCode);
  const newDeadlines = new Map<string, string[]>();
  for (const o of pending) {
    const next = extendedDeadline(o.deadlineAt, suspendedAt, now);
    if (next.getTime() !== o.deadlineAt.getTime()) {
      await tx.update(admissionOffers).set({ deadlineAt: next }).where(eq(admissionOffers.id, o.id));
      await recordAudit(tx, who, { action: 'offer.deadline_extended', objectType: 'admission_offer', objectId: o.id, from: 'pending', to: 'pending', motive: 'Suspension du label levée', fields: ['deadlineAt'] });
    }
    if (!newDeadlines.has(o.candidateUserId)) newDeadlines.set(o.candidateUserId, []);
    newDeadlines.get(o.candidateUserId)!.push(frenchDeadline(next, tz));
  }
  const live = await liveWishes(tx, open.map((s) => s.id), false);
  const people = byCandidate(live);
  for (const [candidate, mine] of people) {
    const c = mine[0]!;
    const deadlines = newDeadlines.get(candidate) ?? [];
    await enqueueMail(tx, labelMails.candidateUnfrozen(c.email, c.givenName, training.title, deadlines, appLink(ctx, '/candidat/voeux')));
  }
  const effects = { sessions: open.length, wishes: live.length, offers: pending.length, candidates: people.size };
  await recordAudit(tx, who, { action: 'label.sessions_unfrozen', objectType: 'label', objectId: labelId, to: 'active', fields: countFields(effects) });
  return effects;
}

/**
 * Withdrawal: cancels the open sessions — those without any enrolment (a session with learners
 * enrolled has in fact started and runs to its end) — withdraws their live wishes and releases their
 * offers, as the platform, with the reason; tells every candidate concerned.
 */
export async function cancelTraining(ctx: ProgrammeContext, tx: Tx, who: AuditActor, labelId: string, training: { id: string; title: string }, reason: string, now: Date): Promise<TrainingEffects> {
  const open = await lockOpenSessions(tx, training.id);
  const started = open.length
    ? new Set((await tx.selectDistinct({ id: enrolments.sessionId }).from(enrolments).where(inArray(enrolments.sessionId, open.map((s) => s.id)))).map((r) => r.id))
    : new Set<string>();
  const cancelled = open.filter((s) => !started.has(s.id));
  const ids = cancelled.map((s) => s.id);
  const motive = `Label de la formation retiré : ${reason}`;
  if (ids.length === 0) {
    await recordAudit(tx, who, { action: 'label.candidates_notified', objectType: 'label', objectId: labelId, fields: ['candidates:0'] });
    return { sessions: 0, wishes: 0, offers: 0, candidates: 0 };
  }
  const live = await liveWishes(tx, ids, true);
  // offers: pending and accepted ones released (the places go with the session)
  const offers = await tx
    .update(admissionOffers)
    .set({ status: 'released', answeredAt: now, answeredBy: 'system' })
    .where(and(inArray(admissionOffers.sessionId, ids), inArray(admissionOffers.status, [...RELEASED_OFFER_STATUSES])))
    .returning({ id: admissionOffers.id, wishId: admissionOffers.wishId });
  const offerFrom = new Map(live.map((w) => [w.id, w.status === 'accepted' ? 'accepted' : 'pending']));
  for (const o of offers) {
    await recordAudit(tx, SYSTEM_ACTOR, { action: 'offer.released', objectType: 'admission_offer', objectId: o.id, from: offerFrom.get(o.wishId) ?? 'pending', to: 'released', motive });
  }
  // wishes: withdrawn by the platform, with the reason in their history
  for (const w of live) assertTransition(WITHDRAWAL_WISH_TRANSITIONS, w.status, 'withdrawn', WISH_STATUS_LABELS);
  if (live.length) {
    await tx.update(wishes).set({ status: 'withdrawn', preference: 0, updatedAt: now }).where(inArray(wishes.id, live.map((w) => w.id)));
    await tx.insert(wishEvents).values(
      live.map((w) => ({ wishId: w.id, fromStatus: w.status, toStatus: 'withdrawn' as const, actorUserId: SYSTEM_ACTOR.userId, actorRole: SYSTEM_ACTOR.role, actorOrganisationId: SYSTEM_ACTOR.organisationId, at: now, motive })),
    );
    for (const w of live) await recordAudit(tx, SYSTEM_ACTOR, { action: 'wish.withdrawn', objectType: 'wish', objectId: w.id, from: w.status, to: 'withdrawn', motive, fields: ['motive'] });
    await renumberPreferences(tx, [...new Set(live.map((w) => w.candidateUserId))], ctx.database.kind);
  }
  // sessions: cancelled, no place taken any more
  await tx.update(sessions).set({ status: 'cancelled', seatsTaken: 0 }).where(inArray(sessions.id, ids));
  for (const s of cancelled) await recordAudit(tx, who, { action: 'session.cancelled', objectType: 'session', objectId: s.id, from: s.status, to: 'cancelled', motive: reason });
  // every candidate concerned is told why
  const people = byCandidate(live);
  const url = appLink(ctx, '/formations');
  for (const mine of people.values()) await enqueueMail(tx, labelMails.candidateNotice(mine[0]!.email, mine[0]!.givenName, training.title, reason, url));
  const effects = { sessions: ids.length, wishes: live.length, offers: offers.length, candidates: people.size };
  await recordAudit(tx, who, { action: 'label.candidates_notified', objectType: 'label', objectId: labelId, fields: countFields(effects) });
  return effects;
}

function countFields(e: TrainingEffects): string[] {
  return [`sessions:${e.sessions}`, `wishes:${e.wishes}`, `offers:${e.offers}`, `candidates:${e.candidates}`];
}
