/**
 * Enrolments (DOMAIN.md): at the session's start an accepted offer becomes an enrolment (`enrolled`);
 * the provider confirms who actually started (`in_training`), then the exit. Every change writes an
 * enrolment_events row and an audit row in its transaction.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { enrolmentEvents, enrolments, sessions, trainings, users, wishes } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { parisDate } from '../../../shared/clock.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, type AdmissionsContext } from '../../admissions/context.ts';
import { admissionMails } from '../../admissions/mails.ts';
import { organisationOf, ownSession } from '../../admissions/use-cases/access.ts';
import { advanceSessionCalendar, type SessionMove } from './session-calendar.ts';
import { ENROLMENT_STATUS_LABELS, ENROLMENT_TRANSITIONS, motiveRequired, type EnrolmentStatus } from '../domain/enrolments.ts';

async function writeEvent(tx: Tx, enrolmentId: string, from: EnrolmentStatus | null, to: EnrolmentStatus, who: AuditActor, at: Date, motive: string | null) {
  await tx.insert(enrolmentEvents).values({ enrolmentId, fromStatus: from, toStatus: to, actorUserId: who.userId, actorRole: who.role, actorOrganisationId: who.organisationId, at, motive });
}

/**
 * At the sessions' start (start date ≤ today, Paris), in one transaction: the sessions move along their
 * calendar (`recruiting → running`, and `planned → recruiting`, `running → finished` when due; see
 * session-calendar.ts) and the accepted offers of the started sessions become enrolments. `sessionId`
 * limits it to one session. Idempotent (one enrolment per wish; a session only moves forward). The
 * public catalogue is refreshed after the commit when a session changed status.
 */
export async function openEnrolments(ctx: AdmissionsContext, who: AuditActor, sessionId?: string): Promise<{ enrolments: number; moves: SessionMove[] }> {
  const now = ctx.clock();
  const today = parisDate(now);
  const result = await ctx.database.db.transaction(async (tx) => {
    const moves = await advanceSessionCalendar(tx, who, today, sessionId);
    const rows = await tx
      .select({ wishId: wishes.id, sessionId: wishes.sessionId, learner: wishes.candidateUserId, email: users.email, givenName: users.givenName, title: trainings.title })
      .from(wishes)
      .innerJoin(sessions, eq(sessions.id, wishes.sessionId))
      .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
      .innerJoin(users, eq(users.id, wishes.candidateUserId))
      .where(
        and(
          eq(wishes.status, 'accepted'),
          lte(sessions.startsOn, today),
          sessionId ? eq(wishes.sessionId, sessionId) : undefined,
          sql`not exists (select 1 from enrolments e where e.wish_id = ${wishes.id})`,
        ),
      )
      .for('update', { of: wishes });
    let created = 0;
    for (const r of rows) {
      const [e] = await tx
        .insert(enrolments)
        .values({ wishId: r.wishId, sessionId: r.sessionId, learnerUserId: r.learner, status: 'enrolled', enrolledAt: now, updatedAt: now })
        .onConflictDoNothing()
        .returning({ id: enrolments.id });
      if (!e) continue;
      created++;
      await writeEvent(tx, e.id, null, 'enrolled', who, now, 'Proposition acceptée, début de la session');
      await recordAudit(tx, who, { action: 'enrolment.created', objectType: 'enrolment', objectId: e.id, to: 'enrolled' });
      await enqueueMail(tx, admissionMails.enrolled(r.email, r.givenName, r.title, appLink(ctx, '/apprenant/inscriptions')));
    }
    return { enrolments: created, moves };
  });
  if (result.moves.length > 0) await ctx.catalogue?.refresh();
  return result;
}

export async function openSessionEnrolments(ctx: AdmissionsContext, actor: Actor, sessionId: string) {
  const session = await ownSession(ctx.database.db, actor, sessionId);
  if (session.startsOn > parisDate(ctx.clock())) {
    throw new ConflictError('La session n’a pas encore commencé : les inscriptions s’ouvrent le jour de son début.', 'session_pas_commencee');
  }
  await openEnrolments(ctx, auditActor(actor), sessionId);
  return sessionEnrolments(ctx, actor, sessionId);
}

