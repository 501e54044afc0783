import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../../test/support/database.ts';
import { testApp, TestClient } from '../../../test/support/app.ts';
import type { Database } from '../../db/client.ts';
import { memberships, sessions, users } from '../../db/schema/index.ts';
import { insertDemoAccounts, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../seed/generate.ts';
import { insertNetworkRows } from '../../seed/insert.ts';
import { hashPassword } from '../accounts/passwords.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let now = new Date('2026-11-29T09:00:00Z');
let passwordHash: string;

/** provider1 (the demo provider account's first organisation): a training with many sessions */
let ownTraining: string;
let ownProvider: string;
let foreignTraining: string;
const recruiting: string[] = [];
let planned: string;
let foreignSession: string;
let prescriberOrg: string;

const count = async (table: string) => (await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

async function addSession(trainingId: string, status: 'planned' | 'recruiting', startsOn: string): Promise<string> {
  const [row] = await database.db
    .insert(sessions)
    .values({ trainingId, startsOn, endsOn: `${Number(startsOn.slice(0, 4)) + 1}${startsOn.slice(4)}`, seats: 12, status })
    .returning({ id: sessions.id });
  return row!.id;
}

/** A candidate account of our own (sign-in ready), born on `birthDate`. */
async function aCandidate(email: string, birthDate: string, givenName = 'Inès', familyName = 'Moreau'): Promise<TestClient> {
  const [u] = await database.db.insert(users).values({ email, emailVerifiedAt: now, passwordHash, givenName, familyName, birthDate }).returning({ id: users.id });
  await database.db.insert(memberships).values({ userId: u!.id, role: 'candidate' });
  const c = new TestClient(app);
  expect((await c.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  return c;
}

/** A client acting for one of its organisations (the header's switcher). */
async function actingFor(email: string, organisationId: string): Promise<TestClient> {
  const c = await signedIn(email);
  const m = (await c.call('GET', '/api/account')).json().memberships.find((x: { organisationId: string }) => x.organisationId === organisationId);
  expect((await c.call('PUT', '/api/account/active-membership', { membershipId: m.id })).statusCode).toBe(200);
  return c;
}

async function signedIn(email: string): Promise<TestClient> {
  const c = new TestClient(app);
  expect((await c.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  return c;
}

const goodProfile = {
  givenName: 'Camille',
  familyName: 'Diallo',
  phone: '06 12 34 56 78',
  communeCode: '69123',
  gender: 'female',
  diplomaLevel: '4',
  situation: 'job_seeker',
  qpvCode: 'QN06901M',
  zrr: false,
  rqth: true,
  income: { euros: 9_000, children: 1, childrenHigherEducation: 0 },
  consents: { profile: true, health: true, income: true },
};

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 11, providers: 4, trainings: 6, sessions: 6, today: '2026-11-29' });
  passwordHash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, passwordHash);
  });
  const providers = rows.organisations.filter((o) => o.kind === 'provider');
  ownProvider = providers[0]!.id;
  ownTraining = rows.trainings.find((t) => t.providerId === ownProvider)!.id;
  foreignTraining = rows.trainings.find((t) => t.providerId !== providers[0]!.id && t.providerId !== providers[1]!.id)!.id;
  for (let i = 0; i < 12; i++) recruiting.push(await addSession(ownTraining, 'recruiting', `2027-0${1 + (i % 9)}-${String(10 + i).padStart(2, '0')}`));
  planned = await addSession(ownTraining, 'planned', '2027-09-06');
  foreignSession = await addSession(foreignTraining, 'recruiting', '2027-02-01');
  prescriberOrg = (await database.rows<{ id: string }>(sql`select id from organisations where name = 'Mission locale de Lyon'`))[0]!.id;
  app = await testApp(database, { clock: () => now });
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

describe('the profile', () => {
  it('refuses bad input field by field, in French, and writes nothing', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const [profiles, consents, audits] = [await count('candidate_profiles'), await count('candidate_consents'), await count('audit')];
    const bad = await c.call('PUT', '/api/candidate/profile', { ...goodProfile, gender: 'x', communeCode: '1' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['communeCode', 'gender']);
    const semantic = await c.call('PUT', '/api/candidate/profile', {
      ...goodProfile,
      communeCode: '99999',
      phone: '12',
      qpvCode: 'QP069001',
      consents: { profile: false, health: false, income: false },
    });
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json().fields).toMatchObject({
      communeCode: expect.stringMatching(/commune/),
      phone: expect.stringMatching(/téléphone/),
      qpvCode: expect.stringMatching(/liste 2024/),
      'consents.profile': expect.stringMatching(/acceptez/),
      rqth: expect.stringMatching(/accord/),
      'income.euros': expect.stringMatching(/accord/),
    });
    const elsewhere = await c.call('PUT', '/api/candidate/profile', { ...goodProfile, qpvCode: 'QN07501A' });
    expect(elsewhere.json().fields.qpvCode).toMatch(/département 75, pas dans celui de votre commune \(69\)/);
    expect([await count('candidate_profiles'), await count('candidate_consents'), await count('audit')]).toEqual([profiles, consents, audits]);
  });

  it('saves the profile with each consent and its purpose; withdrawing a consent erases its data', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const res = await c.call('PUT', '/api/candidate/profile', goodProfile);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.profile).toMatchObject({ communeCode: '69123', communeName: 'Lyon', phone: '06 12 34 56 78', qpvCode: 'QN06901M', rqth: true, income: { euros: 9000 } });
    expect(Object.values(body.consents).every((v) => typeof v === 'string')).toBe(true);
    const purposes = await database.rows<{ purpose: string }>(sql`select purpose from candidate_consents where withdrawn_at is null order by purpose`);
    expect(purposes.map((p) => p.purpose)).toEqual(['health', 'income', 'profile']);

    now = new Date(now.getTime() + 60_000);
    const less = await c.call('PUT', '/api/candidate/profile', { ...goodProfile, rqth: null, income: null, consents: { profile: true, health: false, income: false } });
    expect(less.json().profile).toMatchObject({ rqth: null, income: null });
    expect(less.json().consents).toMatchObject({ health: null, income: null });
    const history = await database.rows<{ purpose: string; withdrawn: boolean }>(sql`select purpose, withdrawn_at is not null as withdrawn from candidate_consents order by purpose, given_at`);
    expect(history).toEqual([
      { purpose: 'health', withdrawn: true },
      { purpose: 'income', withdrawn: true },
      { purpose: 'profile', withdrawn: false },
    ]);
    // back as it was for what follows
    expect((await c.call('PUT', '/api/candidate/profile', goodProfile)).statusCode).toBe(200);
  });
});

