/** What a candidate sees of admissions: for each ranked wish, call rank, waiting place, the last call rank offered, and why. */
import { eq, inArray, sql } from 'drizzle-orm';
import { admissionCandidateSettings, admissionOffers, sessions, trainings, wishes } from '../../../db/schema/index.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { WishStatus } from '../../candidates/domain/vocabulary.ts';
import { callMoves, describeCall, describeWaiting, explainCallOrder, sessionPositions, type CallMove } from '../domain/explain.ts';
import { engineStatus } from '../domain/status.ts';
import type { AdmissionsContext } from '../context.ts';
import { frenchDeadline, timeZoneOfCommune } from '../rules/deadlines.ts';
import { CONSTRAINT_LABELS, OFFER_STATUS_LABELS } from '../rules/offers.ts';
import type { ConstraintName } from '../rules/ranking.ts';
import { callOrderEntriesOf } from './ranking.ts';

const labelOf = (name: string) => CONSTRAINT_LABELS[name as ConstraintName] ?? name;

export async function candidateAdmissions(ctx: AdmissionsContext, actor: Actor) {
  const db = ctx.database.db;
  const [settings] = await db.select({ autoResponder: admissionCandidateSettings.autoResponder }).from(admissionCandidateSettings).where(eq(admissionCandidateSettings.userId, actor.userId));
  const mine = await db
    .select({ id: wishes.id, status: wishes.status, preference: wishes.preference, sessionId: wishes.sessionId, title: trainings.title, communeCode: trainings.communeCode, startsOn: sessions.startsOn, endsOn: sessions.endsOn })
    .from(wishes)
    .innerJoin(sessions, eq(sessions.id, wishes.sessionId))
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .where(eq(wishes.candidateUserId, actor.userId));
  const sessionIds = [...new Set(mine.map((w) => w.sessionId))];
  const entries = await callOrderEntriesOf(db, sessionIds);
  const offers = mine.length
    ? await db.select().from(admissionOffers).where(inArray(admissionOffers.wishId, mine.map((w) => w.id)))
    : [];
  const last = sessionIds.length
    ? new Map(
        (
          await db
            .select({ sessionId: admissionOffers.sessionId, last: sql<number>`max(${admissionOffers.callRank})::int` })
            .from(admissionOffers)
            .where(inArray(admissionOffers.sessionId, sessionIds))
            .groupBy(admissionOffers.sessionId)
        ).map((r) => [r.sessionId, r.last]),
      )
    : new Map<string, number>();
  // statuses of every wish of the call orders involved (for the waiting places)
  const statusOf = new Map<string, WishStatus>();
  const ids = entries.map((e) => e.wishId);
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    for (const r of await db.select({ id: wishes.id, status: wishes.status }).from(wishes).where(inArray(wishes.id, part))) statusOf.set(r.id, r.status);
  }
  const bySession = new Map<string, typeof entries>();
  for (const e of entries) {
    if (!bySession.has(e.sessionId)) bySession.set(e.sessionId, []);
    bySession.get(e.sessionId)!.push(e);
  }
  const explained = new Map<string, { rank: number; callRank: number; text: string; moves: CallMove[]; waiting: number }>();
  for (const [sessionId, list] of bySession) {
    const mineHere = mine.filter((w) => w.sessionId === sessionId).map((w) => w.id);
    if (!list.some((e) => mineHere.includes(e.wishId))) continue;
    const calls = explainCallOrder(list.map((e) => ({ id: e.wishId, rank: e.rank, flags: e.flags })), list[0]!.constraints);
    const positions = sessionPositions(list.map((e) => ({ callRank: e.callRank, status: engineStatus(statusOf.get(e.wishId) ?? 'withdrawn') ?? 'withdrawn' })));
    list.forEach((e, i) => {
      if (!mineHere.includes(e.wishId)) return;
      const c = calls.find((x) => x.id === e.wishId)!;
      explained.set(e.wishId, { rank: e.rank, callRank: e.callRank, text: describeCall(c, labelOf), moves: callMoves(c), waiting: positions.waitingPlace[i]! });
    });
  }
  return {
    autoResponder: settings?.autoResponder ?? false,
    items: mine
      .filter((w) => explained.has(w.id) || offers.some((o) => o.wishId === w.id))
      .map((w) => {
        const e = explained.get(w.id);
        const o = offers.find((x) => x.wishId === w.id);
        const tz = timeZoneOfCommune(w.communeCode);
        const lastOffered = last.get(w.sessionId) ?? 0;
        return {
          wishId: w.id,
          sessionId: w.sessionId,
          trainingTitle: w.title,
          startsOn: w.startsOn,
          endsOn: w.endsOn,
          wishStatus: w.status,
          preference: w.preference,
          rank: e?.rank ?? null,
          callRank: e?.callRank ?? o?.callRank ?? null,
          lastOfferedCallRank: lastOffered,
          waitingPlace: e?.waiting ?? 0,
          explanation: e?.text ?? null,
          movedBy: (e?.moves ?? []).map((m) => ({ ...m, label: labelOf(m.name) })),
          waiting: e && e.waiting > 0 ? describeWaiting(e.callRank, e.waiting, lastOffered) : null,
          offer: o
            ? {
                id: o.id,
                status: o.status,
                statusLabel: OFFER_STATUS_LABELS[o.status],
                madeAt: o.madeAt.toISOString(),
                deadlineAt: o.deadlineAt.toISOString(),
                deadlineLabel: frenchDeadline(o.deadlineAt, tz),
                answeredBy: o.answeredBy,
              }
            : null,
        };
      })
      .sort((a, b) => (a.preference || 99) - (b.preference || 99) || a.trainingTitle.localeCompare(b.trainingTitle)),
  };
}
