// The whole OpenID Connect code flow over real HTTP: the app listens on a free port, the embedded
// local provider is its issuer (discovery, token and userinfo calls go over loopback), and a
// cookie-keeping client follows every redirect and fills in the provider's login form.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../../../test/support/database.ts';
import { testApp } from '../../../../test/support/app.ts';
import { freePort } from '../../../../test/support/ports.ts';
import type { Database } from '../../../db/client.ts';
import { DEMO_PASSWORD, insertDemoAccounts } from '../../../seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../../seed/generate.ts';
import { insertNetworkRows } from '../../../seed/insert.ts';
import { hashPassword } from '../passwords.ts';
import { accountsContext } from '../context.ts';
import { testConfig } from '../../../../test/support/config.ts';
import { DEMO_IDENTITIES } from './demo-identities.ts';
import { signInWithIdentity } from './identity-sign-in.ts';
import type { OidcProviderId } from './providers.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;
let baseUrl: string;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 11, providers: 3, trainings: 4, sessions: 6, today: '2026-11-29' });
  const hash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, hash);
  });
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  app = await testApp(database, { env: { BASE_URL: baseUrl } });
  await app.listen({ port, host: '127.0.0.1' });
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

/** A browser without JavaScript: keeps cookies (by path), follows redirects by hand, posts forms. */
class Browser {
  private readonly jar = new Map<string, { value: string; path: string }>();
  csrf: string | undefined;

  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }

  async request(method: string, url: string, body?: { form?: Record<string, string>; json?: unknown }): Promise<Response> {
    const u = new URL(url, baseUrl);
    const headers: Record<string, string> = {};
    const cookies = [...this.jar].filter(([, c]) => u.pathname === c.path || u.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)).map(([n, c]) => `${n}=${c.value}`);
    if (cookies.length) headers.cookie = cookies.join('; ');
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    let payload: string | undefined;
    if (body?.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    } else if (body?.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    }
    const res = await fetch(u, { method, headers, body: payload, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const path = attrs.find((a) => a.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
      const gone = value === '' || attrs.some((a) => /^max-age=(0|-)/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)).getTime() < Date.now()));
      if (gone) this.jar.delete(name);
      else this.jar.set(name, { value, path });
    }
    return res;
  }

  /** Follows redirects until the app's own pages (not /api, not /oidc); returns that path and query. */
  async follow(res: Response, from: string): Promise<{ landing: string; page?: string; pageUrl?: string }> {
    let current = new URL(from, baseUrl);
    for (let hops = 0; hops < 15; hops++) {
      if (res.status >= 300 && res.status < 400) {
        current = new URL(res.headers.get('location')!, current);
        expect(current.origin).toBe(baseUrl);
        if (!current.pathname.startsWith('/api/') && !current.pathname.startsWith('/oidc/')) return { landing: current.pathname + current.search };
        res = await this.request('GET', current.toString());
        continue;
      }
      return { landing: '', page: await res.text(), pageUrl: current.toString() };
    }
    throw new Error('too many redirects');
  }

  async json(method: string, url: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await this.request(method, url, body === undefined ? undefined : { json: body });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (typeof parsed.csrfToken === 'string') this.csrf = parsed.csrfToken;
    return { status: res.status, body: parsed };
  }
}

const identity = (provider: OidcProviderId, email: string) => DEMO_IDENTITIES[provider].find((i) => i.email === email)!;

/** Starts a sign-in and stops on the local provider's login page. */
async function toLoginPage(b: Browser, provider: OidcProviderId, returnTo = '/compte') {
  const start = `/api/auth/oidc/${provider}/start?returnTo=${encodeURIComponent(returnTo)}`;
  const res = await b.request('GET', start);
  expect(res.status).toBe(302);
  expect(res.headers.get('location')).toMatch(new RegExp(`^${baseUrl}/oidc/${provider}/auth\\?`));
  const login = await b.follow(res, start);
  expect(login.page).toContain('<h1>Se connecter avec');
  const action = /<form method="post" action="([^"]+\/login)"/.exec(login.page!)![1]!;
  const abort = /<form method="post" action="([^"]+\/abort)"/.exec(login.page!)![1]!;
  return { page: login.page!, action: new URL(action.replace(/&amp;/g, '&'), login.pageUrl).toString(), abort: new URL(abort, login.pageUrl).toString() };
}