describe('following by a prescriber organisation', () => {
  it('is the candidate’s choice, and the organisation sees the candidate only while it holds', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const me = (await c.call('GET', '/api/account')).json().user.id as string;
    const p = await signedIn('prescriptrice@demo.fabriques.fr');
    expect((await p.call('GET', `/api/prescriber/candidates/${me}`)).statusCode).toBe(404);
    expect((await p.call('GET', '/api/prescriber/candidates')).json()).toEqual([]);

    const found = (await c.call('GET', '/api/candidate/prescriber-organisations?q=lyon')).json();
    expect(found.map((o: { name: string }) => o.name)).toContain('Mission locale de Lyon');
    expect((await c.call('POST', '/api/candidate/follows', { organisationId: prescriberOrg })).statusCode).toBe(200);
    const list = (await p.call('GET', '/api/prescriber/candidates')).json();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ givenName: 'Camille', familyName: 'Diallo', hasProfile: true, communeName: 'Lyon' });
    const detail = (await p.call('GET', `/api/prescriber/candidates/${me}`)).json();
    expect(detail.profile).toMatchObject({ incomeDeclared: true, rqth: true });
    expect(JSON.stringify(detail)).not.toMatch(/9000|9 000|euros/);

    expect((await c.call('DELETE', `/api/candidate/follows/${prescriberOrg}`)).json()).toEqual([]);
    expect((await p.call('GET', `/api/prescriber/candidates/${me}`)).statusCode).toBe(404);
    expect((await c.call('DELETE', `/api/candidate/follows/${prescriberOrg}`)).statusCode).toBe(404);
    expect((await c.call('POST', '/api/candidate/follows', { organisationId: prescriberOrg })).statusCode).toBe(200);
    // a provider is not a prescriber organisation
    const provider = (await database.rows<{ id: string }>(sql`select provider_id as id from trainings limit 1`))[0]!.id;
    expect((await c.call('POST', '/api/candidate/follows', { organisationId: provider })).statusCode).toBe(404);
  });
});