/** The provider's list of a session's enrolments, with their history. */
export async function sessionEnrolments(ctx: AdmissionsContext, actor: Actor, sessionId: string) {
  const db = ctx.database.db;
  const session = await ownSession(db, actor, sessionId);
  const rows = await db
    .select({ id: enrolments.id, status: enrolments.status, startedOn: enrolments.startedOn, endedOn: enrolments.endedOn, enrolledAt: enrolments.enrolledAt, givenName: users.givenName, familyName: users.familyName })
    .from(enrolments)
    .innerJoin(users, eq(users.id, enrolments.learnerUserId))
    .where(eq(enrolments.sessionId, sessionId))
    .orderBy(asc(users.familyName), asc(users.givenName));
  const events = rows.length
    ? await db.select().from(enrolmentEvents).where(inArray(enrolmentEvents.enrolmentId, rows.map((r) => r.id))).orderBy(asc(enrolmentEvents.id))
    : [];
  const accepted = await db.select({ n: sql<number>`count(*)::int` }).from(wishes).where(and(eq(wishes.sessionId, sessionId), eq(wishes.status, 'accepted')));
  return {
    session: { id: session.id, trainingTitle: session.trainingTitle, startsOn: session.startsOn, endsOn: session.endsOn, seats: session.seats, started: session.startsOn <= parisDate(ctx.clock()) },
    acceptedOffers: accepted[0]!.n,
    enrolments: rows.map((r) => ({
      id: r.id,
      learnerName: `${r.givenName} ${r.familyName}`,
      status: r.status,
      statusLabel: ENROLMENT_STATUS_LABELS[r.status],
      startedOn: r.startedOn,
      endedOn: r.endedOn,
      enrolledAt: r.enrolledAt.toISOString(),
      next: [...ENROLMENT_TRANSITIONS[r.status]],
      history: events.filter((e) => e.enrolmentId === r.id).map((e) => ({ from: e.fromStatus, to: e.toStatus, at: e.at.toISOString(), motive: e.motive })),
    })),
  };
}

export interface EnrolmentChange {
  to: EnrolmentStatus;
  motive?: string | null | undefined;
  /** the day it happened (YYYY-MM-DD), default today */
  on?: string | undefined;
}

/** The provider confirms a start (in_training), a completion or a drop-out (with its motive). */
export async function changeEnrolment(ctx: AdmissionsContext, actor: Actor, enrolmentId: string, change: EnrolmentChange) {
  const organisationId = organisationOf(actor);
  const now = ctx.clock();
  const on = change.on ?? parisDate(now);
  const motive = change.motive?.trim() || null;
  if (motiveRequired(change.to) && !motive) throw new InputError({ motive: 'Indiquez le motif de la sortie (par exemple : ne s’est pas présenté·e, a trouvé un emploi).' });
  if (on > parisDate(now)) throw new InputError({ on: 'La date ne peut pas être dans le futur.' });
  const sessionId = await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: enrolments.id, status: enrolments.status, startedOn: enrolments.startedOn, sessionId: enrolments.sessionId, startsOn: sessions.startsOn })
      .from(enrolments)
      .innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
      .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
      .where(and(eq(enrolments.id, enrolmentId), eq(trainings.providerId, organisationId)))
      .for('update', { of: enrolments });
    if (!row) throw new NotFoundError('Inscription');
    assertTransition(ENROLMENT_TRANSITIONS, row.status, change.to, ENROLMENT_STATUS_LABELS);
    if (change.to === 'in_training' && on < row.startsOn) throw new InputError({ on: 'L’entrée en formation ne précède pas le début de la session.' });
    const set: Partial<typeof enrolments.$inferInsert> = { status: change.to, updatedAt: now };
    if (change.to === 'in_training') set.startedOn = on;
    if (change.to === 'completed' || change.to === 'dropped_out') {
      if (row.startedOn && on < row.startedOn) throw new InputError({ on: 'La sortie ne précède pas l’entrée en formation.' });
      set.endedOn = on;
    }
    await tx.update(enrolments).set(set).where(eq(enrolments.id, row.id));
    const who = auditActor(actor);
    await writeEvent(tx, row.id, row.status, change.to, who, now, motive);
    await recordAudit(tx, who, { action: `enrolment.${change.to}`, objectType: 'enrolment', objectId: row.id, from: row.status, to: change.to, fields: motive ? ['motive'] : [] });
    return row.sessionId;
  });
  return sessionEnrolments(ctx, actor, sessionId);
}

