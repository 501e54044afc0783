/**
 * A small world in which every kind of object a route can name exists, owned by a first account of each
 * role, beside a second account of the same role that owns nothing of it (another provider, another
 * prescriber, a reviewer not assigned, a funder of another région, another employer, another candidate).
 * Built through the API where the product has a route for it (calls, proposals, reviews, decisions,
 * profile, follows, documents, rankings, rounds, offers, enrolments, aid requests), by fixture inserts
 * for people and organisations. Used by the cross-organisation matrix and by the fuzzing of every route.
 */
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { memberships, organisations, users } from '../src/db/schema/index.ts';
import { DEMO_PASSWORD } from '../src/seed/demo-accounts.ts';
import { sampleData, sampleForm, sampleTraining } from '../src/areas/calls/domain/fixtures.ts';
import { addReviewer, callBody, PDF, upload } from '../src/areas/calls/test-support.ts';
import { addSession, world, type World } from '../src/areas/admissions/test-support.ts';
import { TestClient } from './support/app.ts';

/** Who acts: the first account of each role (owns the objects) and the second ones (own nothing of them). */
export const FIRST = ['operator', 'provider', 'prescriber', 'reviewer', 'funder', 'employer', 'candidate'] as const;
export const SECOND = ['other provider', 'other prescriber', 'reviewer not assigned', 'funder of another région', 'other employer', 'other candidate'] as const;
export type Actor = (typeof FIRST)[number] | (typeof SECOND)[number];
/** the role each account acts with */
export const ROLE_OF: Record<Actor, string> = {
  operator: 'operator',
  provider: 'provider',
  prescriber: 'prescriber',
  reviewer: 'reviewer',
  funder: 'funder',
  employer: 'employer',
  candidate: 'candidate',
  'other provider': 'provider',
  'other prescriber': 'prescriber',
  'reviewer not assigned': 'reviewer',
  'funder of another région': 'funder',
  'other employer': 'employer',
  'other candidate': 'candidate',
};

/** The objects of the first accounts (ids), by name. */
export interface Objects {
  /** the organisation each first account acts for, by role */
  org: Record<string, string>;
  /** one membership and one pending invitation of each of those organisations, by role */
  membership: Record<string, string>;
  invitation: Record<string, string>;
  call: string;
  proposal: string;
  proposalTraining: string;
  attachment: string;
  label: string;
  training: string;
  grant: string;
  tranche: string;
  evidence: string;
  session: string;
  /** the first candidate's wish, offer, enrolment, aid request and proof document */
  wish: string;
  offer: string;
  enrolment: string;
  aidRequest: string;
  document: string;
  /** the first candidate (follows the first prescriber's organisation), and one who follows nobody */
  candidate: string;
  candidateNotFollowing: string;
  /** ids of the second accounts' own organisations, by role */
  otherOrg: Record<string, string>;
  reviewerIds: string[];
}

export interface MatrixWorld extends World {
  objects: Objects;
  emails: Record<Actor, string>;
  /** the organisation an account acts for (null for candidates) */
  actsFor: Record<Actor, string | null>;
  /** a freshly signed-in client of an account, acting for its organisation */
  as(actor: Actor): Promise<TestClient>;
}

