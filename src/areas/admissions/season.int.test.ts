/**
 * A full admissions season on the real database: rankings (interface and CSV), three daily rounds,
 * answers, expiries and the automatic responder; ADMISSIONS.md's invariants after every step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { runRound } from './use-cases/rounds.ts';
import { addCandidates, addSession, addWish, candidateClient, invariantProblems, PROVIDER_EMAIL, rankAndPublish, signedIn, world, type World } from './test-support.ts';

let w: World;
let seed = 20161;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
const shuffle = <T>(xs: T[]) => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
};

beforeAll(async () => {
  w = await world('2027-01-04T08:00:00Z');
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('a full season', () => {
  it('ends with no seat over-filled and at most one accepted offer per candidate', async () => {
    const seats = [3, 4, 5, 3, 6, 4];
    const sessions: string[] = [];
    for (const n of seats) sessions.push(await addSession(w, w.ownTraining, n, '2027-04-05'));
    const provider = await signedIn(w, PROVIDER_EMAIL);
    const constraints = [[{ name: 'scholarship', rate: 30 }, { name: 'woman', rate: 40 }], [{ name: 'qpv_or_zrr', rate: 25 }], [], [{ name: 'woman', rate: 50 }], [{ name: 'scholarship', rate: 20 }], []];
    for (const [i, s] of sessions.entries()) {
      const r = await provider.call('PUT', `/api/provider/sessions/${s}/admissions/settings`, { constraints: constraints[i], overbookingMargin: 0, blockCallRank: 0, answerDays: 3 });
      expect(r.statusCode).toBe(200);
    }
    const flagsPool = ['scholarship', 'woman', 'qpv_or_zrr'];
    const people = await addCandidates(w, Array.from({ length: 60 }, () => ({ flags: flagsPool.filter(() => random() < 0.3) })));
    const wishesOf = new Map<string, string[]>();
    for (const p of people) {
      const chosen = shuffle([...sessions]).slice(0, 1 + Math.floor(random() * 4));
      for (const s of chosen) {
        const id = await addWish(w, p, s);
        if (!wishesOf.has(s)) wishesOf.set(s, []);
        wishesOf.get(s)!.push(id);
      }
    }
    // rankings: the first session by CSV import, the others in the interface; some applications not ranked
    for (const [i, s] of sessions.entries()) {
      const all = shuffle([...(wishesOf.get(s) ?? [])]);
      const notRanked = all.filter(() => random() < 0.1);
      const ranked = all.filter((x) => !notRanked.includes(x));
      if (i === 0) {
        const csv = ['voeu;rang;motif_non_classe', ...ranked.map((id, k) => `${id};${k + 1};`), ...notRanked.map((id) => `${id};;Projet pas assez mûr`)].join('\n');
        expect((await provider.call('POST', `/api/provider/sessions/${s}/admissions/ranking/import`, { csv })).statusCode).toBe(200);
        expect((await provider.call('POST', `/api/provider/sessions/${s}/admissions/ranking/publish`)).statusCode).toBe(200);
      } else {
        await rankAndPublish(provider, s, ranked, notRanked);
      }
    }
    // a quarter of the candidates let the platform answer for them
    const autos = people.filter(() => random() < 0.25);
    for (const p of autos) expect((await (await candidateClient(w, p)).call('PUT', '/api/candidate/admissions/auto-responder', { enabled: true })).statusCode).toBe(200);

    const ctx = { database: w.database, clock: () => w.clock.now, geo: undefined as never, scales: [], baseUrl: 'http://localhost:3000' };
    const totals = { offers: 0, expired: 0, auto: 0, accepted: 0, declined: 0 };
    for (const day of [0, 2, 4]) {
      w.clock.now = new Date(Date.parse('2027-01-04T05:00:00Z') + day * 86_400_000);
      const r = await runRound(ctx, { kind: 'daily', actor: null });
      expect(r.skipped).toBe(false);
      totals.offers += r.offers;
      totals.expired += r.expired;
      totals.auto += r.autoAccepted;
      expect(await invariantProblems(w.database)).toEqual([]);
      // after a round, wishes holding an offer never exceed the offer target (no margin, no block call here)
      const holders = await w.database.rows<{ id: string; seats: number; n: number }>(sql`
        select s.id, s.seats, count(w.*)::int as n from sessions s join wishes w on w.session_id = s.id and w.status in ('offered','accepted')
         where s.id in (${sql.join(sessions.map((x) => sql`${x}::uuid`), sql`, `)}) group by s.id, s.seats`);
      for (const h of holders) expect(h.n).toBeLessThanOrEqual(h.seats);
      // answers during the day
      w.clock.now = new Date(w.clock.now.getTime() + 3 * 3600_000);
      const waiting = new Set((await w.database.rows<{ id: string }>(sql`select distinct candidate_user_id as id from admission_offers where status = 'pending'`)).map((r) => r.id));
      for (const p of shuffle([...people])) {
        if (autos.includes(p) || !waiting.has(p)) continue;
        const c = await candidateClient(w, p);
        const view = (await c.call('GET', '/api/candidate/admissions')).json() as { items: { offer: { id: string; status: string } | null }[] };
        const pending = view.items.filter((x) => x.offer?.status === 'pending');
        if (pending.length === 0) continue;
        const dice = random();
        if (dice < 0.5) {
          const res = await c.call('POST', `/api/candidate/offers/${pick(pending).offer!.id}/accept`, { withdrawWorse: random() < 0.5 });
          expect(res.statusCode).toBe(200);
          totals.accepted++;
        } else if (dice < 0.75) {
          const res = await c.call('POST', `/api/candidate/offers/${pick(pending).offer!.id}/decline`);
          expect(res.statusCode).toBe(200);
          totals.declined++;
        } // else: no answer, the offer may expire
      }
      expect(await invariantProblems(w.database)).toEqual([]);
    }
    // every kind of event happened
    expect(totals.offers).toBeGreaterThan(20);
    expect(totals.expired).toBeGreaterThan(0);
    expect(totals.accepted).toBeGreaterThan(0);
    expect(totals.declined).toBeGreaterThan(0);
    expect(totals.auto).toBeGreaterThan(0);
    const accepted = await w.database.rows<{ id: string; seats: number; n: number; taken: number }>(sql`
      select s.id, s.seats, s.seats_taken as taken, count(o.*)::int as n from sessions s left join admission_offers o on o.session_id = s.id and o.status = 'accepted'
       where s.id in (${sql.join(sessions.map((x) => sql`${x}::uuid`), sql`, `)}) group by s.id`);
    for (const a of accepted) {
      expect(a.n).toBeLessThanOrEqual(a.seats);
      expect(a.taken).toBe(a.n);
    }
    const perCandidate = await w.database.rows<{ n: number }>(sql`select count(*)::int as n from admission_offers where status = 'accepted' group by candidate_user_id order by 1 desc limit 1`);
    expect(perCandidate[0]!.n).toBe(1);
    const rounds = await w.database.rows<{ n: number }>(sql`select count(*)::int as n from admission_rounds where status = 'completed'`);
    expect(rounds[0]!.n).toBe(3);
    console.log(`season: ${people.length} candidates, ${sessions.length} sessions, offers ${totals.offers}, expired ${totals.expired}, accepted ${totals.accepted} (+${totals.auto} by the responder), declined ${totals.declined}`);
  });
});
