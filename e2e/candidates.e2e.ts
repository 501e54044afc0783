// Issue 5 in a real browser: a candidate fills the profile and agrees to be followed by the Mission
// locale, a prescriber validates the diagnosis, the candidate applies to two sessions and orders them.
// The profile, diagnosis and wishes pages pass axe (WCAG 2.1 A/AA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'demo-fabriques-2026';
const CANDIDATE = 'candidate@demo.fabriques.fr';
const PRESCRIBER = 'prescriptrice@demo.fabriques.fr';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const newPage = () => openTab(browser);

/** Signs in on the sign-in page, which then leads to `back`. */
async function signIn(page: Page, email: string, back: string) {
  await page.goto(`${baseUrl}/connexion?retour=${encodeURIComponent(back)}`, { waitUntil: 'networkidle' });
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill(PASSWORD);
  await page.locator('form').filter({ has: page.locator('#connexion-email') }).getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`${baseUrl}${back}`);
}

const heading = (page: Page) => page.locator('main h1').first().textContent();

interface Target {
  trainingId: string;
  title: string;
  sessionId: string;
}

/** Two recruiting sessions of two different labelled trainings, found through the public API. */
async function recruitingSessions(): Promise<Target[]> {
  const found: Target[] = [];
  for (let page = 1; page <= 10 && found.length < 2; page++) {
    const list = (await (await fetch(`${baseUrl}/api/trainings?placesLeft=true&pageSize=50&page=${page}`)).json()) as { results: { id: string; title: string }[] };
    for (const t of list.results) {
      if (found.length >= 2) break;
      if (found.some((f) => f.title === t.title)) continue;
      const detail = (await (await fetch(`${baseUrl}/api/trainings/${t.id}`)).json()) as { label: { status: string }; sessions: { id: string; status: string }[] };
      const session = detail.label.status === 'active' ? detail.sessions.find((s) => s.status === 'recruiting') : undefined;
      if (session) found.push({ trainingId: t.id, title: t.title, sessionId: session.id });
    }
  }
  expect(found, 'two recruiting sessions in the demo network').toHaveLength(2);
  return found;
}