describe('the eligibility diagnosis', () => {
  it('is computed from the profile, explained in French, and a prescriber validates it by replacing it', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const me = (await c.call('GET', '/api/account')).json().user.id as string;
    const own = await c.call('POST', '/api/candidate/diagnosis');
    expect(own.statusCode).toBe(201);
    const first = own.json().current;
    const met = first.criteria.filter((x: { met: boolean }) => x.met).map((x: { criterion: string }) => x.criterion);
    // born 1990: not under 26; bac level; registered job seeker (so NEET too); QPV; RQTH; 9 000 € → an échelon
    expect(met).toEqual(['woman', 'low_qualification', 'neet', 'job_seeker', 'qpv_or_zrr', 'rqth', 'scholarship']);
    expect(first.criteria.every((x: { source: string }) => x.source === 'self_declared')).toBe(true);
    expect(first.summary).toMatch(/^Vous faites partie de ces 7 publics prioritaires/);
    const scholarship = first.criteria.find((x: { criterion: string }) => x.criterion === 'scholarship');
    expect(scholarship.reason).toMatch(/échelon \d/);
    expect(first.validity).toMatch(/Valable jusqu’au 29 mai 2027/);

    const p = await signedIn('prescriptrice@demo.fabriques.fr');
    const refused = await p.call('POST', `/api/prescriber/candidates/${me}/diagnosis`, { confirmed: ['scholarship'] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields.confirmed).toMatch(/boursier/);
    const notMet = await p.call('POST', `/api/prescriber/candidates/${me}/diagnosis`, { confirmed: ['under_26'] });
    expect(notMet.json().fields.confirmed).toMatch(/remplis/);

    now = new Date(now.getTime() + 10 * 60_000);
    const validated = await p.call('POST', `/api/prescriber/candidates/${me}/diagnosis`, { confirmed: ['woman', 'job_seeker', 'qpv_or_zrr', 'rqth'] });
    expect(validated.statusCode).toBe(201);
    const v = validated.json();
    expect(v.author).toMatchObject({ role: 'prescriber', organisationName: 'Mission locale de Lyon' });
    const sources = Object.fromEntries(v.criteria.map((x: { criterion: string; source: string }) => [x.criterion, x.source]));
    expect(sources).toMatchObject({ woman: 'prescriber_validated', job_seeker: 'prescriber_validated', low_qualification: 'self_declared', scholarship: 'self_declared' });
    // professionals never read the échelon nor the QPV code
    const text = JSON.stringify(v);
    expect(text).not.toMatch(/relèveriez|du barème|QN06901M/);
    expect(text).toMatch(/La personne fait partie/);

    const rows = await database.rows<{ id: string; superseded_by: string | null; superseded_at: Date | null }>(
      sql`select id, superseded_by, superseded_at from eligibility_diagnoses where candidate_user_id = ${me} order by created_at`,
    );
    expect(rows).toHaveLength(2);
    expect(rows[0]!.superseded_by).toBe(rows[1]!.id);
    expect(rows[1]!.superseded_at).toBeNull();
    const page = (await c.call('GET', '/api/candidate/diagnosis')).json();
    expect(page.current.id).toBe(v.id);
    expect(page.history).toHaveLength(1);
    expect(page.current.criteria.find((x: { criterion: string }) => x.criterion === 'woman').evidence).toMatch(/Validé par Paola Martin \(Mission locale de Lyon\)/);
  });

  it('expires after 6 months', async () => {
    const saved = now;
    now = new Date('2027-06-01T09:00:00Z');
    const c = await signedIn('candidate@demo.fabriques.fr');
    const page = (await c.call('GET', '/api/candidate/diagnosis')).json();
    now = saved;
    expect(page.current.expired).toBe(true);
    expect(page.current.validity).toMatch(/a expiré le 29 mai 2027/);
  });

  it('needs a profile first', async () => {
    const c = await aCandidate('sans.profil@exemple.fr', '2001-01-01');
    const res = await c.call('POST', '/api/candidate/diagnosis');
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/Complétez d’abord votre profil/);
  });
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x20), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

async function upload(c: TestClient, criterion: string, body: Buffer, type: string, name = 'notification mdph.pdf') {
  return app.inject({
    method: 'POST',
    url: `/api/candidate/documents?criterion=${criterion}`,
    headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': type, 'x-file-name': encodeURIComponent(name) },
    payload: body,
  });
}

