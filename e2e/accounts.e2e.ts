// Accounts in the browser, as people use them: sign up and confirm the address from the mail, an
// operator invites a reviewer who creates their account from the invitation, a person with two
// organisations switches between them, private pages refuse politely; the pages pass axe (WCAG 2.1 A/AA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'demo-fabriques-2026';
const NEW_PASSWORD = 'Une longue phrase de passe 42';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const newPage = (viewport?: { width: number; height: number }) => openTab(browser, { ...viewport, failedRequestsAreErrors: false });

const unique = (name: string) => `${name}.${Date.now()}.${Math.floor(Math.random() * 1e6)}@exemple.fr`;

/** The link of the newest mail sent to `to` whose text holds `path` (the demo outbox, /api/dev/mails). */
async function mailLink(to: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s<>"]+${path.replace(/[/?]/g, (c) => `\\${c}`)}\\?jeton=[A-Za-z0-9_-]+`);
  for (let i = 0; i < 50; i++) {
    const mails = (await (await fetch(`${baseUrl}/api/dev/mails?${new URLSearchParams({ to })}`)).json()) as { text: string; subject: string }[];
    for (const mail of mails) {
      const found = pattern.exec(mail.text);
      if (found) return found[0];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no mail with ${path} for ${to}`);
}

/** Signs in through the form of /connexion; lands on /compte. */
async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/connexion`, { waitUntil: 'networkidle' });
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(/\/compte$/);
  await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Mon compte');
}

/** Signs in through the API (node side): the cookie and anti-CSRF token to call the API as that person. */
async function apiSession(email: string) {
  const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: DEMO_PASSWORD }) });
  expect(r.status).toBe(200);
  const cookie = r.headers.get('set-cookie')!.split(';')[0]!;
  const account = (await r.json()) as { csrfToken: string; memberships: { id: string; organisationId: string | null }[]; activeMembershipId: string };
  const post = (url: string, body: unknown) =>
    fetch(baseUrl + url, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': account.csrfToken }, body: JSON.stringify(body) });
  return { cookie, account, post };
}

