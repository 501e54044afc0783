// Personal data in the browser: the privacy notice shows the retention table the daily job applies,
// the accessibility statement says what it must; on « Mon compte » a person downloads all their data
// and erases their account (confirmation and password asked), after which they cannot sign in. The
// pages pass axe (WCAG 2.1 A/AA).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'une girafe lit le journal du soir';
let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const newPage = () => openTab(browser, { acceptDownloads: true, failedRequestsAreErrors: false });

/** A confirmed candidate account, made through the API and the demo outbox. */
async function anAccount(email: string): Promise<void> {
  const r = await fetch(`${baseUrl}/api/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD, givenName: 'Mélusine', familyName: 'Trégastel', birthDate: '1998-08-08', acceptTerms: true }),
  });
  expect(r.status).toBe(202);
  for (let i = 0; i < 50; i++) {
    const mails = (await (await fetch(`${baseUrl}/api/dev/mails?${new URLSearchParams({ to: email })}`)).json()) as { text: string }[];
    const token = mails.map((m) => /jeton=([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean);
    if (token) {
      const c = await fetch(`${baseUrl}/api/auth/confirm-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
      expect(c.status).toBe(200);
      return;
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error('no confirmation mail');
}

describe('the public notices', () => {
  it('the privacy notice shows the retention periods, the rights and the CNIL; the accessibility statement says « non conforme » and the recourse', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(`${baseUrl}/donnees-personnelles`, { waitUntil: 'networkidle' });
    const table = page.getByRole('table', { name: 'Durées de conservation par type de données' });
    await table.waitFor();
    const text = (await table.textContent()) ?? '';
    for (const s of ['Comptes jamais activés', '2 ans', '30 jours', 'Référentiel CNIL « recrutement »']) expect(text).toContain(s);
    const main = (await page.locator('main').textContent()) ?? '';
    for (const s of ['Finalités et bases légales', 'Vos droits', 'Télécharger mes données', 'dpo@', 'CNIL']) expect(main).toContain(s);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-notice');

    await page.goto(`${baseUrl}/accessibilite`, { waitUntil: 'networkidle' });
    const statement = (await page.locator('main').textContent()) ?? '';
    for (const s of ['non conforme', 'Contenus non accessibles', 'Dérogations pour charge disproportionnée', 'Défenseur des droits', 'Retour d’information et contact']) expect(statement).toContain(s);
    expect(statement).not.toContain('partiellement conforme');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('my data on « Mon compte »', () => {
  it('downloads everything as JSON, then erases the account after a confirmation and the password', async () => {
    const email = `melusine.${Date.now()}@exemple.fr`;
    await anAccount(email);
    const { page, errors, close } = await newPage();
    await page.goto(`${baseUrl}/connexion`, { waitUntil: 'networkidle' });
    await page.locator('#connexion-email').fill(email);
    await page.locator('#connexion-mot-de-passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.waitForURL(/\/compte$/);

    // the download
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Télécharger mes données/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-fabriques-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.sections.account.rows[0]).toMatchObject({ email, givenName: 'Mélusine', familyName: 'Trégastel' });

    // the erasure: a disclosure, then a form that says what is missing
    const open = page.getByRole('button', { name: 'Supprimer mon compte', exact: true });
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    const summary = page.locator('.app-error-summary');
    await summary.waitFor();
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await summary.textContent()).toContain('Cochez la case');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'privacy-erase-form');

    await page.locator('#suppression-confirmation').check({ force: true });
    await page.locator('#suppression-mot-de-passe').fill('pas le bon mot de passe');
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await expect.poll(async () => (await summary.textContent()) ?? '').toContain('incorrect');
    await page.locator('#suppression-mot-de-passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
    await page.getByRole('heading', { name: 'Compte supprimé', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // the account is gone: the same address and password no longer sign in
    const r = await fetch(`${baseUrl}/api/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    expect(r.status).toBe(400);
    expect(errors).toEqual([]);
    await close();
  });
});
