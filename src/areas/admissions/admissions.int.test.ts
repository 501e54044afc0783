import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/app.ts';
import { frenchDeadline, offerDeadline, timeZoneOfCommune } from './rules/deadlines.ts';
import {
  addCandidates,
  addSession,
  addWish,
  candidateClient,
  invariantProblems,
  OPERATOR_EMAIL,
  PROVIDER_EMAIL,
  rankAndPublish,
  signedIn,
  world,
  type World,
} from './test-support.ts';

let w: World;
let provider: TestClient;
let operator: TestClient;
let communeCode: string;

beforeAll(async () => {
  w = await world();
  provider = await signedIn(w, PROVIDER_EMAIL);
  operator = await signedIn(w, OPERATOR_EMAIL);
  communeCode = (await w.database.rows<{ c: string }>(sql`select commune_code as c from trainings where id = ${w.ownTraining}`))[0]!.c;
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

/** moves the clock (sessions of the day end: everyone signs in again) */
async function later(ms: number, clients: TestClient[] = [], userIds: string[] = []): Promise<void> {
  w.clock.now = new Date(w.clock.now.getTime() + ms);
  provider = await signedIn(w, PROVIDER_EMAIL);
  operator = await signedIn(w, OPERATOR_EMAIL);
  for (const [i, c] of clients.entries()) {
    const email = (await w.database.rows<{ email: string }>(sql`select u.email from users u where u.id = ${userIds[i]!}`))[0]!.email;
    const fresh = await signedIn(w, email);
    c.cookie = fresh.cookie;
    c.csrf = fresh.csrf;
  }
}

const offersIn = async (session: string) => count(sql`select count(*)::int as n from admission_offers where session_id = ${session}`);

const count = async (q: ReturnType<typeof sql>) => (await w.database.rows<{ n: number }>(q))[0]!.n;

describe('admission rules of a session', () => {
  it('are set by the session’s provider only, checked field by field, and public', async () => {
    const session = await addSession(w, w.ownTraining, 10);
    const foreign = await addSession(w, w.foreignTraining, 10);
    const bad = await provider.call('PUT', `/api/provider/sessions/${session}/admissions/settings`, {
      constraints: [{ name: 'scholarship', rate: 101 }, { name: 'martian', rate: 10 }],
      overbookingMargin: -1,
      blockCallRank: 0,
      answerDays: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['answerDays', 'constraints.0.rate', 'constraints.1.name', 'overbookingMargin']);
    const twice = await provider.call('PUT', `/api/provider/sessions/${session}/admissions/settings`, {
      constraints: [{ name: 'woman', rate: 30 }, { name: 'woman', rate: 20 }],
      overbookingMargin: 0,
      blockCallRank: 0,
      answerDays: 3,
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().fields.constraints).toMatch(/en double/);
    const good = { constraints: [{ name: 'scholarship', rate: 20 }, { name: 'qpv_or_zrr', rate: 30 }, { name: 'woman', rate: 30 }], overbookingMargin: 2, blockCallRank: 0, answerDays: 5 };
    expect((await provider.call('PUT', `/api/provider/sessions/${foreign}/admissions/settings`, good)).statusCode).toBe(404);
    const ok = await provider.call('PUT', `/api/provider/sessions/${session}/admissions/settings`, good);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().settings).toMatchObject({ offerTarget: 12, overbookingMargin: 2, answerDays: 5 });
    const pub = await w.app.inject({ method: 'GET', url: `/api/sessions/${session}/admission-rules` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ seats: 10, offerTarget: 12, answerDays: 5, constraints: [{ priority: 1, name: 'scholarship', rate: 20 }, { priority: 2, name: 'qpv_or_zrr' }, { priority: 3, name: 'woman' }] });
    expect(await count(sql`select count(*)::int as n from audit where action = 'admission_settings.saved' and object_id = ${session}`)).toBe(1);
  });
});

describe('the ranking', () => {
  let session: string;
  let wishIds: string[];
  let names: string[];

  beforeAll(async () => {
    session = await addSession(w, w.ownTraining, 3);
    const people = await addCandidates(w, Array.from({ length: 6 }, (_, i) => ({ name: `Rang${i + 1}` })));
    wishIds = [];
    for (const p of people) wishIds.push(await addWish(w, p, session));
    names = people.map((_, i) => `Rang${i + 1} Test`);
  });

  it('refuses duplicate ranks and rank-less lines in the interface', async () => {
    const res = await provider.call('PUT', `/api/provider/sessions/${session}/admissions/ranking`, {
      entries: [
        { wishId: wishIds[0], rank: 1 },
        { wishId: wishIds[1], rank: 1 },
        { wishId: wishIds[2], rank: null },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({ 'entries.1.rank': expect.stringMatching(/rang 1 est déjà donné à la position 1/i), 'entries.2.rank': expect.stringMatching(/Donnez un rang/) });
  });

  it('imports a CSV only when every line is right, naming the lines at fault', async () => {
    const lines = [
      'voeu;nom;rang;motif_non_classe;notes',
      `${wishIds[0]};${names[0]};1;;entretien très bon`,
      `${wishIds[1]};${names[1]};2;;`,
      `${wishIds[2]};${names[2]};2;;`,
      `${wishIds[3]};${names[3]};;;`,
      `${wishIds[4]};${names[4]};x;;`,
      `${wishIds[0]};${names[0]};6;;`,
    ];
    const res = await provider.call('POST', `/api/provider/sessions/${session}/admissions/ranking/import`, { csv: lines.join('\n') });
    expect(res.statusCode).toBe(400);
    const f = res.json().fields;
    expect(Object.keys(f)).toEqual(['ligne 3', 'ligne 4', 'ligne 5', 'ligne 6', 'ligne 7', 'fichier']);
    expect(f['ligne 3']).toMatch(/rang 2 est donné aussi ligne 4/i);
    expect(f['ligne 4']).toMatch(/rang 2 est donné aussi ligne 3/i);
    expect(f['ligne 5']).toMatch(/Rang manquant/);
    expect(f['ligne 6']).toMatch(/Rang « x » invalide/);
    expect(f['ligne 7']).toMatch(/figure déjà ligne 2/);
    expect(f.fichier).toMatch(/Une candidature manque au fichier : Rang6 Test/);
    expect(res.json().message).toMatch(/6 erreurs/);
    expect(await count(sql`select count(*)::int as n from ranking_entries where session_id = ${session}`)).toBe(0);

    const good = [
      'voeu,nom,rang,motif_non_classe,notes',
      ...wishIds.slice(0, 5).map((id, i) => `${id},"${names[i]}",${i + 1},,`),
      `${wishIds[5]},${names[5]},,"Prérequis non acquis, à revoir",`,
    ];
    const ok = await provider.call('POST', `/api/provider/sessions/${session}/admissions/ranking/import`, { csv: good.join('\r\n') });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().entries.map((e: { rank: number | null }) => e.rank)).toEqual([1, 2, 3, 4, 5, null]);
    expect(ok.json().entries[5]).toMatchObject({ notRankedReason: 'Prérequis non acquis, à revoir', status: 'under_review' });
    const csv = await provider.call('GET', `/api/provider/sessions/${session}/admissions/ranking.csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[1]).toBe(`${wishIds[0]};${names[0]};1;;`);

    // a refused ranking changes nothing: the saved one and the audit trail stay as they were
    const stored = sql`select wish_id, rank, not_ranked_reason, notes from ranking_entries where session_id = ${session} order by wish_id`;
    const audited = sql`select count(*)::int as n from audit where action = 'ranking.saved' and object_id = ${session}`;
    const [entriesBefore, auditBefore] = [await w.database.rows(stored), await count(audited)];
    const refused = await provider.call('PUT', `/api/provider/sessions/${session}/admissions/ranking`, {
      entries: wishIds.map((wishId, i) => ({ wishId, rank: i === 5 ? 1 : i + 1, notes: 'ne doit pas rester' })),
    });
    expect(refused.statusCode).toBe(400);
    expect(await w.database.rows(stored)).toEqual(entriesBefore);
    expect(entriesBefore).toHaveLength(6);
    expect(await count(audited)).toBe(auditBefore);
    expect(auditBefore).toBeGreaterThan(0);
  });

  it('publishes the call order; the last wish becomes not ranked, with a mail', async () => {
    const res = await provider.call('POST', `/api/provider/sessions/${session}/admissions/ranking/publish`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.state).toBe('published');
    expect(body.entries.map((e: { callRank: number | null; status: string }) => [e.callRank, e.status])).toEqual([
      [1, 'ranked'],
      [2, 'ranked'],
      [3, 'ranked'],
      [4, 'ranked'],
      [5, 'ranked'],
      [null, 'not_ranked'],
    ]);
    expect(await count(sql`select count(*)::int as n from mail_outbox where kind = 'admissions.not_ranked'`)).toBe(1);
    // history: submitted → under_review → ranked
    expect(await count(sql`select count(*)::int as n from wish_events where wish_id = ${wishIds[0]}`)).toBe(2);
  });
});

describe('the call order at publication', () => {
  it('comes out as the published worked example (scholarship holders 25 %)', async () => {
    const session = await addSession(w, w.ownTraining, 20);
    await provider.call('PUT', `/api/provider/sessions/${session}/admissions/settings`, { constraints: [{ name: 'scholarship', rate: 25 }], overbookingMargin: 0, blockCallRank: 0, answerDays: 3 });
    const ranking = 'C1 C2 B1 C3 C4 C5 B2 C6 C7 C8 C9 C10 C11 C12 C13 C14 B3 C15 C16 C17'.split(' ');
    // the flag of a B candidate comes from their diagnosis; the third holds a granted aid decision instead? no: all three by diagnosis here
    const people = await addCandidates(w, ranking.map((name) => ({ name, flags: name.startsWith('B') ? ['scholarship'] : ['woman'] })));
    const wishIds: string[] = [];
    for (const p of people) wishIds.push(await addWish(w, p, session));
    await rankAndPublish(provider, session, wishIds);
    const view = (await provider.call('GET', `/api/provider/sessions/${session}/admissions`)).json();
    const byCall = [...view.entries].sort((a: { callRank: number }, b: { callRank: number }) => a.callRank - b.callRank).map((e: { candidateName: string }) => e.candidateName.split(' ')[0]);
    expect(byCall.join(' ')).toBe('B1 C1 C2 C3 B2 C4 C5 C6 B3 C7 C8 C9 C10 C11 C12 C13 C14 C15 C16 C17');
    // the snapshot keeps the constrained flags only
    expect(view.entries.find((e: { candidateName: string }) => e.candidateName.startsWith('B1')).flags).toEqual(['scholarship']);
    expect(view.entries.find((e: { candidateName: string }) => e.candidateName.startsWith('C1 ')).flags).toEqual([]);
  });
});

describe('offer rounds and answers (the worked example of ADMISSIONS.md §2)', () => {
  let session: string;
  let people: string[];
  let wishIds: string[];
  let clients: TestClient[];

  beforeAll(async () => {
    session = await addSession(w, w.ownTraining, 3);
    people = await addCandidates(w, Array.from({ length: 6 }, (_, i) => ({ name: `Appel${i + 1}` })));
    wishIds = [];
    for (const p of people) wishIds.push(await addWish(w, p, session));
    await rankAndPublish(provider, session, wishIds);
    clients = await Promise.all(people.map((p) => candidateClient(w, p)));
  });

  const offerOf = async (i: number) => {
    const view = (await clients[i]!.call('GET', '/api/candidate/admissions')).json();
    return view.items.find((x: { sessionId: string }) => x.sessionId === session);
  };

  it('day 1 offers C1, C2, C3 with a deadline at 23:59 local time, a mail each, and an explanation', async () => {
    expect((await provider.call('POST', '/api/admissions/rounds')).statusCode).toBe(403);
    const res = await operator.call('POST', '/api/admissions/rounds');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ skipped: false });
    expect(await offersIn(session)).toBe(3);
    const first = await offerOf(0);
    const tz = timeZoneOfCommune(communeCode);
    const deadline = offerDeadline(w.clock.now, 3, tz);
    expect(first).toMatchObject({ callRank: 1, rank: 1, wishStatus: 'offered', offer: { status: 'pending', deadlineAt: deadline.toISOString(), deadlineLabel: frenchDeadline(deadline, tz) } });
    expect(first.offer.deadlineLabel).toMatch(/23 h 59/);
    expect(first.explanation).toMatch(/Rang dans le classement : 1 ; rang d’appel : 1/);
    const fourth = await offerOf(3);
    expect(fourth).toMatchObject({ callRank: 4, wishStatus: 'ranked', waitingPlace: 1, lastOfferedCallRank: 3, offer: null });
    expect(fourth.waiting).toMatch(/1re place sur la liste d’attente ; dans cette session, le dernier rang d’appel ayant reçu une proposition est 3/);
    const recipients = await w.database.rows<{ recipient: string }>(sql`select recipient from mail_outbox where kind = 'admissions.offer_made' and recipient in (select email from users where given_name like 'Appel%') order by recipient`);
    expect(recipients.map((r) => r.recipient)).toHaveLength(3);
    const view = (await provider.call('GET', `/api/provider/sessions/${session}/admissions`)).json();
    expect(view.state).toBe('frozen');
    expect(view.rounds[0]).toMatchObject({ holders: 0, free: 3, offers: 3, lastOfferedCallRank: 3 });
    // frozen: the ranking does not change any more
    expect((await provider.call('POST', `/api/provider/sessions/${session}/admissions/ranking/publish`)).statusCode).toBe(409);
  });

  it('C1 accepts, C2 declines, C3 waits; another candidate cannot touch their offers', async () => {
    const o1 = (await offerOf(0)).offer.id;
    const o2 = (await offerOf(1)).offer.id;
    expect((await clients[3]!.call('POST', `/api/candidate/offers/${o1}/accept`, {})).statusCode).toBe(404);
    const a = await clients[0]!.call('POST', `/api/candidate/offers/${o1}/accept`, {});
    expect(a.statusCode).toBe(200);
    expect(a.json().items[0]).toMatchObject({ wishStatus: 'accepted', offer: { status: 'accepted' } });
    expect((await clients[0]!.call('POST', `/api/candidate/offers/${o1}/accept`, {})).json().error).toBe('proposition_close');
    expect((await clients[1]!.call('POST', `/api/candidate/offers/${o2}/decline`)).statusCode).toBe(200);
    const seats = await w.database.rows<{ seats_taken: number }>(sql`select seats_taken from sessions where id = ${session}`);
    expect(seats[0]!.seats_taken).toBe(1);
    expect(await count(sql`select count(*)::int as n from mail_outbox where kind = 'admissions.offer_accepted'`)).toBe(1);
  });

  it('day 2: free = 3 − (C1 accepted + C3 pending) = 1 → offers C4; a daily round runs once a day', async () => {
    await later(86_400_000, clients, people);
    const res = await operator.call('POST', '/api/admissions/rounds');
    expect(res.statusCode).toBe(201);
    expect(await offersIn(session)).toBe(4);
    expect((await offerOf(3)).offer.status).toBe('pending');
    expect((await offerOf(4)).offer).toBeNull();
    const { runRound } = await import('./use-cases/rounds.ts');
    const ctx = { database: w.database, clock: () => w.clock.now, geo: undefined as never, scales: [], baseUrl: 'http://localhost:3000' };
    const daily = await runRound(ctx, { kind: 'daily', actor: null });
    expect(daily.skipped).toBe(false);
    expect((await runRound(ctx, { kind: 'daily', actor: null })).skipped).toBe(true);
  });

  it('expiry counts as declined: after the deadline C3’s seat goes to C5', async () => {
    const o3 = (await offerOf(2)).offer;
    await later(new Date(o3.deadlineAt).getTime() + 60_000 - w.clock.now.getTime(), clients, people);
    expect((await clients[2]!.call('POST', `/api/candidate/offers/${o3.id}/accept`, {})).json().error).toBe('proposition_expiree');
    const res = await operator.call('POST', '/api/admissions/rounds');
    expect(res.json().expired).toBeGreaterThanOrEqual(1);
    expect((await offerOf(2)).wishStatus).toBe('expired');
    expect((await offerOf(4)).offer.status).toBe('pending');
    expect(await count(sql`select count(*)::int as n from mail_outbox where kind = 'admissions.offer_expired' and recipient = (select email from users where id = ${people[2]})`)).toBe(1);
    expect(await invariantProblems(w.database)).toEqual([]);
  });

  it('the operator lists the rounds', async () => {
    const res = await operator.call('GET', '/api/admissions/rounds');
    expect(res.statusCode).toBe(200);
    expect(res.json().length).toBeGreaterThanOrEqual(4);
    expect(res.json()[0]).toMatchObject({ kind: 'on_demand', status: 'completed' });
  });
});

describe('accepting a better offer and the automatic responder', () => {
  it('accepting declines other offers, releases an earlier acceptance and can withdraw worse waiting wishes', async () => {
    const sessions = [await addSession(w, w.ownTraining, 1), await addSession(w, w.ownTraining, 1), await addSession(w, w.ownTraining, 1), await addSession(w, w.ownTraining, 1)];
    const [me] = await addCandidates(w, [{ name: 'Choix' }]);
    const mine: string[] = [];
    for (const s of sessions) mine.push(await addWish(w, me!, s)); // preferences 1..4
    for (let i = 0; i < 3; i++) await rankAndPublish(provider, sessions[i]!, [mine[i]!]);
    const client = await candidateClient(w, me!);
    // only session 3 (preference 3) has published: one offer
    await operator.call('POST', '/api/admissions/rounds');
    let view = (await client.call('GET', '/api/candidate/admissions')).json();
    const offered = view.items.filter((x: { offer: unknown }) => x.offer);
    expect(offered.map((x: { preference: number }) => x.preference).sort()).toEqual([1, 2, 3]);
    const third = offered.find((x: { sessionId: string }) => x.sessionId === sessions[2]);
    // accept preference 3 keeping better wishes: 1 and 2 are offered too, so they are declined
    const first = offered.find((x: { sessionId: string }) => x.sessionId === sessions[0]);
    const r = await client.call('POST', `/api/candidate/offers/${third.offer.id}/accept`, { withdrawWorse: true });
    expect(r.statusCode).toBe(200);
    const statuses = await w.database.rows<{ session_id: string; status: string }>(sql`select session_id, status from wishes where candidate_user_id = ${me}`);
    const of = (s: string) => statuses.find((x) => x.session_id === s)!.status;
    expect([of(sessions[0]!), of(sessions[1]!), of(sessions[2]!), of(sessions[3]!)]).toEqual(['declined', 'declined', 'accepted', 'withdrawn']);
    void first;
    view = (await client.call('GET', '/api/candidate/admissions')).json();
    expect(view.items.filter((x: { wishStatus: string }) => x.wishStatus === 'accepted')).toHaveLength(1);
  });

  it('the responder accepts the best offer by the candidate’s order, keeps better waiting wishes, withdraws worse ones', async () => {
    const sessions = [await addSession(w, w.ownTraining, 1), await addSession(w, w.ownTraining, 1), await addSession(w, w.ownTraining, 1), await addSession(w, w.ownTraining, 1)];
    const [me] = await addCandidates(w, [{ name: 'Auto' }]);
    const mine: string[] = [];
    for (const s of sessions) mine.push(await addWish(w, me!, s)); // preferences 1..4
    // sessions 2 and 4 publish; session 1 ranks someone else first (no seat for me yet); session 3 does not publish
    const [other] = await addCandidates(w, [{ name: 'Autre' }]);
    const otherWish = await addWish(w, other!, sessions[0]!);
    await rankAndPublish(provider, sessions[0]!, [otherWish, mine[0]!]);
    await rankAndPublish(provider, sessions[1]!, [mine[1]!]);
    await rankAndPublish(provider, sessions[3]!, [mine[3]!]);
    const client = await candidateClient(w, me!);
    expect((await client.call('PUT', '/api/candidate/admissions/auto-responder', { enabled: true })).json().autoResponder).toBe(true);
    const res = await operator.call('POST', '/api/admissions/rounds');
    expect(res.json()).toMatchObject({ autoAccepted: 1, autoDeclined: 1, autoWithdrawn: 1 });
    const statuses = await w.database.rows<{ session_id: string; status: string }>(sql`select session_id, status from wishes where candidate_user_id = ${me}`);
    const of = (s: string) => statuses.find((x) => x.session_id === s)!.status;
    // 1 (better, waiting) stays; 2 accepted; 3 (worse, waiting) withdrawn; 4 (worse, offered) declined
    expect([of(sessions[0]!), of(sessions[1]!), of(sessions[2]!), of(sessions[3]!)]).toEqual(['ranked', 'accepted', 'withdrawn', 'declined']);
    const answered = await w.database.rows<{ answered_by: string }>(sql`select answered_by from admission_offers where candidate_user_id = ${me} and status = 'accepted'`);
    expect(answered[0]!.answered_by).toBe('auto_responder');
    // later, the better wish (preference 1) gets its offer: the responder takes it and releases the acceptance
    const otherClient = await candidateClient(w, other!);
    const otherOffer = (await otherClient.call('GET', '/api/candidate/admissions')).json().items[0].offer.id;
    await otherClient.call('POST', `/api/candidate/offers/${otherOffer}/decline`);
    const again = await operator.call('POST', '/api/admissions/rounds');
    expect(again.json()).toMatchObject({ autoAccepted: 1, autoDeclined: 1 });
    const after = await w.database.rows<{ session_id: string; status: string }>(sql`select session_id, status from wishes where candidate_user_id = ${me}`);
    expect(after.find((x) => x.session_id === sessions[0])!.status).toBe('accepted');
    expect(after.find((x) => x.session_id === sessions[1])!.status).toBe('withdrawn');
    expect(await invariantProblems(w.database)).toEqual([]);
  });
});
