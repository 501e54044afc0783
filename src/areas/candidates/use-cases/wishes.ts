import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../../db/client.ts';
import { candidateProfiles, followAgreements, organisations, sessions, trainings, wishEvents, wishes } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { frenchDate } from '../../scholarships/domain/format.ts';
import { appLink, type CandidatesContext } from '../context.ts';
import { applyRefusal, isActive, renumber, reorder, WISH_STATUS_LABELS, WISH_TRANSITIONS } from '../domain/wishes.ts';
import { ACTIVE_WISH_STATUSES, type WishStatus } from '../domain/vocabulary.ts';
import { candidateMails } from '../mails.ts';
import { assertFollowed, isUniqueViolation, lockCandidate, organisationOf } from './access.ts';

type DbLike = Db | Tx;

export interface ApplyInput {
  sessionId: string;
  motivation: string;
  /** a prescriber organisation the candidate agrees to be followed by */
  referredBy?: string | null | undefined;
}

const latestLabelActive = sql<boolean>`coalesce((select l.status = 'active' from labels l where l.training_id = ${trainings.id} order by l.granted_on desc limit 1), false)`;

async function writeEvent(tx: Tx, wishId: string, from: WishStatus | null, to: WishStatus, who: AuditActor, at: Date, motive: string | null): Promise<void> {
  await tx.insert(wishEvents).values({ wishId, fromStatus: from, toStatus: to, actorUserId: who.userId, actorRole: who.role, actorOrganisationId: who.organisationId, at, motive });
}

/**
 * Applies to a session for a candidate: by the candidate, or by a prescriber of an organisation they
 * agree to be followed by (then the organisation is the referral). Refused with a clear sentence when
 * the session does not recruit, the candidate already has a wish for it, or already has 10 active ones.
 */
async function apply(ctx: CandidatesContext, actor: Actor, candidateUserId: string, input: ApplyInput, byOrganisation: string | null): Promise<string> {
  const now = ctx.clock();
  const motivation = input.motivation.trim();
  if (!motivation) throw new InputError({ motivation: 'Écrivez quelques mots sur votre motivation.' });
  const referredBy = byOrganisation ?? input.referredBy ?? null;
  const db = ctx.database.db;
  try {
    return await db.transaction(async (tx) => {
      const user = await lockCandidate(tx, candidateUserId);
      const [profile] = await tx.select({ userId: candidateProfiles.userId }).from(candidateProfiles).where(eq(candidateProfiles.userId, candidateUserId));
      if (!profile) {
        throw new ConflictError(
          byOrganisation ? 'Cette personne n’a pas encore rempli son profil : elle doit le faire avant toute candidature.' : 'Complétez d’abord votre profil : il accompagne chacune de vos candidatures.',
          'profil_incomplet',
        );
      }
      if (referredBy && !byOrganisation) {
        const [f] = await tx
          .select({ id: followAgreements.id })
          .from(followAgreements)
          .where(and(eq(followAgreements.candidateUserId, candidateUserId), eq(followAgreements.organisationId, referredBy), isNull(followAgreements.withdrawnAt)));
        if (!f) throw new InputError({ referredBy: 'Choisissez une structure qui vous accompagne (voir votre profil).' });
      }
      const [session] = await tx
        .select({ status: sessions.status, startsOn: sessions.startsOn, endsOn: sessions.endsOn, title: trainings.title, labelActive: latestLabelActive })
        .from(sessions)
        .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
        .where(eq(sessions.id, input.sessionId))
        // shared lock: a label withdrawal (which locks the training's sessions to cancel them) and this wish never cross
        .for('share', { of: sessions });
      const active = await tx
        .select({ id: wishes.id })
        .from(wishes)
        .where(and(eq(wishes.candidateUserId, candidateUserId), inArray(wishes.status, [...ACTIVE_WISH_STATUSES])));
      const [duplicate] = await tx
        .select({ status: wishes.status })
        .from(wishes)
        .where(and(eq(wishes.candidateUserId, candidateUserId), eq(wishes.sessionId, input.sessionId), ne(wishes.status, 'withdrawn')));
      const refusal = applyRefusal({
        session: session ? { status: session.status, labelActive: session.labelActive, startsOn: session.startsOn } : null,
        activeCount: active.length,
        duplicate: duplicate ?? null,
      });
      if (refusal?.code === 'session_introuvable') throw new NotFoundError('Session');
      if (refusal) {
        // the limit and the duplicate speak to the candidate; a prescriber reads them for the person
        const message = byOrganisation ? refusal.message.replace(/^Vous avez/, 'La personne a').replace('retirez-en un', 'elle doit en retirer un') : refusal.message;
        throw new ConflictError(message, refusal.code);
      }
      const [row] = await tx
        .insert(wishes)
        .values({
          candidateUserId,
          sessionId: input.sessionId,
          motivation,
          referredByOrganisationId: referredBy,
          createdByUserId: actor.userId,
          status: 'submitted',
          preference: active.length + 1,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: wishes.id });
      const id = row!.id;
      const who = auditActor(actor);
      await writeEvent(tx, id, null, 'submitted', who, now, byOrganisation ? 'Candidature déposée par la structure qui accompagne la personne' : null);
      await recordAudit(tx, who, { action: 'wish.created', objectType: 'wish', objectId: id, to: 'submitted', fields: ['sessionId', 'motivation', ...(referredBy ? ['referredBy'] : [])] });
      let onBehalfOf: string | null = null;
      if (byOrganisation) {
        const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, byOrganisation));
        onBehalfOf = org?.name ?? 'La structure qui vous accompagne';
      }
      await enqueueMail(
        tx,
        candidateMails.wishSubmitted(user.email, user.givenName, session!.title, `du ${frenchDate(session!.startsOn)} au ${frenchDate(session!.endsOn)}`, onBehalfOf, appLink(ctx, '/candidat/voeux')),
      );
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError('Un vœu existe déjà pour cette session.', 'voeu_en_double');
    throw e;
  }
}

