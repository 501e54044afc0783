/**
 * The offer round (ADMISSIONS.md §2) persisted: ONE transaction for every session at once — expire the
 * offers past their deadline, run the engine's round kernel on each session's call order, apply the
 * automatic responder, write wishes, offers, history, counters, mails and the round's row. All of it
 * or nothing: a crash or an error leaves the database as before (then a `failed` row is written).
 *
 * Concurrency: the session rows taking part are locked FOR UPDATE in id order before anything is read;
 * answers lock the sessions they touch in the same order, so an answer and a round never interleave on
 * a session, and `free` is computed from committed, stable counts.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../../db/client.ts';
import { admissionRounds } from '../../../db/schema/index.ts';
import { parisDate } from '../../../shared/clock.ts';
import { ConflictError } from '../../../shared/errors.ts';
import { auditActor, recordAudit, SYSTEM_ACTOR } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { WishStatus } from '../../candidates/domain/vocabulary.ts';
import { autoRespond } from '../domain/auto-responder.ts';
import { offerRoundKernel } from '../domain/round.ts';
import { ACCEPTED, engineStatus, OFFERED, WAITING, type Status } from '../domain/status.ts';
import { appLink, type AdmissionsContext } from '../context.ts';
import { admissionMails } from '../mails.ts';
import { frenchDeadline, offerDeadline, timeZoneOfCommune } from '../rules/deadlines.ts';
import { ACCEPTED_PREFERENCE } from '../rules/offers.ts';
import { refreshSeatsTaken } from './access.ts';
import { escapeHtml } from '../../../mail/layout.ts';
import { insertTemplatedMails, NAME_MARK, type MailRow, type MailVariant } from './mail-rows.ts';
import { idList, recordset, type Kind } from './recordset.ts';
import { applyWishChanges, type WishChange } from './wish-changes.ts';

export type RoundKind = 'daily' | 'on_demand';

export interface RoundSummary {
  roundId: string | null;
  skipped: boolean;
  runOn: string;
  sessions: number;
  offers: number;
  expired: number;
  autoAccepted: number;
  autoDeclined: number;
  autoWithdrawn: number;
  ms: number;
  /** milliseconds per phase (lock, expire, read, offers, responder, finish), for the benchmark */
  phases?: Record<string, number>;
}

interface SessionRow {
  id: string;
  seats: number;
  startsOn: string;
  status: string;
  communeCode: string;
  title: string;
  margin: number;
  block: number;
  answerDays: number;
  callOrderId: string | null;
  /** the training holds an active label (no offer otherwise) */
  labelActive: boolean;
}

const CHUNK = 10_000;
const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

