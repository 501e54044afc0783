/** Integration-test helpers of the admissions area: a demo network, sessions, candidates with flags, wishes. */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { testApp, TestClient } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../db/client.ts';
import { diagnosisCriteria, eligibilityDiagnoses, memberships, sessions, users, wishes } from '../../db/schema/index.ts';
import { DEMO_PASSWORD, insertDemoAccounts } from '../../seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../seed/generate.ts';
import { insertNetworkRows } from '../../seed/insert.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { CRITERIA } from '../candidates/domain/vocabulary.ts';

export interface World {
  database: Database;
  dispose: () => Promise<void>;
  app: FastifyInstance;
  clock: { now: Date };
  /** provider1's organisation and one of its trainings; a training of another provider */
  ownProvider: string;
  ownTraining: string;
  foreignTraining: string;
  passwordHash: string;
}

export async function world(start = '2026-12-01T09:00:00Z', env: Record<string, string> = {}): Promise<World> {
  const { database, dispose } = await freshDatabase();
  const rows = generateDemoNetwork({ seed: 6, providers: 4, trainings: 6, sessions: 4, today: '2026-11-29' });
  const passwordHash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, passwordHash);
  });
  const providers = rows.organisations.filter((o) => o.kind === 'provider');
  const ownProvider = providers[0]!.id;
  const ownTraining = rows.trainings.find((t) => t.providerId === ownProvider)!.id;
  const foreignTraining = rows.trainings.find((t) => t.providerId !== providers[0]!.id && t.providerId !== providers[1]!.id)!.id;
  const clock = { now: new Date(start) };
  const app = await testApp(database, { clock: () => clock.now, env });
  return { database, dispose, app, clock, ownProvider, ownTraining, foreignTraining, passwordHash };
}

export async function addSession(w: World, trainingId: string, seats: number, startsOn = '2027-03-01'): Promise<string> {
  const [row] = await w.database.db
    .insert(sessions)
    .values({ trainingId, startsOn, endsOn: `${startsOn.slice(0, 4)}-09-30`, seats, status: 'recruiting' })
    .returning({ id: sessions.id });
  return row!.id;
}

let counter = 0;

/** Candidates with an account, a current diagnosis holding `flags` (criteria names) and a birth date. */
export async function addCandidates(w: World, specs: { flags?: string[]; birthDate?: string; name?: string }[]): Promise<string[]> {
  const ids: string[] = [];
  await w.database.db.transaction(async (tx) => {
    for (const spec of specs) {
      counter++;
      const [u] = await tx
        .insert(users)
        .values({ email: `cand${counter}@test.fabriques.fr`, emailVerifiedAt: w.clock.now, passwordHash: w.passwordHash, givenName: spec.name ?? `Cand${counter}`, familyName: 'Test', birthDate: spec.birthDate ?? '1990-01-01' })
        .returning({ id: users.id });
      await tx.insert(memberships).values({ userId: u!.id, role: 'candidate' });
      const [d] = await tx
        .insert(eligibilityDiagnoses)
        .values({ candidateUserId: u!.id, authorUserId: u!.id, authorRole: 'candidate', facts: {}, createdAt: w.clock.now, expiresAt: new Date(w.clock.now.getTime() + 180 * 86_400_000) })
        .returning({ id: eligibilityDiagnoses.id });
      await tx.insert(diagnosisCriteria).values(CRITERIA.map((c) => ({ diagnosisId: d!.id, criterion: c, met: (spec.flags ?? []).includes(c), source: 'self_declared' as const })));
      ids.push(u!.id);
    }
  });
  return ids;
}

/** A wish of a candidate for a session (status submitted), with the candidate's next preference. */
export async function addWish(w: World, candidateUserId: string, sessionId: string): Promise<string> {
  const [{ n }] = (await w.database.rows<{ n: number }>(
    sql`select count(*)::int as n from wishes where candidate_user_id = ${candidateUserId} and status in ('submitted','under_review','ranked','offered')`,
  )) as [{ n: number }];
  const [row] = await w.database.db
    .insert(wishes)
    .values({ candidateUserId, sessionId, motivation: 'Motivée.', createdByUserId: candidateUserId, status: 'submitted', preference: n + 1, createdAt: w.clock.now, updatedAt: w.clock.now })
    .returning({ id: wishes.id });
  return row!.id;
}

