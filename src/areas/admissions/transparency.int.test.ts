/**
 * Transparency (ADMISSIONS.md §3): each session's rules are public on its training's page, and the
 * candidate sees, for each waiting wish, their call rank and the last call rank offered, and for every
 * offer why it came at that call rank (pedagogical rank, the constraints that moved it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/app.ts';
import { addCandidates, addSession, addWish, candidateClient, OPERATOR_EMAIL, PROVIDER_EMAIL, rankAndPublish, signedIn, world, type World } from './test-support.ts';

let w: World;
let session: string;
let provider: TestClient;

const RANKING = 'C1 C2 B1 C3 C4 C5 B2 C6 C7 C8 C9 C10 C11 C12 C13 C14 B3 C15 C16 C17'.split(' ');
const BOURSIERS = 'Boursier·es (échelon 0 bis ou plus, ou aide GEN accordée)';
const SETTINGS = { constraints: [{ name: 'scholarship', rate: 25 }, { name: 'woman', rate: 40 }], overbookingMargin: 1, blockCallRank: 0, answerDays: 4 };

beforeAll(async () => {
  w = await world();
  provider = await signedIn(w, PROVIDER_EMAIL);
  session = await addSession(w, w.ownTraining, 4);
  expect((await provider.call('PUT', `/api/provider/sessions/${session}/admissions/settings`, SETTINGS)).statusCode).toBe(200);
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('the public rules of a training’s sessions', () => {
  it('are served to anyone, in priority order, with the offer target and no personal data', async () => {
    const res = await w.app.inject({ method: 'GET', url: `/api/trainings/${w.ownTraining}/admission-rules` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { trainingId: string; sessions: { sessionId: string; status: string; startsOn: string }[] };
    expect(body.trainingId).toBe(w.ownTraining);
    const mine = body.sessions.find((x) => x.sessionId === session);
    expect(mine).toEqual({
      sessionId: session,
      startsOn: '2027-03-01',
      endsOn: '2027-09-30',
      status: 'recruiting',
      seats: 4,
      offerTarget: 5,
      overbookingMargin: 1,
      blockCallRank: 0,
      answerDays: 4,
      timeZone: expect.any(String),
      rankingPublished: false,
      constraints: [
        { priority: 1, name: 'scholarship', label: BOURSIERS, rate: 25 },
        { priority: 2, name: 'woman', label: 'Femmes', rate: 40 },
      ],
    });
    // the same as the session's own route
    expect((await w.app.inject({ method: 'GET', url: `/api/sessions/${session}/admission-rules` })).json()).toEqual(mine);
    // every session of the training still to come or running, by start date; none that is over
    const all = await w.database.rows<{ id: string; status: string }>(sql`select id, status from sessions where training_id = ${w.ownTraining}`);
    expect(body.sessions.map((x) => x.sessionId).sort()).toEqual(all.filter((x) => x.status !== 'finished').map((x) => x.id).sort());
    expect(body.sessions.map((x) => x.startsOn)).toEqual([...body.sessions.map((x) => x.startsOn)].sort());
    // a session without settings shows the defaults: its seats, no priority public, 3 days
    const other = body.sessions.find((x) => x.sessionId !== session);
    if (other) expect(other).toMatchObject({ overbookingMargin: 0, blockCallRank: 0, answerDays: 3, constraints: [] });
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answer 404 for an unknown training and 400 for a malformed id', async () => {
    expect((await w.app.inject({ method: 'GET', url: '/api/trainings/00000000-0000-4000-8000-000000000001/admission-rules' })).statusCode).toBe(404);
    const bad = await w.app.inject({ method: 'GET', url: '/api/trainings/abc/admission-rules' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ trainingId: expect.stringMatching(/Formation invalide/) });
  });
});

describe('what the candidate sees (the first worked example, scholarship holders 25 %, offer target 4 + 1)', () => {
  let people: string[];
  let clients: TestClient[];
  const item = async (name: string) => {
    const view = (await clients[RANKING.indexOf(name)]!.call('GET', '/api/candidate/admissions')).json();
    return view.items.find((x: { sessionId: string }) => x.sessionId === session);
  };

  beforeAll(async () => {
    people = await addCandidates(w, RANKING.map((name) => ({ name, flags: name.startsWith('B') ? ['scholarship'] : [] })));
    const wishIds: string[] = [];
    for (const p of people) wishIds.push(await addWish(w, p, session));
    await rankAndPublish(provider, session, wishIds);
    clients = await Promise.all(people.map((p) => candidateClient(w, p)));
    expect((await (await signedIn(w, OPERATOR_EMAIL)).call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
  });

  it('an offer made earlier than the ranking says why: the scholarship rate was not met', async () => {
    const b1 = await item('B1');
    expect(b1).toMatchObject({ rank: 3, callRank: 1, wishStatus: 'offered', offer: { status: 'pending' }, lastOfferedCallRank: 5 });
    expect(b1.explanation).toBe(
      `Rang dans le classement : 3 ; rang d’appel : 1. Appelé·e avant 2 candidat·es mieux classé·es : au moment de votre appel, le taux minimum « ${BOURSIERS} » n’était pas atteint et vous en faites partie.`,
    );
    expect(b1.movedBy).toEqual([{ name: 'scholarship', label: BOURSIERS, effect: 'earlier', candidates: 2 }]);
  });

  it('an offer made later than the ranking says who passed and under which constraint', async () => {
    const c1 = await item('C1');
    expect(c1).toMatchObject({ rank: 1, callRank: 2, offer: { status: 'pending' } });
    expect(c1.explanation).toMatch(/1 candidat·e classé·e après vous a été appelé·e avant vous pour respecter les taux minimaux de la session \(1 au titre de « Boursier·es/);
    expect(c1.movedBy).toEqual([{ name: 'scholarship', label: BOURSIERS, effect: 'later', candidates: 1 }]);
    const c3 = await item('C3');
    expect(c3).toMatchObject({ rank: 4, callRank: 4, movedBy: [], explanation: expect.stringMatching(/Les taux minimaux n’ont pas modifié votre place\.$/) });
  });

  it('a waiting wish shows its call rank, its place and the last call rank offered, and moves up as offers are answered', async () => {
    const c4 = await item('C4');
    expect(c4).toMatchObject({ rank: 5, callRank: 6, wishStatus: 'ranked', offer: null, waitingPlace: 1, lastOfferedCallRank: 5 });
    expect(c4.waiting).toBe('Rang d’appel 6, 1re place sur la liste d’attente ; dans cette session, le dernier rang d’appel ayant reçu une proposition est 5.');
    expect(c4.explanation).toMatch(/^Rang dans le classement : 5 ; rang d’appel : 6\. 1 candidat·e classé·e après vous a été appelé·e avant vous .*\(1 au titre de « Boursier·es/);
    const c6 = await item('C6');
    expect(c6).toMatchObject({ callRank: 8, waitingPlace: 3 });
    expect(c6.waiting).toMatch(/^Rang d’appel 8, 3e place/);

    // C1 declines: the next round offers call rank 6 (C4); C5 is now first in line, behind call rank 6
    const o = (await item('C1')).offer.id;
    expect((await clients[RANKING.indexOf('C1')]!.call('POST', `/api/candidate/offers/${o}/decline`)).statusCode).toBe(200);
    w.clock.now = new Date(w.clock.now.getTime() + 86_400_000);
    expect((await (await signedIn(w, OPERATOR_EMAIL)).call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
    clients = await Promise.all(people.map((p) => candidateClient(w, p)));
    expect(await item('C4')).toMatchObject({ callRank: 6, offer: { status: 'pending' }, waitingPlace: 0, waiting: null, lastOfferedCallRank: 6 });
    const c5 = await item('C5');
    expect(c5).toMatchObject({ callRank: 7, waitingPlace: 1, lastOfferedCallRank: 6 });
    expect(c5.waiting).toMatch(/le dernier rang d’appel ayant reçu une proposition est 6\.$/);
    // a declined offer keeps its explanation
    expect(await item('C1')).toMatchObject({ wishStatus: 'declined', offer: { status: 'declined' }, explanation: expect.stringMatching(/^Rang dans le classement : 1 ; rang d’appel : 2\./) });
  });
});