const ok = (res: LightMyRequestResponse, what: string, status = [200, 201, 204]) => {
  if (!status.includes(res.statusCode)) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 500)}`);
  return res.statusCode === 204 ? undefined : res.json();
};

export const GOOD_PROFILE = {
  givenName: 'Camille',
  familyName: 'Diallo',
  phone: '06 12 34 56 78',
  communeCode: '69123',
  gender: 'female',
  diplomaLevel: '4',
  situation: 'job_seeker',
  qpvCode: null,
  zrr: false,
  rqth: true,
  income: { euros: 9_000, children: 1, childrenHigherEducation: 0 },
  consents: { profile: true, health: true, income: true },
};

/** Adds an organisation and a signed-in-able account acting for it with `role` (admin). */
async function addMember(w: World, email: string, role: string, org: typeof organisations.$inferInsert | string): Promise<{ userId: string; organisationId: string }> {
  const organisationId = typeof org === 'string' ? org : (await w.database.db.insert(organisations).values(org).returning({ id: organisations.id }))[0]!.id;
  const [u] = await w.database.db
    .insert(users)
    .values({ email, emailVerifiedAt: w.clock.now, passwordHash: w.passwordHash, givenName: email.split('@')[0]!, familyName: 'Seconde', birthDate: '1988-04-04' })
    .returning({ id: users.id });
  await w.database.db.insert(memberships).values({ userId: u!.id, organisationId, role: role as 'provider', isAdmin: true });
  return { userId: u!.id, organisationId };
}

async function addCandidateAccount(w: World, email: string, givenName: string): Promise<string> {
  const [u] = await w.database.db.insert(users).values({ email, emailVerifiedAt: w.clock.now, passwordHash: w.passwordHash, givenName, familyName: 'Matrice', birthDate: '1996-02-02' }).returning({ id: users.id });
  await w.database.db.insert(memberships).values({ userId: u!.id, role: 'candidate' });
  return u!.id;
}

export async function matrixWorld(): Promise<MatrixWorld> {
  const w = await world('2026-09-10T08:00:00Z');
  const db = w.database;
  const one = async <T>(q: ReturnType<typeof sql>) => (await db.rows<T & Record<string, unknown>>(q))[0]!;
  const orgByName = async (name: string) => (await one<{ id: string }>(sql`select id from organisations where name = ${name}`)).id;
  const providers = (await db.rows<{ id: string }>(sql`select id from organisations where kind = 'provider' order by id`)).map((r) => r.id);
  const provider1 = w.ownProvider;
  const provider2 = (await one<{ id: string }>(sql`select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = 'formation@demo.fabriques.fr' and m.organisation_id <> ${provider1}`)).id;
  const provider3 = providers.find((p) => p !== provider1 && p !== provider2)!;

  const emails: Record<Actor, string> = {
    operator: 'operateur@demo.fabriques.fr',
    provider: 'formation@demo.fabriques.fr',
    prescriber: 'prescriptrice@demo.fabriques.fr',
    reviewer: 'instructeur@demo.fabriques.fr',
    funder: 'financeur@demo.fabriques.fr',
    employer: 'employeur@demo.fabriques.fr',
    candidate: 'candidate.a@matrice.fabriques.fr',
    'other provider': 'formation.b@matrice.fabriques.fr',
    'other prescriber': 'prescripteur.b@matrice.fabriques.fr',
    'reviewer not assigned': 'instructeur.b@matrice.fabriques.fr',
    'funder of another région': 'financeur.b@matrice.fabriques.fr',
    'other employer': 'employeur.b@matrice.fabriques.fr',
    'other candidate': 'candidate.b@matrice.fabriques.fr',
  };
  const org: Record<string, string> = {
    operator: await orgByName('GIP Grande École du Numérique'),
    provider: provider1,
    prescriber: await orgByName('Mission locale de Lyon'),
    funder: await orgByName('Région Auvergne-Rhône-Alpes'),
    employer: await orgByName('Numérique Rhône SAS'),
  };
  org.reviewer = org.operator!;
  const otherOrg: Record<string, string> = {
    provider: (await addMember(w, emails['other provider'], 'provider', provider3)).organisationId,
    prescriber: (await addMember(w, emails['other prescriber'], 'prescriber', { kind: 'prescriber', name: 'Mission locale de Paris', subtype: 'mission_locale', communeCode: '75056' })).organisationId,
    funder: (await addMember(w, emails['funder of another région'], 'funder', { kind: 'funder', name: 'Région Île-de-France', subtype: 'region', regionCode: '11', communeCode: '75056' })).organisationId,
    employer: (await addMember(w, emails['other employer'], 'employer', { kind: 'employer', name: 'Seine Numérique SARL', naf: '62.02A', communeCode: '75056' })).organisationId,
  };
  const reviewerC = await addReviewer(db, 'instructrice.c@matrice.fabriques.fr', w.passwordHash);
  const reviewerB = await addReviewer(db, emails['reviewer not assigned'], w.passwordHash);
  otherOrg.reviewer = org.operator!;
  // the first candidate and the one who follows nobody establish their profile and diagnosis through the API below
  const candidate = await addCandidateAccount(w, emails.candidate, 'Alma');
  const candidateC = await addCandidateAccount(w, 'candidate.c@matrice.fabriques.fr', 'Chloé');
  await addCandidateAccount(w, emails['other candidate'], 'Bérénice');
  const actsFor: Record<Actor, string | null> = {
    operator: org.operator!,
    provider: provider1,
    prescriber: org.prescriber!,
    reviewer: org.operator!,
    funder: org.funder!,
    employer: org.employer!,
    candidate: null,
    'other provider': otherOrg.provider!,
    'other prescriber': otherOrg.prescriber!,
    'reviewer not assigned': org.operator!,
    'funder of another région': otherOrg.funder!,
    'other employer': otherOrg.employer!,
    'other candidate': null,
  };

  async function signIn(email: string, organisationId: string | null): Promise<TestClient> {
    const c = new TestClient(w.app);
    const me = ok(await c.signIn(email, DEMO_PASSWORD), `sign-in ${email}`);
    const m = (me.memberships as { id: string; organisationId: string | null }[]).find((x) => x.organisationId === organisationId);
    if (organisationId && !m) throw new Error(`${email} is not a member of ${organisationId}`);
    if (organisationId && me.activeMembershipId !== m!.id) ok(await c.call('PUT', '/api/account/active-membership', { membershipId: m!.id }), 'active membership');
    return c;
  }
  const as = (actor: Actor) => signIn(emails[actor], actsFor[actor]);

  // --- calls: a call funded by the first funder, a proposal of the first provider, two reviews, a decision
  let op = await as('operator');
  const call = ok(await op.call('POST', '/api/calls', callBody({}, { funderId: org.funder })), 'call').id as string;
  ok(await op.call('POST', `/api/calls/${call}/status`, { to: 'open' }), 'open call');
  let provider = await as('provider');
  const proposal = ok(await provider.call('POST', '/api/proposals', { callId: call, title: 'Fabrique numérique de la matrice' }), 'proposal').id as string;
  ok(await provider.call('PUT', `/api/proposals/${proposal}`, { title: 'Fabrique numérique de la matrice', data: sampleData(), trainings: [sampleTraining(1)] }), 'save proposal');
  const attachment = ok(await upload(w.app, provider, `/api/proposals/${proposal}/attachments?kind=budget`, PDF), 'attachment').id as string;
  const proposalTraining = ok(await provider.call('POST', `/api/proposals/${proposal}/submit`), 'submit').trainings[0].id as string;
  w.clock.now = new Date('2026-09-24T08:00:00Z');
  const reviewerA = (await one<{ id: string }>(sql`select id from users where email = ${emails.reviewer}`)).id;
  op = await as('operator');
  ok(await op.call('PUT', `/api/proposals/${proposal}/reviewers`, { reviewerIds: [reviewerA, reviewerC] }), 'assign reviewers');
  const scores = sampleForm().grid.map((c) => ({ criterion: c.code, score: 4, comment: 'Argumenté' }));
  ok(await (await as('reviewer')).call('POST', `/api/proposals/${proposal}/review/submit`, { scores }), 'review A');
  ok(await (await signIn('instructrice.c@matrice.fabriques.fr', org.operator!)).call('POST', `/api/proposals/${proposal}/review/submit`, { scores }), 'review C');
  ok(await op.call('POST', `/api/calls/${call}/status`, { to: 'closed' }), 'close call');
  ok(await op.call('POST', `/api/calls/${call}/status`, { to: 'reviewing' }), 'review call');
  const decided = ok(await op.call('POST', `/api/proposals/${proposal}/trainings/${proposalTraining}/decision`, { decision: 'accepted', motive: 'Projet solide' }), 'decision');
  const { trainingId: training, labelId: label } = decided.trainings[0] as { trainingId: string; labelId: string };
  provider = await as('provider');
  const grant = (ok(await provider.call('GET', '/api/grants'), 'grants') as { id: string }[])[0]!.id;
  const tranche = ok(await provider.call('GET', `/api/grants/${grant}`), 'grant').tranches[0].id as string;
  const evidence = ok(await upload(w.app, provider, `/api/grants/${grant}/tranches/${tranche}/evidence?kind=attendance`, PDF), 'evidence').id as string;

  // --- organisations: one pending invitation in each first organisation (by its admin)
  const membership: Record<string, string> = {};
  const invitation: Record<string, string> = {};
  for (const role of ['operator', 'provider', 'prescriber', 'funder', 'employer', 'reviewer'] as const) {
    const c = await as(role);
    const me = ok(await c.call('GET', '/api/account'), 'account');
    membership[role] = (me.memberships as { id: string; organisationId: string }[]).find((m) => m.organisationId === org[role])!.id;
    if (role === 'reviewer') continue;
    // only the operator invites funders (and reviewers, operators)
    const inviter = role === 'funder' ? await as('operator') : c;
    invitation[role] = ok(await inviter.call('POST', `/api/organisations/${org[role]}/invitations`, { email: `invite.${role}@matrice.fabriques.fr`, role: role === 'operator' ? 'reviewer' : role }), `invitation ${role}`).id;
  }
  invitation.reviewer = invitation.operator!;

  // --- candidates: profile, follow, proof document, a wish on a session of the first provider
  w.clock.now = new Date('2026-12-01T09:00:00Z');
  const session = await addSession(w, w.ownTraining, 2, '2027-03-01');
  const cand = await as('candidate');
  ok(await cand.call('PUT', '/api/candidate/profile', GOOD_PROFILE), 'profile');
  ok(await cand.call('POST', '/api/candidate/follows', { organisationId: org.prescriber }), 'follow');
  const docRes = await w.app.inject({
    method: 'POST',
    url: '/api/candidate/documents?criterion=rqth',
    headers: { cookie: cand.cookie!, 'x-csrf-token': cand.csrf!, 'content-type': 'application/pdf', 'x-file-name': 'mdph.pdf' },
    payload: PDF,
  });
  ok(await cand.call('POST', '/api/candidate/diagnosis'), 'diagnosis');
  const document = (ok(docRes, 'document') as { id: string }[])[0]!.id;
  const wish = (ok(await cand.call('POST', '/api/candidate/wishes', { sessionId: session, motivation: 'Je veux apprendre le développement web.' }), 'wish') as { wishes: { id: string }[] }).wishes[0]!.id;
  const candC = await signIn('candidate.c@matrice.fabriques.fr', null);
  ok(await candC.call('PUT', '/api/candidate/profile', { ...GOOD_PROFILE, givenName: 'Chloé' }), 'profile C');
  ok(await candC.call('POST', '/api/candidate/diagnosis'), 'diagnosis C');
  const candB = await as('other candidate');
  ok(await candB.call('PUT', '/api/candidate/profile', { ...GOOD_PROFILE, givenName: 'Bérénice' }), 'profile B');
  ok(await candB.call('POST', '/api/candidate/diagnosis'), 'diagnosis B');

  // --- admissions: ranking, a round, the offer accepted, the enrolment at the start, an aid request
  provider = await as('provider');
  ok(await provider.call('PUT', `/api/provider/sessions/${session}/admissions/ranking`, { entries: [{ wishId: wish, rank: 1, notRankedReason: null, notes: null }] }), 'ranking');
  ok(await provider.call('POST', `/api/provider/sessions/${session}/admissions/ranking/publish`), 'publish');
  ok(await (await as('operator')).call('POST', '/api/admissions/rounds'), 'round');
  const offer = ok(await cand.call('GET', '/api/candidate/admissions'), 'admissions').items[0].offer.id as string;
  ok(await cand.call('POST', `/api/candidate/offers/${offer}/accept`, {}), 'accept');
  w.clock.now = new Date('2027-03-01T07:00:00Z');
  provider = await as('provider');
  const enrolment = ok(await provider.call('POST', `/api/provider/sessions/${session}/enrolments/open`), 'enrolments').enrolments[0].id as string;
  ok(await provider.call('POST', `/api/provider/enrolments/${enrolment}/status`, { to: 'in_training' }), 'in training');
  const learner = await as('candidate');
  ok(
    await learner.call('POST', `/api/learner/enrolments/${enrolment}/aid-request`, { incomeEuros: 9000, children: 1, childrenInHigherEducation: 0, disability: false, carer: false, exclusions: [], homeCommuneCode: '69123' }),
    'aid request',
  );
  const aidRequest = (ok(await (await as('operator')).call('GET', '/api/aid-requests'), 'aid requests') as { id: string }[])[0]!.id;

  const objects: Objects = {
    org,
    membership,
    invitation,
    call,
    proposal,
    proposalTraining,
    attachment,
    label,
    training,
    grant,
    tranche,
    evidence,
    session,
    wish,
    offer,
    enrolment,
    aidRequest,
    document,
    candidate,
    candidateNotFollowing: candidateC,
    otherOrg,
    reviewerIds: [reviewerA, reviewerB, reviewerC],
  };
  return Object.assign(w, { objects, emails, actsFor, as });
}
