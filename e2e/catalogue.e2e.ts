// The public finds a labelled training as a person would: search around a commune, open a result,
// see it on the map; the pages pass axe (WCAG 2.1 A/AA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const newPage = () => openTab(browser);

describe('finding a training', () => {
  it('searches « développeur web » around Lyon, opens a result and sees it on the map', async () => {
    const { page, errors, close } = await newPage();
    await page.goto(`${baseUrl}/formations`, { waitUntil: 'networkidle' });
    await page.getByLabel('Quoi ?').fill('développeur web');
    const commune = page.getByRole('combobox', { name: /^Autour de/ });
    await commune.fill('Lyon');
    await page.getByRole('option', { name: /^Lyon\b/ }).first().click();
    await page.getByLabel('Dans un rayon de').selectOption('50');
    await page.getByRole('search', { name: 'Rechercher une formation' }).getByRole('button').click();

    await page.waitForURL(/commune=69123/);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('développeur web');
    expect(url.searchParams.get('radius')).toBe('50');
    // the same search through the API tells how many results the page must announce
    const api = await (await fetch(`${baseUrl}/api/trainings?${url.searchParams}`)).json();
    expect(api.total).toBeGreaterThan(0);
    const first = page.locator('main').getByRole('link', { name: api.results[0].title }).first();
    await first.waitFor();
    expect(await page.locator('main').textContent()).toContain(String(api.total));
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'search-lyon');

    await first.click();
    await page.waitForURL(new RegExp(`/formations/${api.results[0].id}$`));
    await expect.poll(() => page.locator('main h1').first().textContent()).toBe(api.results[0].title);
    await page.waitForLoadState('networkidle');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'training');

    await page.getByRole('link', { name: 'Voir sur la carte' }).click();
    await page.waitForURL(/\/carte\?formation=/);
    const popup = page.locator('.leaflet-popup');
    await popup.waitFor({ timeout: 20_000 });
    expect(await popup.textContent()).toContain(api.results[0].title);
    await screenshot(page, 'training-on-map');
    expect(errors).toEqual([]);
    await close();
  });

  it('shows field-level errors for a bad search in the URL, without breaking the page', async () => {
    const { page, close } = await newPage();
    await page.goto(`${baseUrl}/formations?commune=99999`, { waitUntil: 'networkidle' });
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toMatch(/n.existe pas/);
    const summary = page.getByRole('alert').filter({ hasText: 'à corriger' });
    expect(await summary.getByRole('heading').textContent()).toBe('Un critère est à corriger');
    expect(await axeViolations(page)).toEqual([]);

    // two criteria at fault: both listed, each linking to its field in the opened filters
    await page.goto(`${baseUrl}/formations?durationMin=12&durationMax=3&startFrom=2027-02-01&startTo=2027-01-01`, { waitUntil: 'networkidle' });
    await summary.getByRole('heading', { name: '2 critères sont à corriger' }).waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      expect.stringMatching(/^Début de session, au plus tard le : La date de fin doit être postérieure/),
      expect.stringMatching(/^Durée maximale : La durée maximale doit être supérieure/),
    ]);
    await summary.getByRole('link', { name: /^Durée maximale/ }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-durationMax');
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});

describe('accessibility of the public pages', () => {
  it.each(['/', '/formations', '/formations?q=technicien&placesLeft=true', '/donnees-ouvertes', '/mentions-legales', '/accessibilite', '/donnees-personnelles', '/plan-du-site', '/page-qui-n-existe-pas'])(
    '%s has no WCAG 2.1 A/AA violation',
    async (path) => {
      const { page, errors, close } = await newPage();
      await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
      await page.locator('main h1').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      expect(errors.filter((e) => !/404/.test(e))).toEqual([]);
      await close();
    },
  );
});