/** Runs one round now. A daily round already completed today is not run again (a retried job). */
export async function runRound(ctx: AdmissionsContext, options: { kind: RoundKind; actor: Actor | null }): Promise<RoundSummary> {
  const started = ctx.clock();
  const t0 = Date.now();
  const runOn = parisDate(started);
  const who = options.actor ? auditActor(options.actor) : SYSTEM_ACTOR;
  try {
    return await ctx.database.db.transaction(async (tx) => {
      if (options.kind === 'daily') {
        const [done] = await tx
          .select({ id: admissionRounds.id })
          .from(admissionRounds)
          .where(sql`${admissionRounds.kind} = 'daily' and ${admissionRounds.status} = 'completed' and ${admissionRounds.runOn} = ${runOn}`);
        if (done) return { roundId: done.id, skipped: true, runOn, sessions: 0, offers: 0, expired: 0, autoAccepted: 0, autoDeclined: 0, autoWithdrawn: 0, ms: Date.now() - t0 };
      }
      return await roundInTransaction(ctx, tx, options, who, started, runOn, t0);
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    await ctx.database.db
      .insert(admissionRounds)
      .values({ kind: options.kind, status: 'failed', runOn, startedAt: started, finishedAt: ctx.clock(), triggeredBy: options.actor?.userId ?? null, error: message.replace(/\s+/g, ' ').slice(0, 500) || 'erreur' })
      .catch(() => {});
    if (e instanceof ConflictError) throw e;
    throw e;
  }
}

async function roundInTransaction(ctx: AdmissionsContext, tx: Tx, options: { kind: RoundKind; actor: Actor | null }, who: ReturnType<typeof auditActor>, now: Date, runOn: string, t0: number): Promise<RoundSummary> {
  const k: Kind = ctx.database.kind;
  const phases: Record<string, number> = {};
  let mark = performance.now();
  const phase = (name: string) => {
    const t = performance.now();
    phases[name] = Math.round(t - mark);
    mark = t;
  };
  // 1. lock every session taking part, in id order. A session whose training's label is suspended is
  // frozen (DOMAIN.md): it takes no part at all — no offer, and its pending offers do not expire (their
  // deadlines are extended when the label is reinstated, labels area); one whose training has no
  // active label receives no offer (labelActive below).
  const sessionRows = await sqlRows<{ id: string; seats: number; starts_on: string; status: string; commune_code: string; title: string; margin: number; block: number; answer_days: number; call_order_id: string | null; label_active: boolean }>(
    tx,
    sql`select s.id, s.seats, s.starts_on::text as starts_on, s.status, t.commune_code, t.title,
               coalesce(a.overbooking_margin, 0)::int as margin, coalesce(a.block_call_rank, 0)::int as block, coalesce(a.answer_days, 3)::int as answer_days,
               co.id as call_order_id,
               exists (select 1 from labels l where l.training_id = t.id and l.status = 'active') as label_active
          from sessions s
          join trainings t on t.id = s.training_id
          left join admission_settings a on a.session_id = s.id
          left join call_orders co on co.session_id = s.id and co.superseded_at is null
         where (co.id is not null or exists (select 1 from admission_offers o where o.session_id = s.id and o.status = 'pending'))
           and not exists (select 1 from labels l where l.training_id = t.id and l.status = 'suspended')
         order by s.id
           for update of s`,
  );
  const sessions = new Map<string, SessionRow>(
    sessionRows.map((r) => [
      r.id,
      { id: r.id, seats: r.seats, startsOn: r.starts_on, status: r.status, communeCode: r.commune_code, title: r.title, margin: r.margin, block: r.block, answerDays: r.answer_days, callOrderId: r.call_order_id, labelActive: r.label_active },
    ]),
  );
  const [round] = await tx
    .insert(admissionRounds)
    .values({ kind: options.kind, status: 'completed', runOn, startedAt: now, finishedAt: now, triggeredBy: options.actor?.userId ?? null })
    .returning({ id: admissionRounds.id });
  const roundId = round!.id;
  phase('lock');

  // 2. expiry: an offer past its deadline counts as declined
  const expiredRows = await sqlRows<{ wish_id: string; session_id: string; candidate_user_id: string }>(
    tx,
    sql`update admission_offers set status = 'expired', answered_at = ${now.toISOString()}::timestamptz, answered_by = 'system'
         where status = 'pending' and deadline_at < ${now.toISOString()}::timestamptz
           and session_id in (${idList(k, [...sessions.keys()])})
        returning wish_id, session_id, candidate_user_id`,
  );
  await applyWishChanges(
    tx,
    expiredRows.map((r) => ({ wishId: r.wish_id, candidateUserId: r.candidate_user_id, from: 'offered', to: 'expired', motive: 'Sans réponse avant la date limite' })),
    who,
    now,
    { audit: false, kind: k },
  );
  const expiredBySession = new Map<string, number>();
  for (const r of expiredRows) expiredBySession.set(r.session_id, (expiredBySession.get(r.session_id) ?? 0) + 1);

  phase('expire');
  // 3. the engine's round on each eligible session's call order
  const eligible = [...sessions.values()].filter((s) => s.callOrderId && s.status === 'recruiting' && s.labelActive && s.startsOn > runOn);
  // Only what can change the outcome is read: the wishes holding an offer (counted by the kernel) and,
  // per session, the first offerTarget + blockCallRank waiting wishes in call order (an index scan
  // that stops there) — a round offers at most free + (waiting wishes within the block call) of them,
  // so the kernel's walk ends inside that prefix and its result is the same as on the whole order.
  const holders = eligible.length
    ? await sqlRows<{ session_id: string; call_rank: number; status: string }>(
        tx,
        sql`select session_id, call_rank, status from admission_offers where status in ('pending','accepted') and session_id in (${idList(k, eligible.map((s) => s.id))})`,
      )
    : [];
  const waiting = eligible.length
    ? await sqlRows<{ session_id: string; id: string; call_rank: number }>(
        tx,
        sql`select t.session_id, x.id, x.call_rank
              from ${recordset(k, eligible.map((s) => ({ session_id: s.id, call_order_id: s.callOrderId, n: s.seats + s.margin + s.block })), [['session_id', 'uuid'], ['call_order_id', 'uuid'], ['n', 'int']], 't')}
              cross join lateral (
                select w.id, e.call_rank from call_order_entries e join wishes w on w.id = e.wish_id
                 where e.call_order_id = t.call_order_id and w.status = 'ranked'
                 order by e.call_rank limit t.n) x`,
      )
    : [];
  const perSession = new Map<string, { ids: (string | null)[]; ranks: number[]; codes: number[] }>();
  const listOf = (id: string) => {
    let l = perSession.get(id);
    if (!l) perSession.set(id, (l = { ids: [], ranks: [], codes: [] }));
    return l;
  };
  for (const h of holders) {
    const l = listOf(h.session_id);
    l.ids.push(null);
    l.ranks.push(h.call_rank);
    l.codes.push(h.status === 'accepted' ? ACCEPTED : OFFERED);
  }
  for (const w of waiting) {
    const l = listOf(w.session_id);
    l.ids.push(w.id);
    l.ranks.push(w.call_rank);
    l.codes.push(WAITING);
  }
  const offerWishes: { wishId: string; sessionId: string; callRank: number }[] = [];
  const stats = new Map<string, { offerTarget: number; block: number; holders: number; free: number; offers: number }>();
  for (const s of eligible) stats.set(s.id, { offerTarget: s.seats + s.margin, block: s.block, holders: 0, free: s.seats + s.margin, offers: 0 });
  for (const [sessionId, l] of perSession) {
    const s = sessions.get(sessionId)!;
    const order = Int32Array.from(l.ids, (_, i) => i).sort((a, b) => l.ranks[a]! - l.ranks[b]!);
    const callRank = Int32Array.from(order, (i) => l.ranks[i]!);
    const status = Uint8Array.from(order, (i) => l.codes[i]!);
    const out = status.slice();
    const counts = offerRoundKernel(status, callRank, 0, order.length, s.seats + s.margin, s.block, out);
    for (let j = 0; j < order.length; j++) if (out[j] === OFFERED && status[j] === WAITING) offerWishes.push({ wishId: l.ids[order[j]!]!, sessionId, callRank: callRank[j]! });
    stats.set(sessionId, { offerTarget: s.seats + s.margin, block: s.block, ...counts });
  }
  phase('read');
  // 4. persist the offers: wishes ranked → offered (a wish changed meanwhile is left out), then the offer rows
  const offeredRows: { wish_id: string; candidate_user_id: string }[] = [];
  for (let i = 0; i < offerWishes.length; i += CHUNK) {
    offeredRows.push(
      ...(await sqlRows<{ wish_id: string; candidate_user_id: string }>(
        tx,
        sql`update wishes w set status = 'offered', updated_at = ${now.toISOString()}::timestamptz
              from ${recordset(k, offerWishes.slice(i, i + CHUNK).map((o) => ({ id: o.wishId })), [['id', 'uuid']])}
             where w.id = v.id and w.status = 'ranked'
            returning w.id as wish_id, w.candidate_user_id`,
      )),
    );
  }
  phase('offers:wishes');
  const candidateOf = new Map(offeredRows.map((r) => [r.wish_id, r.candidate_user_id]));
  const made = offerWishes.filter((o) => candidateOf.has(o.wishId));
  const deadlines = new Map<string, Date>();
  for (const s of eligible) deadlines.set(s.id, offerDeadline(now, s.answerDays, timeZoneOfCommune(s.communeCode)));
  for (let i = 0; i < made.length; i += CHUNK) {
    const part = made.slice(i, i + CHUNK).map((o) => ({ wish_id: o.wishId, session_id: o.sessionId, candidate_user_id: candidateOf.get(o.wishId), call_rank: o.callRank, deadline_at: deadlines.get(o.sessionId)!.toISOString() }));
    await tx.execute(sql`
      insert into admission_offers (wish_id, session_id, candidate_user_id, round_id, call_rank, made_at, deadline_at, status)
      select v.wish_id, v.session_id, v.candidate_user_id, ${roundId}::uuid, v.call_rank, ${now.toISOString()}::timestamptz, v.deadline_at, 'pending'
        from ${recordset(k, part, [['wish_id', 'uuid'], ['session_id', 'uuid'], ['candidate_user_id', 'uuid'], ['call_rank', 'int'], ['deadline_at', 'timestamptz']])}`);
    await tx.execute(sql`
      insert into wish_events (wish_id, from_status, to_status, actor_user_id, actor_role, actor_organisation_id, at, motive)
      select v.wish_id, 'ranked', 'offered', ${who.userId}::uuid, ${who.role}::text, ${who.organisationId}::uuid, ${now.toISOString()}::timestamptz, null
        from ${recordset(k, part, [['wish_id', 'uuid']])}`);
  }
  phase('offers:rows+events');
  for (const s of stats.values()) s.offers = 0;
  for (const o of made) stats.get(o.sessionId)!.offers++;

  // 5. the automatic responder, for those who opted in and hold a pending offer
  const auto = await autoResponder(tx, who, now, k);
  phase('responder');

  // 6. counters, history, audit, mails
  await refreshSeatsTaken(tx, [...auto.sessions]);
  phase('seats');
  const last = new Map(
    (
      await sqlRows<{ session_id: string; last: number }>(
        tx,
        sql`select session_id, max(call_rank)::int as last from admission_offers
             where session_id in (${idList(k, eligible.map((s) => s.id))}) group by session_id`,
      )
    ).map((r) => [r.session_id, r.last]),
  );
  const historyRows = [...sessions.values()]
    .filter((s) => stats.has(s.id) || expiredBySession.has(s.id))
    .map((s) => {
      const st = stats.get(s.id) ?? { offerTarget: s.seats + s.margin, block: s.block, holders: 0, free: 0, offers: 0 };
      return { session_id: s.id, offer_target: st.offerTarget, block_call_rank: st.block, holders: st.holders, free: st.free, offers: st.offers, expired: expiredBySession.get(s.id) ?? 0, last: last.get(s.id) ?? 0 };
    });
  for (let i = 0; i < historyRows.length; i += CHUNK) {
    await tx.execute(sql`
      insert into admission_round_sessions (round_id, session_id, offer_target, block_call_rank, holders, free, offers, expired, last_offered_call_rank)
      select ${roundId}::uuid, v.session_id, v.offer_target, v.block_call_rank, v.holders, v.free, v.offers, v.expired, v.last
        from ${recordset(k, historyRows.slice(i, i + CHUNK), [['session_id', 'uuid'], ['offer_target', 'int'], ['block_call_rank', 'int'], ['holders', 'int'], ['free', 'int'], ['offers', 'int'], ['expired', 'int'], ['last', 'int']])}`);
  }
  phase('history');
  const finished = ctx.clock();
  const summary = {
    sessions: historyRows.length,
    offers: made.length,
    expired: expiredRows.length,
    autoAccepted: auto.accepted,
    autoDeclined: auto.declined,
    autoWithdrawn: auto.withdrawn,
  };
  await tx.update(admissionRounds).set({ ...summary, finishedAt: finished }).where(eq(admissionRounds.id, roundId));
  await recordAudit(tx, who, { action: 'admission_round.completed', objectType: 'admission_round', objectId: roundId, to: 'completed', fields: ['offers', 'expired', 'autoResponder'] });
  const mails = await roundMails(ctx, tx, made, offeredRows, expiredRows, sessions, deadlines, auto.candidates, k);
  phase('mails:render');
  await insertTemplatedMails(tx, mails.variants, mails.recipients, k);
  phase('mails:insert');
  return { roundId, skipped: false, runOn, ...summary, ms: Date.now() - t0, phases };
}

/**
 * The automatic responder (engine: domain/auto-responder.ts) for every candidate who opted in and
 * holds a pending offer. Their accepted wish ranks after all their waiting wishes (ADR 0012), the
 * others by their preference. Wishes on frozen sessions take no part: a frozen offer is neither
 * accepted nor declined by the responder. Returns what it did.
 */
async function autoResponder(tx: Tx, who: ReturnType<typeof auditActor>, now: Date, k: Kind) {
  const live = await sqlRows<{ id: string; candidate_user_id: string; session_id: string; status: WishStatus; preference: number }>(
    tx,
    sql`select w.id, w.candidate_user_id, w.session_id, w.status, w.preference
          from wishes w
         where w.status in ('submitted','under_review','ranked','offered','accepted')
           -- a wish on a frozen session (its training's label is suspended) is left as it is
           and not exists (select 1 from sessions s join labels l on l.training_id = s.training_id
                             where s.id = w.session_id and l.status = 'suspended')
           and w.candidate_user_id in (select o.candidate_user_id from admission_offers o
                                         join admission_candidate_settings c on c.user_id = o.candidate_user_id and c.auto_responder
                                        where o.status = 'pending')
         order by w.candidate_user_id, w.preference, w.created_at, w.id`,
  );
  const result = { accepted: 0, declined: 0, withdrawn: 0, sessions: new Set<string>(), candidates: new Set<string>() };
  if (live.length === 0) return result;
  const changes: WishChange[] = [];
  for (let i = 0; i < live.length; ) {
    let j = i;
    while (j < live.length && live[j]!.candidate_user_id === live[i]!.candidate_user_id) j++;
    const mine = live.slice(i, j);
    let p = 0;
    const input = mine.map((w) => ({ status: engineStatus(w.status)!, preference: w.status === 'accepted' ? ACCEPTED_PREFERENCE : ++p }));
    const next: Status[] = autoRespond(input);
    mine.forEach((w, k) => {
      const to = next[k]!;
      if (to === input[k]!.status) return;
      if (to === 'accepted') changes.push({ wishId: w.id, candidateUserId: w.candidate_user_id, from: 'offered', to: 'accepted', motive: 'Réponse automatique : votre vœu préféré parmi vos propositions' });
      else if (w.status === 'offered') changes.push({ wishId: w.id, candidateUserId: w.candidate_user_id, from: 'offered', to: 'declined', motive: 'Réponse automatique : une proposition pour un vœu préféré a été acceptée' });
      else if (w.status === 'accepted') changes.push({ wishId: w.id, candidateUserId: w.candidate_user_id, from: 'accepted', to: 'withdrawn', motive: 'Réponse automatique : libérée au profit d’un vœu préféré' });
      else changes.push({ wishId: w.id, candidateUserId: w.candidate_user_id, from: w.status, to: 'withdrawn', motive: 'Réponse automatique : vœu moins bien placé qu’une proposition acceptée' });
      result.candidates.add(w.candidate_user_id);
      result.sessions.add(w.session_id);
    });
    i = j;
  }
  const changed = await applyWishChanges(tx, changes, { ...who }, now, { audit: false, kind: k });
  const done = changes.filter((c) => changed.has(c.wishId));
  // offers follow their wishes: releases first (one accepted offer per candidate), then declines, then acceptances
  const at = now.toISOString();
  const setOffers = async (wishIds: string[], from: string, to: string) => {
    if (wishIds.length === 0) return;
    await tx.execute(sql`update admission_offers set status = ${to}, answered_at = ${at}::timestamptz, answered_by = 'auto_responder'
                          where status = ${from} and wish_id in (${idList(k, wishIds)})`);
  };
  await setOffers(done.filter((c) => c.from === 'accepted').map((c) => c.wishId), 'accepted', 'released');
  await setOffers(done.filter((c) => c.from === 'offered' && c.to === 'declined').map((c) => c.wishId), 'pending', 'declined');
  await setOffers(done.filter((c) => c.to === 'accepted').map((c) => c.wishId), 'pending', 'accepted');
  for (const c of done) {
    if (c.to === 'accepted') result.accepted++;
    else if (c.to === 'declined' || c.from === 'accepted') result.declined++;
    else result.withdrawn++;
  }
  return result;
}

async function roundMails(
  ctx: AdmissionsContext,
  tx: Tx,
  made: { wishId: string; sessionId: string }[],
  owners: { wish_id: string; candidate_user_id: string }[],
  expired: { session_id: string; candidate_user_id: string }[],
  sessions: Map<string, SessionRow>,
  deadlines: Map<string, Date>,
  autoCandidates: Set<string>,
  k: Kind,
): Promise<{ variants: MailVariant[]; recipients: { variant: number; email: string; nameText: string; nameHtml: string }[] }> {
  const offersBy = new Map<string, { training: string; deadline: string }[]>();
  const candidateOfWish = new Map<string, string>();
  if (made.length === 0 && expired.length === 0) return { variants: [], recipients: [] };
  for (const o of owners) candidateOfWish.set(o.wish_id, o.candidate_user_id);
  for (const m of made) {
    const s = sessions.get(m.sessionId)!;
    const c = candidateOfWish.get(m.wishId)!;
    if (!offersBy.has(c)) offersBy.set(c, []);
    offersBy.get(c)!.push({ training: s.title, deadline: frenchDeadline(deadlines.get(m.sessionId)!, timeZoneOfCommune(s.communeCode)) });
  }
  const expiredBy = new Map<string, string[]>();
  for (const e of expired) {
    if (!expiredBy.has(e.candidate_user_id)) expiredBy.set(e.candidate_user_id, []);
    expiredBy.get(e.candidate_user_id)!.push(sessions.get(e.session_id)!.title);
  }
  const people = await sqlRows<{ id: string; email: string; given_name: string }>(
    tx,
    sql`select id, email, given_name from users where id in (${idList(k, [...new Set([...offersBy.keys(), ...expiredBy.keys()])])})`,
  );
  const url = appLink(ctx, '/candidat/voeux');
  // many candidates get the same mail but for their name: each content is rendered once (see insertTemplatedMails)
  const variants: MailVariant[] = [];
  const variantOf = new Map<string, number>();
  const recipients: { variant: number; email: string; nameText: string; nameHtml: string }[] = [];
  const add = (key: string, p: { email: string; given_name: string }, render: () => MailRow) => {
    let v = variantOf.get(key);
    if (v === undefined) {
      const m = render();
      variants.push({ kind: m.kind, subject: m.subject, text: m.text, html: m.html });
      variantOf.set(key, (v = variants.length - 1));
    }
    recipients.push({ variant: v, email: p.email, nameText: oneLine(p.given_name), nameHtml: escapeHtml(oneLine(p.given_name)) });
  };
  for (const p of people) {
    const offers = offersBy.get(p.id);
    const auto = autoCandidates.has(p.id);
    if (offers) add(JSON.stringify(['o', offers, auto]), p, () => admissionMails.offersMade(p.email, NAME_MARK, offers, auto, url));
    const gone = expiredBy.get(p.id);
    if (gone) add(JSON.stringify(['e', gone]), p, () => admissionMails.expired(p.email, NAME_MARK, gone, url));
  }
  return { variants, recipients };
}

/** The operator's list of rounds, newest first. */
export async function listRounds(ctx: AdmissionsContext, limit = 50) {
  const rows = await ctx.database.db.select().from(admissionRounds).orderBy(desc(admissionRounds.startedAt)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    status: r.status,
    runOn: r.runOn,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt.toISOString(),
    sessions: r.sessions,
    offers: r.offers,
    expired: r.expired,
    autoAccepted: r.autoAccepted,
    autoDeclined: r.autoDeclined,
    autoWithdrawn: r.autoWithdrawn,
    error: r.error,
  }));
}