/** The whole round trip: start, choose an identity, type the password, come back to the app. */
async function signInThrough(b: Browser, provider: OidcProviderId, email: string, returnTo = '/compte'): Promise<string> {
  const { action } = await toLoginPage(b, provider, returnTo);
  const res = await b.request('POST', action, { form: { identite: identity(provider, email).subject, mot_de_passe: DEMO_PASSWORD } });
  expect(res.status).toBe(303);
  return (await b.follow(res, action)).landing;
}

const count = async (q: ReturnType<typeof sql>) => (await database.rows<{ n: number }>(q))[0]!.n;

describe('the providers offered', () => {
  it('lists FranceConnect and ProConnect (the local provider plays both in demo mode)', async () => {
    const { status, body } = await new Browser().json('GET', '/api/auth/oidc/providers');
    expect(status).toBe(200);
    expect((body as unknown as { id: string }[]).map((p) => p.id)).toEqual(['franceconnect', 'proconnect']);
  });

  it('publishes discovery documents at both issuers', async () => {
    for (const p of ['franceconnect', 'proconnect']) {
      const res = await fetch(`${baseUrl}/oidc/${p}/.well-known/openid-configuration`);
      expect(res.status).toBe(200);
      const doc = (await res.json()) as { issuer: string; code_challenge_methods_supported: string[] };
      expect(doc.issuer).toBe(`${baseUrl}/oidc/${p}`);
      expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    }
  });
});

describe('a citizen without an account signs in with FranceConnect', () => {
  const email = 'lucas.bernard@exemple.fr';
  let userId: string;

  it('gets an account created (candidate, verified address, no password) and is signed in', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'franceconnect', email, '/formations?q=web')).toBe('/formations?q=web');
    expect(b.cookie('fabriques-session')).toBeTruthy();
    expect(b.cookie('fabriques-oidc')).toBeUndefined();
    const me = await b.json('GET', '/api/account');
    expect(me.status).toBe(200);
    const user = me.body.user as { id: string; email: string; givenName: string; familyName: string; emailVerified: boolean; hasPassword: boolean };
    expect(user).toMatchObject({ email, givenName: 'Lucas', familyName: 'Bernard', emailVerified: true, hasPassword: false });
    expect((me.body.memberships as { role: string }[]).map((m) => m.role)).toEqual(['candidate']);
    userId = user.id;
    const [row] = await database.rows<{ birth_date: string }>(sql`select birth_date::text from users where id = ${userId}`);
    expect(row!.birth_date).toBe('2003-09-12');
    expect(await count(sql`select count(*)::int as n from audit where action = 'account.created' and object_id = ${userId} and motive = 'franceconnect'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit where action = 'identity.linked' and actor_user_id = ${userId}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from audit where action = 'session.signed_in' and object_id = ${userId} and motive = 'franceconnect'`)).toBe(1);
    // the audit trail holds ids and names of fields, never the values
    const values = await database.rows<{ t: string }>(sql`select row_to_json(a)::text as t from audit a where object_id = ${userId} or actor_user_id = ${userId}`);
    expect(values.map((v) => v.t).join(' ')).not.toMatch(/lucas|bernard|2003/i);
  });

  it('comes back to the same account the second time', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'franceconnect', email)).toBe('/compte');
    const me = await b.json('GET', '/api/account');
    expect((me.body.user as { id: string }).id).toBe(userId);
    expect(await count(sql`select count(*)::int as n from users where email = ${email}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from identities where user_id = ${userId}`)).toBe(1);
  });
});

