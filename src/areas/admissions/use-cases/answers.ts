/**
 * A candidate answers an offer (ADMISSIONS.md §2): accepting declines their other pending offers,
 * releases an earlier acceptance, and can withdraw their waiting wishes of lower preference; declining;
 * giving up an accepted offer. One transaction each, with the candidate's row then the sessions
 * touched locked in id order (the round takes sessions in the same order): see rounds.ts.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { admissionCandidateSettings, admissionOffers, admissionSettings, sessions, trainings, users, wishes } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, NotFoundError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { WishStatus } from '../../candidates/domain/vocabulary.ts';
import { frenchDate } from '../../scholarships/domain/format.ts';
import { appLink, type AdmissionsContext } from '../context.ts';
import { admissionMails } from '../mails.ts';
import { assertSessionNotFrozen } from '../../labels/use-cases/freeze.ts';
import { lockSessions, refreshSeatsTaken } from './access.ts';
import { applyWishChanges, type WishChange } from './wish-changes.ts';

const WAITING: readonly WishStatus[] = ['submitted', 'under_review', 'ranked'];

/** Locks the candidate's row, then the sessions of their live wishes; returns those wishes as they are now. */
async function lockCandidateWishes(tx: Tx, candidateUserId: string) {
  const [user] = await tx
    .select({ email: users.email, givenName: users.givenName })
    .from(users)
    .where(eq(users.id, candidateUserId))
    .for('update');
  if (!user) throw new NotFoundError('Candidat·e');
  const live = () =>
    tx
      .select({ id: wishes.id, sessionId: wishes.sessionId, status: wishes.status, preference: wishes.preference })
      .from(wishes)
      .where(and(eq(wishes.candidateUserId, candidateUserId), inArray(wishes.status, [...WAITING, 'offered', 'accepted'])));
  await lockSessions(tx, (await live()).map((w) => w.sessionId));
  return { user, wishes: await live() };
}

async function offerOf(tx: Tx, actor: Actor, offerId: string) {
  const [offer] = await tx
    .select({ id: admissionOffers.id, wishId: admissionOffers.wishId, sessionId: admissionOffers.sessionId, status: admissionOffers.status, deadlineAt: admissionOffers.deadlineAt })
    .from(admissionOffers)
    .where(and(eq(admissionOffers.id, offerId), eq(admissionOffers.candidateUserId, actor.userId)));
  if (!offer) throw new NotFoundError('Proposition');
  return offer;
}

function assertPending(offer: { status: string; deadlineAt: Date }, now: Date): void {
  if (offer.status !== 'pending') {
    const what = { accepted: 'déjà acceptée', declined: 'déjà refusée', expired: 'expirée', released: 'abandonnée' }[offer.status] ?? offer.status;
    throw new ConflictError(`Cette proposition est ${what} : elle n’attend plus de réponse.`, 'proposition_close');
  }
  if (offer.deadlineAt.getTime() < now.getTime()) {
    throw new ConflictError('La date limite de réponse est passée : cette proposition est considérée comme refusée.', 'proposition_expiree');
  }
}

async function setOffer(tx: Tx, wishIds: string[], from: string, to: string, at: Date): Promise<void> {
  if (wishIds.length === 0) return;
  await tx
    .update(admissionOffers)
    .set({ status: to as 'accepted', answeredAt: at, answeredBy: 'candidate' })
    .where(and(inArray(admissionOffers.wishId, wishIds), eq(admissionOffers.status, from as 'pending')));
}

