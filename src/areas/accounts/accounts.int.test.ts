import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../../test/support/database.ts';
import { lastMailToken, testApp, TestClient } from '../../../test/support/app.ts';
import type { Database } from '../../db/client.ts';
import { insertDemoAccounts, DEMO_PASSWORD } from '../../seed/demo-accounts.ts';
import { hashPassword } from './passwords.ts';
import { generateDemoNetwork } from '../../seed/generate.ts';
import { insertNetworkRows } from '../../seed/insert.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;
/** a clock the tests move forward (expiries, timeouts) */
let now = new Date('2026-11-29T09:00:00Z');
const advance = (minutes: number) => {
  now = new Date(now.getTime() + minutes * 60_000);
};

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 7, providers: 4, trainings: 6, sessions: 8, today: '2026-11-29' });
  const hash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, hash);
  });
  app = await testApp(database, { clock: () => now });
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const auditCount = async (action: string) =>
  (await database.rows<{ n: number }>(sql`select count(*)::int as n from audit where action = ${action}`))[0]!.n;

describe('sign-up by password, e-mail confirmation, sign-in', () => {
  const email = 'lea.martin@exemple.fr';
  const password = 'un chat sur le toit de Lyon';

  it('creates an account, mails a confirmation link, and refuses sign-in until it is followed', async () => {
    const c = new TestClient(app);
    const res = await c.call('POST', '/api/auth/sign-up', { email, password, givenName: 'Léa', familyName: 'Martin', birthDate: '2001-03-04', acceptTerms: true });
    expect(res.statusCode).toBe(202);
    expect(await auditCount('account.created')).toBe(1);
    const early = await c.signIn(email, password);
    expect(early.statusCode).toBe(409);
    expect(early.json().message).toMatch(/Confirmez d’abord votre adresse/);
    const token = await lastMailToken(database, email, 'accounts.confirm_email');
    expect((await c.call('POST', '/api/auth/confirm-email', { token })).statusCode).toBe(200);
    // the link is single-use
    expect((await c.call('POST', '/api/auth/confirm-email', { token })).statusCode).toBe(400);
    const ok = await c.signIn(email, password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.email).toBe(email);
    expect(ok.json().memberships.map((m: { role: string }) => m.role)).toEqual(['candidate']);
    const cookie = ok.cookies.find((k) => k.name === 'fabriques-session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect((await c.call('GET', '/api/account')).statusCode).toBe(200);
  });

  it('answers a sign-up on an existing address like any other, and mails its owner instead', async () => {
    const c = new TestClient(app);
    const res = await c.call('POST', '/api/auth/sign-up', { email, password: 'autre phrase assez longue', givenName: 'X', familyName: 'Y', birthDate: '1990-01-01', acceptTerms: true });
    expect(res.statusCode).toBe(202);
    expect(await lastMailToken(database, email, 'accounts.account_exists').catch(() => 'none')).toBe('none'); // no token link in that mail
    const [{ n }] = (await database.rows<{ n: number }>(sql`select count(*)::int as n from mail_outbox where recipient = ${email} and kind = 'accounts.account_exists'`)) as [{ n: number }];
    expect(n).toBe(1);
    expect(await auditCount('account.created')).toBe(1);
  });

  it('refuses bad input field by field and changes nothing', async () => {
    const before = (await database.rows<{ n: number }>(sql`select count(*)::int as n from users`))[0]!.n;
    const res = await new TestClient(app).call('POST', '/api/auth/sign-up', { email: 'pas-une-adresse', password: 'azerty123', givenName: '', familyName: 'Z', birthDate: '2030-01-01', acceptTerms: true });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(expect.arrayContaining(['email', 'givenName']));
    const weak = await new TestClient(app).call('POST', '/api/auth/sign-up', { email: 'z@exemple.fr', password: 'Azerty123456!', givenName: 'Zoé', familyName: 'Z', birthDate: '2000-01-01', acceptTerms: true });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().fields.password).toMatch(/trop courant/);
    expect((await database.rows<{ n: number }>(sql`select count(*)::int as n from users`))[0]!.n).toBe(before);
  });
});

