// The whole life of a call on a real database: call → proposals → review → committee → decisions →
// labels and grants; and every guard (cut-off passed, cap exceeded, conflict of interest, reviewer
// not assigned, payment without approved evidence, bad input changes nothing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../../test/support/database.ts';
import { testApp, TestClient } from '../../../test/support/app.ts';
import type { Database } from '../../db/client.ts';
import { DEMO_PASSWORD, insertDemoAccounts } from '../../seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../seed/generate.ts';
import { insertNetworkRows } from '../../seed/insert.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { expireLabels } from '../labels/use-cases/labels.ts';
import { territories } from '../territories/referential.ts';
import { sampleData, sampleForm, sampleTraining } from './domain/fixtures.ts';
import { addReviewer, callBody, PDF, upload } from './test-support.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let now = new Date('2026-09-10T08:00:00Z');
/** Moves the clock (sessions expire when it jumps: everyone signs in again). */
async function setDay(iso: string) {
  now = new Date(`${iso}T08:00:00Z`);
  if (!op) return;
  for (const [c, email] of [
    [op, OPERATOR],
    [provider, PROVIDER],
    [rev1, REVIEWER],
    [rev2, 'relectrice2@demo.fabriques.fr'],
    [rev3, 'relecteur3@demo.fabriques.fr'],
  ] as const) {
    expect((await c.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  }
  await actFor(provider, provider1);
}

const OPERATOR = 'operateur@demo.fabriques.fr';
const REVIEWER = 'instructeur@demo.fabriques.fr';
const PROVIDER = 'formation@demo.fabriques.fr';
const FUNDER = 'financeur@demo.fabriques.fr';
let op: TestClient;
let provider: TestClient;
let rev1: TestClient;
let rev2: TestClient;
let rev3: TestClient;
let rev1Id: string;
let rev2Id: string;
let rev3Id: string;
let conflictedId: string;
let provider1: string;
let provider2: string;
let passwordHash: string;

const count = async (table: string, where = sql`true`) => (await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!.n;
const audits = (action: string) => count('audit', sql`action = ${action}`);
const mails = (kind: string) => count('mail_outbox', sql`kind = ${kind}`);

async function signedIn(email: string): Promise<TestClient> {
  const c = new TestClient(app);
  const res = await c.signIn(email, DEMO_PASSWORD);
  expect(res.statusCode).toBe(200);
  return c;
}

/** Makes the demo provider account act for one of its organisations. */
async function actFor(c: TestClient, organisationId: string): Promise<TestClient> {
  const me = (await c.call('GET', '/api/account')).json();
  const m = me.memberships.find((x: { organisationId: string }) => x.organisationId === organisationId);
  expect((await c.call('PUT', '/api/account/active-membership', { membershipId: m.id })).statusCode).toBe(200);
  return c;
}

/** The demo provider account acting for its second organisation. */
async function asProvider2(): Promise<TestClient> {
  return actFor(await signedIn(PROVIDER), provider2);
}

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 11, providers: 3, trainings: 4, sessions: 6, today: '2026-09-10' });
  passwordHash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, passwordHash);
  });
  const providers = rows.organisations.filter((o) => o.kind === 'provider');
  provider1 = providers[0]!.id;
  provider2 = providers[1]!.id;
  rev2Id = await addReviewer(database, 'relectrice2@demo.fabriques.fr', passwordHash);
  rev3Id = await addReviewer(database, 'relecteur3@demo.fabriques.fr', passwordHash);
  conflictedId = await addReviewer(database, 'ancien.salarie@demo.fabriques.fr', passwordHash, provider1);
  app = await testApp(database, { clock: () => now });
  op = await signedIn(OPERATOR);
  provider = await actFor(await signedIn(PROVIDER), provider1);
  rev1 = await signedIn(REVIEWER);
  rev2 = await signedIn('relectrice2@demo.fabriques.fr');
  rev3 = await signedIn('relecteur3@demo.fabriques.fr');
  rev1Id = (await rev1.call('GET', '/api/account')).json().user.id;
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

let callId: string;