describe('candidates and wishes', () => {
  it('fills the profile, has the diagnosis validated by a prescriber, applies to two sessions and orders them', async () => {
    const targets = await recruitingSessions();
    const candidate = await newPage();
    const page = candidate.page;

    // 1. the profile
    await signIn(page, CANDIDATE, '/candidat/profil');
    await expect.poll(() => heading(page)).toBe('Mon profil de candidat·e');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    // nothing filled: the summary lists the fields to correct, and the page stays accessible
    await expect.poll(() => page.locator('.app-error-summary').textContent()).toMatch(/champs sont à corriger/);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: /^Commune de résidence/ }).fill('Lyon');
    await page.getByRole('option', { name: /^Lyon\b/ }).first().click();
    await page.getByRole('radio', { name: 'Femme', exact: true }).check({ force: true }); // DSFR draws the radio on its label
    await page.getByLabel(/^Plus haut diplôme obtenu/).selectOption('4');
    await page.getByRole('radio', { name: /^Inscrit·e à France Travail/ }).check({ force: true });
    await page.getByLabel(/^Code du quartier prioritaire/).fill('qn06901m');
    await page.getByLabel(/^J’accepte que le revenu de mon foyer fiscal/).check({ force: true });
    await page.getByLabel(/^Revenu brut global du foyer fiscal/).fill('9000');
    await page.getByLabel(/^J’accepte que Fabriques traite mon profil/).check({ force: true });
    await page.getByRole('button', { name: 'Enregistrer mon profil' }).click();
    await expect.poll(() => page.locator('main .fr-alert--success').textContent()).toMatch(/Votre profil est enregistré/);
    expect(await page.getByLabel(/^Code du quartier prioritaire/).inputValue()).toBe('QN06901M');

    // agrees to be followed by the Mission locale de Lyon
    await page.getByRole('textbox', { name: /^Chercher une structure/ }).fill('Lyon');
    await page.getByRole('button', { name: 'Chercher', exact: true }).click();
    await page.getByLabel('Structure', { exact: true }).selectOption({ label: 'Mission locale de Lyon (Lyon)' });
    await page.getByRole('button', { name: 'Accepter d’être suivi·e par cette structure' }).click();
    await page.getByRole('button', { name: /^Retirer mon accord/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidate-profile');

    // 2. the candidate's own diagnosis
    await page.getByRole('navigation', { name: 'Mon espace candidat·e' }).getByRole('link', { name: 'Mon diagnostic' }).click();
    await expect.poll(() => heading(page)).toBe('Mon diagnostic d’éligibilité');
    await page.getByRole('button', { name: 'Établir mon diagnostic' }).click();
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Vous faites partie de ces \d publics prioritaires/);
    expect(await page.locator('main').textContent()).toMatch(/Déclaratif/);
    expect(await axeViolations(page)).toEqual([]);

    // 3. the prescriber validates it
    const prescriber = await newPage();
    await signIn(prescriber.page, PRESCRIBER, '/prescripteur/candidats');
    await prescriber.page.getByRole('link', { name: 'Camille Diallo' }).click();
    await expect.poll(() => heading(prescriber.page)).toBe('Camille Diallo');
    // the income never reaches the prescriber
    expect(await prescriber.page.locator('main').textContent()).not.toMatch(/9\s?000/);
    await prescriber.page.getByRole('button', { name: 'Valider le diagnostic' }).click();
    await expect.poll(() => prescriber.page.locator('main .fr-alert--success').textContent()).toMatch(/Le diagnostic est enregistré/);
    await expect.poll(() => prescriber.page.locator('main').textContent()).toMatch(/Validé par Paola Martin \(Mission locale de Lyon\)/);
    expect(await axeViolations(prescriber.page)).toEqual([]);
    await screenshot(prescriber.page, 'prescriber-candidate');
    expect(prescriber.errors).toEqual([]);
    await prescriber.close();

    await page.reload({ waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Établi par Paola Martin, Mission locale de Lyon/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidate-diagnosis');

    // 4. applies to two sessions from their training pages
    for (const t of targets) {
      await page.goto(`${baseUrl}/formations/${t.trainingId}`, { waitUntil: 'networkidle' });
      await page.locator(`a[href="/formations/${t.trainingId}/sessions/${t.sessionId}/candidater"]`).click();
      await expect.poll(() => heading(page)).toBe('Candidater à une session');
      await page.getByLabel(/^Votre motivation/).fill(`Je veux me former : ${t.title}.`);
      await page.getByLabel(/^Structure qui vous oriente/).selectOption({ label: 'Mission locale de Lyon' });
      await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
      await page.waitForURL(/\/candidat\/voeux\?envoye=1$/);
    }
    // applying twice to the same session is refused, clearly
    await page.goto(`${baseUrl}/formations/${targets[0]!.trainingId}/sessions/${targets[0]!.sessionId}/candidater`, { waitUntil: 'networkidle' });
    await page.getByLabel(/^Votre motivation/).fill('Encore');
    await page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await expect.poll(() => page.locator('.app-error-summary').textContent()).toMatch(/déjà un vœu pour cette session/);

    // 5. orders them
    await page.goto(`${baseUrl}/candidat/voeux`, { waitUntil: 'networkidle' });
    await expect.poll(() => heading(page)).toBe('Mes vœux');
    const titles = () => page.locator('.app-wish-list').first().locator('h3 a').allTextContents();
    await expect.poll(titles).toEqual(targets.map((t) => t.title));
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `Descendre le vœu « ${targets[0]!.title} »` }).click();
    await expect.poll(titles).toEqual([targets[1]!.title, targets[0]!.title]);
    // the focus stays on the moved wish's buttons (now last: « Monter »)
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`Monter le vœu « ${targets[0]!.title} »`);
    const api = (await (await page.request.get(`${baseUrl}/api/candidate/wishes`)).json()) as { session: { id: string }; preference: number }[];
    expect(api.map((w) => [w.session.id, w.preference])).toEqual([
      [targets[1]!.sessionId, 1],
      [targets[0]!.sessionId, 2],
    ]);
    await page.getByText(/^Historique/).first().click();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'candidate-wishes');
    expect(candidate.errors.filter((e) => !/409/.test(e))).toEqual([]);
    await candidate.close();
  }, 240_000);
});