export async function applyAsCandidate(ctx: CandidatesContext, actor: Actor, input: ApplyInput) {
  const id = await apply(ctx, actor, actor.userId, input, null);
  return { id, wishes: await wishesOf(ctx, actor.userId) };
}

export async function applyOnBehalf(ctx: CandidatesContext, actor: Actor, candidateUserId: string, input: ApplyInput) {
  const organisationId = organisationOf(actor);
  await assertFollowed(ctx.database.db, organisationId, candidateUserId);
  const id = await apply(ctx, actor, candidateUserId, input, organisationId);
  return { id, wishes: await wishesOf(ctx, candidateUserId) };
}

const referrers = alias(organisations, 'referrer');
const providers = alias(organisations, 'provider');

/** A candidate's wishes with their session, training and history: active ones by preference, then the others. */
export async function wishesOf(ctx: CandidatesContext, candidateUserId: string) {
  const db = ctx.database.db;
  const rows = await db
    .select({
      id: wishes.id,
      status: wishes.status,
      preference: wishes.preference,
      motivation: wishes.motivation,
      createdAt: wishes.createdAt,
      updatedAt: wishes.updatedAt,
      createdByCandidate: sql<boolean>`${wishes.createdByUserId} = ${wishes.candidateUserId}`,
      referredBy: referrers.name,
      sessionId: sessions.id,
      startsOn: sessions.startsOn,
      endsOn: sessions.endsOn,
      sessionStatus: sessions.status,
      trainingId: trainings.id,
      trainingTitle: trainings.title,
      communeCode: trainings.communeCode,
      providerName: providers.name,
      // the history in the same round trip, oldest first
      history: sql<{ from: WishStatus | null; to: WishStatus; at: string; role: string | null; motive: string | null }[]>`(
        select coalesce(json_agg(json_build_object('from', e.from_status, 'to', e.to_status, 'at', e.at, 'role', e.actor_role, 'motive', e.motive) order by e.id), '[]'::json)
        from ${wishEvents} e where e.wish_id = ${wishes.id})`,
    })
    .from(wishes)
    .innerJoin(sessions, eq(sessions.id, wishes.sessionId))
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .innerJoin(providers, eq(providers.id, trainings.providerId))
    .leftJoin(referrers, eq(referrers.id, wishes.referredByOrganisationId))
    .where(eq(wishes.candidateUserId, candidateUserId))
    .orderBy(sql`case when ${wishes.preference} > 0 then 0 else 1 end`, asc(wishes.preference), desc(wishes.updatedAt));
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: WISH_STATUS_LABELS[r.status],
    active: isActive(r.status),
    preference: r.preference,
    motivation: r.motivation,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    createdByCandidate: r.createdByCandidate,
    referredBy: r.referredBy,
    session: { id: r.sessionId, startsOn: r.startsOn, endsOn: r.endsOn, status: r.sessionStatus },
    training: { id: r.trainingId, title: r.trainingTitle, communeName: ctx.geo.communes.get(r.communeCode)?.name ?? r.communeCode, providerName: r.providerName },
    // the JSON timestamps carry microseconds: the same millisecond ISO strings as the Date columns give
    history: r.history.map((e) => ({ from: e.from, to: e.to, toLabel: WISH_STATUS_LABELS[e.to], at: new Date(e.at).toISOString(), by: actorLabel(e.role), motive: e.motive })),
  }));
}