/** Accepts an offer; `withdrawWorse`: also withdraws the waiting wishes of lower preference. */
export async function acceptOffer(ctx: AdmissionsContext, actor: Actor, offerId: string, withdrawWorse: boolean): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const { user, wishes: live } = await lockCandidateWishes(tx, actor.userId);
    const offer = await offerOf(tx, actor, offerId);
    // a suspended label freezes its sessions' offers (labels area); checked before the deadline, which the reinstatement extends
    if (offer.status === 'pending') await assertSessionNotFrozen(tx, offer.sessionId);
    assertPending(offer, now);
    const wish = live.find((w) => w.id === offer.wishId);
    if (!wish || wish.status !== 'offered') throw new ConflictError('Cette proposition n’attend plus de réponse.', 'proposition_close');
    // with no margin and no block call, accepted offers never exceed the seats (checked under the session lock)
    const [s] = await tx
      .select({ seats: sessions.seats, title: trainings.title, startsOn: sessions.startsOn, endsOn: sessions.endsOn, margin: admissionSettings.overbookingMargin, block: admissionSettings.blockCallRank })
      .from(sessions)
      .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
      .leftJoin(admissionSettings, eq(admissionSettings.sessionId, sessions.id))
      .where(eq(sessions.id, offer.sessionId));
    if (!s!.margin && !s!.block) {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(admissionOffers)
        .where(and(eq(admissionOffers.sessionId, offer.sessionId), eq(admissionOffers.status, 'accepted')))) as [{ n: number }];
      if (n + 1 > s!.seats) throw new ConflictError('Toutes les places de cette session sont déjà prises.', 'session_complete');
    }
    const changes: WishChange[] = [];
    const released = live.filter((w) => w.status === 'accepted');
    for (const w of released) changes.push({ wishId: w.id, candidateUserId: actor.userId, from: 'accepted', to: 'withdrawn', motive: 'Libérée au profit d’une proposition préférée' });
    const declined = live.filter((w) => w.status === 'offered' && w.id !== wish.id);
    for (const w of declined) changes.push({ wishId: w.id, candidateUserId: actor.userId, from: 'offered', to: 'declined', motive: 'Une autre proposition a été acceptée' });
    if (withdrawWorse) {
      for (const w of live.filter((x) => WAITING.includes(x.status) && x.preference > wish.preference)) {
        changes.push({ wishId: w.id, candidateUserId: actor.userId, from: w.status, to: 'withdrawn', motive: 'Vœu moins bien placé qu’une proposition acceptée' });
      }
    }
    changes.push({ wishId: wish.id, candidateUserId: actor.userId, from: 'offered', to: 'accepted' });
    const who = auditActor(actor);
    await applyWishChanges(tx, changes, who, now, { audit: true, kind: ctx.database.kind });
    await setOffer(tx, released.map((w) => w.id), 'accepted', 'released', now);
    await setOffer(tx, declined.map((w) => w.id), 'pending', 'declined', now);
    await setOffer(tx, [wish.id], 'pending', 'accepted', now);
    await refreshSeatsTaken(tx, [offer.sessionId, ...released.map((w) => w.sessionId)]);
    await recordAudit(tx, who, { action: 'offer.accepted', objectType: 'admission_offer', objectId: offer.id, from: 'pending', to: 'accepted', fields: withdrawWorse ? ['withdrawWorse'] : [] });
    await enqueueMail(tx, admissionMails.accepted(user.email, user.givenName, s!.title, `du ${frenchDate(s!.startsOn)} au ${frenchDate(s!.endsOn)}`, appLink(ctx, '/candidat/voeux')));
  });
}

export async function declineOffer(ctx: AdmissionsContext, actor: Actor, offerId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const { wishes: live } = await lockCandidateWishes(tx, actor.userId);
    const offer = await offerOf(tx, actor, offerId);
    assertPending(offer, now);
    const wish = live.find((w) => w.id === offer.wishId);
    if (!wish || wish.status !== 'offered') throw new ConflictError('Cette proposition n’attend plus de réponse.', 'proposition_close');
    const who = auditActor(actor);
    await applyWishChanges(tx, [{ wishId: wish.id, candidateUserId: actor.userId, from: 'offered', to: 'declined' }], who, now, { audit: true, kind: ctx.database.kind });
    await setOffer(tx, [wish.id], 'pending', 'declined', now);
    await recordAudit(tx, who, { action: 'offer.declined', objectType: 'admission_offer', objectId: offer.id, from: 'pending', to: 'declined' });
  });
}

/** Gives up an accepted offer: the place goes back to the session for the next round. */
export async function renounceOffer(ctx: AdmissionsContext, actor: Actor, offerId: string): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const { wishes: live } = await lockCandidateWishes(tx, actor.userId);
    const offer = await offerOf(tx, actor, offerId);
    const wish = live.find((w) => w.id === offer.wishId);
    if (offer.status !== 'accepted' || !wish || wish.status !== 'accepted') throw new ConflictError('Seule une proposition acceptée peut être abandonnée.', 'proposition_non_acceptee');
    const who = auditActor(actor);
    await applyWishChanges(tx, [{ wishId: wish.id, candidateUserId: actor.userId, from: 'accepted', to: 'withdrawn', motive: 'Place abandonnée par la personne' }], who, now, { audit: true, kind: ctx.database.kind });
    await setOffer(tx, [wish.id], 'accepted', 'released', now);
    await refreshSeatsTaken(tx, [offer.sessionId]);
    await recordAudit(tx, who, { action: 'offer.released', objectType: 'admission_offer', objectId: offer.id, from: 'accepted', to: 'released' });
  });
}

export async function setAutoResponder(ctx: AdmissionsContext, actor: Actor, enabled: boolean): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    await tx
      .insert(admissionCandidateSettings)
      .values({ userId: actor.userId, autoResponder: enabled, updatedAt: now })
      .onConflictDoUpdate({ target: admissionCandidateSettings.userId, set: { autoResponder: enabled, updatedAt: now } });
    await recordAudit(tx, auditActor(actor), { action: enabled ? 'auto_responder.enabled' : 'auto_responder.disabled', objectType: 'candidate', objectId: actor.userId, fields: ['autoResponder'] });
  });
}
