import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { sqlRows, type Db, type Tx } from '../../../db/client.ts';
import {
  admissionOffers,
  admissionRoundSessions,
  admissionRounds,
  callOrderEntries,
  callOrders,
  rankingEntries,
  users,
  wishes,
} from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, InputError } from '../../../shared/errors.ts';
import { OneAtATime } from '../../../shared/one-at-a-time.ts';
import { auditActor, auditInsert, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { ageOn } from '../../accounts/domain/age.ts';
import { UNDER_AGE } from '../../candidates/domain/criteria.ts';
import type { WishStatus } from '../../candidates/domain/vocabulary.ts';
import { WISH_STATUS_LABELS } from '../../candidates/domain/wishes.ts';
import { assertSessionNotFrozen } from '../../labels/use-cases/freeze.ts';
import { callOrder } from '../domain/call-order.ts';
import { appLink, type AdmissionsContext } from '../context.ts';
import { admissionMails } from '../mails.ts';
import { csvCell, rankingProblems, readRankingCsv, type RankingEntry } from '../rules/ranking.ts';
import { ownSession, type OwnSession } from './access.ts';
import { currentCallOrder, currentCallOrderIdSql, hadRound, hadRoundSql, rankingState, settingsOf } from './settings.ts';
import { recordset } from './recordset.ts';
import { applyWishChanges, type WishChange } from './wish-changes.ts';

type DbLike = Db | Tx;

/** Ranking writes of one session, one at a time in this process (see OneAtATime: the row lock stays the guarantee). */
const rankingWrites = new OneAtATime();

/** Wishes a provider still ranks: not yet decided (submitted, under review) or ranked before the first round. */
export const RANKABLE: readonly WishStatus[] = ['submitted', 'under_review', 'ranked'];

async function rankableWishes(db: DbLike, sessionId: string) {
  return db
    .select({ id: wishes.id, status: wishes.status, candidateUserId: wishes.candidateUserId, givenName: users.givenName, familyName: users.familyName })
    .from(wishes)
    .innerJoin(users, eq(users.id, wishes.candidateUserId))
    .where(and(eq(wishes.sessionId, sessionId), inArray(wishes.status, [...RANKABLE])));
}

const fullName = (w: { givenName: string; familyName: string }) => `${w.givenName} ${w.familyName}`;

/** The provider's page of one session: rules, every application with its rank, the call order, the rounds. */
export async function rankingView(ctx: AdmissionsContext, actor: Actor, sessionId: string) {
  const db = ctx.database.db;
  // five independent reads at once (one round trip of waiting instead of five); nothing is shown
  // unless the session is the provider's own
  const [session, settings, { hadRound: frozen, currentCallOrder: current, offers }, rows, history] = await Promise.all([
    ownSession(db, actor, sessionId),
    settingsOf(db, sessionId),
    rankingState(db, sessionId),
    viewRows(db, sessionId),
    roundHistory(db, sessionId),
  ]);
  return {
    session: { id: session.id, trainingId: session.trainingId, trainingTitle: session.trainingTitle, startsOn: session.startsOn, endsOn: session.endsOn, seats: session.seats, seatsTaken: session.seatsTaken, status: session.status },
    settings: { ...settings, offerTarget: session.seats + settings.overbookingMargin },
    state: frozen ? ('frozen' as const) : current ? ('published' as const) : ('draft' as const),
    callOrderComputedAt: current?.computedAt.toISOString() ?? null,
    offers,
    entries: rows.map((r) => ({
      wishId: r.wishId,
      candidateName: fullName(r),
      status: r.status,
      statusLabel: WISH_STATUS_LABELS[r.status],
      rankable: (RANKABLE as readonly string[]).includes(r.status) && !frozen,
      rank: r.rank,
      notRankedReason: r.notRankedReason,
      notes: r.notes,
      callRank: r.callRank ?? null,
      flags: r.flags ?? [],
      offerStatus: r.offerStatus ?? null,
    })),
    rounds: history.map((h) => ({ ...h, finishedAt: h.finishedAt.toISOString() })),
  };
}

/** The session's applications (but withdrawn ones) with their rank, their place in the current call order and their offer. */
function viewRows(db: Db, sessionId: string) {
  return db
    .select({
      wishId: wishes.id,
      status: wishes.status,
      createdAt: wishes.createdAt,
      givenName: users.givenName,
      familyName: users.familyName,
      rank: rankingEntries.rank,
      notRankedReason: rankingEntries.notRankedReason,
      notes: rankingEntries.notes,
      callRank: callOrderEntries.callRank,
      flags: callOrderEntries.flags,
      offerStatus: admissionOffers.status,
    })
    .from(wishes)
    .innerJoin(users, eq(users.id, wishes.candidateUserId))
    .leftJoin(rankingEntries, eq(rankingEntries.wishId, wishes.id))
    .leftJoin(callOrderEntries, and(eq(callOrderEntries.wishId, wishes.id), eq(callOrderEntries.callOrderId, currentCallOrderIdSql(sessionId))))
    .leftJoin(admissionOffers, eq(admissionOffers.wishId, wishes.id))
    .where(and(eq(wishes.sessionId, sessionId), ne(wishes.status, 'withdrawn')))
    .orderBy(sql`${rankingEntries.rank} asc nulls last`, asc(wishes.createdAt), asc(wishes.id));
}

/** The rounds the session took part in, latest first. */
function roundHistory(db: Db, sessionId: string) {
  return db
    .select({
      roundId: admissionRounds.id,
      kind: admissionRounds.kind,
      runOn: admissionRounds.runOn,
      finishedAt: admissionRounds.finishedAt,
      offerTarget: admissionRoundSessions.offerTarget,
      blockCallRank: admissionRoundSessions.blockCallRank,
      holders: admissionRoundSessions.holders,
      free: admissionRoundSessions.free,
      offers: admissionRoundSessions.offers,
      expired: admissionRoundSessions.expired,
      lastOfferedCallRank: admissionRoundSessions.lastOfferedCallRank,
    })
    .from(admissionRoundSessions)
    .innerJoin(admissionRounds, eq(admissionRounds.id, admissionRoundSessions.roundId))
    .where(eq(admissionRoundSessions.sessionId, sessionId))
    .orderBy(desc(admissionRounds.startedAt))
    .limit(100);
}

type Rankable = Awaited<ReturnType<typeof rankableWishes>>[number];
type StoredEntry = { wishId: string; rank: number | null; notRankedReason: string | null };

/**
 * Replaces the ranking of the session's wishes still to rank, in one transaction: four round trips
 * while the session is locked (lock, read-and-clear, write, commit), and every other ranking write
 * of the session waits for it.
 * The old entries are deleted and the audit row written before the new ranking is checked: a refused
 * ranking rolls them back, so nothing changes.
 */
async function replaceRanking(ctx: AdmissionsContext, actor: Actor, sessionId: string, read: (rankable: Rankable[]) => RankingEntry[]): Promise<void> {
  const now = ctx.clock();
  const who = auditActor(actor);
  const kind = ctx.database.kind;
  await rankingWrites.run(sessionId, () =>
    ctx.database.db.transaction(async (tx) => {
      await ownSession(tx, actor, sessionId, true);
      const [state] = await sqlRows<{ had_round: boolean; call_order_id: string | null; rankable: Rankable[]; before: StoredEntry[] }>(
        tx,
        sql`
        with before as (delete from ${rankingEntries} where session_id = ${sessionId} returning wish_id, rank, not_ranked_reason),
             audited as (${auditInsert(who, { action: 'ranking.saved', objectType: 'session', objectId: sessionId, fields: ['rank', 'notRankedReason', 'notes'] })})
        select ${hadRoundSql(sessionId)} as had_round,
               ${currentCallOrderIdSql(sessionId)} as call_order_id,
               coalesce((select json_agg(json_build_object('id', w.id, 'status', w.status, 'candidateUserId', w.candidate_user_id, 'givenName', u.given_name, 'familyName', u.family_name))
                           from ${wishes} w join ${users} u on u.id = w.candidate_user_id
                          where w.session_id = ${sessionId} and w.status in (${sql.join(RANKABLE.map((x) => sql`${x}`), sql`, `)})), '[]'::json) as rankable,
               coalesce((select json_agg(json_build_object('wishId', wish_id, 'rank', rank, 'notRankedReason', not_ranked_reason)) from before), '[]'::json) as before`,
      );
      if (state!.had_round) {
        throw new ConflictError('Les propositions ont commencé dans cette session : le classement et l’ordre d’appel sont fixés pour la saison.', 'classement_fige');
      }
      const rankable = state!.rankable;
      const entries = read(rankable);
      if (entries.length > 0) {
        const rows = entries.map((e) => ({ wish_id: e.wishId, rank: e.rank, reason: e.rank === null ? e.notRankedReason!.trim() : null, notes: e.notes?.trim() || null }));
        await tx.execute(sql`
          insert into ${rankingEntries} (wish_id, session_id, rank, not_ranked_reason, notes, updated_at, updated_by)
          select v.wish_id, ${sessionId}::uuid, v.rank, v.reason, v.notes, ${now.toISOString()}::timestamptz, ${actor.userId}::uuid
            from ${recordset(kind, rows, [['wish_id', 'uuid'], ['rank', 'int'], ['reason', 'text'], ['notes', 'text']])}`);
      }
      // the provider now examines these applications
      const byId = new Map(rankable.map((w) => [w.id, w]));
      const review: WishChange[] = entries.filter((e) => byId.get(e.wishId)!.status === 'submitted').map((e) => ({ wishId: e.wishId, candidateUserId: byId.get(e.wishId)!.candidateUserId, from: 'submitted', to: 'under_review' }));
      await applyWishChanges(tx, review, who, now, { audit: true, kind });
      // a changed ranking needs a new call order: the published one no longer holds
      const key = (e: StoredEntry) => `${e.wishId}:${e.rank ?? ''}:${e.rank === null ? 'x' : ''}`;
      const signature = (xs: readonly StoredEntry[]) => xs.map(key).sort().join('|');
      if (state!.call_order_id !== null && signature(state!.before) !== signature(entries)) {
        await tx.update(callOrders).set({ supersededAt: now }).where(eq(callOrders.id, state!.call_order_id));
        await recordAudit(tx, who, { action: 'call_order.superseded', objectType: 'call_order', objectId: state!.call_order_id, from: 'current', to: 'superseded', motive: 'classement modifié' });
      }
    }),
  );
}

export async function saveRanking(ctx: AdmissionsContext, actor: Actor, sessionId: string, entries: RankingEntry[]) {
  await replaceRanking(ctx, actor, sessionId, (rankable) => {
    const problems = rankingProblems(entries, new Set(rankable.map((w) => w.id)));
    if (Object.keys(problems).length > 0) throw new InputError(problems, Object.values(problems)[0]);
    return entries;
  });
  return rankingView(ctx, actor, sessionId);
}

/** Imports a CSV ranking: nothing is saved unless every line is right; each problem names its line. */
export async function importRanking(ctx: AdmissionsContext, actor: Actor, sessionId: string, csv: string) {
  await replaceRanking(ctx, actor, sessionId, (rankable) => {
    const r = readRankingCsv(csv, new Map(rankable.map((w) => [w.id, fullName(w)])));
    if (!r.ok) {
      const n = Object.keys(r.problems).length;
      throw new InputError(r.problems, `Le fichier n’a pas été importé : ${n === 1 ? 'une erreur' : `${n} erreurs`} à corriger.`);
    }
    return r.entries;
  });
  return rankingView(ctx, actor, sessionId);
}

/** The ranking as a CSV file to fill in (`;`, UTF-8 with BOM for spreadsheets). */
export async function rankingCsv(ctx: AdmissionsContext, actor: Actor, sessionId: string): Promise<string> {
  const view = await rankingView(ctx, actor, sessionId);
  const lines = ['voeu;nom;rang;motif_non_classe;notes'];
  for (const e of view.entries.filter((x) => x.rankable)) {
    lines.push([e.wishId, e.candidateName, e.rank, e.notRankedReason, e.notes].map(csvCell).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The flags of each candidate for the call order, at the snapshot: the criteria met in their current,
 * unexpired diagnosis; "under 26" judged at the session's start; "scholarship" also when they hold a
 * granted aid decision (DOMAIN.md).
 */
async function snapshotFlags(db: DbLike, wishIds: readonly string[], startsOn: string, now: Date): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (wishIds.length === 0) return out;
  const rows = await db
    .select({
      wishId: wishes.id,
      birthDate: sql<string | null>`${users.birthDate}::text`,
      met: sql<string | null>`(select string_agg(dc.criterion, ',') from eligibility_diagnoses d join diagnosis_criteria dc on dc.diagnosis_id = d.id
              where d.candidate_user_id = ${wishes.candidateUserId} and d.superseded_at is null and d.expires_at > ${now.toISOString()}::timestamptz and dc.met)`,
      aid: sql<boolean>`exists (select 1 from aid_decisions ad join aid_requests ar on ar.id = ad.request_id where ar.learner_user_id = ${wishes.candidateUserId} and ad.decision = 'granted')`,
    })
    .from(wishes)
    .innerJoin(users, eq(users.id, wishes.candidateUserId))
    .where(inArray(wishes.id, [...wishIds]));
  for (const r of rows) {
    const flags = new Set((r.met ?? '').split(',').filter(Boolean));
    flags.delete('under_26');
    if (r.birthDate && ageOn(r.birthDate, startsOn) < UNDER_AGE) flags.add('under_26');
    if (r.aid) flags.add('scholarship');
    out.set(r.wishId, flags);
  }
  return out;
}

/**
 * Publishes the ranking: every application still to rank must have a rank or a reason. Computes the
 * call order from a snapshot of the candidates' flags (kept with it), supersedes the previous one,
 * and moves the wishes to `ranked` or `not_ranked` (with a mail to those not ranked).
 */
export async function publishRanking(ctx: AdmissionsContext, actor: Actor, sessionId: string) {
  const now = ctx.clock();
  await rankingWrites.run(sessionId, () => ctx.database.db.transaction(async (tx) => {
    const session = await ownSession(tx, actor, sessionId, true);
    if (await hadRound(tx, sessionId)) {
      throw new ConflictError('Les propositions ont commencé dans cette session : l’ordre d’appel est fixé pour la saison.', 'classement_fige');
    }
    // publishing moves the wishes: not while they are frozen (the draft ranking can still be prepared)
    await assertSessionNotFrozen(tx, sessionId, 'Le classement ne peut pas être publié pour le moment', 'Le classement enregistré est gardé : publiez-le à la levée de la suspension.');
    const rankable = await rankableWishes(tx, sessionId);
    const entries = await tx.select().from(rankingEntries).where(eq(rankingEntries.sessionId, sessionId));
    const entryOf = new Map(entries.map((e) => [e.wishId, e]));
    const missing = rankable.filter((w) => !entryOf.has(w.id));
    if (missing.length > 0) {
      throw new ConflictError(
        `${missing.length === 1 ? 'Une candidature n’est' : `${missing.length} candidatures ne sont`} ni classée${missing.length > 1 ? 's' : ''} ni déclarée${missing.length > 1 ? 's' : ''} non classée${missing.length > 1 ? 's' : ''} : ${missing
          .slice(0, 5)
          .map(fullName)
          .join(', ')}${missing.length > 5 ? '…' : ''}.`,
        'classement_incomplet',
      );
    }
    const settings = await settingsOf(tx, sessionId);
    const ranked = rankable.filter((w) => entryOf.get(w.id)!.rank !== null);
    const flags = await snapshotFlags(tx, ranked.map((w) => w.id), session.startsOn, now);
    const order = callOrder(
      ranked.map((w) => ({ id: w.id, rank: entryOf.get(w.id)!.rank!, flags: flags.get(w.id) ?? [] })),
      settings.constraints,
    );
    const who = auditActor(actor);
    const previous = await currentCallOrder(tx, sessionId);
    if (previous) {
      await tx.update(callOrders).set({ supersededAt: now }).where(eq(callOrders.id, previous.id));
      await recordAudit(tx, who, { action: 'call_order.superseded', objectType: 'call_order', objectId: previous.id, from: 'current', to: 'superseded', motive: 'classement publié à nouveau' });
    }
    const [co] = await tx.insert(callOrders).values({ sessionId, constraints: settings.constraints, computedAt: now, computedBy: actor.userId }).returning({ id: callOrders.id });
    const names = settings.constraints.map((c) => c.name);
    for (let i = 0; i < order.length; i += 5000) {
      await tx.insert(callOrderEntries).values(
        order.slice(i, i + 5000).map((c) => ({ callOrderId: co!.id, wishId: c.id, rank: c.rank, callRank: c.callRank, flags: names.filter((_, p) => c.mask & (1 << p)) })),
      );
    }
    const toReview: WishChange[] = rankable.filter((w) => w.status === 'submitted' && entryOf.get(w.id)!.rank !== null).map((w) => ({ wishId: w.id, candidateUserId: w.candidateUserId, from: 'submitted', to: 'under_review' }));
    await applyWishChanges(tx, toReview, who, now, { audit: true, kind: ctx.database.kind });
    const changes: WishChange[] = [];
    for (const w of rankable) {
      const e = entryOf.get(w.id)!;
      const from: WishStatus = w.status === 'submitted' && e.rank !== null ? 'under_review' : w.status;
      if (e.rank !== null && from !== 'ranked') changes.push({ wishId: w.id, candidateUserId: w.candidateUserId, from, to: 'ranked' });
      if (e.rank === null) changes.push({ wishId: w.id, candidateUserId: w.candidateUserId, from, to: 'not_ranked', motive: e.notRankedReason });
    }
    const changed = await applyWishChanges(tx, changes, who, now, { audit: true, kind: ctx.database.kind });
    await recordAudit(tx, who, { action: 'call_order.computed', objectType: 'call_order', objectId: co!.id, to: 'current', fields: ['rank', 'callRank', 'flags'] });
    const notRanked = changes.filter((c) => c.to === 'not_ranked' && changed.has(c.wishId)).map((c) => c.candidateUserId);
    if (notRanked.length > 0) {
      const people = await tx.select({ id: users.id, email: users.email, givenName: users.givenName }).from(users).where(inArray(users.id, notRanked));
      for (const p of people) await enqueueMail(tx, admissionMails.notRanked(p.email, p.givenName, session.trainingTitle, appLink(ctx, '/candidat/voeux')));
    }
  }));
  return rankingView(ctx, actor, sessionId);
}

/** The current call order's entries of sessions (for rounds and explanations). */
export async function callOrderEntriesOf(db: DbLike, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .select({ sessionId: callOrders.sessionId, constraints: callOrders.constraints, wishId: callOrderEntries.wishId, rank: callOrderEntries.rank, callRank: callOrderEntries.callRank, flags: callOrderEntries.flags })
    .from(callOrderEntries)
    .innerJoin(callOrders, eq(callOrders.id, callOrderEntries.callOrderId))
    .where(and(inArray(callOrders.sessionId, [...sessionIds]), isNull(callOrders.supersededAt)))
    .orderBy(asc(callOrders.sessionId), asc(callOrderEntries.callRank));
}