function actorLabel(role: string | null): string {
  switch (role) {
    case 'candidate':
      return 'la personne candidate';
    case 'prescriber':
      return 'la structure d’accompagnement';
    case 'provider':
      return 'l’organisme de formation';
    case 'operator':
      return 'l’opérateur';
    default:
      return 'la plateforme';
  }
}

async function activeWishes(tx: DbLike, candidateUserId: string) {
  return tx
    .select({ id: wishes.id, preference: wishes.preference })
    .from(wishes)
    .where(and(eq(wishes.candidateUserId, candidateUserId), inArray(wishes.status, [...ACTIVE_WISH_STATUSES])));
}

/** The candidate orders their active wishes (1 = best). */
export async function reorderWishes(ctx: CandidatesContext, actor: Actor, wishIds: readonly string[]) {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    await lockCandidate(tx, actor.userId);
    const active = await activeWishes(tx, actor.userId);
    const r = reorder(
      active.map((w) => w.id),
      wishIds,
    );
    if (!r.ok) throw new InputError({ wishIds: r.message });
    const changed = active.filter((w) => r.preferences.get(w.id) !== w.preference);
    for (const w of changed) await tx.update(wishes).set({ preference: r.preferences.get(w.id)!, updatedAt: now }).where(eq(wishes.id, w.id));
    if (changed.length > 0) {
      await recordAudit(tx, auditActor(actor), { action: 'wish.reordered', objectType: 'candidate', objectId: actor.userId, fields: ['preference'] });
    }
  });
  return wishesOf(ctx, actor.userId);
}

/** The candidate withdraws a wish still waiting for a decision; the others keep their order. */
export async function withdrawWish(ctx: CandidatesContext, actor: Actor, wishId: string, motive: string | undefined) {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    await lockCandidate(tx, actor.userId);
    const [wish] = await tx
      .select({ id: wishes.id, status: wishes.status })
      .from(wishes)
      .where(and(eq(wishes.id, wishId), eq(wishes.candidateUserId, actor.userId)));
    if (!wish) throw new NotFoundError('Vœu');
    if (wish.status === 'offered') {
      throw new ConflictError('Vous avez reçu une proposition pour ce vœu : acceptez-la ou refusez-la.', 'proposition_en_attente');
    }
    if (wish.status === 'accepted') {
      throw new ConflictError('Vous avez accepté la proposition de cette session : contactez l’organisme de formation pour y renoncer.', 'proposition_acceptee');
    }
    assertTransition(WISH_TRANSITIONS, wish.status, 'withdrawn', WISH_STATUS_LABELS);
    await tx.update(wishes).set({ status: 'withdrawn', preference: 0, updatedAt: now }).where(eq(wishes.id, wish.id));
    const rest = await activeWishes(tx, actor.userId);
    for (const [id, preference] of renumber(rest)) {
      if (rest.find((w) => w.id === id)!.preference !== preference) await tx.update(wishes).set({ preference }).where(eq(wishes.id, id));
    }
    const who = auditActor(actor);
    const why = motive?.trim() || null;
    await writeEvent(tx, wish.id, wish.status, 'withdrawn', who, now, why);
    await recordAudit(tx, who, { action: 'wish.withdrawn', objectType: 'wish', objectId: wish.id, from: wish.status, to: 'withdrawn', fields: why ? ['motive'] : [] });
  });
  return wishesOf(ctx, actor.userId);
}

/** Active wish counts per candidate (prescriber lists). */
export async function activeWishCounts(db: DbLike, candidateUserIds: readonly string[]): Promise<Map<string, number>> {
  if (candidateUserIds.length === 0) return new Map();
  const rows = await db
    .select({ id: wishes.candidateUserId, n: sql<number>`count(*)::int` })
    .from(wishes)
    .where(and(inArray(wishes.candidateUserId, [...candidateUserIds]), inArray(wishes.status, [...ACTIVE_WISH_STATUSES])))
    .groupBy(wishes.candidateUserId);
  return new Map(rows.map((r) => [r.id, r.n]));
}
