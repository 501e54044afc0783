// The public simulates the GEN aid as a person would, without an account: the household's facts,
// communes picked in the list, the result with every step explained; the page passes axe (WCAG 2.1 A/AA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const newPage = (width?: number) => openTab(browser, { width });

async function pickCommune(page: Page, label: RegExp, text: string, option: RegExp) {
  await page.getByRole('combobox', { name: label }).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

describe('aid simulator', () => {
  it('computes the échelon from the facts, explains it, and matches the API', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(`${baseUrl}/simulateur-aide`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Simulateur de l’aide financière');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Année universitaire').selectOption('2025-2026');
    await page.getByLabel(/^Revenu brut global du foyer fiscal/).fill('30351');
    await pickCommune(page, /^Commune de votre domicile/, 'Lyon', /^Lyon\b/);
    await pickCommune(page, /^Commune du lieu de formation/, 'Paris', /^Paris\b/);
    await page.getByLabel(/^Hors enseignement supérieur/).fill('1');
    await page.getByLabel(/^Dans l’enseignement supérieur/).fill('1');
    await page.getByLabel(/^Début de la formation/).fill('2025-10-06');
    await page.getByLabel(/^Fin de la formation/).fill('2026-04-03');
    await page.getByRole('button', { name: 'Calculer mon aide' }).click();

    const heading = page.getByRole('heading', { name: 'Résultat de la simulation' });
    await heading.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Résultat de la simulation');
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toMatch(/Échelon 3 : 3\s828\s€ par an/);
    expect(main).toMatch(/382,80\s€ par mois/);
    expect(main).toMatch(/6 mensualités, soit 2\s296,80\s€ au total/);
    expect(main).toContain('8 points de charge');

    const api = await (
      await fetch(`${baseUrl}/api/aid/simulate?year=2025-2026&income=30351&home=69123&training=75056&children=1&childrenHigherEducation=1&trainingStart=2025-10-06&trainingEnd=2026-04-03`)
    ).json();
    expect(api).toMatchObject({ echelon: '3', points: 8, distanceKm: 392, payments: 6 });
    const steps = await page.getByRole('heading', { name: 'Le détail du calcul' }).locator('xpath=following-sibling::ol[1]/li').allTextContents();
    expect(steps).toEqual(api.explanation);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aid-result');
    expect(errors).toEqual([]);
    await close();
  });

  it('says what to fix, next to each field and in a summary that links to it', async () => {
    const { page, close } = await newPage();
    await page.goto(`${baseUrl}/simulateur-aide`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Calculer mon aide' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'à corriger' });
    await summary.waitFor();
    await summary.getByRole('link', { name: /Revenu brut global/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('aid-income');

    // an error found by the server (a negative income) is shown the same way
    await page.getByLabel(/^Revenu brut global du foyer fiscal/).fill('-5');
    await page.getByRole('button', { name: 'Calculer mon aide' }).click();
    await expect.poll(async () => (await summary.textContent()) ?? '').toMatch(/positif ou nul/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aid-errors');
    await close();
  });

  it('explains an exclusion, on a narrow screen', async () => {
    const { page, errors, close } = await newPage(375);
    await page.goto(`${baseUrl}/simulateur-aide`, { waitUntil: 'networkidle' });
    await page.getByLabel(/^Revenu brut global du foyer fiscal/).fill('12000');
    await page.locator('label', { hasText: 'Je suis la formation en contrat d’apprentissage' }).click(); // the DSFR label covers its box
    expect(await page.getByLabel('Je suis la formation en contrat d’apprentissage').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Calculer mon aide' }).click();
    await page.getByRole('heading', { name: 'Résultat de la simulation' }).waitFor();
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Pas d’aide d’après cette simulation');
    expect(main).toMatch(/contrat d’apprentissage/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aid-mobile');
    expect(errors).toEqual([]);
    await close();
  });

  it('is linked from the footer of every page', async () => {
    const { page, close } = await newPage();
    await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
    await page.getByRole('contentinfo').getByRole('link', { name: 'Simulateur de l’aide financière' }).click();
    await page.waitForURL(/\/simulateur-aide$/);
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe('Simulateur de l’aide financière');
    await close();
  });
});