export async function signedIn(w: World, email: string): Promise<TestClient> {
  const c = new TestClient(w.app);
  const res = await c.signIn(email, DEMO_PASSWORD);
  if (res.statusCode !== 200) throw new Error(`sign-in ${email}: ${res.statusCode} ${res.body}`);
  return c;
}

export async function candidateClient(w: World, userId: string): Promise<TestClient> {
  const [u] = await w.database.rows<{ email: string }>(sql`select email from users where id = ${userId}`);
  return signedIn(w, u!.email);
}

export const PROVIDER_EMAIL = 'formation@demo.fabriques.fr';
export const OPERATOR_EMAIL = 'operateur@demo.fabriques.fr';

/** Ranks every wish of a session in the given order (wish ids) and publishes the ranking. */
export async function rankAndPublish(provider: TestClient, sessionId: string, wishIds: string[], notRanked: string[] = []): Promise<void> {
  const entries = [
    ...wishIds.map((wishId, i) => ({ wishId, rank: i + 1, notRankedReason: null, notes: null })),
    ...notRanked.map((wishId) => ({ wishId, rank: null, notRankedReason: 'Prérequis non acquis', notes: null })),
  ];
  const saved = await provider.call('PUT', `/api/provider/sessions/${sessionId}/admissions/ranking`, { entries });
  if (saved.statusCode !== 200) throw new Error(`ranking: ${saved.statusCode} ${saved.body}`);
  const published = await provider.call('POST', `/api/provider/sessions/${sessionId}/admissions/ranking/publish`);
  if (published.statusCode !== 200) throw new Error(`publish: ${published.statusCode} ${published.body}`);
}

/** Invariants of ADMISSIONS.md on the database as it is: returns the problems found (empty when none). */
export async function invariantProblems(database: Database): Promise<string[]> {
  const problems: string[] = [];
  const over = await database.rows<{ id: string; seats: number; accepted: number }>(sql`
    select s.id, s.seats, count(o.*)::int as accepted
      from sessions s join admission_offers o on o.session_id = s.id and o.status = 'accepted'
      left join admission_settings a on a.session_id = s.id
     where coalesce(a.overbooking_margin, 0) = 0 and coalesce(a.block_call_rank, 0) = 0
     group by s.id, s.seats having count(o.*) > s.seats`);
  for (const o of over) problems.push(`session ${o.id}: ${o.accepted} accepted > ${o.seats} seats`);
  const twice = await database.rows<{ id: string; n: number }>(sql`select candidate_user_id as id, count(*)::int as n from wishes where status = 'accepted' group by candidate_user_id having count(*) > 1`);
  for (const t of twice) problems.push(`candidate ${t.id}: ${t.n} accepted wishes`);
  const mismatch = await database.rows<{ id: string; status: string; offer: string }>(sql`
    select w.id, w.status, o.status as offer from wishes w join admission_offers o on o.wish_id = w.id
     where not ((o.status = 'pending' and w.status = 'offered') or (o.status = 'accepted' and w.status = 'accepted')
             or (o.status = 'declined' and w.status = 'declined') or (o.status = 'expired' and w.status = 'expired')
             or (o.status = 'released' and w.status = 'withdrawn'))`);
  for (const m of mismatch) problems.push(`wish ${m.id}: wish ${m.status} but offer ${m.offer}`);
  const offeredWithout = await database.rows<{ id: string }>(sql`select w.id from wishes w where w.status in ('offered','accepted') and not exists (select 1 from admission_offers o where o.wish_id = w.id)`);
  for (const m of offeredWithout) problems.push(`wish ${m.id}: ${'offered/accepted'} without an offer`);
  const seats = await database.rows<{ id: string }>(sql`
    select s.id from sessions s where exists (select 1 from admission_offers o where o.session_id = s.id)
       and s.seats_taken <> least(s.seats, (select count(*) from admission_offers o where o.session_id = s.id and o.status = 'accepted'))`);
  for (const s of seats) problems.push(`session ${s.id}: seats_taken out of step`);
  return problems;
}