describe('proof documents', () => {
  it('checks type by the bytes and the size, then serves the file only to who may see it', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const before = await count('candidate_documents');
    const fake = await upload(c, 'rqth', Buffer.from('<html><script>alert(1)</script>'), 'application/pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json().fields.file).toMatch(/PDF, PNG et JPEG/);
    const liar = await upload(c, 'rqth', PNG, 'application/pdf');
    expect(liar.json().fields.file).toMatch(/ne correspond pas/);
    const big = await upload(c, 'rqth', Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'application/pdf');
    expect(big.statusCode).toBe(400);
    expect(big.json().fields.file).toMatch(/5 Mo/);
    const huge = await upload(c, 'rqth', Buffer.alloc(7 * 1024 * 1024), 'application/octet-stream');
    expect(huge.statusCode).toBe(413);
    const woman = await upload(c, 'woman', PDF, 'application/pdf');
    expect(woman.json().fields.criterion).toBeDefined();
    expect(await count('candidate_documents')).toBe(before);

    const ok = await upload(c, 'rqth', PDF, 'application/octet-stream');
    expect(ok.statusCode).toBe(201);
    const doc = ok.json()[0];
    expect(doc).toMatchObject({ criterion: 'rqth', mediaType: 'application/pdf', byteSize: PDF.length, fileName: 'notification mdph.pdf' });

    const mine = await c.call('GET', `/api/candidate-documents/${doc.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toBe('application/pdf');
    expect(mine.headers['content-disposition']).toMatch(/^attachment; filename="notification mdph.pdf"/);
    expect(mine.headers['x-content-type-options']).toBe('nosniff');
    expect(mine.rawPayload.equals(PDF)).toBe(true);

    const other = await aCandidate('autre@exemple.fr', '1999-03-03');
    expect((await other.call('GET', `/api/candidate-documents/${doc.id}`)).statusCode).toBe(404);
    const p = await signedIn('prescriptrice@demo.fabriques.fr');
    expect((await p.call('GET', `/api/candidate-documents/${doc.id}`)).statusCode).toBe(200);
    const provider = await actingFor('formation@demo.fabriques.fr', ownProvider);
    // not before an application to one of its sessions
    expect((await provider.call('GET', `/api/candidate-documents/${doc.id}`)).statusCode).toBe(404);

    // the next diagnosis proves the criterion by the document
    const d = (await c.call('POST', '/api/candidate/diagnosis')).json().current;
    expect(d.criteria.find((x: { criterion: string }) => x.criterion === 'rqth')).toMatchObject({ source: 'document', documentId: doc.id });
  });
});

describe('wishes', () => {
  it('applies, refuses a session that does not recruit, a second wish for a session and an 11th wish', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const first = await c.call('POST', '/api/candidate/wishes', { sessionId: recruiting[0], motivation: 'Je veux devenir développeuse web.', referredBy: prescriberOrg });
    expect(first.statusCode).toBe(201);
    expect(first.json().wishes[0]).toMatchObject({ status: 'submitted', preference: 1, referredBy: 'Mission locale de Lyon', history: [{ from: null, to: 'submitted' }] });
    const twice = await c.call('POST', '/api/candidate/wishes', { sessionId: recruiting[0], motivation: 'Encore' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: 'voeu_en_double', message: expect.stringMatching(/déjà un vœu pour cette session/) });
    const closed = await c.call('POST', '/api/candidate/wishes', { sessionId: planned, motivation: 'Motivée' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ error: 'session_non_ouverte', message: 'Cette session ne recrute pas : son recrutement n’est pas encore ouvert.' });
    const unknownReferrer = await c.call('POST', '/api/candidate/wishes', { sessionId: recruiting[1], motivation: 'Motivée', referredBy: '00000000-0000-4000-8000-000000000009' });
    expect(unknownReferrer.json().fields.referredBy).toBeDefined();
    const empty = await c.call('POST', '/api/candidate/wishes', { sessionId: recruiting[1], motivation: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().fields.motivation).toMatch(/motivation/);
    for (let i = 1; i < 10; i++) {
      expect((await c.call('POST', '/api/candidate/wishes', { sessionId: recruiting[i], motivation: `Vœu ${i + 1}` })).statusCode).toBe(201);
    }
    const eleventh = await c.call('POST', '/api/candidate/wishes', { sessionId: recruiting[10], motivation: 'Un de plus' });
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json()).toMatchObject({ error: 'trop_de_voeux', message: expect.stringMatching(/10 vœux en cours/) });
    const list = (await c.call('GET', '/api/candidate/wishes')).json();
    expect(list.map((w: { preference: number }) => w.preference)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [{ n }] = (await database.rows<{ n: number }>(sql`select count(*)::int as n from mail_outbox where kind = 'candidates.wish_submitted'`)) as [{ n: number }];
    expect(n).toBe(10);
  });

  it('orders, withdraws (the others keep their order) and keeps the history', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const list = (await c.call('GET', '/api/candidate/wishes')).json() as { id: string }[];
    const ids = list.map((w) => w.id);
    const wanted = [ids[3]!, ...ids.filter((_, i) => i !== 3)];
    const reordered = await c.call('PUT', '/api/candidate/wishes/order', { wishIds: wanted });
    expect(reordered.statusCode).toBe(200);
    expect(reordered.json().map((w: { id: string }) => w.id)).toEqual(wanted);
    const partial = await c.call('PUT', '/api/candidate/wishes/order', { wishIds: wanted.slice(1) });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().fields.wishIds).toMatch(/tous vos vœux/);

    const withdrawn = await c.call('POST', `/api/candidate/wishes/${wanted[0]}/withdraw`, { motive: 'J’ai trouvé un emploi' });
    expect(withdrawn.statusCode).toBe(200);
    const after = withdrawn.json() as { id: string; status: string; preference: number; history: { from: string; to: string; motive: string }[] }[];
    expect(after.filter((w) => w.status !== 'withdrawn').map((w) => w.preference)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(after.filter((w) => w.status !== 'withdrawn').map((w) => w.id)).toEqual(wanted.slice(1));
    const gone = after.find((w) => w.id === wanted[0])!;
    expect(gone).toMatchObject({ status: 'withdrawn', preference: 0 });
    expect(gone.history.map((h) => `${h.from}→${h.to}`)).toEqual(['null→submitted', 'submitted→withdrawn']);
    const again = await c.call('POST', `/api/candidate/wishes/${wanted[0]}/withdraw`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('transition_interdite');
    // someone else's wish is not found
    const other = await aCandidate('curieuse@exemple.fr', '2000-01-01');
    expect((await other.call('POST', `/api/candidate/wishes/${wanted[1]}/withdraw`, {})).statusCode).toBe(404);
  });

  it('keeps the limit of 10 under concurrent applications', async () => {
    const c = await aCandidate('pressee@exemple.fr', '1998-06-06', 'Zoé', 'Rapide');
    expect((await c.call('PUT', '/api/candidate/profile', { ...goodProfile, givenName: 'Zoé', familyName: 'Rapide', rqth: null, income: null, consents: { profile: true, health: false, income: false } })).statusCode).toBe(200);
    const results = await Promise.all(recruiting.map((sessionId) => c.call('POST', '/api/candidate/wishes', { sessionId, motivation: 'Vite' })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 201)).toHaveLength(10);
    expect(results.filter((r) => r.statusCode === 409).map((r) => r.json().error)).toEqual(['trop_de_voeux', 'trop_de_voeux']);
    const prefs = ((await c.call('GET', '/api/candidate/wishes')).json() as { preference: number }[]).map((w) => w.preference).sort((a, b) => a - b);
    expect(prefs).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // withdraw them all: this candidate must not weigh on the provider's counts below
    for (const w of (await c.call('GET', '/api/candidate/wishes')).json() as { id: string }[]) {
      expect((await c.call('POST', `/api/candidate/wishes/${w.id}/withdraw`, {})).statusCode).toBe(200);
    }
  });

  it('lets a prescriber apply on behalf of a followed candidate, and providers see only their sessions’ applications', async () => {
    const p = await signedIn('prescriptrice@demo.fabriques.fr');
    const young = await aCandidate('jeune.candidate@exemple.fr', '2001-01-15', 'Léna', 'Petit');
    const youngId = (await young.call('GET', '/api/account')).json().user.id as string;
    expect((await p.call('POST', `/api/prescriber/candidates/${youngId}/wishes`, { sessionId: foreignSession, motivation: 'Très motivée' })).statusCode).toBe(404);
    await young.call('PUT', '/api/candidate/profile', { ...goodProfile, givenName: 'Léna', familyName: 'Petit', phone: '0700000000', qpvCode: null, rqth: null, income: null, consents: { profile: true, health: false, income: false } });
    await young.call('POST', '/api/candidate/follows', { organisationId: prescriberOrg });
    expect((await young.call('POST', '/api/candidate/diagnosis')).statusCode).toBe(201);
    const res = await p.call('POST', `/api/prescriber/candidates/${youngId}/wishes`, { sessionId: recruiting[11], motivation: 'Très motivée, accompagnée depuis un an' });
    expect(res.statusCode).toBe(201);
    expect(res.json().wishes[0]).toMatchObject({ referredBy: 'Mission locale de Lyon', createdByCandidate: false });
    expect((await p.call('POST', `/api/prescriber/candidates/${youngId}/wishes`, { sessionId: foreignSession, motivation: 'Aussi celle-ci' })).statusCode).toBe(201);
    const mail = (await database.rows<{ text: string }>(sql`select text from mail_outbox where recipient = 'jeune.candidate@exemple.fr' order by created_at limit 1`))[0]!;
    expect(mail.text).toMatch(/Mission locale de Lyon, qui vous accompagne, a envoyé pour vous une candidature/);
    // the prescriber follows the wishes of their candidates
    const detail = (await p.call('GET', `/api/prescriber/candidates/${youngId}`)).json();
    expect(detail.wishes).toHaveLength(2);

    const provider = await actingFor('formation@demo.fabriques.fr', ownProvider);
    const page = (await provider.call('GET', '/api/provider/applications?pageSize=200')).json();
    const sessionsSeen = new Set(page.results.map((r: { session: { id: string } }) => r.session.id));
    expect(sessionsSeen.has(foreignSession)).toBe(false);
    expect(page.results.every((r: { training: { id: string } }) => r.training.id === ownTraining)).toBe(true);
    // Camille: 9 active wishes (one withdrawn, hidden); Léna: 1 on this provider's sessions
    expect(page.total).toBe(10);
    const lena = page.results.find((r: { candidate: { givenName: string } }) => r.candidate.givenName === 'Léna');
    // 25 at the diagnosis, 26 when the session starts (2027-03-21): judged at the session's start
    expect(lena.diagnosis.criteria.find((x: { criterion: string }) => x.criterion === 'under_26').met).toBe(true);
    expect(lena.candidate.under26AtStart).toBe(false);
    expect(lena.referredBy).toBe('Mission locale de Lyon');
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/9000|9 000|relèveriez|du barème|QN06901M|"preference"/);
    expect(JSON.stringify(page.results[0])).toMatch(/"motivation"/);
    const filtered = (await provider.call('GET', `/api/provider/applications?sessionId=${recruiting[11]}`)).json();
    expect(filtered.total).toBe(1);
    expect(filtered.sessions.find((s: { id: string }) => s.id === recruiting[11]).applications).toBe(1);
    // and now the provider may read the proofs of a candidate who applied to it
    const camilleDoc = (await database.rows<{ id: string }>(sql`select id from candidate_documents limit 1`))[0]!.id;
    expect((await provider.call('GET', `/api/candidate-documents/${camilleDoc}`)).statusCode).toBe(200);
    // a provider of another organisation sees none of these
    const other = (await provider.call('GET', '/api/account')).json().memberships.find((m: { organisationId: string }) => m.organisationId !== ownProvider);
    expect((await provider.call('PUT', '/api/account/active-membership', { membershipId: other.id })).statusCode).toBe(200);
    const second = (await provider.call('GET', '/api/provider/applications')).json();
    expect(second.results.some((r: { training: { id: string } }) => r.training.id === ownTraining)).toBe(false);
    expect((await provider.call('GET', `/api/candidate-documents/${camilleDoc}`)).statusCode).toBe(404);
  });
});

describe('personal data', () => {
  it('never reaches the audit trail', async () => {
    const text = JSON.stringify(await database.rows(sql`select * from audit`));
    for (const personal of ['06 12 34 56 78', 'QN06901M', 'Camille', 'Diallo', 'Léna', 'développeuse', 'J’ai trouvé un emploi', 'notification mdph']) {
      expect(text).not.toContain(personal);
    }
    expect(text).toContain('candidate_profile.created');
    expect(text).toContain('wish.withdrawn');
    expect(text).toContain('diagnosis.superseded');
  });
});