describe('calls (operator)', () => {
  it('refuses a bad call field by field and creates nothing', async () => {
    const res = await op.call('POST', '/api/calls', callBody({ cutOffs: ['2026-08-01'], tranches: [{ label: 'Tout', sharePct: 90 }] }, { title: 'X' }));
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(expect.arrayContaining(['title']));
    const res2 = await op.call('POST', '/api/calls', callBody({ cutOffs: ['2026-08-01'], tranches: [{ label: 'Tout', sharePct: 90 }] }));
    expect(res2.statusCode).toBe(400);
    expect(res2.json().fields).toMatchObject({ 'form.cutOffs.0': expect.stringMatching(/précéder/), 'form.tranches': expect.stringMatching(/100 %/) });
    expect(await count('calls')).toBe(0);
    expect(await audits('call.created')).toBe(0);
  });

  it('creates a draft seen by the operator only, then opens it to the public', async () => {
    const res = await op.call('POST', '/api/calls', callBody());
    expect(res.statusCode).toBe(201);
    callId = res.json().id;
    expect((await new TestClient(app).call('GET', `/api/calls/${callId}`)).statusCode).toBe(404);
    expect((await new TestClient(app).call('GET', '/api/calls')).json()).toEqual([]);
    expect((await op.call('GET', `/api/calls/${callId}`)).json()).toMatchObject({ status: 'draft', version: 1 });
    // a provider cannot start a proposal on a draft
    expect((await provider.call('POST', '/api/proposals', { callId, title: 'Trop tôt' })).statusCode).toBe(400);
    const open = await op.call('POST', `/api/calls/${callId}/status`, { to: 'open' });
    expect(open.statusCode).toBe(200);
    const pub = (await new TestClient(app).call('GET', `/api/calls/${callId}`)).json();
    expect(pub).toMatchObject({ status: 'open', nextCutOff: '2026-09-23', form: { grid: expect.any(Array), caps: { perTrainingCents: 7_000_000 } } });
    expect(await audits('call.status_changed')).toBe(1);
    // a transition outside the table is refused
    expect((await op.call('POST', `/api/calls/${callId}/status`, { to: 'decided' })).statusCode).toBe(409);
  });
});

let proposalId: string;
let trainingIds: string[] = [];