describe('an identity whose e-mail already has an account is never linked silently', () => {
  const email = 'candidate@demo.fabriques.fr';

  it('asks for the account’s password first, refuses a wrong one, links with the right one', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'franceconnect', email)).toBe('/connexion?liaison=1');
    expect(b.cookie('fabriques-session')).toBeUndefined();
    expect(await count(sql`select count(*)::int as n from identities i join users u on u.id = i.user_id where u.email = ${email}`)).toBe(0);
    // the sealed cookie hides the address
    expect(decodeURIComponent(b.cookie('fabriques-oidc-liaison')!)).not.toContain('@');

    const pending = await b.json('GET', '/api/auth/oidc/pending');
    expect(pending).toEqual({ status: 200, body: { provider: 'franceconnect', email } });

    const wrong = await b.json('POST', '/api/auth/oidc/link', { password: 'pas le bon mot de passe' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.fields).toEqual({ password: 'Mot de passe incorrect.' });
    expect(b.cookie('fabriques-session')).toBeUndefined();
    expect(await count(sql`select count(*)::int as n from identities i join users u on u.id = i.user_id where u.email = ${email}`)).toBe(0);

    const ok = await b.json('POST', '/api/auth/oidc/link', { password: DEMO_PASSWORD });
    expect(ok.status).toBe(200);
    expect((ok.body.user as { email: string }).email).toBe(email);
    expect((ok.body.memberships as { role: string }[]).map((m) => m.role)).toEqual(['candidate']);
    expect(b.cookie('fabriques-session')).toBeTruthy();
    expect(b.cookie('fabriques-oidc-liaison')).toBeUndefined();
    expect((await b.json('GET', '/api/auth/oidc/pending')).status).toBe(404);
    expect((await b.json('GET', '/api/account')).status).toBe(200);
    expect(await count(sql`select count(*)::int as n from audit a join users u on u.id = a.actor_user_id where a.action = 'identity.linked' and u.email = ${email}`)).toBe(1);
  });

  it('signs straight in the next time', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'franceconnect', email)).toBe('/compte');
    expect(((await b.json('GET', '/api/account')).body.user as { email: string }).email).toBe(email);
  });

  it('refuses a link without a pending identity', async () => {
    const res = await new Browser().json('POST', '/api/auth/oidc/link', { password: DEMO_PASSWORD });
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/La demande de liaison a expiré/);
  });
});

describe('ProConnect', () => {
  it('creates an account without any role for a professional unknown to Fabriques', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'proconnect', 'nadia.haddad@exemple.fr')).toBe('/compte');
    const me = await b.json('GET', '/api/account');
    expect(me.body.user).toMatchObject({ email: 'nadia.haddad@exemple.fr', givenName: 'Nadia', familyName: 'Haddad', emailVerified: true });
    expect(me.body.memberships).toEqual([]);
    expect(await count(sql`select count(*)::int as n from audit where action = 'account.created' and motive = 'proconnect'`)).toBe(1);
  });

  it('sends a demo professional to the linking step', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'proconnect', 'operateur@demo.fabriques.fr')).toBe('/connexion?liaison=1');
    expect((await b.json('GET', '/api/auth/oidc/pending')).body).toEqual({ provider: 'proconnect', email: 'operateur@demo.fabriques.fr' });
  });
});

