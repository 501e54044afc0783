// A label's suspension, reinstatement and withdrawal, and their effects on the training's open
// sessions, wishes and offers (DOMAIN.md, Lifecycles), on the real database: states, histories, audit
// rows and mails. Then the renewal asked by the provider and granted or refused by the operator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/app.ts';
import { candidateProfiles, sessions } from '../../db/schema/index.ts';
import { addCandidates, addSession, addWish, candidateClient, invariantProblems, OPERATOR_EMAIL, PROVIDER_EMAIL, rankAndPublish, signedIn, world, type World } from '../admissions/test-support.ts';

let w: World;
let op: TestClient;
let provider: TestClient;
let labelId: string;
let training: string;
/** S1 recruiting (2 seats), S2 planned, S3 running: all of the provider's own training */
let s1: string;
let s2: string;
let s3: string;
/** a recruiting session of another training */
let foreignSession: string;
let people: string[];
let clients: TestClient[];
let wishIds: string[];

const rows = <T,>(q: ReturnType<typeof sql>) => w.database.rows<T>(q);
const n = async (q: ReturnType<typeof sql>) => (await rows<{ n: number }>(q))[0]!.n;
const audits = (action: string, objectId?: string) => n(sql`select count(*)::int as n from audit where action = ${action} ${objectId ? sql`and object_id = ${objectId}` : sql``}`);
const mailsTo = (kind: string, userId: string) => n(sql`select count(*)::int as n from mail_outbox where kind = ${kind} and recipient = (select email from users where id = ${userId})`);
const offerOf = async (userId: string, sessionId: string) => {
  const [o] = await rows<{ id: string; status: string; deadline_at: string | Date; answered_by: string | null }>(
    sql`select id, status, deadline_at, answered_by from admission_offers where candidate_user_id = ${userId} and session_id = ${sessionId}`,
  );
  return o && { ...o, deadline_at: new Date(o.deadline_at) };
};
const wishStatus = async (wishId: string) => (await rows<{ status: string; preference: number }>(sql`select status, preference from wishes where id = ${wishId}`))[0]!;
const sessionStatus = async (id: string) => (await rows<{ status: string; seats_taken: number }>(sql`select status, seats_taken from sessions where id = ${id}`))[0]!;
const searchable = async () => {
  const title = (await rows<{ title: string }>(sql`select title from trainings where id = ${training}`))[0]!.title;
  const res = await w.app.inject({ method: 'GET', url: `/api/trainings?q=${encodeURIComponent(title)}&pageSize=50` });
  return res.json().results.some((r: { id: string }) => r.id === training);
};

/** moves the clock; everyone signs in again (sessions of the day end) */
async function later(ms: number) {
  w.clock.now = new Date(w.clock.now.getTime() + ms);
  op = await signedIn(w, OPERATOR_EMAIL);
  provider = await signedIn(w, PROVIDER_EMAIL);
  clients = await Promise.all(people.map((p) => candidateClient(w, p)));
}