describe('proposals (provider)', () => {
  it('saves a draft as it goes and lists what is missing, with commitments under the label thresholds', async () => {
    const created = await provider.call('POST', '/api/proposals', { callId, title: 'Fabrique numérique de Lyon' });
    expect(created.statusCode).toBe(201);
    proposalId = created.json().id;
    const empty = (await provider.call('GET', `/api/proposals/${proposalId}`)).json();
    expect(empty.missing.map((m: { field: string }) => m.field)).toEqual(expect.arrayContaining(['summary', 'trainings', 'partners', 'attachments.budget']));
    const low = sampleTraining(2, { commitments: { womenPct: 20, neetPct: 60, qpvPct: 10, lowQualifiedJobSeekersPerSession: 10, freeForJobSeekers: true } });
    const saved = await provider.call('PUT', `/api/proposals/${proposalId}`, { title: 'Fabrique numérique de Lyon', data: sampleData(), trainings: [sampleTraining(1), low] });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().missing).toEqual([{ field: 'attachments.budget', message: expect.stringMatching(/budget/i) }]);
    expect(saved.json().warnings).toEqual([{ field: 'trainings.1.commitments.womenPct', message: expect.stringMatching(/20 % de femmes/) }]);
    expect(saved.json().requestedCents).toBe(12_000_000);
    expect(await audits('proposal.saved')).toBe(1);
  });

  it('refuses bad draft input and changes nothing', async () => {
    const before = (await provider.call('GET', `/api/proposals/${proposalId}`)).json();
    const res = await provider.call('PUT', `/api/proposals/${proposalId}`, { title: 'Autre', data: {}, trainings: [{ certificationLevel: 12, budget: { requestedCents: -5 } }] });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(expect.arrayContaining(['trainings.0.certificationLevel', 'trainings.0.budget.requestedCents']));
    const after = (await provider.call('GET', `/api/proposals/${proposalId}`)).json();
    expect(after.title).toBe(before.title);
    expect(after.trainings.map((t: { data: unknown }) => t.data)).toEqual(before.trainings.map((t: { data: unknown }) => t.data));
  });

  it('refuses the submission while something is missing, listing it, and changes nothing', async () => {
    const res = await provider.call('POST', `/api/proposals/${proposalId}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/pas complet/);
    expect(res.json().fields).toEqual({ 'attachments.budget': expect.stringMatching(/PDF/) });
    expect((await provider.call('GET', `/api/proposals/${proposalId}`)).json().status).toBe('draft');
    expect(await audits('proposal.submitted')).toBe(0);
  });

  it('accepts PDF attachments only, read from their bytes, and keeps their SHA-256', async () => {
    const png = await upload(app, provider, `/api/proposals/${proposalId}/attachments?kind=budget`, Buffer.from('\x89PNG\r\n\x1a\nxxxx'), 'application/pdf', 'budget.pdf');
    expect(png.statusCode).toBe(400);
    expect(png.json().fields.file).toMatch(/PDF/);
    const html = await upload(app, provider, `/api/proposals/${proposalId}/attachments?kind=budget`, Buffer.from('<html>'), 'text/html');
    expect(html.statusCode).toBe(415);
    const big = await upload(app, provider, `/api/proposals/${proposalId}/attachments?kind=budget`, Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(10 * 1024 * 1024)]));
    expect([400, 413]).toContain(big.statusCode);
    expect(await count('proposal_attachments')).toBe(0);
    const ok = await upload(app, provider, `/api/proposals/${proposalId}/attachments?kind=budget`, PDF, 'application/pdf', 'Budget prévisionnel.pdf');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'budget', fileName: 'Budget prévisionnel.pdf', byteSize: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const file = await provider.call('GET', `/api/proposals/${proposalId}/attachments/${ok.json().id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('hides a proposal from another organisation, from reviewers not assigned, and from other roles', async () => {
    const other = await asProvider2();
    expect((await other.call('GET', `/api/proposals/${proposalId}`)).statusCode).toBe(404);
    expect((await other.call('PUT', `/api/proposals/${proposalId}`, { title: 'Piraté', data: {}, trainings: [] })).statusCode).toBe(404);
    expect((await other.call('POST', `/api/proposals/${proposalId}/submit`)).statusCode).toBe(404);
    expect((await rev1.call('GET', `/api/proposals/${proposalId}`)).statusCode).toBe(404);
    expect((await (await signedIn(FUNDER)).call('GET', `/api/proposals/${proposalId}`)).statusCode).toBe(403);
  });

  it('refuses a grant above the caps at submission', async () => {
    const p = (await provider.call('POST', '/api/proposals', { callId, title: 'Dossier trop gourmand' })).json().id;
    const over = sampleTraining(1, { budget: { totalCents: 9_000_000, regionCents: 1_000_000, privateCents: 0, ownCents: 0, requestedCents: 8_000_000 } });
    await provider.call('PUT', `/api/proposals/${p}`, { title: 'Dossier trop gourmand', data: sampleData(), trainings: [over] });
    await upload(app, provider, `/api/proposals/${p}/attachments?kind=budget`, PDF);
    const res = await provider.call('POST', `/api/proposals/${p}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['trainings.0.budget.requestedCents']).toMatch(/plafond par formation|80 %/);
    expect((await provider.call('GET', `/api/proposals/${p}`)).json().status).toBe('draft');
    // withdrawn from the draft state: it no longer counts
    expect((await provider.call('POST', `/api/proposals/${p}/withdraw`, { motive: 'Erreur de saisie' })).json().status).toBe('withdrawn');
  });

  it('submits: read-only afterwards, receipt mailed, tied to the form version it was filed on', async () => {
    const res = await provider.call('POST', `/api/proposals/${proposalId}/submit`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', cutOff: '2026-09-23', callVersion: 1 });
    trainingIds = res.json().trainings.map((t: { id: string }) => t.id);
    expect(await mails('calls.submission_receipt')).toBe(1);
    expect(await audits('proposal.submitted')).toBe(1);
    expect((await provider.call('PUT', `/api/proposals/${proposalId}`, { title: 'Modifié', data: {}, trainings: [] })).statusCode).toBe(409);
    expect((await upload(app, provider, `/api/proposals/${proposalId}/attachments?kind=other`, PDF)).statusCode).toBe(409);
    // the operator edits the open call: a new version; the filed proposal keeps version 1
    const form = sampleForm();
    form.grid = [...form.grid, { code: 'innovation', label: 'Pédagogie innovante', weight: 1 }];
    const upd = await op.call('PUT', `/api/calls/${callId}`, callBody(form as never));
    expect(upd.json()).toEqual({ version: 2 });
    const again = (await provider.call('GET', `/api/proposals/${proposalId}`)).json();
    expect(again.callVersion).toBe(1);
    expect(again.form.grid).toHaveLength(5);
  });

  it('enforces the organisation cap across the proposals of the call', async () => {
    const p = (await provider.call('POST', '/api/proposals', { callId, title: 'Deuxième dossier' })).json().id;
    await provider.call('PUT', `/api/proposals/${p}`, { title: 'Deuxième dossier', data: sampleData(), trainings: [sampleTraining(3)] });
    await upload(app, provider, `/api/proposals/${p}/attachments?kind=budget`, PDF);
    // 120 k€ already asked + 60 k€ = 180 k€: at the cap, accepted
    const d = (await provider.call('GET', `/api/proposals/${p}`)).json();
    expect(d.missing).toEqual([]);
    await provider.call('PUT', `/api/proposals/${p}`, { title: 'Deuxième dossier', data: sampleData(), trainings: [sampleTraining(3, { budget: { totalCents: 8_000_000, regionCents: 1_000_000, privateCents: 500_000, ownCents: 400_000, requestedCents: 6_100_000 } })] });
    const res = await provider.call('POST', `/api/proposals/${p}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.trainings).toMatch(/plafond par organisme/);
    await provider.call('POST', `/api/proposals/${p}/withdraw`, {});
  });

  it('refuses any submission once the last cut-off has passed', async () => {
    const p = (await provider.call('POST', '/api/proposals', { callId, title: 'Dossier en retard' })).json().id;
    await provider.call('PUT', `/api/proposals/${p}`, { title: 'Dossier en retard', data: sampleData(), trainings: [sampleTraining(4, { budget: { totalCents: 1_000_000, regionCents: 500_000, privateCents: 0, ownCents: 0, requestedCents: 500_000 } })] });
    await upload(app, provider, `/api/proposals/${p}/attachments?kind=budget`, PDF);
    await setDay('2027-02-25');
    const res = await provider.call('POST', `/api/proposals/${p}/submit`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'date_limite_depassee', message: expect.stringMatching(/24\/02\/2027/) });
    expect((await provider.call('GET', `/api/proposals/${p}`)).json().status).toBe('draft');
    expect((await provider.call('POST', '/api/proposals', { callId, title: 'Encore plus tard' })).statusCode).toBe(409);
    await setDay('2026-09-10');
    await provider.call('POST', `/api/proposals/${p}/withdraw`, {});
  });
});

describe('review', () => {
  it('assigns only after the cut-off, at least two reviewers, none linked to the organisation', async () => {
    expect((await op.call('PUT', `/api/proposals/${proposalId}/reviewers`, { reviewerIds: [rev1Id, rev2Id] })).json()).toMatchObject({ error: 'date_limite_non_passee' });
    await setDay('2026-09-24');
    const one = await op.call('PUT', `/api/proposals/${proposalId}/reviewers`, { reviewerIds: [rev1Id, rev1Id] });
    expect(one.statusCode).toBe(400);
    expect(one.json().fields.reviewerIds).toMatch(/au moins 2/);
    const former = await op.call('PUT', `/api/proposals/${proposalId}/reviewers`, { reviewerIds: [rev1Id, conflictedId] });
    expect(former.statusCode).toBe(409);
    expect(former.json()).toMatchObject({ error: 'conflit_interets', message: expect.stringMatching(/membre de cet organisme/) });
    // rev3 declares a conflict with the provider beforehand
    expect((await rev3.call('POST', '/api/reviewer/conflicts', { organisationId: provider1, motive: 'Ancienne formatrice de cette fabrique' })).statusCode).toBe(201);
    const declared = await op.call('PUT', `/api/proposals/${proposalId}/reviewers`, { reviewerIds: [rev1Id, rev3Id] });
    expect(declared.json()).toMatchObject({ error: 'conflit_interets', message: expect.stringMatching(/conflit d’intérêts/) });
    const notReviewer = await op.call('PUT', `/api/proposals/${proposalId}/reviewers`, { reviewerIds: [rev1Id, '00000000-0000-4000-8000-000000000009'] });
    expect(notReviewer.statusCode).toBe(400);
    expect(await count('review_assignments')).toBe(0);
    const ok = await op.call('PUT', `/api/proposals/${proposalId}/reviewers`, { reviewerIds: [rev1Id, rev2Id] });
    expect(ok.statusCode).toBe(204);
    expect(await mails('calls.reviewer_assigned')).toBe(2);
    expect((await provider.call('GET', `/api/proposals/${proposalId}`)).json().status).toBe('in_review');
    const reviewers = (await op.call('GET', '/api/reviewers')).json();
    expect(reviewers.find((r: { userId: string }) => r.userId === rev3Id).conflictOrganisationIds).toEqual([provider1]);
  });

  it('lets a reviewer see and score only the proposals assigned to them', async () => {
    expect((await rev1.call('GET', '/api/reviews')).json()).toEqual([expect.objectContaining({ proposalId, status: 'assigned' })]);
    expect((await rev3.call('GET', '/api/reviews')).json()).toEqual([]);
    expect((await rev3.call('GET', `/api/proposals/${proposalId}`)).statusCode).toBe(404);
    expect((await rev3.call('PUT', `/api/proposals/${proposalId}/review`, { scores: [] })).statusCode).toBe(404);
    expect((await rev3.call('GET', `/api/proposals/${proposalId}/reviews`)).statusCode).toBe(404);
    const sub = await rev3.call('POST', `/api/proposals/${proposalId}/review/submit`);
    expect(sub.statusCode, sub.body).toBe(404);
    expect((await rev1.call('GET', `/api/proposals/${proposalId}`)).statusCode).toBe(200);
  });

  it('hides the others’ scores until one has submitted one’s own', async () => {
    const grid = sampleForm().grid;
    const full = (n: number) => grid.map((c) => ({ criterion: c.code, score: n, comment: `Note ${n} argumentée` }));
    const bad = await rev1.call('PUT', `/api/proposals/${proposalId}/review`, { scores: [{ criterion: 'innovation', score: 3, comment: '' }] });
    expect(bad.statusCode).toBe(400); // not in the grid of version 1
    expect((await rev1.call('PUT', `/api/proposals/${proposalId}/review`, { scores: full(5).slice(0, 2) })).statusCode).toBe(200);
    const incomplete = await rev1.call('POST', `/api/proposals/${proposalId}/review/submit`);
    expect(incomplete.statusCode).toBe(400);
    expect(await count('review_assignments', sql`status = 'submitted'`)).toBe(0);
    const submitted = await rev1.call('POST', `/api/proposals/${proposalId}/review/submit`, { scores: full(5) });
    expect(submitted.statusCode).toBe(200);
    const seenBy2 = (await rev2.call('GET', `/api/proposals/${proposalId}/reviews`)).json();
    expect(seenBy2.hidden).toBe(true);
    const other = seenBy2.reviews.find((r: { own: boolean }) => !r.own);
    expect(other).toMatchObject({ status: 'submitted', weightedScore: null, scores: null, reviewer: expect.stringMatching(/^Instructeur·rice/) });
    await rev2.call('POST', `/api/proposals/${proposalId}/review/submit`, { scores: full(3) });
    const after = (await rev2.call('GET', `/api/proposals/${proposalId}/reviews`)).json();
    expect(after.hidden).toBe(false);
    expect(after.reviews.find((r: { own: boolean }) => !r.own)).toMatchObject({ weightedScore: 5, scores: expect.any(Array) });
    expect((await rev1.call('PUT', `/api/proposals/${proposalId}/review`, { scores: full(1) })).statusCode).toBe(409);
    expect(await audits('review.submitted')).toBe(2);
  });

  it('lets an assigned reviewer recuse themselves: a declared conflict, the proposal handed back', async () => {
    let other = await asProvider2();
    const p = (await other.call('POST', '/api/proposals', { callId, title: 'Dossier d’une autre fabrique' })).json().id;
    await other.call('PUT', `/api/proposals/${p}`, { title: 'Dossier d’une autre fabrique', data: sampleData(), trainings: [sampleTraining(5)] });
    await upload(app, other, `/api/proposals/${p}/attachments?kind=budget`, PDF);
    expect((await other.call('POST', `/api/proposals/${p}/submit`)).json()).toMatchObject({ status: 'submitted', cutOff: '2026-11-25' });
    await setDay('2026-11-26');
    expect((await op.call('PUT', `/api/proposals/${p}/reviewers`, { reviewerIds: [rev2Id, rev3Id] })).statusCode).toBe(204);
    expect((await rev3.call('GET', `/api/proposals/${p}`)).statusCode).toBe(200);
    expect((await rev3.call('POST', `/api/proposals/${p}/review/recuse`, { motive: 'Mon conjoint y enseigne.' })).statusCode).toBe(204);
    expect((await rev3.call('GET', `/api/proposals/${p}`)).statusCode).toBe(404);
    expect((await rev3.call('GET', '/api/reviewer/conflicts')).json().map((c: { organisationId: string }) => c.organisationId).sort()).toEqual([provider1, provider2].sort());
    const listed = (await op.call('GET', `/api/calls/${callId}/proposals`)).json().find((x: { id: string }) => x.id === p);
    expect(listed.reviewers.map((r: { status: string }) => r.status).sort()).toEqual(['assigned', 'recused']);
    // re-assigning the recused reviewer is refused
    expect((await op.call('PUT', `/api/proposals/${p}/reviewers`, { reviewerIds: [rev2Id, rev3Id] })).json().error).toBe('conflit_interets');
    expect(await audits('review.recused')).toBe(1);
    // the provider withdraws it while in review
    other = await asProvider2();
    expect((await other.call('POST', `/api/proposals/${p}/withdraw`, { motive: 'Projet reporté' })).json().status).toBe('withdrawn');
    await setDay('2026-09-24');
  });
});

describe('committee and decisions', () => {
  it('ranks by weighted mean, flags disagreement, draws the cumulative line and the territorial spread', async () => {
    const v = (await op.call('GET', `/api/calls/${callId}/committee`)).json();
    expect(v.rows).toHaveLength(1);
    expect(v.rows[0]).toMatchObject({ rank: 1, proposalId, mean: 4, reviewsSubmitted: 2, reviewsAssigned: 2, disagreement: expect.stringMatching(/Écart de 2,00 points/), cumulativeCents: 12_000_000, withinEnvelope: true });
    expect(v.spread).toEqual([expect.objectContaining({ regionCode: '84', regionName: 'Auvergne-Rhône-Alpes', trainings: 2, requestedCents: 12_000_000, accepted: 0 })]);
    const csv = await op.call('GET', `/api/calls/${callId}/ranking.csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toMatch(/^\ufeffrang;dossier;organisme/);
    expect(csv.body).toContain('1;Fabrique numérique de Lyon;');
  });

  it('decides only while the call is in review, with two reviews, and a motive for every rejection', async () => {
    const early = await op.call('POST', `/api/proposals/${proposalId}/trainings/${trainingIds[0]}/decision`, { decision: 'accepted' });
    expect(early.json()).toMatchObject({ error: 'appel_non_en_instruction' });
    expect((await op.call('POST', `/api/calls/${callId}/status`, { to: 'closed' })).statusCode).toBe(200);
    expect((await op.call('POST', `/api/calls/${callId}/status`, { to: 'reviewing' })).statusCode).toBe(200);
    const noMotive = await op.call('POST', `/api/proposals/${proposalId}/trainings/${trainingIds[1]}/decision`, { decision: 'rejected', motive: '  ' });
    expect(noMotive.statusCode).toBe(400);
    expect(noMotive.json().fields.motive).toMatch(/motif/);
    expect(await count('proposal_trainings', sql`decision is not null`)).toBe(0);
  });

  it('refuses an acceptance beyond the envelope and changes nothing', async () => {
    await database.rows(sql`update calls set envelope_cents = 5000000 where id = ${callId}`);
    const res = await op.call('POST', `/api/proposals/${proposalId}/trainings/${trainingIds[0]}/decision`, { decision: 'accepted' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'plafond_depasse', message: expect.stringMatching(/enveloppe/) });
    expect(await count('grants')).toBe(0);
    expect(await count('labels', sql`training_id in (select id from trainings where title like 'Développeur·se web et web mobile%')`)).toBe(0);
    await database.rows(sql`update calls set envelope_cents = 100000000 where id = ${callId}`);
  });

  it('accepts one training (label, catalogue, grant in tranches) and rejects the other with a motive', async () => {
    const acc = await op.call('POST', `/api/proposals/${proposalId}/trainings/${trainingIds[0]}/decision`, { decision: 'accepted', motive: 'Projet solide' });
    expect(acc.statusCode).toBe(200);
    const t0 = acc.json().trainings[0];
    expect(t0).toMatchObject({ decision: 'accepted', trainingId: expect.any(String), labelId: expect.any(String) });
    expect(acc.json().status).toBe('in_review');
    // public at once, with its label and validity
    const page = await new TestClient(app).call('GET', `/api/trainings/${t0.trainingId}`);
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: 'Développeur·se web et web mobile 1', label: { status: 'active', grantedOn: '2026-09-24', validUntil: '2029-09-24' } });
    const grant = (await op.call('GET', '/api/grants')).json();
    expect(grant).toEqual([expect.objectContaining({ trainingId: t0.trainingId, amountCents: 6_000_000, paidCents: 0 })]);
    const detail = (await op.call('GET', `/api/grants/${grant[0].id}`)).json();
    expect(detail.tranches.map((t: { amountCents: number; status: string }) => [t.amountCents, t.status])).toEqual([
      [3_000_000, 'planned'],
      [1_800_000, 'planned'],
      [1_200_000, 'planned'],
    ]);
    const rej = await op.call('POST', `/api/proposals/${proposalId}/trainings/${trainingIds[1]}/decision`, { decision: 'rejected', motive: 'Part de femmes visée trop faible (20 %).' });
    expect(rej.json()).toMatchObject({ status: 'decided', trainings: [{ decision: 'accepted' }, { decision: 'rejected', decisionMotive: 'Part de femmes visée trop faible (20 %).' }] });
    expect((await op.call('POST', `/api/proposals/${proposalId}/trainings/${trainingIds[1]}/decision`, { decision: 'accepted' })).statusCode).toBe(409);
    const [mail] = await database.rows<{ text: string }>(sql`select text from mail_outbox where kind = 'calls.decision'`);
    expect(mail!.text).toContain('Motif : Part de femmes visée trop faible (20 %).');
    expect(await audits('label.granted')).toBe(1);
    expect(await audits('grant.created')).toBe(1);
    expect(await audits('proposal.decided')).toBe(1);
    const v = (await op.call('GET', `/api/calls/${callId}/committee`)).json();
    expect(v.totals).toMatchObject({ acceptedCents: 6_000_000, remainingEnvelopeCents: 94_000_000 });
    expect((await op.call('POST', `/api/calls/${callId}/status`, { to: 'decided' })).statusCode).toBe(200);
  });
});

let grantId: string;
let tranches: { id: string }[];

describe('grants paid on evidence', () => {
  beforeAll(async () => {
    grantId = (await provider.call('GET', '/api/grants')).json()[0].id;
    tranches = (await provider.call('GET', `/api/grants/${grantId}`)).json().tranches;
  });

  it('never pays a tranche without approved evidence, and changes nothing', async () => {
    const res = await op.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/payment`, { reference: 'VIR-2026-001' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('paiement_sans_justificatif');
    expect(await count('grant_tranches', sql`status = 'paid'`)).toBe(0);
    expect(await audits('tranche.paid')).toBe(0);
    // nor can evidence be submitted without a document
    expect((await provider.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/submit`)).statusCode).toBe(400);
    // the database refuses it too
    await expect(database.rows(sql`update grant_tranches set status = 'paid', paid_at = now() where id = ${tranches[0]!.id}`)).rejects.toThrow();
  });

  it('returns evidence with a motive, then approves and pays', async () => {
    expect((await upload(app, provider, `/api/grants/${grantId}/tranches/${tranches[0]!.id}/evidence?kind=attendance`, Buffer.from('GIF89a'))).statusCode).toBe(400);
    const up = await upload(app, provider, `/api/grants/${grantId}/tranches/${tranches[0]!.id}/evidence?kind=attendance`, PDF, 'application/pdf', 'emargement.pdf');
    expect(up.statusCode).toBe(201);
    expect((await provider.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/submit`)).json().tranches[0].status).toBe('evidence_submitted');
    expect((await op.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/review`, { decision: 'return' })).statusCode).toBe(400);
    const ret = await op.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/review`, { decision: 'return', motive: 'Les feuilles d’émargement ne sont pas signées.' });
    expect(ret.json().tranches[0]).toMatchObject({ status: 'planned', returnMotive: 'Les feuilles d’émargement ne sont pas signées.' });
    expect(await mails('grants.evidence_returned')).toBeGreaterThanOrEqual(1);
    await upload(app, provider, `/api/grants/${grantId}/tranches/${tranches[0]!.id}/evidence?kind=attendance`, PDF, 'application/pdf', 'emargement-signe.pdf');
    await provider.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/submit`);
    expect((await op.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/review`, { decision: 'approve' })).json().tranches[0].status).toBe('approved');
    // the provider cannot pay, nor approve
    expect((await provider.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/payment`, { reference: 'X' })).statusCode).toBe(403);
    const paid = await op.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/payment`, { reference: 'VIR-2026-001' });
    expect(paid.json().tranches[0]).toMatchObject({ status: 'paid', paymentReference: 'VIR-2026-001' });
    expect((await op.call('POST', `/api/grants/${grantId}/tranches/${tranches[0]!.id}/payment`, { reference: 'VIR-2026-002' })).json().error).toBe('deja_paye');
  });

  it('shows committed vs paid vs remaining per call and per funder', async () => {
    const s = (await op.call('GET', '/api/grants/summary')).json();
    expect(s.total).toMatchObject({ committedCents: 6_000_000, paidCents: 3_000_000, remainingCents: 3_000_000, grants: 1 });
    expect(s.byCall[0]).toMatchObject({ callId, envelopeCents: 100_000_000, envelopeLeftCents: 94_000_000 });
    expect(s.byFunder[0]).toMatchObject({ funderId: null, name: expect.stringMatching(/État/) });
    // a funder sees only what it funds (nothing here), another provider nothing at all
    expect((await (await signedIn(FUNDER)).call('GET', '/api/grants/summary')).json().total.grants).toBe(0);
    expect((await (await signedIn(FUNDER)).call('GET', `/api/grants/${grantId}`)).statusCode).toBe(404);
  });
});

describe('labels', () => {
  let labelId: string;
  let trainingId: string;
  beforeAll(async () => {
    const l = (await op.call('GET', '/api/labels?q=web%20mobile%201')).json().results[0];
    labelId = l.id;
    trainingId = l.trainingId;
  });

  const searchable = async () => (await new TestClient(app).call('GET', `/api/trainings?q=${encodeURIComponent('Développeur·se web et web mobile 1')}&pageSize=50`)).json().results.some((r: { id: string }) => r.id === trainingId);

  it('suspends (hidden from search, its page says why), reinstates, audits and mails', async () => {
    expect(await searchable()).toBe(true);
    expect((await op.call('POST', `/api/labels/${labelId}/status`, { to: 'suspended', reason: '' })).statusCode).toBe(400);
    expect((await op.call('POST', `/api/labels/${labelId}/status`, { to: 'suspended', reason: 'Contrôle en cours sur les effectifs.' })).statusCode).toBe(200);
    expect(await searchable()).toBe(false);
    expect((await new TestClient(app).call('GET', `/api/trainings/${trainingId}`)).json().label).toMatchObject({ status: 'suspended', statusReason: 'Contrôle en cours sur les effectifs.' });
    expect((await op.call('POST', `/api/labels/${labelId}/status`, { to: 'withdrawn', reason: 'Pas depuis un label suspendu.' })).statusCode).toBe(409);
    expect((await op.call('POST', `/api/labels/${labelId}/status`, { to: 'active', reason: 'Contrôle levé.' })).statusCode).toBe(200);
    expect(await searchable()).toBe(true);
    expect(await mails('labels.suspended')).toBeGreaterThanOrEqual(1);
    expect(await audits('label.suspended')).toBe(1);
    expect(await audits('label.reinstated')).toBe(1);
  });

  it('renews only in the last six months, expires daily, and renews within six months after expiry', async () => {
    expect((await op.call('POST', `/api/labels/${labelId}/renewal`, {})).json()).toMatchObject({ error: 'renouvellement_impossible', message: expect.stringMatching(/24\/03\/2029/) });
    await setDay('2029-09-24');
    expect(await expireLabels({ database, clock: () => now, geo: territories(), catalogue: { refresh: async () => ({ trainings: 0, unplaced: 0 }) }, baseUrl: 'http://localhost:3000' })).toBeGreaterThanOrEqual(1);
    expect(await audits('label.expired')).toBeGreaterThanOrEqual(1);
    const renewed = await op.call('POST', `/api/labels/${labelId}/renewal`, { motive: 'Bilan positif' });
    expect(renewed.statusCode).toBe(201);
    expect(renewed.json().validUntil).toBe('2032-09-24');
    expect((await op.call('POST', `/api/labels/${labelId}/renewal`, {})).statusCode).toBe(409);
    const list = (await op.call('GET', `/api/labels?q=web%20mobile%201`)).json().results;
    expect(list.find((l: { id: string }) => l.id === renewed.json().id)).toMatchObject({ status: 'active', renewedFromLabelId: labelId });
    await setDay('2026-09-24');
  });

  it('withdraws a label (its effects on sessions, wishes and offers: src/areas/labels/labels.int.test.ts)', async () => {
    const l = (await op.call('GET', '/api/labels?status=active&q=web%20mobile%201')).json().results[0];
    const res = await op.call('POST', `/api/labels/${l.id}/status`, { to: 'withdrawn', reason: 'Manquements graves à la charte du label.' });
    expect(res.statusCode).toBe(200);
    expect(await searchable()).toBe(false);
    expect(await audits('label.candidates_notified')).toBe(1);
  });
});

describe('audit', () => {
  it('records every transition with ids and field names only', async () => {
    const rows = await database.rows<{ action: string; fields: string[] }>(sql`select action, fields from audit where object_type in ('call','proposal','proposal_training','review_assignment','label','grant','grant_tranche','reviewer_conflict','training')`);
    const actions = new Set(rows.map((r) => r.action));
    for (const a of ['call.created', 'call.version_created', 'proposal.created', 'proposal.submitted', 'proposal.withdrawn', 'review.assigned', 'review.submitted', 'reviewer.conflict_declared', 'proposal_training.decided', 'training.created', 'label.granted', 'grant.created', 'tranche.evidence_returned', 'tranche.paid', 'label.renewed']) {
      expect(actions, a).toContain(a);
    }
    // never a personal value in the audit (the provider's names, the reviewers' e-mails)
    const all = JSON.stringify(await database.rows(sql`select * from audit`));
    expect(all).not.toContain('@demo.fabriques.fr');
  });
});