describe('signing up with a password', () => {
  it('creates an account, confirms the address from the mail, signs in and lands on /compte', async () => {
    const { page, errors, close } = await newPage();
    const email = unique('camille');
    await page.goto(`${baseUrl}/inscription`, { waitUntil: 'networkidle' });
    expect(await page.title()).toBe('Créer un compte – Fabriques');

    // an empty submission: the error summary takes the focus, each field says what is missing
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    const summary = page.locator('.app-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('Prénom : Indiquez votre prénom.');
    expect(await page.locator('#inscription-prenom').getAttribute('aria-describedby')).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'accounts-signup-errors');

    // under 15, the parent's fields appear
    await page.locator('#inscription-naissance').fill('2015-03-02');
    await page.locator('#inscription-parent-email').waitFor();
    await page.locator('#inscription-naissance').fill('2001-03-02');
    await page.locator('#inscription-parent-email').waitFor({ state: 'detached' });

    await page.locator('#inscription-prenom').fill('Camille');
    await page.locator('#inscription-nom').fill('Essai');
    await page.locator('#inscription-email').fill(email);
    await page.locator('#inscription-mot-de-passe').fill(NEW_PASSWORD);
    // the DSFR draws the box on the label: the input itself is under it
    await page.locator('#inscription-conditions').check({ force: true });
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
    // demo mode: the mailbox is one link away
    expect(await page.locator('main a[href^="/dev/mails"]').getAttribute('href')).toBe(`/dev/mails?${new URLSearchParams({ to: email })}`);
    await screenshot(page, 'accounts-signup-done');

    // not confirmed yet: the sign-in says so, in French, and the summary takes the focus
    await page.goto(`${baseUrl}/connexion`, { waitUntil: 'networkidle' });
    await page.locator('#connexion-email').fill(email);
    await page.locator('#connexion-mot-de-passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect.poll(async () => (await page.locator('.app-error-summary').textContent()) ?? '').toContain('Confirmez d’abord votre adresse e-mail');

    const link = await mailLink(email, '/confirmation-adresse');
    expect(link.startsWith(baseUrl)).toBe(true);
    await page.goto(link, { waitUntil: 'networkidle' });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Confirmer mon adresse e-mail' }).click();
    await page.getByRole('heading', { name: 'Adresse confirmée' }).waitFor();
    await page.locator('main').getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion$/);

    await page.locator('#connexion-email').fill(email);
    await page.locator('#connexion-mot-de-passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(/\/compte$/);
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Mon compte');
    expect(await page.locator('main').textContent()).toContain(email);
    // the header now shows the person and the way out
    const header = page.locator('header');
    expect(await header.textContent()).toContain('Camille Essai');
    await header.getByRole('button', { name: 'Se déconnecter' }).first().waitFor();
    await screenshot(page, 'accounts-compte-candidate');

    await header.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.waitForURL(/\/connexion\?deconnexion=1$/);
    await page.locator('main').getByText('Vous êtes déconnecté·e.').waitFor();
    expect(await header.getByRole('link', { name: 'Se connecter' }).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('inviting a reviewer', () => {
  it('the operator invites from the UI; the reviewer opens the mail link, creates the account and is signed in', async () => {
    const operator = await newPage();
    const email = unique('instructrice');
    await signIn(operator.page, 'operateur@demo.fabriques.fr');
    const main = operator.page.locator('main');
    await main.getByRole('heading', { name: 'Mon organisation : GIP Grande École du Numérique' }).waitFor();
    await main.getByLabel('Adresse e-mail de la personne').fill(email);
    await main.getByLabel('Rôle', { exact: true }).selectOption('reviewer');
    await main.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await main.getByText(`Invitation envoyée à ${email}`).waitFor();
    // the invitations table lists it, pending
    const row = main.locator('tr', { hasText: email });
    await row.waitFor();
    expect(await row.textContent()).toContain('En attente');
    expect(await axeViolations(operator.page)).toEqual([]);
    await screenshot(operator.page, 'accounts-compte-operator');
    expect(operator.errors).toEqual([]);
    await operator.close();

    const reviewer = await newPage();
    const link = await mailLink(email, '/invitation');
    await reviewer.page.goto(link, { waitUntil: 'networkidle' });
    const callout = reviewer.page.locator('main .fr-callout');
    await callout.waitFor();
    expect(await callout.textContent()).toContain('Instructeur·rice');
    expect(await callout.textContent()).toContain('GIP Grande École du Numérique');
    expect(await axeViolations(reviewer.page)).toEqual([]);
    await screenshot(reviewer.page, 'accounts-invitation');

    await reviewer.page.locator('#invitation-prenom').fill('Inès');
    await reviewer.page.locator('#invitation-nom').fill('Relecture');
    await reviewer.page.locator('#invitation-naissance').fill('1988-11-23');
    await reviewer.page.locator('#invitation-mot-de-passe').fill(NEW_PASSWORD);
    await reviewer.page.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
    await reviewer.page.waitForURL(/\/compte$/);
    await expect.poll(() => reviewer.page.locator('main h1').first().textContent()).toBe('Mon compte');
    const facts = reviewer.page.locator('main .app-facts');
    await expect.poll(async () => (await facts.textContent()) ?? '').toContain('Instructeur·rice — GIP Grande École du Numérique');
    expect(await reviewer.page.locator('header').textContent()).toContain('Inès Relecture');
    // the link has served: opening it again says so
    await reviewer.page.goto(link, { waitUntil: 'networkidle' });
    await reviewer.page.getByText('Invitation non valable').waitFor();
    expect(reviewer.errors).toEqual([]);
    await reviewer.close();
  });
});

describe('switching organisation', () => {
  it('changes the members shown on /compte', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'formation@demo.fabriques.fr');
    const main = page.locator('main');
    const heading = main.getByRole('heading', { name: /^Mon organisation : / });
    await heading.waitFor();
    const before = (await heading.textContent())!;
    const membersBefore = await main.locator('table').nth(1).textContent();

    const select = page.locator('header').getByLabel('Agir en tant que');
    const options = await select.locator('option').allTextContents();
    expect(options).toHaveLength(2);
    const other = options.find((o) => !before.endsWith(o.split(' — ')[1]!))!;
    await select.selectOption({ label: other });
    await page.locator('header').getByRole('button', { name: 'Changer', exact: true }).click();

    const otherName = other.split(' — ')[1]!;
    await main.getByRole('heading', { name: `Mon organisation : ${otherName}` }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await main.locator('.app-facts').textContent()).toContain(other);
    // the admin side (invitations) shows for the organisation he administers only
    const adminOf = otherName === 'Campus numérique de Capesterre-Belle-Eau' || (await main.getByRole('heading', { name: 'Invitations envoyées' }).count()) > 0;
    expect(adminOf).toBe(true);
    expect(await main.locator('table').nth(1).textContent()).not.toBe(membersBefore);
    await screenshot(page, 'accounts-switched');

    // and back, from the table of memberships
    await main.getByRole('button', { name: new RegExp(`Agir avec ce rôle : .*${before.replace('Mon organisation : ', '')}`) }).click();
    await main.getByRole('heading', { name: before }).waitFor();
    expect(errors).toEqual([]);
    await close();
  });
});

describe('the operator’s organisations', () => {
  it('refuses a bad SIRET field by field, creates a prescriber, opens it and invites its first admin', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'operateur@demo.fabriques.fr');
    await page.locator('header').getByRole('button', { name: 'Mon espace' }).click();
    await page.locator('header').getByRole('link', { name: 'Organisations' }).click();
    await page.waitForURL(/\/operateur\/organisations$/);
    const main = page.locator('main');
    await main.locator('table').first().waitFor();

    const form = main.locator('section[aria-labelledby="org-creer"]');
    await form.getByLabel('Type d’organisation').selectOption('provider');
    await form.getByLabel('Nom *').fill('Fabrique à refuser');
    await form.getByLabel('SIRET').fill('12345678901234');
    await form.getByRole('button', { name: 'Créer l’organisation' }).click();
    const summary = form.locator('.app-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('SIRET : Ce SIRET n’est pas valide');
    expect(await page.title()).toBe('Erreur : Organisations – Fabriques');
    expect(await page.locator('#org-nda').getAttribute('aria-describedby')).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    await form.screenshot({ path: 'e2e/screenshots/accounts-organisation-errors.png' });

    const name = `Mission locale d’essai ${Date.now()}`;
    await form.getByLabel('Type d’organisation').selectOption('prescriber');
    await form.getByLabel('Nom *').fill(name);
    await form.getByLabel('Type de prescripteur').selectOption('mission_locale');
    await form.getByLabel('SIRET').fill('');
    await form.getByRole('button', { name: 'Créer l’organisation' }).click();
    await page.waitForURL(/\/operateur\/organisations\/[0-9a-f-]{36}$/);
    await expect.poll(() => main.locator('h1').first().textContent()).toBe(name);
    await main.getByText('Aucun membre pour l’instant.').waitFor();

    const email = unique('conseillere');
    await main.getByLabel('Adresse e-mail de la personne').fill(email);
    await main.getByLabel('Rôle', { exact: true }).selectOption('prescriber');
    await main.locator('input[name="isAdmin"]').check({ force: true });
    await main.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await main.getByText(`Invitation envoyée à ${email}`).waitFor();
    expect(await main.locator('tr', { hasText: email }).textContent()).toContain('Oui');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'accounts-organisation');
    expect(await mailLink(email, '/invitation')).toContain('/invitation?jeton=');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('private pages', () => {
  it('a signed-out visit to /compte invites to sign in, and comes back after', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(`${baseUrl}/compte`, { waitUntil: 'networkidle' });
    await page.getByText('Connectez-vous pour accéder à cette page').waitFor();
    await page.locator('main').getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/connexion\?retour=%2Fcompte$/);
    expect(errors).toEqual([]);
    await close();
  });

  it('a candidate is told that the audit log is for the operator', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'candidate@demo.fabriques.fr');
    await page.goto(`${baseUrl}/operateur/journal`, { waitUntil: 'networkidle' });
    await page.getByText('Page réservée : Opérateur (GIP)').waitFor();
    expect(await page.locator('main').textContent()).toContain('Vous agissez en tant que Candidat·e');
    expect(errors).toEqual([]);
    await close();
  });
});

describe('accessibility of the account pages', () => {
  let invitationLink = '';
  beforeAll(async () => {
    const operator = await apiSession('operateur@demo.fabriques.fr');
    const orgId = operator.account.memberships[0]!.organisationId!;
    const email = unique('axe');
    const r = await operator.post(`/api/organisations/${orgId}/invitations`, { email, role: 'operator', isAdmin: false });
    expect(r.status).toBe(201);
    invitationLink = (await mailLink(email, '/invitation')).replace(/^https?:\/\/[^/]+/, '');
  });

  it.each(['/connexion', '/connexion?erreur=oidc', '/inscription', '/mot-de-passe-oublie', '/nouveau-mot-de-passe?jeton=abcdefghijklmnop', '/confirmation-adresse?jeton=abcdefghijklmnop', '/accord-parental?jeton=abcdefghijklmnop', 'invitation'])(
    '%s has no WCAG 2.1 A/AA violation',
    async (path) => {
      const { page, errors, close } = await newPage();
      await page.goto(baseUrl + (path === 'invitation' ? invitationLink : path), { waitUntil: 'networkidle' });
      await page.locator('main h1').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      if (path === '/connexion') await screenshot(page, 'accounts-connexion');
      if (path === '/mot-de-passe-oublie') {
        await page.getByRole('button', { name: 'Recevoir le lien' }).click();
        await page.locator('.app-error-summary').waitFor();
        expect(await axeViolations(page)).toEqual([]);
      }
      expect(errors).toEqual([]);
      await close();
    },
  );

  it.each(['/compte', '/operateur/journal', '/operateur/organisations', '/operateur/organisations?type=funder'])('%s (operator) has no WCAG 2.1 A/AA violation', async (path) => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'operateur@demo.fabriques.fr');
    await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
    await page.locator('main h1').first().waitFor();
    await page.locator('main table').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    if (path === '/operateur/journal') await screenshot(page, 'accounts-journal');
    if (path === '/operateur/organisations') await screenshot(page, 'accounts-organisations');
    expect(errors).toEqual([]);
    await close();
  });

  it('the header of a signed-in person, on a phone, has no violation either', async () => {
    const { page, errors, close } = await newPage({ width: 390, height: 844 });
    await signIn(page, 'formation@demo.fabriques.fr');
    await page.locator('header').getByRole('button', { name: 'Menu' }).click();
    await page.locator('header').getByLabel('Agir en tant que').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'accounts-header-mobile');
    expect(errors).toEqual([]);
    await close();
  });
});
