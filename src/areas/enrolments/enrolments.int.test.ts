/** Enrolment at the session's start, the provider's confirmations, and the GEN aid request and decision. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/app.ts';
import { communeDistance } from '../scholarships/domain/distance.ts';
import { simulateAid } from '../scholarships/domain/simulate.ts';
import { loadScales } from '../scholarships/scales.ts';
import { territories } from '../territories/referential.ts';
import { addCandidates, addSession, addWish, candidateClient, OPERATOR_EMAIL, PROVIDER_EMAIL, rankAndPublish, signedIn, world, type World } from '../admissions/test-support.ts';

let w: World;
let session: string;
let people: string[];
let trainingCommune: string;

const count = async (q: ReturnType<typeof sql>) => (await w.database.rows<{ n: number }>(q))[0]!.n;

beforeAll(async () => {
  w = await world('2027-01-20T08:00:00Z');
  trainingCommune = (await w.database.rows<{ c: string }>(sql`select commune_code as c from trainings where id = ${w.ownTraining}`))[0]!.c;
  session = await addSession(w, w.ownTraining, 2, '2027-02-01');
  people = await addCandidates(w, [{ name: 'Lina' }, { name: 'Marc' }, { name: 'Nour' }]);
  const wishIds: string[] = [];
  for (const p of people) wishIds.push(await addWish(w, p, session));
  const provider = await signedIn(w, PROVIDER_EMAIL);
  await rankAndPublish(provider, session, wishIds);
  expect((await (await signedIn(w, OPERATOR_EMAIL)).call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
  for (const p of people.slice(0, 2)) {
    const c = await candidateClient(w, p);
    const offer = (await c.call('GET', '/api/candidate/admissions')).json().items[0].offer.id;
    expect((await c.call('POST', `/api/candidate/offers/${offer}/accept`, {})).statusCode).toBe(200);
  }
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('enrolments', () => {
  it('open at the session’s start only: accepted offers become enrolments, once', async () => {
    let provider = await signedIn(w, PROVIDER_EMAIL);
    const early = await provider.call('POST', `/api/provider/sessions/${session}/enrolments/open`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('session_pas_commencee');
    w.clock.now = new Date('2027-02-01T07:00:00Z');
    provider = await signedIn(w, PROVIDER_EMAIL);
    const res = await provider.call('POST', `/api/provider/sessions/${session}/enrolments/open`);
    expect(res.statusCode).toBe(200);
    expect(res.json().enrolments.map((e: { status: string }) => e.status)).toEqual(['enrolled', 'enrolled']);
    const { openEnrolments } = await import('./use-cases/enrolments.ts');
    const ctx = { database: w.database, clock: () => w.clock.now, geo: territories(), scales: loadScales(), baseUrl: 'http://localhost:3000' };
    expect((await openEnrolments(ctx, { userId: null, role: 'system', organisationId: null })).enrolments).toBe(0);
    expect(await count(sql`select count(*)::int as n from mail_outbox where kind = 'enrolments.enrolled'`)).toBe(2);
  });

  it('the provider confirms who started, and exits with their motive; the table of transitions holds', async () => {
    const provider = await signedIn(w, PROVIDER_EMAIL);
    const list = (await provider.call('GET', `/api/provider/sessions/${session}/enrolments`)).json();
    const [lina, marc] = [list.enrolments.find((e: { learnerName: string }) => e.learnerName.startsWith('Lina')), list.enrolments.find((e: { learnerName: string }) => e.learnerName.startsWith('Marc'))];
    expect((await provider.call('POST', `/api/provider/enrolments/${lina.id}/status`, { to: 'in_training' })).json().enrolments.find((e: { id: string }) => e.id === lina.id)).toMatchObject({
      status: 'in_training',
      startedOn: '2027-02-01',
    });
    expect((await provider.call('POST', `/api/provider/enrolments/${marc.id}/status`, { to: 'dropped_out' })).statusCode).toBe(400);
    expect((await provider.call('POST', `/api/provider/enrolments/${marc.id}/status`, { to: 'completed' })).json().error).toBe('transition_interdite');
    const out = await provider.call('POST', `/api/provider/enrolments/${marc.id}/status`, { to: 'dropped_out', motive: 'Ne s’est pas présenté' });
    expect(out.json().enrolments.find((e: { id: string }) => e.id === marc.id)).toMatchObject({ status: 'dropped_out', endedOn: '2027-02-01', history: [{ to: 'enrolled' }, { to: 'dropped_out', motive: 'Ne s’est pas présenté' }] });
    expect(await count(sql`select count(*)::int as n from audit where action in ('enrolment.in_training','enrolment.dropped_out')`)).toBe(2);
    // an enrolment of another provider's session is not found
    const other = await signedIn(w, OPERATOR_EMAIL);
    expect((await other.call('POST', `/api/provider/enrolments/${lina.id}/status`, { to: 'completed' })).statusCode).toBe(403);
  });
});

describe('the GEN aid', () => {
  let lina: TestClient;
  let enrolmentId: string;

  it('is requested by an enrolled learner with the inputs of the computation, once', async () => {
    lina = await candidateClient(w, people[0]!);
    const mine = (await lina.call('GET', '/api/learner/enrolments')).json();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'in_training', canRequestAid: true });
    enrolmentId = mine[0].id;
    const bad = await lina.call('POST', `/api/learner/enrolments/${enrolmentId}/aid-request`, { incomeEuros: -1, children: 1, childrenInHigherEducation: 0, disability: false, carer: false, exclusions: [] });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toEqual(['incomeEuros']);
    const noHome = await lina.call('POST', `/api/learner/enrolments/${enrolmentId}/aid-request`, { incomeEuros: 9000, children: 1, childrenInHigherEducation: 0, disability: false, carer: false, exclusions: [] });
    expect(noHome.json().fields).toHaveProperty('homeCommuneCode');
    const body = { incomeEuros: 9000.5, children: 1, childrenInHigherEducation: 0, disability: true, carer: false, exclusions: [], homeCommuneCode: '69123' };
    const ok = await lina.call('POST', `/api/learner/enrolments/${enrolmentId}/aid-request`, body);
    expect(ok.statusCode).toBe(201);
    const km = communeDistance(territories().communes, '69123', trainingCommune).km;
    expect(ok.json()[0].aidRequests[0]).toMatchObject({ status: 'submitted', inputs: { incomeCents: 900050, children: 1, disabilityOrCarer: 1, distanceKm: km, trainingStart: '2027-02-01' }, decision: null });
    expect(ok.json()[0].canRequestAid).toBe(false);
    expect((await lina.call('POST', `/api/learner/enrolments/${enrolmentId}/aid-request`, body)).json().error).toBe('demande_existante');
    // someone else's enrolment is not found; a dropped-out learner cannot ask
    const marc = await candidateClient(w, people[1]!);
    expect((await marc.call('POST', `/api/learner/enrolments/${enrolmentId}/aid-request`, body)).statusCode).toBe(404);
    const marcs = (await marc.call('GET', '/api/learner/enrolments')).json()[0].id;
    expect((await marc.call('POST', `/api/learner/enrolments/${marcs}/aid-request`, body)).json().error).toBe('inscription_close');
    // the income is not in the audit trail
    const audits = await w.database.rows<{ fields: string[]; motive: string | null }>(sql`select fields, motive from audit where action = 'aid_request.submitted'`);
    expect(JSON.stringify(audits)).not.toContain('900050');
  });

  it('is granted by the operator with the computed échelon; the decision stores the scale year and the inputs; the learner sees the payments due', async () => {
    const operator = await signedIn(w, OPERATOR_EMAIL);
    const list = (await operator.call('GET', '/api/aid-requests?status=submitted')).json();
    expect(list).toHaveLength(1);
    const expected = simulateAid(loadScales(), {
      incomeCents: 900050,
      facts: { distanceKm: communeDistance(territories().communes, '69123', trainingCommune).km, children: 1, childrenInHigherEducation: 0, disabilityOrCarer: 1 },
      training: { start: '2027-02-01', end: '2027-09-30' },
    });
    expect(list[0].computed).toMatchObject({ echelon: expected.echelon, monthlyCents: expected.monthlyCents, scaleYear: expected.scaleYear, payments: expected.payments!.payments });
    expect((await operator.call('POST', `/api/aid-requests/${list[0].id}/decision`, { decision: 'refuse' })).statusCode).toBe(400);
    const granted = await operator.call('POST', `/api/aid-requests/${list[0].id}/decision`, { decision: 'grant' });
    expect(granted.statusCode).toBe(200);
    expect((await operator.call('POST', `/api/aid-requests/${list[0].id}/decision`, { decision: 'grant' })).json().error).toBe('demande_decidee');
    const [d] = await w.database.rows<{ scale_year: string; echelon: string; monthly_cents: number; total_cents: number; payments: number; inputs: { incomeCents: number } }>(
      sql`select scale_year, echelon, monthly_cents::int, total_cents::int, payments, inputs from aid_decisions`,
    );
    expect(d).toMatchObject({ scale_year: expected.scaleYear, echelon: expected.echelon, monthly_cents: expected.monthlyCents, payments: expected.payments!.payments, total_cents: expected.totalCents });
    expect(d!.inputs.incomeCents).toBe(900050);
    const mine = (await lina.call('GET', '/api/learner/enrolments')).json();
    const due = mine[0].aidRequests[0].paymentsDue as { monthStarting: string; amountCents: number; paid: boolean }[];
    expect(due.filter((p) => p.paid)).toHaveLength(expected.payments!.payments);
    expect(due[0]).toMatchObject({ monthStarting: '2027-02-01', amountCents: expected.monthlyCents, paid: true });
    expect(await count(sql`select count(*)::int as n from mail_outbox where kind = 'aid.decided'`)).toBe(1);
  });

  it('cannot be granted when the computation gives no échelon: refused with a motive', async () => {
    // Nour: accepted later, enrolled, rich household
    const nour = await candidateClient(w, people[2]!);
    const offer = (await nour.call('GET', '/api/candidate/admissions')).json().items[0].offer;
    expect(offer).toBeNull();
    const s2 = await addSession(w, w.ownTraining, 1, '2027-02-01');
    const wish = await addWish(w, people[2]!, s2);
    await w.database.db.execute(sql`update sessions set starts_on = '2027-03-01' where id = ${s2}`);
    const provider = await signedIn(w, PROVIDER_EMAIL);
    await rankAndPublish(provider, s2, [wish]);
    await (await signedIn(w, OPERATOR_EMAIL)).call('POST', '/api/admissions/rounds');
    const o2 = (await nour.call('GET', '/api/candidate/admissions')).json().items.find((x: { sessionId: string }) => x.sessionId === s2).offer.id;
    expect((await nour.call('POST', `/api/candidate/offers/${o2}/accept`, {})).statusCode).toBe(200);
    w.clock.now = new Date('2027-03-01T07:00:00Z');
    const p2 = await signedIn(w, PROVIDER_EMAIL);
    expect((await p2.call('POST', `/api/provider/sessions/${s2}/enrolments/open`)).statusCode).toBe(200);
    const nour2 = await candidateClient(w, people[2]!);
    const e = (await nour2.call('GET', '/api/learner/enrolments')).json()[0].id;
    expect((await nour2.call('POST', `/api/learner/enrolments/${e}/aid-request`, { incomeEuros: 95000, children: 0, childrenInHigherEducation: 0, disability: false, carer: false, exclusions: [], homeCommuneCode: '75056' })).statusCode).toBe(201);
    const operator = await signedIn(w, OPERATOR_EMAIL);
    const req = (await operator.call('GET', '/api/aid-requests?status=submitted')).json()[0];
    expect(req.computed.echelon).toBeNull();
    expect((await operator.call('POST', `/api/aid-requests/${req.id}/decision`, { decision: 'grant' })).json().error).toBe('aucun_echelon');
    const refused = await operator.call('POST', `/api/aid-requests/${req.id}/decision`, { decision: 'refuse', motive: 'Ressources au-dessus du plafond de l’échelon 0 bis.' });
    expect(refused.statusCode).toBe(200);
    const mine = (await nour2.call('GET', '/api/learner/enrolments')).json()[0];
    expect(mine.aidRequests[0]).toMatchObject({ status: 'refused', decision: { decision: 'refused', motive: 'Ressources au-dessus du plafond de l’échelon 0 bis.' }, paymentsDue: [] });
    expect(mine.canRequestAid).toBe(true);
  });

  it('makes its holder a scholarship holder in the next call order snapshot', async () => {
    const s3 = await addSession(w, w.ownTraining, 1, '2027-09-06');
    const provider = await signedIn(w, PROVIDER_EMAIL);
    await provider.call('PUT', `/api/provider/sessions/${s3}/admissions/settings`, { constraints: [{ name: 'scholarship', rate: 50 }], overbookingMargin: 0, blockCallRank: 0, answerDays: 3 });
    const [other] = await addCandidates(w, [{ name: 'Oscar' }]);
    const wishes = [await addWish(w, other!, s3), await addWish(w, people[0]!, s3)];
    await rankAndPublish(provider, s3, wishes);
    const view = (await provider.call('GET', `/api/provider/sessions/${s3}/admissions`)).json();
    const linaEntry = view.entries.find((e: { candidateName: string }) => e.candidateName.startsWith('Lina'));
    expect(linaEntry).toMatchObject({ flags: ['scholarship'], rank: 2, callRank: 1 });
  });
});
