import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { lastMailToken, TestClient } from '../../../test/support/app.ts';
import { testConfig } from '../../../test/support/config.ts';
import type { Database } from '../../db/client.ts';
import { admissionOffers, aidDecisions, aidRequests, audit, enrolmentEvents, enrolments, mailOutbox, memberships, sessions, users, wishes } from '../../db/schema/index.ts';
import { enqueueMail } from '../../mail/outbox.ts';
import { renderMail } from '../../mail/layout.ts';
import { accountsContext } from '../accounts/context.ts';
import { openSession } from '../accounts/use-cases/sign-in.ts';
import { addSession, invariantProblems, OPERATOR_EMAIL, PROVIDER_EMAIL, signedIn, world, type World } from '../admissions/test-support.ts';
import { phoneSpellings, PLACEHOLDER_DOMAIN } from './domain/anonymise.ts';
import { PERSONAL_DATA } from './registry.ts';

let w: World;
let s1: string;
let s2: string;
let s3: string;
let s4: string;

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);

const philomene = {
  email: 'philomene.kerbrat@exemple.fr',
  password: 'ma tortue danse sous la pluie',
  givenName: 'Philomène',
  familyName: 'Kerbrat-Vasquez',
  phone: '06 47 21 38 95',
};
const anatole = { email: 'anatole.quennehen@exemple.fr', givenName: 'Anatole', familyName: 'Quennehen' };
const lisandre = {
  email: 'lisandre.poupinel@exemple.fr',
  password: 'trois éléphants roses au marché',
  givenName: 'Lisandre',
  familyName: 'Poupinel',
  parentName: 'Gwenaëlle Trémeur-Abiven',
  parentEmail: 'gwenaelle.tremeur@exemple.fr',
};

