// Issue 6 in a real browser: the provider's admissions pages (sessions, rules, ranking), the
// operator's rounds and aid-request pages, the learner's enrolments page. Each page passes axe
// (WCAG 2.1 A/AA). Read-mostly on the shared demo server: rules saved on one session, one round run.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const PASSWORD = 'demo-fabriques-2026';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function newPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, locale: 'fr-FR' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  return { page, errors, close: () => context.close() };
}

async function signIn(page: Page, email: string, back: string) {
  await page.goto(`${baseUrl}/connexion?retour=${encodeURIComponent(back)}`, { waitUntil: 'networkidle' });
  await page.locator('#connexion-email').fill(email);
  await page.locator('#connexion-mot-de-passe').fill(PASSWORD);
  await page.locator('form').filter({ has: page.locator('#connexion-email') }).getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`${baseUrl}${back}`);
}

const heading = (page: Page) => page.locator('main h1').first().textContent();

describe('admissions pages', () => {
  it('the provider lists its sessions and sets a session’s public admission rules', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'formation@demo.fabriques.fr', '/organisme/admissions');
    await expect.poll(() => heading(page)).toBe('Admissions de mes sessions');
    expect(await axeViolations(page)).toEqual([]);
    const first = page.locator('main table tbody tr a').first();
    await first.click();
    await expect.poll(() => heading(page)).toMatch(/^Admissions de la session : /);
    expect(await axeViolations(page)).toEqual([]);
    // rules: scholarship holders first (20 %), then women (30 %)
    await page.getByRole('button', { name: 'Ajouter un public prioritaire' }).click();
    await page.getByLabel('Public n° 1').selectOption('scholarship');
    await page.getByLabel('Taux minimum (%)').first().fill('20');
    await page.getByRole('button', { name: 'Ajouter un public prioritaire' }).click();
    await page.getByLabel('Public n° 2').selectOption('woman');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect.poll(() => page.locator('[role="status"]').first().textContent()).toMatch(/Règles d’admission enregistrées/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'admissions-provider-session');
    // the rules are public
    const sessionId = page.url().split('/').pop()!;
    const rules = (await (await fetch(`${baseUrl}/api/sessions/${sessionId}/admission-rules`)).json()) as { constraints: { name: string; rate: number }[] };
    expect(rules.constraints).toEqual([
      expect.objectContaining({ name: 'scholarship', rate: 20, priority: 1 }),
      expect.objectContaining({ name: 'woman', rate: 30, priority: 2 }),
    ]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the operator runs a round on demand and reviews aid requests', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'operateur@demo.fabriques.fr', '/operateur/tours');
    await expect.poll(() => heading(page)).toBe('Tours de propositions');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Lancer un tour maintenant' }).click();
    await expect.poll(() => page.locator('[role="status"]').first().textContent(), { timeout: 30_000 }).toMatch(/Tour terminé/);
    await expect.poll(() => page.locator('main table tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${baseUrl}/operateur/aides`, { waitUntil: 'networkidle' });
    await expect.poll(() => heading(page)).toBe('Demandes d’aide Grande École du Numérique');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it('the learner’s enrolments page explains what comes next', async () => {
    const { page, errors, close } = await newPage();
    await signIn(page, 'candidate@demo.fabriques.fr', '/apprenant/inscriptions');
    await expect.poll(() => heading(page)).toBe('Mes inscriptions et l’aide GEN');
    await expect.poll(() => page.locator('main').textContent()).toMatch(/Aucune inscription pour le moment/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });
});
