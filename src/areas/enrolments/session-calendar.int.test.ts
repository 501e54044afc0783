/**
 * Sessions move along their calendar (DOMAIN.md: planned → recruiting → running → finished) in the
 * daily `enrolments-open` job, in the same transaction as the enrolments of the sessions that start,
 * one audit row per step; the provider's « inscrire » button moves its own session only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { sessions } from '../../db/schema/index.ts';
import { SYSTEM_ACTOR } from '../accounts/audit/record.ts';
import { admissionsJobs } from '../admissions/jobs.ts';
import { addCandidates, addWish, candidateClient, OPERATOR_EMAIL, PROVIDER_EMAIL, rankAndPublish, signedIn, world, type World } from '../admissions/test-support.ts';
import { loadScales } from '../scholarships/scales.ts';
import { territories } from '../territories/referential.ts';
import { calendarSteps } from './domain/session-calendar.ts';
import { openEnrolments } from './use-cases/enrolments.ts';

let w: World;
const s: Record<string, string> = {};
let people: string[];

type Status = 'planned' | 'recruiting' | 'running' | 'finished';

async function insertSession(trainingId: string, startsOn: string, endsOn: string, status: Status, seats = 2): Promise<string> {
  const [row] = await w.database.db.insert(sessions).values({ trainingId, startsOn, endsOn, seats, status }).returning({ id: sessions.id });
  return row!.id;
}

const statusOf = async (id: string) => (await w.database.rows<{ status: string }>(sql`select status from sessions where id = ${id}`))[0]!.status;
const sessionAudit = (id: string) =>
  w.database.rows<{ action: string; from_state: string; to_state: string; actor_role: string; at: string }>(
    sql`select action, from_state, to_state, actor_role, at::text as at from audit where object_type = 'session' and object_id = ${id} and action like 'session.%' order by id`,
  );

beforeAll(async () => {
  w = await world('2026-11-25T09:00:00Z');
  // C and G start on 1 December; A opens its recruitment within 120 days of it; B does not yet;
  // D ended on 30 November; E should have opened and started already (a job that missed days)
  s.C = await insertSession(w.ownTraining, '2026-12-01', '2027-03-31', 'recruiting');
  s.G = await insertSession(w.ownTraining, '2026-12-01', '2027-03-31', 'recruiting', 1);
  s.A = await insertSession(w.ownTraining, '2027-03-01', '2027-09-30', 'planned');
  s.B = await insertSession(w.ownTraining, '2027-06-01', '2027-12-01', 'planned');
  s.D = await insertSession(w.ownTraining, '2026-06-01', '2026-11-30', 'running');
  s.E = await insertSession(w.ownTraining, '2026-11-20', '2027-05-30', 'planned');
  people = await addCandidates(w, [{ name: 'Ines' }, { name: 'Jules' }, { name: 'Karim' }]);
  const provider = await signedIn(w, PROVIDER_EMAIL);
  await rankAndPublish(provider, s.C!, [await addWish(w, people[0]!, s.C!), await addWish(w, people[1]!, s.C!)]);
  await rankAndPublish(provider, s.G!, [await addWish(w, people[2]!, s.G!)]);
  expect((await (await signedIn(w, OPERATOR_EMAIL)).call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
  // Ines (C) and Karim (G) accept; Jules leaves his offer pending
  for (const p of [people[0]!, people[2]!]) {
    const c = await candidateClient(w, p);
    const offer = (await c.call('GET', '/api/candidate/admissions')).json().items[0].offer.id;
    expect((await c.call('POST', `/api/candidate/offers/${offer}/accept`, {})).statusCode).toBe(200);
  }
  w.clock.now = new Date('2026-12-01T04:30:00Z'); // 05:30 in Paris
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('the session calendar (pure)', () => {
  it('walks the table one step at a time, forward only', () => {
    expect(calendarSteps('planned', '2026-11-20', '2027-05-30', '2026-12-01')).toEqual([
      { from: 'planned', to: 'recruiting' },
      { from: 'recruiting', to: 'running' },
    ]);
    expect(calendarSteps('planned', '2027-03-31', '2027-09-30', '2026-12-01')).toEqual([{ from: 'planned', to: 'recruiting' }]); // 120 days ahead
    expect(calendarSteps('planned', '2027-04-01', '2027-09-30', '2026-12-01')).toEqual([]); // 121
    expect(calendarSteps('running', '2026-06-01', '2026-12-01', '2026-12-01')).toEqual([]); // its last day
    expect(calendarSteps('running', '2026-06-01', '2026-11-30', '2026-12-01')).toEqual([{ from: 'running', to: 'finished' }]);
    expect(calendarSteps('finished', '2027-03-01', '2027-09-30', '2026-12-01')).toEqual([]); // never backwards
  });
});

describe('sessions move along their calendar', () => {
  it('the provider’s button starts its own session only, with an audit row, and the public page follows', async () => {
    const provider = await signedIn(w, PROVIDER_EMAIL);
    const res = await provider.call('POST', `/api/provider/sessions/${s.G}/enrolments/open`);
    expect(res.statusCode).toBe(200);
    expect(res.json().enrolments).toHaveLength(1);
    expect(await statusOf(s.G!)).toBe('running');
    expect(await sessionAudit(s.G!)).toEqual([expect.objectContaining({ action: 'session.running', from_state: 'recruiting', to_state: 'running', actor_role: 'provider' })]);
    // nothing else moved
    expect(await statusOf(s.A!)).toBe('planned');
    expect(await statusOf(s.C!)).toBe('recruiting');
    // the public catalogue shows it running (the apply button closes: applying needs `recruiting`)
    const page = await w.app.inject({ method: 'GET', url: `/api/trainings/${w.ownTraining}` });
    expect(page.json().sessions.find((x: { id: string }) => x.id === s.G)).toMatchObject({ status: 'running' });
  });

  it('the daily job moves every session due, in the transaction of the enrolments, one audit row per step', async () => {
    let refreshed = 0;
    const ctx = { database: w.database, clock: () => w.clock.now, geo: territories(), scales: loadScales(), baseUrl: 'http://localhost:3000', catalogue: { refresh: async () => void refreshed++ } };
    const job = admissionsJobs(ctx).find((j) => j.name === 'enrolments-open')!;
    await job.handler({}, { id: 'test', name: job.name });
    expect(await statusOf(s.C!)).toBe('running');
    expect(await statusOf(s.A!)).toBe('recruiting');
    expect(await statusOf(s.B!)).toBe('planned');
    expect(await statusOf(s.D!)).toBe('finished');
    expect(await statusOf(s.E!)).toBe('running');
    expect(refreshed).toBe(1);

    const c = await sessionAudit(s.C!);
    expect(c).toEqual([expect.objectContaining({ action: 'session.running', from_state: 'recruiting', to_state: 'running', actor_role: 'system' })]);
    expect((await sessionAudit(s.E!)).map((r) => [r.from_state, r.to_state])).toEqual([
      ['planned', 'recruiting'],
      ['recruiting', 'running'],
    ]);
    expect((await sessionAudit(s.D!)).map((r) => r.action)).toEqual(['session.finished']);
    expect((await sessionAudit(s.A!)).map((r) => r.action)).toEqual(['session.recruiting']);
    expect(await sessionAudit(s.B!)).toEqual([]);

    // Ines's accepted offer became an enrolment; Jules's pending offer did not
    const enrolled = await w.database.rows<{ learner_user_id: string; created: string }>(
      sql`select e.learner_user_id, a.at::text as created from enrolments e join audit a on a.object_id = e.id::text and a.action = 'enrolment.created' where e.session_id = ${s.C}`,
    );
    expect(enrolled.map((e) => e.learner_user_id)).toEqual([people[0]]);
    // same transaction: PostgreSQL's now() is the transaction's start, shared by both audit rows
    expect(enrolled[0]!.created).toBe(c[0]!.at);

    // idempotent: a second run moves nothing and writes nothing
    const before = (await w.database.rows<{ n: number }>(sql`select count(*)::int as n from audit`))[0]!.n;
    expect(await openEnrolments(ctx, SYSTEM_ACTOR)).toEqual({ enrolments: 0, moves: [] });
    expect((await w.database.rows<{ n: number }>(sql`select count(*)::int as n from audit`))[0]!.n).toBe(before);
    expect(refreshed).toBe(1);
  });

  it('a session on its last day keeps running; it finishes the next day', async () => {
    const last = await insertSession(w.ownTraining, '2026-10-01', '2026-12-01', 'running');
    const ctx = { database: w.database, clock: () => w.clock.now, geo: territories(), scales: loadScales(), baseUrl: 'http://localhost:3000' };
    await openEnrolments(ctx, SYSTEM_ACTOR);
    expect(await statusOf(last)).toBe('running');
    w.clock.now = new Date('2026-12-02T04:30:00Z');
    await openEnrolments(ctx, SYSTEM_ACTOR);
    expect(await statusOf(last)).toBe('finished');
  });
});