/** Every text, JSON, array and binary column of every table of the database where one of the values occurs (case-insensitive). */
async function occurrences(database: Database, values: string[]): Promise<string[]> {
  const columns = await database.rows<{ table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
     where c.table_schema = 'public' and c.data_type in ('text', 'character varying', 'character', 'jsonb', 'json', 'ARRAY', 'bytea')`);
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  const patterns = values.map((v) => `%${v}%`);
  for (const c of columns) {
    const col = sql.identifier(c.column_name);
    const table = sql.identifier(c.table_name);
    const where =
      c.data_type === 'bytea'
        ? sql.join(values.map((v) => sql`position(convert_to(${v}, 'UTF8') in ${col}) > 0`), sql` or `)
        : sql`${col}::text ilike any (${sql.raw(`array[${patterns.map((p) => `'${p.replace(/'/g, "''")}'`).join(',')}]`)})`;
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${table} where ${where}`);
    if (row!.n > 0) found.push(`${c.table_name}.${c.column_name} (${row!.n})`);
  }
  return found;
}

async function signUpAndConfirm(body: Record<string, unknown>): Promise<void> {
  const res = await new TestClient(w.app).call('POST', '/api/auth/sign-up', { acceptTerms: true, ...body });
  expect(res.statusCode, res.body).toBe(202);
  const token = await lastMailToken(w.database, body.email as string, 'accounts.confirm_email');
  expect((await new TestClient(w.app).call('POST', '/api/auth/confirm-email', { token })).statusCode).toBe(200);
}

async function userId(email: string): Promise<string> {
  const [u] = await w.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  return u!.id;
}

async function rank(provider: TestClient, sessionId: string, entries: { wishId: string; notes: string | null }[]): Promise<void> {
  const saved = await provider.call('PUT', `/api/provider/sessions/${sessionId}/admissions/ranking`, {
    entries: entries.map((e, i) => ({ wishId: e.wishId, rank: i + 1, notRankedReason: null, notes: e.notes })),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await provider.call('POST', `/api/provider/sessions/${sessionId}/admissions/ranking/publish`)).statusCode).toBe(200);
}

async function wishOf(candidate: string, sessionId: string) {
  const [row] = await w.database.db.select().from(wishes).where(and(eq(wishes.candidateUserId, candidate), eq(wishes.sessionId, sessionId)));
  return row!;
}

async function offerOf(wishId: string) {
  const [row] = await w.database.db.select().from(admissionOffers).where(eq(admissionOffers.wishId, wishId));
  return row;
}

let philomeneId: string;
let anatoleId: string;
let philomeneClient: TestClient;

beforeAll(async () => {
  w = await world();
  s1 = await addSession(w, w.ownTraining, 2, '2027-03-01');
  s2 = await addSession(w, w.ownTraining, 2, '2027-04-01');
  s3 = await addSession(w, w.ownTraining, 2, '2027-05-03');
  s4 = await addSession(w, w.ownTraining, 1, '2027-06-07');
  const provider = await signedIn(w, PROVIDER_EMAIL);
  const operator = await signedIn(w, OPERATOR_EMAIL);

  // Philomène signs up, fills her profile, proves a criterion, applies to three sessions (s2 preferred)
  await signUpAndConfirm({ email: philomene.email, password: philomene.password, givenName: philomene.givenName, familyName: philomene.familyName, birthDate: '2001-04-17' });
  philomeneId = await userId(philomene.email);
  philomeneClient = new TestClient(w.app);
  expect((await philomeneClient.signIn(philomene.email, philomene.password)).statusCode).toBe(200);
  const profile = await philomeneClient.call('PUT', '/api/candidate/profile', {
    givenName: philomene.givenName,
    familyName: philomene.familyName,
    phone: philomene.phone,
    communeCode: '69123',
    gender: 'female',
    diplomaLevel: '4',
    situation: 'job_seeker',
    qpvCode: 'QN06901M',
    zrr: false,
    rqth: true,
    income: { euros: 9_000, children: 1, childrenHigherEducation: 0 },
    consents: { profile: true, health: true, income: true },
  });
  expect(profile.statusCode, profile.body).toBe(200);
  const doc = await w.app.inject({
    method: 'POST',
    url: '/api/candidate/documents?criterion=rqth',
    headers: { cookie: philomeneClient.cookie!, 'x-csrf-token': philomeneClient.csrf!, 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('notification-mdph-kerbrat.pdf') },
    payload: Buffer.concat([PDF, Buffer.from(`Philomène Kerbrat-Vasquez ${philomene.email}`)]),
  });
  expect(doc.statusCode, doc.body).toBe(201);
  expect((await philomeneClient.call('POST', '/api/candidate/diagnosis')).statusCode).toBeLessThan(300);
  for (const sessionId of [s2, s1, s3]) {
    const res = await philomeneClient.call('POST', '/api/candidate/wishes', { sessionId, motivation: `Moi, Philomène Kerbrat-Vasquez, je veux apprendre (joignable au ${philomene.phone}).` });
    expect(res.statusCode, res.body).toBe(201);
  }

  // Anatole, another candidate, applies to s1 too
  const [a] = await w.database.db
    .insert(users)
    .values({ email: anatole.email, emailVerifiedAt: w.clock.now, passwordHash: w.passwordHash, givenName: anatole.givenName, familyName: anatole.familyName, birthDate: '1999-02-02' })
    .returning({ id: users.id });
  anatoleId = a!.id;
  await w.database.db.insert(memberships).values({ userId: anatoleId, role: 'candidate' });
  const anatoleClient = await signedIn(w, anatole.email);
  const anatoleProfile = await anatoleClient.call('PUT', '/api/candidate/profile', {
    givenName: anatole.givenName,
    familyName: anatole.familyName,
    communeCode: '69123',
    gender: 'male',
    diplomaLevel: '3',
    situation: 'neet',
    zrr: false,
    consents: { profile: true, health: false, income: false },
  });
  expect(anatoleProfile.statusCode, anatoleProfile.body).toBe(200);
  expect((await anatoleClient.call('POST', '/api/candidate/wishes', { sessionId: s1, motivation: 'Anatole Quennehen, passionné.' })).statusCode).toBe(201);

  // s1 ranked and offered; Philomène accepts; then s2 (preferred) offers her a place she has not answered
  await rank(provider, s1, [
    { wishId: (await wishOf(philomeneId, s1)).id, notes: `Entretien avec Philomène Kerbrat-Vasquez, rappeler au ${philomene.phone}` },
    { wishId: (await wishOf(anatoleId, s1)).id, notes: 'Anatole Quennehen : dossier complet' },
  ]);
  expect((await operator.call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
  const offer1 = await offerOf((await wishOf(philomeneId, s1)).id);
  expect(offer1?.status).toBe('pending');
  expect((await philomeneClient.call('POST', `/api/candidate/offers/${offer1!.id}/accept`, { withdrawWorse: false })).statusCode).toBe(200);
  await rank(provider, s2, [{ wishId: (await wishOf(philomeneId, s2)).id, notes: null }]);
  w.clock.now = new Date(w.clock.now.getTime() + 60_000);
  expect((await operator.call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
  expect((await offerOf((await wishOf(philomeneId, s2)).id))?.status).toBe('pending');

  // s1 became an enrolment, with a granted aid (inserted as the enrolment and aid areas would)
  const wish1 = await wishOf(philomeneId, s1);
  const [enrolment] = await w.database.db
    .insert(enrolments)
    .values({ wishId: wish1.id, sessionId: s1, learnerUserId: philomeneId, status: 'in_training', enrolledAt: w.clock.now, startedOn: '2027-03-01', updatedAt: w.clock.now })
    .returning({ id: enrolments.id });
  await w.database.db.insert(enrolmentEvents).values({ enrolmentId: enrolment!.id, fromStatus: 'enrolled', toStatus: 'in_training', at: w.clock.now, motive: 'Philomène arrivée le premier jour' });
  const inputs = { incomeCents: 900_000, children: 1, childrenInHigherEducation: 0, disabilityOrCarer: 1, exclusions: [], homeCommuneCode: '69381', trainingCommuneCode: '69123', distanceKm: 12, trainingStart: '2027-03-01', trainingEnd: '2027-09-30' };
  const [request] = await w.database.db
    .insert(aidRequests)
    .values({ enrolmentId: enrolment!.id, learnerUserId: philomeneId, status: 'granted', inputs, submittedAt: w.clock.now, updatedAt: w.clock.now })
    .returning({ id: aidRequests.id });
  await w.database.db.insert(aidDecisions).values({
    requestId: request!.id,
    decision: 'granted',
    decidedAt: w.clock.now,
    inputs,
    academicYear: '2026-2027',
    scaleYear: '2026',
    points: 9,
    echelon: '5',
    annualCents: 482_000,
    monthlyCents: 48_200,
    payments: 7,
    totalCents: 337_400,
    explanation: ['Revenu brut global : 9 000 € (foyer de Philomène Kerbrat-Vasquez)'],
  });
  // a mail to someone else that names her
  await enqueueMail(w.database.db, {
    to: PROVIDER_EMAIL,
    kind: 'test.mention',
    subject: 'Nouvelle inscrite : Philomène Kerbrat-Vasquez',
    ...renderMail({ greeting: 'Bonjour,', paragraphs: [`Philomène Kerbrat-Vasquez (${philomene.email}, ${philomene.phone}) commence lundi.`] }),
  });
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('the export of one’s data (GET /api/account/data)', () => {
  it('is a JSON download of every section of the registry, with the person’s data and nobody else’s, without secrets', async () => {
    const res = await philomeneClient.call('GET', '/api/account/data');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="mes-donnees-fabriques-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers['cache-control']).toBe('no-store');
    const data = res.json();
    expect(data.personId).toBe(philomeneId);
    expect(Object.keys(data.sections).sort()).toEqual(PERSONAL_DATA.map((e) => e.section).sort());
    const s = data.sections;
    expect(s.account.rows).toEqual([expect.objectContaining({ id: philomeneId, email: philomene.email, givenName: philomene.givenName, familyName: philomene.familyName, birthDate: '2001-04-17' })]);
    expect(s.memberships.rows).toEqual([expect.objectContaining({ role: 'candidate' })]);
    expect(s.candidateProfile.rows[0]).toMatchObject({ phone: philomene.phone, declaredIncomeEuros: 9000, rqth: true });
    expect(s.consents.rows.map((r: { purpose: string }) => r.purpose).sort()).toEqual(['health', 'income', 'profile']);
    expect(s.documents.rows).toEqual([expect.objectContaining({ fileName: 'notification-mdph-kerbrat.pdf', criterion: 'rqth' })]);
    expect(s.diagnoses.rows).toHaveLength(1);
    expect(s.diagnosisCriteria.rows.length).toBeGreaterThan(5);
    expect(s.wishes.rows).toHaveLength(3);
    expect(s.wishHistory.rows.length).toBeGreaterThanOrEqual(5);
    expect(s.rankings.rows.map((r: { notes: string | null }) => r.notes)).toContain(`Entretien avec Philomène Kerbrat-Vasquez, rappeler au ${philomene.phone}`);
    expect(s.offers.rows.map((r: { status: string }) => r.status).sort()).toEqual(['accepted', 'pending']);
    expect(s.enrolments.rows).toHaveLength(1);
    expect(s.aidRequests.rows[0].inputs.incomeCents).toBe(900_000);
    expect(s.aidDecisions.rows[0].totalCents).toBe(337_400);
    expect(s.sessions.rows.length).toBeGreaterThanOrEqual(1);
    expect(s.sessions.rows[0]).not.toHaveProperty('idHash');
    expect(s.mails.rows.map((r: { kind: string }) => r.kind)).toContain('accounts.confirm_email');
    expect(s.mails.rows[0]).not.toHaveProperty('text');
    const actions = s.auditTrail.rows.map((r: { action: string }) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['account.created', 'session.signed_in', 'document.uploaded', 'wish.created', 'wish.ranked', 'offer.accepted']));
    expect(actions.length).toBeGreaterThan(8);

    const text = res.body;
    for (const other of [anatole.email, anatole.givenName, anatole.familyName, PROVIDER_EMAIL, 'Farid', 'Benali']) expect(text, other).not.toContain(other);
    const [hash] = await w.database.rows<{ password_hash: string; id_hash: string }>(sql`select u.password_hash, s.id_hash from users u join auth_sessions s on s.user_id = u.id where u.id = ${philomeneId} limit 1`);
    expect(text).not.toContain(hash!.password_hash);
    expect(text).not.toContain(hash!.id_hash);
    expect(text).not.toMatch(/\$argon2/);
  });

  it('needs a session', async () => {
    expect((await new TestClient(w.app).call('GET', '/api/account/data')).statusCode).toBe(401);
  });
});

describe('the erasure of one’s account (POST /api/account/erasure)', () => {
  const values = [philomene.email, philomene.givenName, 'Kerbrat', ...phoneSpellings(philomene.phone)];

  it('asks for the password again, with the CSRF token, and changes nothing when refused', async () => {
    const noCsrf = await w.app.inject({ method: 'POST', url: '/api/account/erasure', headers: { cookie: philomeneClient.cookie! }, payload: { confirm: true, password: philomene.password } });
    expect(noCsrf.statusCode).toBe(403);
    expect((await philomeneClient.call('POST', '/api/account/erasure', { password: philomene.password })).statusCode).toBe(400);
    const wrong = await philomeneClient.call('POST', '/api/account/erasure', { confirm: true, password: 'pas le bon mot de passe' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields.password).toMatch(/incorrect/);
    const missing = await philomeneClient.call('POST', '/api/account/erasure', { confirm: true });
    expect(missing.json().fields.password).toMatch(/Indiquez votre mot de passe/);
    const [u] = await w.database.db.select({ status: users.status, email: users.email }).from(users).where(eq(users.id, philomeneId));
    expect(u).toEqual({ status: 'active', email: philomene.email });
  });

  it('anonymises her rows: no personal value of hers is left in any column of any table; the audit trail is intact; she can no longer sign in', async () => {
    const before = await occurrences(w.database, values);
    // the scan sees her data where it is (it is not blind)
    expect(before).toEqual(expect.arrayContaining(['users.email (1)', 'candidate_profiles.phone (1)', 'wishes.motivation (3)', 'ranking_entries.notes (1)', 'mail_outbox.subject (1)', 'candidate_documents.content (1)', 'candidate_documents.file_name (1)', 'aid_decisions.explanation (1)']));
    const auditBefore = await w.database.db.select().from(audit).orderBy(audit.id);
    const anatoleBefore = await occurrences(w.database, [anatole.email, anatole.familyName]);

    const res = await philomeneClient.call('POST', '/api/account/erasure', { confirm: true, password: philomene.password });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().message).toMatch(/supprimé/);

    expect(await occurrences(w.database, values)).toEqual([]);
    // nobody else's data was touched
    expect(await occurrences(w.database, [anatole.email, anatole.familyName])).toEqual(anatoleBefore);

    // the audit trail: every former row unchanged, one row for the erasure (ids only), the trigger still on
    const auditAfter = await w.database.db.select().from(audit).orderBy(audit.id);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    const erased = auditAfter.filter((r) => r.action === 'privacy.erased');
    expect(erased).toEqual([expect.objectContaining({ actorUserId: philomeneId, objectType: 'user', objectId: philomeneId, toState: 'erased', motive: 'request' })]);
    const [trigger] = await w.database.rows<{ tgenabled: string }>(sql`select tgenabled from pg_trigger where tgname = 'audit_no_update_delete'`);
    expect(trigger!.tgenabled).toBe('O');

    // the account: placeholder address, neutral names, no password; sessions gone; sign-in refused
    const [u] = await w.database.db.select().from(users).where(eq(users.id, philomeneId));
    expect(u).toMatchObject({ email: `compte-${philomeneId}@${PLACEHOLDER_DOMAIN}`, givenName: 'Compte', familyName: 'supprimé', birthDate: null, passwordHash: null, status: 'erased' });
    expect((await w.database.rows(sql`select 1 from auth_sessions where user_id = ${philomeneId}`)).length).toBe(0);
    expect((await philomeneClient.call('GET', '/api/account')).statusCode).toBe(401);
    expect((await new TestClient(w.app).signIn(philomene.email, philomene.password)).statusCode).toBe(400);
    expect((await new TestClient(w.app).signIn(u!.email, philomene.password)).statusCode).toBe(400);
    // a reset link asked for her former address finds nobody
    await new TestClient(w.app).call('POST', '/api/auth/password-reset/request', { email: philomene.email });
    expect((await w.database.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, philomene.email))).filter((m) => m.kind === 'accounts.reset_password')).toEqual([]);
  });

  it('keeps what others depend on: the enrolment and the aid amounts stay, waiting wishes are withdrawn, the pending offer declined', async () => {
    expect((await wishOf(philomeneId, s1)).status).toBe('accepted');
    expect((await offerOf((await wishOf(philomeneId, s1)).id))?.status).toBe('accepted');
    expect((await wishOf(philomeneId, s2)).status).toBe('declined');
    expect((await offerOf((await wishOf(philomeneId, s2)).id))?.status).toBe('declined');
    expect((await wishOf(philomeneId, s3)).status).toBe('withdrawn');
    const [e] = await w.database.db.select().from(enrolments).where(eq(enrolments.learnerUserId, philomeneId));
    expect(e!.status).toBe('in_training');
    const [d] = await w.database.db.select().from(aidDecisions);
    expect(d).toMatchObject({ decision: 'granted', echelon: '5', monthlyCents: 48_200, totalCents: 337_400 });
    expect(d!.inputs).toMatchObject({ incomeCents: 0, children: 0, disabilityOrCarer: 0, homeCommuneCode: '69123', distanceKm: 0 });
    const [r] = await w.database.db.select().from(aidRequests);
    expect(r!.inputs.incomeCents).toBe(0);
    expect(await invariantProblems(w.database)).toEqual([]);
  });

  it('gives the seat of an accepted offer back to the session, and erases a parent’s name and address (a minor’s account)', async () => {
    const minorBirth = '2012-06-01';
    const res = await new TestClient(w.app).call('POST', '/api/auth/sign-up', {
      email: lisandre.email,
      password: lisandre.password,
      givenName: lisandre.givenName,
      familyName: lisandre.familyName,
      birthDate: minorBirth,
      parent: { name: lisandre.parentName, email: lisandre.parentEmail },
      acceptTerms: true,
    });
    expect(res.json().parentalConsentRequested).toBe(true);
    const consent = await lastMailToken(w.database, lisandre.parentEmail, 'accounts.parental_consent');
    expect((await new TestClient(w.app).call('POST', '/api/auth/parental-consent', { token: consent })).statusCode).toBe(200);
    const confirm = await lastMailToken(w.database, lisandre.email, 'accounts.confirm_email');
    expect((await new TestClient(w.app).call('POST', '/api/auth/confirm-email', { token: confirm })).statusCode).toBe(200);
    const c = new TestClient(w.app);
    expect((await c.signIn(lisandre.email, lisandre.password)).statusCode).toBe(200);
    const id = await userId(lisandre.email);
    const profile = await c.call('PUT', '/api/candidate/profile', {
      givenName: lisandre.givenName,
      familyName: lisandre.familyName,
      communeCode: '69123',
      gender: 'undisclosed',
      diplomaLevel: 'none',
      situation: 'student',
      zrr: false,
      consents: { profile: true, health: false, income: false },
    });
    expect(profile.statusCode, profile.body).toBe(200);
    expect((await c.call('POST', '/api/candidate/wishes', { sessionId: s4, motivation: 'Lisandre, collégienne motivée.' })).statusCode).toBe(201);
    await rank(await signedIn(w, PROVIDER_EMAIL), s4, [{ wishId: (await wishOf(id, s4)).id, notes: null }]);
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    expect((await (await signedIn(w, OPERATOR_EMAIL)).call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
    const offer = await offerOf((await wishOf(id, s4)).id);
    expect((await c.call('POST', `/api/candidate/offers/${offer!.id}/accept`, {})).statusCode).toBe(200);
    const seats = async () => (await w.database.db.select({ n: sessions.seatsTaken }).from(sessions).where(eq(sessions.id, s4)))[0]!.n;
    expect(await seats()).toBe(1);

    const mine = [lisandre.email, lisandre.familyName, lisandre.parentEmail, 'Trémeur', 'Gwenaëlle'];
    expect((await occurrences(w.database, mine)).length).toBeGreaterThan(2);
    expect((await c.call('POST', '/api/account/erasure', { confirm: true, password: lisandre.password })).statusCode).toBe(200);
    expect(await occurrences(w.database, mine)).toEqual([]);
    expect((await wishOf(id, s4)).status).toBe('withdrawn');
    expect((await offerOf((await wishOf(id, s4)).id))?.status).toBe('released');
    expect(await seats()).toBe(0);
    expect(await invariantProblems(w.database)).toEqual([]);
  });

  it('without a password (FranceConnect, ProConnect), asks for a sign-in of less than 10 minutes', async () => {
    const [u] = await w.database.db
      .insert(users)
      .values({ email: 'sans.mot.de.passe@exemple.fr', emailVerifiedAt: w.clock.now, passwordHash: null, givenName: 'Yseult', familyName: 'Carhaix', birthDate: '1995-05-05' })
      .returning({ id: users.id });
    await w.database.db.insert(memberships).values({ userId: u!.id, role: 'candidate' });
    const ctx = accountsContext(w.database, testConfig(), () => w.clock.now);
    const client = async () => {
      const c = new TestClient(w.app);
      c.cookie = `fabriques-session=${await openSession(ctx, u!.id, 'franceconnect')}`;
      expect((await c.call('GET', '/api/account')).statusCode).toBe(200);
      return c;
    };
    const old = await client();
    w.clock.now = new Date(w.clock.now.getTime() + 11 * 60_000);
    const stale = await old.call('POST', '/api/account/erasure', { confirm: true });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error).toBe('reconnexion_requise');
    const fresh = await client();
    expect((await fresh.call('POST', '/api/account/erasure', { confirm: true })).statusCode).toBe(200);
    expect(await occurrences(w.database, ['sans.mot.de.passe@exemple.fr', 'Carhaix'])).toEqual([]);
  });

  it('is refused while an aid request waits for its decision', async () => {
    const [u] = await w.database.db
      .insert(users)
      .values({ email: 'aide.en.cours@exemple.fr', emailVerifiedAt: w.clock.now, passwordHash: w.passwordHash, givenName: 'Ambroise', familyName: 'Lagadec', birthDate: '1990-01-01' })
      .returning({ id: users.id });
    await w.database.db.insert(memberships).values({ userId: u!.id, role: 'candidate' });
    const [wish] = await w.database.db
      .insert(wishes)
      .values({ candidateUserId: u!.id, sessionId: s3, motivation: 'x', createdByUserId: u!.id, status: 'accepted', preference: 0, createdAt: w.clock.now, updatedAt: w.clock.now })
      .returning({ id: wishes.id });
    const [e] = await w.database.db
      .insert(enrolments)
      .values({ wishId: wish!.id, sessionId: s3, learnerUserId: u!.id, status: 'enrolled', enrolledAt: w.clock.now, updatedAt: w.clock.now })
      .returning({ id: enrolments.id });
    const inputs = { incomeCents: 1, children: 0, childrenInHigherEducation: 0, disabilityOrCarer: 0, exclusions: [], homeCommuneCode: '69123', trainingCommuneCode: '69123', distanceKm: 1, trainingStart: '2027-05-03', trainingEnd: '2027-09-30' };
    await w.database.db.insert(aidRequests).values({ enrolmentId: e!.id, learnerUserId: u!.id, status: 'submitted', inputs, submittedAt: w.clock.now, updatedAt: w.clock.now });
    const { DEMO_PASSWORD } = await import('../../seed/demo-accounts.ts');
    const c = await signedIn(w, 'aide.en.cours@exemple.fr');
    const res = await c.call('POST', '/api/account/erasure', { confirm: true, password: DEMO_PASSWORD });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('aide_en_instruction');
    const [after] = await w.database.db.select({ status: users.status }).from(users).where(eq(users.id, u!.id));
    expect(after!.status).toBe('active');
  });
});