describe('under 15: a parent consents', () => {
  it('keeps the account inactive until the parent follows the link', async () => {
    const c = new TestClient(app);
    const child = 'jeune@exemple.fr';
    const missing = await c.call('POST', '/api/auth/sign-up', { email: child, password: 'ma fusée part demain', givenName: 'Noé', familyName: 'Petit', birthDate: '2013-06-01', acceptTerms: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields['parent.email']).toMatch(/moins de 15 ans/);
    const res = await c.call('POST', '/api/auth/sign-up', {
      email: child,
      password: 'ma fusée part demain',
      givenName: 'Noé',
      familyName: 'Petit',
      birthDate: '2013-06-01',
      parent: { name: 'Anne Petit', email: 'anne.petit@exemple.fr' },
      acceptTerms: true,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().parentalConsentRequested).toBe(true);
    await c.call('POST', '/api/auth/confirm-email', { token: await lastMailToken(database, child, 'accounts.confirm_email') });
    expect((await c.signIn(child, 'ma fusée part demain')).statusCode).toBe(403);
    const consent = await lastMailToken(database, 'anne.petit@exemple.fr', 'accounts.parental_consent');
    expect((await c.call('POST', '/api/auth/parental-consent', { token: consent })).statusCode).toBe(200);
    expect(await auditCount('parental_consent.given')).toBe(1);
    expect((await c.signIn(child, 'ma fusée part demain')).statusCode).toBe(200);
  });
});

describe('brute force on sign-in', () => {
  it('slows, then blocks an account after repeated failures, even with the right password', async () => {
    const c = new TestClient(app);
    const email = 'candidate@demo.fabriques.fr';
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await c.signIn(email, `mauvais mot de passe ${i}`)).statusCode);
    expect(statuses).toEqual(Array(10).fill(400));
    const blocked = await c.signIn(email, DEMO_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.json().message).toMatch(/Trop de tentatives/);
    advance(16);
    expect((await c.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts the slowed attempts: the delay grows after three failures', async () => {
    const { delayBeforeAttempt, ACCOUNT_POLICY } = await import('./domain/throttle.ts');
    expect([0, 1, 2, 3, 4, 5, 12].map((n) => delayBeforeAttempt(ACCOUNT_POLICY, n))).toEqual([0, 0, 0, 250, 500, 1000, 4000]);
  });
});

describe('password reset', () => {
  it('works once, within its hour, and ends every session', async () => {
    const email = 'employeur@demo.fabriques.fr';
    const other = new TestClient(app);
    expect((await other.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
    const c = new TestClient(app);
    expect((await c.call('POST', '/api/auth/password-reset/request', { email })).statusCode).toBe(202);
    // unknown address: same answer, no mail
    expect((await c.call('POST', '/api/auth/password-reset/request', { email: 'inconnu@exemple.fr' })).statusCode).toBe(202);
    const token = await lastMailToken(database, email, 'accounts.reset_password');
    const weak = await c.call('POST', '/api/auth/password-reset', { token, password: 'motdepasse' });
    expect(weak.statusCode).toBe(400);
    expect((await c.call('POST', '/api/auth/password-reset', { token, password: 'nouvelle phrase de passe solide' })).statusCode).toBe(200);
    expect((await c.call('POST', '/api/auth/password-reset', { token, password: 'encore une autre phrase' })).statusCode).toBe(400);
    expect((await other.call('GET', '/api/account')).statusCode).toBe(401);
    expect((await c.signIn(email, 'nouvelle phrase de passe solide')).statusCode).toBe(200);

    await c.call('POST', '/api/auth/password-reset/request', { email });
    const late = await lastMailToken(database, email, 'accounts.reset_password');
    advance(61);
    const expired = await c.call('POST', '/api/auth/password-reset', { token: late, password: 'une phrase jamais servie' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().message).toMatch(/n’est plus valide/);
  });
});

describe('sessions', () => {
  it('requires the CSRF token on state-changing calls made with the cookie', async () => {
    const c = new TestClient(app);
    await c.signIn('prescriptrice@demo.fabriques.fr', DEMO_PASSWORD);
    const csrf = c.csrf;
    c.csrf = undefined;
    expect((await c.call('POST', '/api/auth/sign-out')).statusCode).toBe(403);
    c.csrf = 'x'.repeat(43);
    expect((await c.call('POST', '/api/auth/sign-out')).statusCode).toBe(403);
    c.csrf = csrf;
    expect((await c.call('POST', '/api/auth/sign-out')).statusCode).toBe(204);
    expect((await c.call('GET', '/api/account')).statusCode).toBe(401);
  });

  it('gives a new session at each sign-in, and a failed sign-in leaves the open session as it was', async () => {
    const c = new TestClient(app);
    await c.signIn('financeur@demo.fabriques.fr', DEMO_PASSWORD);
    const first = c.cookie;
    expect((await c.call('POST', '/api/auth/sign-in', { email: 'financeur@demo.fabriques.fr', password: 'pas-le-bon-mot-de-passe' })).statusCode).toBe(400);
    expect(c.cookie).toBe(first);
    expect((await c.call('GET', '/api/account')).statusCode).toBe(200);
    const stale = new TestClient(app);
    stale.cookie = first;
    await c.signIn('financeur@demo.fabriques.fr', DEMO_PASSWORD);
    expect(c.cookie).not.toBe(first);
    // the former session ended with the new sign-in
    expect((await stale.call('GET', '/api/account')).statusCode).toBe(401);
    expect((await c.call('GET', '/api/account')).statusCode).toBe(200);
  });

  it('ends idle sessions and signs out everywhere', async () => {
    const a = new TestClient(app);
    const b = new TestClient(app);
    await a.signIn('financeur@demo.fabriques.fr', DEMO_PASSWORD);
    await b.signIn('financeur@demo.fabriques.fr', DEMO_PASSWORD);
    expect(a.cookie).not.toBe(b.cookie);
    advance(31);
    expect((await a.call('GET', '/api/account')).statusCode).toBe(401);
    await a.signIn('financeur@demo.fabriques.fr', DEMO_PASSWORD);
    await b.signIn('financeur@demo.fabriques.fr', DEMO_PASSWORD);
    expect((await a.call('POST', '/api/auth/sign-out-everywhere')).statusCode).toBe(200);
    expect((await b.call('GET', '/api/account')).statusCode).toBe(401);
  });
});

describe('organisations, invitations and the switcher', () => {
  it('lets the operator invite a reviewer who creates an account and accepts', async () => {
    const op = new TestClient(app);
    const me = (await op.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD)).json();
    const gip = me.memberships[0].organisationId;
    const res = await op.call('POST', `/api/organisations/${gip}/invitations`, { email: 'nouvelle.instructrice@exemple.fr', role: 'reviewer' });
    expect(res.statusCode).toBe(201);
    const token = await lastMailToken(database, 'nouvelle.instructrice@exemple.fr', 'accounts.invitation');
    const guest = new TestClient(app);
    const preview = await guest.call('POST', '/api/invitations/preview', { token });
    expect(preview.json()).toMatchObject({ organisationName: 'GIP Grande École du Numérique', role: 'reviewer', accountExists: false });
    const accepted = await guest.call('POST', '/api/invitations/accept', {
      token,
      account: { givenName: 'Inès', familyName: 'Robert', password: 'des évaluations très justes', birthDate: '1985-02-03' },
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().memberships).toEqual([expect.objectContaining({ role: 'reviewer', organisationId: gip })]);
    expect((await guest.call('POST', '/api/invitations/accept', { token })).statusCode).toBe(400);
    expect(await auditCount('invitation.accepted')).toBe(1);
  });

  it('expires invitations', async () => {
    const op = new TestClient(app);
    const me = (await op.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD)).json();
    await op.call('POST', `/api/organisations/${me.memberships[0].organisationId}/invitations`, { email: 'tard@exemple.fr', role: 'operator' });
    const token = await lastMailToken(database, 'tard@exemple.fr', 'accounts.invitation');
    advance(7 * 24 * 60 + 1);
    expect((await new TestClient(app).call('POST', '/api/invitations/preview', { token })).statusCode).toBe(400);
  });

  it('refuses invitations a role may not send', async () => {
    const p = new TestClient(app);
    const me = (await p.signIn('formation@demo.fabriques.fr', DEMO_PASSWORD)).json();
    const [admin, member] = me.memberships as { organisationId: string; isAdmin: boolean; id: string }[];
    expect(admin!.isAdmin).toBe(true);
    const ok = await p.call('POST', `/api/organisations/${admin!.organisationId}/invitations`, { email: 'collegue@exemple.fr', role: 'provider' });
    expect(ok.statusCode).toBe(201);
    const reviewer = await p.call('POST', `/api/organisations/${admin!.organisationId}/invitations`, { email: 'x@exemple.fr', role: 'reviewer' });
    expect(reviewer.statusCode).toBe(400);
    await p.call('PUT', '/api/account/active-membership', { membershipId: member!.id });
    const notAdmin = await p.call('POST', `/api/organisations/${member!.organisationId}/invitations`, { email: 'y@exemple.fr', role: 'provider' });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('answers 404 for an organisation that is not one’s own, and switching changes what is visible', async () => {
    const p = new TestClient(app);
    const me = (await p.signIn('formation@demo.fabriques.fr', DEMO_PASSWORD)).json();
    const [first, second] = me.memberships as { organisationId: string; id: string }[];
    const prescriber = new TestClient(app);
    const other = (await prescriber.signIn('prescriptrice@demo.fabriques.fr', DEMO_PASSWORD)).json();
    const foreign = other.memberships[0].organisationId;
    expect((await p.call('GET', `/api/organisations/${foreign}`)).statusCode).toBe(404);
    expect((await p.call('GET', `/api/organisations/${first!.organisationId}/members`)).statusCode).toBe(200);
    expect((await p.call('GET', `/api/organisations/${second!.organisationId}/members`)).statusCode).toBe(404);
    expect((await p.call('PUT', '/api/account/active-membership', { membershipId: other.memberships[0].id })).statusCode).toBe(404);
    expect((await p.call('PUT', '/api/account/active-membership', { membershipId: second!.id })).statusCode).toBe(200);
    expect((await p.call('GET', `/api/organisations/${second!.organisationId}/members`)).statusCode).toBe(200);
    expect((await p.call('GET', `/api/organisations/${first!.organisationId}/members`)).statusCode).toBe(404);
  });

  it('creates organisations with the rules of their kind (operator only)', async () => {
    const op = new TestClient(app);
    await op.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD);
    const bad = await op.call('POST', '/api/organisations', { kind: 'provider', name: 'Code Lyon', siret: '12345678901234', nda: '123', communeCode: '99999' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['communeCode', 'nda', 'siret']);
    const noSiret = await op.call('POST', '/api/organisations', { kind: 'provider', name: 'Code Lyon', siret: '', nda: '84691234569', communeCode: '69123' });
    expect(noSiret.json().fields).toEqual({ siret: 'Le SIRET est obligatoire.' });
    const good = await op.call('POST', '/api/organisations', { kind: 'provider', name: 'Code Lyon', siret: '443 061 841 00047', nda: '84691234569', communeCode: '69123' });
    expect(good.statusCode).toBe(201);
    const cand = new TestClient(app);
    await cand.signIn('candidate@demo.fabriques.fr', DEMO_PASSWORD);
    expect((await cand.call('POST', '/api/organisations', { kind: 'provider', name: 'X' })).statusCode).toBe(403);
    expect((await new TestClient(app).call('GET', '/api/organisations')).statusCode).toBe(401);
  });
});

describe('the audit trail', () => {
  it('is searchable by the operator and refuses updates and deletes in the database itself', async () => {
    const op = new TestClient(app);
    await op.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD);
    const page = (await op.call('GET', '/api/audit?action=invitation.created')).json();
    expect(page.results.length).toBeGreaterThan(0);
    expect(page.results[0]).toMatchObject({ objectType: 'invitation', toState: 'pending' });
    const refused = (e: unknown) => /append-only/.test(String((e as { cause?: Error }).cause?.message ?? (e as Error).message));
    await expect(database.rows(sql`update audit set motive = 'x'`)).rejects.toSatisfy(refused);
    await expect(database.rows(sql`delete from audit`)).rejects.toSatisfy(refused);
    await expect(database.rows(sql`truncate audit`)).rejects.toSatisfy(refused);
    expect((await database.rows<{ n: number }>(sql`select count(*)::int as n from audit where motive = 'x'`))[0]!.n).toBe(0);
  });

  it('holds ids and field names, never personal values', async () => {
    const rows = await database.rows<Record<string, unknown>>(sql`select * from audit`);
    const text = JSON.stringify(rows);
    for (const personal of ['lea.martin@exemple.fr', 'Léa', 'Martin', 'anne.petit', '2001-03-04']) expect(text).not.toContain(personal);
  });
});