beforeAll(async () => {
  w = await world();
  training = w.ownTraining;
  labelId = (await rows<{ id: string }>(sql`select id from labels where training_id = ${training} and status = 'active'`))[0]!.id;
  // only our sessions on this training: the demo ones are moved away from the story
  await w.database.db.update(sessions).set({ status: 'finished' }).where(sql`training_id = ${training}`);
  s1 = await addSession(w, training, 2);
  s2 = await addSession(w, training, 10, '2027-09-01');
  await w.database.db.update(sessions).set({ status: 'planned' }).where(sql`id = ${s2}`);
  s3 = await addSession(w, training, 10, '2026-06-01');
  await w.database.db.update(sessions).set({ status: 'running' }).where(sql`id = ${s3}`);
  foreignSession = await addSession(w, w.foreignTraining, 10);
  people = await addCandidates(w, Array.from({ length: 6 }, (_, i) => ({ name: `Gel${i + 1}` })));
  await w.database.db.insert(candidateProfiles).values(people.map((userId) => ({ userId, communeCode: '93048', gender: 'female' as const, diplomaLevel: 'none' as const, situation: 'job_seeker' as const })));
  // C1..C4 wish S1; C3 also wishes S2; C4 also wishes the foreign session (a wish that must not move)
  wishIds = [];
  for (const p of people.slice(0, 4)) wishIds.push(await addWish(w, p, s1));
  op = await signedIn(w, OPERATOR_EMAIL);
  provider = await signedIn(w, PROVIDER_EMAIL);
  clients = await Promise.all(people.map((p) => candidateClient(w, p)));
  await rankAndPublish(provider, s1, wishIds);
  wishIds.push(await addWish(w, people[2]!, s2));
  wishIds.push(await addWish(w, people[3]!, foreignSession));
  // day 1: offers to C1 and C2; C1 accepts
  expect((await op.call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
  const o1 = await offerOf(people[0]!, s1);
  expect((await clients[0]!.call('POST', `/api/candidate/offers/${o1!.id}/accept`, {})).statusCode).toBe(200);
  expect((await offerOf(people[1]!, s1))!.status).toBe('pending');
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('a suspended label freezes its training', () => {
  let suspendedAt: Date;
  let deadlineBefore: Date;

  it('hides the training from search, its page says why, and tells the candidates (nothing changes on their wishes)', async () => {
    expect(await searchable()).toBe(true);
    deadlineBefore = (await offerOf(people[1]!, s1))!.deadline_at;
    suspendedAt = w.clock.now;
    const res = await op.call('POST', `/api/labels/${labelId}/status`, { to: 'suspended', reason: 'Contrôle des effectifs en cours.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessions: 2, wishes: 5, offers: 1, candidates: 4 });
    expect(await searchable()).toBe(false);
    const page = (await w.app.inject({ method: 'GET', url: `/api/trainings/${training}` })).json();
    expect(page.label).toMatchObject({ status: 'suspended', statusReason: 'Contrôle des effectifs en cours.' });
    // frozen, not changed: sessions, wishes and offers keep their states
    expect((await sessionStatus(s1)).status).toBe('recruiting');
    expect((await sessionStatus(s2)).status).toBe('planned');
    expect((await wishStatus(wishIds[0]!)).status).toBe('accepted');
    expect((await wishStatus(wishIds[1]!)).status).toBe('offered');
    expect((await wishStatus(wishIds[2]!)).status).toBe('ranked');
    expect(await audits('label.suspended', labelId)).toBe(1);
    expect(await audits('label.sessions_frozen', labelId)).toBe(1);
    for (const p of people.slice(0, 4)) expect(await mailsTo('labels.candidate_frozen', p)).toBe(1);
    expect(await mailsTo('labels.candidate_frozen', people[4]!)).toBe(0);
    expect(await n(sql`select count(*)::int as n from mail_outbox where kind = 'labels.suspended'`)).toBeGreaterThanOrEqual(1);
  });

  it('refuses a new wish on its sessions with a clear French message', async () => {
    const res = await clients[4]!.call('POST', '/api/candidate/wishes', { sessionId: s1, motivation: 'Je veux apprendre.' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'formation_gelee', message: expect.stringMatching(/label de cette formation n’est pas actif/) });
    expect(await n(sql`select count(*)::int as n from wishes where candidate_user_id = ${people[4]!}`)).toBe(0);
  });

  it('refuses the acceptance of a pending offer, and changes nothing', async () => {
    const o2 = (await offerOf(people[1]!, s1))!;
    const res = await clients[1]!.call('POST', `/api/candidate/offers/${o2.id}/accept`, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'formation_gelee', message: expect.stringMatching(/label de la formation est suspendu.*Rien n’est perdu/) });
    expect((await offerOf(people[1]!, s1))!.status).toBe('pending');
    expect((await wishStatus(wishIds[1]!)).status).toBe('offered');
  });

  it('keeps a ranking draft but refuses to publish it: publishing would move the frozen wishes', async () => {
    const entries = [{ wishId: wishIds[4]!, rank: 1, notRankedReason: null, notes: 'Entretien très positif' }];
    expect((await provider.call('PUT', `/api/provider/sessions/${s2}/admissions/ranking`, { entries })).statusCode).toBe(200);
    const res = await provider.call('POST', `/api/provider/sessions/${s2}/admissions/ranking/publish`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'formation_gelee', message: expect.stringMatching(/classement ne peut pas être publié.*classement enregistré est gardé/) });
    expect((await wishStatus(wishIds[4]!)).status).not.toBe('ranked');
    expect(await n(sql`select count(*)::int as n from ranking_entries where session_id = ${s2}`)).toBe(1);
  });

  it('is left out of the offer rounds: no offer made, no offer expired, even past the deadline', async () => {
    await later(5 * 86_400_000); // past C2's deadline
    expect(w.clock.now.getTime()).toBeGreaterThan(deadlineBefore.getTime());
    // C2 declines on S1 would free nothing either way; C3, next in the call order, waits.
    // C2 has opted in to the automatic responder: it must not accept the frozen offer either
    const setResponder = (on: boolean) =>
      w.database.db.execute(sql`insert into admission_candidate_settings (user_id, auto_responder, updated_at) values (${people[1]!}, ${on}, now())
                                  on conflict (user_id) do update set auto_responder = excluded.auto_responder`);
    await setResponder(true);
    const res = await op.call('POST', '/api/admissions/rounds');
    expect(res.statusCode).toBe(201);
    await setResponder(false);
    expect((await offerOf(people[1]!, s1))!.status).toBe('pending');
    expect((await wishStatus(wishIds[1]!)).status).toBe('offered');
    expect(await offerOf(people[2]!, s1)).toBeUndefined();
    expect((await wishStatus(wishIds[2]!)).status).toBe('ranked');
    expect(await n(sql`select count(*)::int as n from admission_round_sessions where session_id = ${s1}`)).toBe(1); // day 1 only
  });

  it('reinstated: everything moves again, the pending offer’s deadline moved by the time spent suspended', async () => {
    const res = await op.call('POST', `/api/labels/${labelId}/status`, { to: 'active', reason: 'Contrôle levé, effectifs conformes.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessions: 2, wishes: 5, offers: 1, candidates: 4 });
    expect(await searchable()).toBe(true);
    const o2 = (await offerOf(people[1]!, s1))!;
    expect(o2.status).toBe('pending');
    expect(o2.deadline_at.getTime()).toBe(deadlineBefore.getTime() + (w.clock.now.getTime() - suspendedAt.getTime()));
    expect(await audits('offer.deadline_extended', o2.id)).toBe(1);
    expect(await audits('label.reinstated', labelId)).toBe(1);
    expect(await audits('label.sessions_unfrozen', labelId)).toBe(1);
    expect(await mailsTo('labels.candidate_unfrozen', people[1]!)).toBe(1);
    const mail = (await rows<{ text: string }>(sql`select text from mail_outbox where kind = 'labels.candidate_unfrozen' and recipient = (select email from users where id = ${people[1]!})`))[0]!;
    expect(mail.text).toMatch(/prolongé de la durée de la suspension/);
    // the candidate accepts now; a new wish is possible again
    expect((await clients[1]!.call('POST', `/api/candidate/offers/${o2.id}/accept`, {})).statusCode).toBe(200);
    expect((await clients[4]!.call('POST', '/api/candidate/wishes', { sessionId: s1, motivation: 'Je veux apprendre.' })).statusCode).toBe(201);
    wishIds.push((await rows<{ id: string }>(sql`select id from wishes where candidate_user_id = ${people[4]!}`))[0]!.id);
    expect(await invariantProblems(w.database)).toEqual([]);
  });
});

describe('a withdrawn label cancels its training’s open sessions', () => {
  it('cancels the open sessions, withdraws their wishes and releases their offers, as the platform, with the reason', async () => {
    // before: S1 holds C1 and C2 accepted, C3 and C4 ranked, C5 submitted; S2 holds C3's wish; C4 also wishes a foreign session
    expect((await sessionStatus(s1)).seats_taken).toBe(2);
    const reason = 'Manquements graves à la charte du label.';
    const res = await op.call('POST', `/api/labels/${labelId}/status`, { to: 'withdrawn', reason });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ sessions: 2, wishes: 6, offers: 2, candidates: 5 });
    expect(await searchable()).toBe(false);
    // sessions: open ones cancelled, the running one untouched
    expect(await sessionStatus(s1)).toEqual({ status: 'cancelled', seats_taken: 0 });
    expect((await sessionStatus(s2)).status).toBe('cancelled');
    expect((await sessionStatus(s3)).status).toBe('running');
    // wishes: withdrawn by the platform, reason in their history; the foreign one kept, renumbered to 1
    const cancelled = [wishIds[0]!, wishIds[1]!, wishIds[2]!, wishIds[3]!, wishIds[4]!, wishIds[6]!];
    for (const id of cancelled) expect(await wishStatus(id)).toEqual({ status: 'withdrawn', preference: 0 });
    expect(await wishStatus(wishIds[5]!)).toEqual({ status: 'submitted', preference: 1 });
    const events = await rows<{ from_status: string; actor_role: string; actor_user_id: string | null; motive: string }>(
      sql`select distinct on (wish_id) from_status, actor_role, actor_user_id, motive from wish_events where to_status = 'withdrawn' and wish_id in (${sql.join(cancelled.map((id) => sql`${id}`), sql`, `)}) order by wish_id, id desc`,
    );
    expect(events).toHaveLength(6);
    for (const e of events) expect(e).toMatchObject({ actor_role: 'system', actor_user_id: null, motive: `Label de la formation retiré : ${reason}` });
    // C3's wish on S2 went under review when the provider saved its (unpublished) ranking draft
    expect(events.map((e) => e.from_status).sort()).toEqual(['accepted', 'accepted', 'ranked', 'ranked', 'submitted', 'under_review']);
    // offers: released by the platform
    for (const p of people.slice(0, 2)) expect(await offerOf(p, s1)).toMatchObject({ status: 'released', answered_by: 'system' });
    // audit: the label, each session, each wish, each offer, the notice
    expect(await audits('label.withdrawn', labelId)).toBe(1);
    expect(await audits('session.cancelled', s1)).toBe(1);
    expect(await audits('session.cancelled', s2)).toBe(1);
    expect(await audits('session.cancelled', s3)).toBe(0);
    for (const id of cancelled) expect(await audits('wish.withdrawn', id)).toBe(1);
    expect(await n(sql`select count(*)::int as n from audit where action = 'offer.released' and actor_role = 'system' and from_state = 'accepted'`)).toBe(2);
    expect(await audits('label.candidates_notified', labelId)).toBe(1);
    // mails: every candidate concerned, once, saying why
    for (const p of people.slice(0, 5)) expect(await mailsTo('labels.candidate_notice', p)).toBe(1);
    expect(await mailsTo('labels.candidate_notice', people[5]!)).toBe(0);
    const notice = (await rows<{ text: string }>(sql`select text from mail_outbox where kind = 'labels.candidate_notice' and recipient = (select email from users where id = ${people[0]!})`))[0]!;
    expect(notice.text).toContain(reason);
    expect(notice.text).toMatch(/la place est libérée/);
    expect(await invariantProblems(w.database)).toEqual([]);
  });

  it('its page says why and shows the sessions cancelled; no wish, no offer any more', async () => {
    const page = (await w.app.inject({ method: 'GET', url: `/api/trainings/${training}` })).json();
    expect(page.label).toMatchObject({ status: 'withdrawn', statusReason: 'Manquements graves à la charte du label.' });
    expect(page.sessions.find((s: { id: string }) => s.id === s1)).toMatchObject({ status: 'cancelled', seatsLeft: 2 });
    const res = await clients[5]!.call('POST', '/api/candidate/wishes', { sessionId: s1, motivation: 'Je veux apprendre.' });
    expect(res.statusCode).toBe(409);
    expect((await op.call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
    expect(await n(sql`select count(*)::int as n from admission_offers where session_id = ${s1} and status = 'pending'`)).toBe(0);
    // a withdrawn label is final
    expect((await op.call('POST', `/api/labels/${labelId}/status`, { to: 'active', reason: 'Erreur de manipulation.' })).statusCode).toBe(409);
  });
});

describe('renewal asked by the provider, granted or refused by the operator', () => {
  let current: string;
  let lapsed: string;

  beforeAll(async () => {
    // a new label of the training (granted 2025-01-10, valid until 2028-01-10), and an old one expired on 2027-01-01
    current = (await rows<{ id: string }>(sql`insert into labels (training_id, status, granted_on, valid_until) values (${training}, 'active', '2025-01-10', '2028-01-10') returning id`))[0]!.id;
    lapsed = (await rows<{ id: string }>(sql`insert into labels (training_id, status, granted_on, valid_until) values (${training}, 'expired', '2024-01-01', '2027-01-01') returning id`))[0]!.id;
  });

  const mine = async () => (await provider.call('GET', '/api/provider/labels')).json() as { id: string; status: string; validUntil: string; canRequest: boolean; renewalNote: string | null; requests: { status: string; decisionMotive: string | null }[] }[];

  it('is refused too early, with the date the window opens, and changes nothing', async () => {
    const before = (await mine()).find((l) => l.id === current)!;
    expect(before).toMatchObject({ status: 'active', canRequest: false, renewalNote: expect.stringMatching(/10\/07\/2027/) });
    const res = await provider.call('POST', `/api/provider/labels/${current}/renewal-request`, { motive: 'La formation continue avec de bons résultats.' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'renouvellement_impossible', message: 'Le renouvellement s’ouvre six mois avant la fin de validité, le 10/07/2027.' });
    expect(await n(sql`select count(*)::int as n from label_renewal_requests`)).toBe(0);
  });

  it('is refused too late (expired more than six months ago), with a French message', async () => {
    await later(Date.parse('2027-08-02T08:00:00Z') - w.clock.now.getTime());
    const res = await provider.call('POST', `/api/provider/labels/${lapsed}/renewal-request`, { motive: 'Nous souhaitons reprendre la formation.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('Le label a expiré depuis plus de six mois (le 01/01/2027) : la formation doit répondre à un nouvel appel.');
    // nor by the operator directly
    expect((await op.call('POST', `/api/labels/${lapsed}/renewal`, {})).json()).toMatchObject({ error: 'renouvellement_impossible' });
    expect(await n(sql`select count(*)::int as n from label_renewal_requests`)).toBe(0);
  });

  it('inside the window: asked once (a motive is required), seen by the operator, refused with a motive', async () => {
    expect((await mine()).find((l) => l.id === current)).toMatchObject({ canRequest: true, renewalNote: null });
    const bad = await provider.call('POST', `/api/provider/labels/${current}/renewal-request`, { motive: 'court' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields.motive).toMatch(/10 caractères/);
    const asked = await provider.call('POST', `/api/provider/labels/${current}/renewal-request`, { motive: 'La formation continue avec de bons résultats.' });
    expect(asked.statusCode).toBe(201);
    expect((await provider.call('POST', `/api/provider/labels/${current}/renewal-request`, { motive: 'Une seconde demande identique.' })).json()).toMatchObject({ error: 'demande_en_cours' });
    expect((await mine()).find((l) => l.id === current)).toMatchObject({ canRequest: false, requests: [{ status: 'pending' }] });
    const listed = (await op.call('GET', '/api/labels?demande=1')).json();
    expect(listed.total).toBe(1);
    expect(listed.results[0]).toMatchObject({ id: current, renewable: true, renewalRequest: { id: asked.json().id, motive: 'La formation continue avec de bons résultats.' } });
    expect((await op.call('POST', `/api/labels/${current}/renewal-request/refusal`, { motive: '' })).statusCode).toBe(400);
    expect((await op.call('POST', `/api/labels/${current}/renewal-request/refusal`, { motive: 'Bilan des sessions attendu avant toute décision.' })).statusCode).toBe(204);
    expect((await op.call('POST', `/api/labels/${current}/renewal-request/refusal`, { motive: 'Bilan des sessions attendu avant toute décision.' })).json()).toMatchObject({ error: 'aucune_demande' });
    expect((await mine()).find((l) => l.id === current)).toMatchObject({ canRequest: true, requests: [{ status: 'refused', decisionMotive: 'Bilan des sessions attendu avant toute décision.' }] });
    expect(await audits('label.renewal_requested')).toBe(1);
    expect(await audits('label.renewal_refused')).toBe(1);
    expect(await n(sql`select count(*)::int as n from mail_outbox where kind = 'labels.renewal_requested'`)).toBeGreaterThanOrEqual(1);
    expect(await n(sql`select count(*)::int as n from mail_outbox where kind = 'labels.renewal_refused' and text like '%Bilan des sessions attendu%'`)).toBeGreaterThanOrEqual(1);
  });

  it('asked again, granted by the operator: a new label continuing from the end of the current one, the request closed', async () => {
    const asked = await provider.call('POST', `/api/provider/labels/${current}/renewal-request`, { motive: 'Le bilan des sessions est joint au dossier.' });
    expect(asked.statusCode).toBe(201);
    const granted = await op.call('POST', `/api/labels/${current}/renewal`, { motive: 'Bilan conforme.' });
    expect(granted.statusCode).toBe(201);
    expect(granted.json().validUntil).toBe('2031-01-10');
    const req = (await rows<{ status: string; new_label_id: string; decided_at: string | null }>(sql`select status, new_label_id, decided_at from label_renewal_requests where id = ${asked.json().id}`))[0]!;
    expect(req).toMatchObject({ status: 'granted', new_label_id: granted.json().id });
    expect(req.decided_at).not.toBeNull();
    const labels = await mine();
    expect(labels.find((l) => l.id === current)).toMatchObject({ status: 'expired', canRequest: false, renewalNote: 'Ce label a été renouvelé.' });
    expect(labels.find((l) => l.id === granted.json().id)).toMatchObject({ status: 'active', validUntil: '2031-01-10' });
    expect(await audits('label.renewal_granted', asked.json().id)).toBe(1);
    expect(await audits('label.renewed', granted.json().id)).toBe(1);
    expect((await op.call('GET', '/api/labels?demande=1')).json().total).toBe(0);
  });

  it('is the provider’s own: another role is refused, a label of another organisation is not found', async () => {
    expect((await op.call('GET', '/api/provider/labels')).statusCode).toBe(403);
    const foreign = (await rows<{ id: string }>(sql`select id from labels where training_id = ${w.foreignTraining} limit 1`))[0]!.id;
    expect((await provider.call('POST', `/api/provider/labels/${foreign}/renewal-request`, { motive: 'Pas mon label du tout.' })).statusCode).toBe(404);
    expect((await mine()).some((l) => l.id === foreign)).toBe(false);
  });
});