describe('failures come back to the sign-in page, never as an error page', () => {
  it('rejects a tampered state', async () => {
    const b = new Browser();
    const { action } = await toLoginPage(b, 'franceconnect');
    let res = await b.request('POST', action, { form: { identite: identity('franceconnect', 'ines.moreau@exemple.fr').subject, mot_de_passe: DEMO_PASSWORD } });
    // follow the provider's redirects up to the callback, without calling it
    let location = new URL(res.headers.get('location')!, action);
    while (location.pathname.startsWith('/oidc/')) {
      res = await b.request('GET', location.toString());
      location = new URL(res.headers.get('location')!, location);
    }
    expect(location.pathname).toBe('/api/auth/oidc/franceconnect/callback');
    expect(location.searchParams.get('code')).toBeTruthy();
    location.searchParams.set('state', 'etat-falsifie');
    const cb = await b.request('GET', location.toString());
    expect(cb.status).toBe(302);
    expect(cb.headers.get('location')).toMatch(/^\/connexion\?erreur=oidc/);
    expect(b.cookie('fabriques-session')).toBeUndefined();
    expect(await count(sql`select count(*)::int as n from users where email = 'ines.moreau@exemple.fr'`)).toBe(0);
  });

  it('rejects a callback without the flow cookie (another browser, or expired)', async () => {
    const b = new Browser();
    const res = await b.request('GET', '/api/auth/oidc/franceconnect/callback?code=abc&state=def');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/connexion?erreur=oidc&motif=session-expiree');
  });

  it('comes back with motif=annule when the person cancels at the provider', async () => {
    const b = new Browser();
    const { abort } = await toLoginPage(b, 'proconnect');
    const res = await b.request('POST', abort);
    expect(res.status).toBe(303);
    expect((await b.follow(res, abort)).landing).toBe('/connexion?erreur=oidc&motif=annule');
  });

  it('refuses a wrong demo password on the provider’s page, with an accessible message', async () => {
    const b = new Browser();
    const { action } = await toLoginPage(b, 'franceconnect');
    const res = await b.request('POST', action, { form: { identite: identity('franceconnect', 'ines.moreau@exemple.fr').subject, mot_de_passe: 'non' } });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<title>Erreur : ');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/Mot de passe incorrect/);
    // the chosen identity stays selected
    expect(html).toMatch(new RegExp(`value="${identity('franceconnect', 'ines.moreau@exemple.fr').subject}" checked`));
  });

  it('ignores a returnTo that leaves the site', async () => {
    const b = new Browser();
    expect(await signInThrough(b, 'franceconnect', 'lucas.bernard@exemple.fr', '//evil.example/x')).toBe('/compte');
    expect(await signInThrough(b, 'franceconnect', 'lucas.bernard@exemple.fr', 'https://evil.example/')).toBe('/compte');
  });

  it('redirects with motif=indisponible for a provider that is not configured', async () => {
    const other = await testApp(database, { env: { BASE_URL: baseUrl, OIDC_ISSUER: 'https://proconnect.example', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' } });
    const list = await other.inject({ method: 'GET', url: '/api/auth/oidc/providers' });
    expect(list.json().map((p: { id: string }) => p.id)).toEqual(['proconnect']);
    const res = await other.inject({ method: 'GET', url: '/api/auth/oidc/franceconnect/start' });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/connexion?erreur=oidc&motif=indisponible');
    expect((await other.inject({ method: 'GET', url: '/oidc/franceconnect/.well-known/openid-configuration' })).statusCode).toBe(404);
    await other.close();
  });
});

describe('the rules of account creation', () => {
  const ctx = () => accountsContext(database, testConfig({ BASE_URL: baseUrl }), () => new Date('2026-11-29T09:00:00Z'));
  const profile = { provider: 'franceconnect' as const, emailVerified: true, givenName: 'Zoé', familyName: 'Petit', birthDate: '1995-01-01' };

  it('never creates an account from an address the provider has not verified', async () => {
    const r = await signInWithIdentity(ctx(), { ...profile, subject: 'fc-unverified', email: 'zoe.petit@exemple.fr', emailVerified: false });
    expect(r).toEqual({ kind: 'refused', reason: 'adresse-non-verifiee' });
    // nor links by e-mail to an existing account
    const r2 = await signInWithIdentity(ctx(), { ...profile, subject: 'fc-unverified-2', email: 'candidate@demo.fabriques.fr', emailVerified: false });
    expect(r2).toEqual({ kind: 'refused', reason: 'adresse-non-verifiee' });
  });

  it('sends people under 15 to the sign-up form (a parent must consent)', async () => {
    const r = await signInWithIdentity(ctx(), { ...profile, subject: 'fc-minor', email: 'jeune.fc@exemple.fr', birthDate: '2013-06-01' });
    expect(r).toEqual({ kind: 'refused', reason: 'moins-de-15-ans' });
    expect(await count(sql`select count(*)::int as n from users where email = 'jeune.fc@exemple.fr'`)).toBe(0);
  });

  it('needs an e-mail', async () => {
    expect(await signInWithIdentity(ctx(), { ...profile, subject: 'fc-no-mail', email: null, emailVerified: false })).toEqual({ kind: 'refused', reason: 'adresse-manquante' });
  });
});
