// Signing in with FranceConnect as a person would: from the sign-in page, through the embedded local
// identity provider (demo mode), back to the app signed in; the provider's page passes axe.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launch, openTab, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'demo-fabriques-2026';
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const newPage = () => openTab(browser);

/** From /connexion to the FranceConnect page: the sign-in page's button, or the start URL if it has none. */
async function toFranceConnect(page: Page): Promise<'button' | 'url'> {
  await page.goto(`${baseUrl}/connexion`, { waitUntil: 'networkidle' });
  await page.locator('main h1').first().waitFor();
  const button = page.getByRole('link', { name: /S’identifier avec\s*FranceConnect/ });
  const how = (await button.count()) > 0 ? 'button' : 'url';
  if (how === 'button') await button.first().click();
  else await page.goto(`${baseUrl}/api/auth/oidc/franceconnect/start?returnTo=/compte`);
  await page.waitForURL(/\/oidc\/franceconnect\/interaction\//);
  return how;
}

async function chooseIdentity(page: Page, name: RegExp) {
  await page.getByRole('radio', { name }).check();
  await page.getByLabel(/^Mot de passe/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

describe('signing in with FranceConnect', () => {
  it('creates the account of a citizen new to Fabriques and lands signed in', async () => {
    const { page, errors, close } = await newPage();
    const how = await toFranceConnect(page);
    expect(how, 'the sign-in page offers the FranceConnect button').toBe('button');

    // the local provider's page: French, accessible, plain HTML under the strict CSP
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Se connecter avec FranceConnect');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'oidc-local-provider');

    // a wrong password first: the page says so, and stays accessible
    await page.getByRole('radio', { name: /Inès Moreau/ }).check();
    await page.getByLabel(/^Mot de passe/).fill('mauvais');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.title()).toMatch(/^Erreur : /);
    expect(await page.getByRole('alert').textContent()).toMatch(/Mot de passe incorrect/);
    expect(await axeViolations(page)).toEqual([]);
    // (the browser logs the page's 400 status: expected here)
    errors.length = 0;

    await chooseIdentity(page, /Inès Moreau/);
    await page.waitForURL(`${baseUrl}/compte`);
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 15_000 }).toContain('ines.moreau@exemple.fr');
    expect(await page.locator('main').textContent()).toContain('Inès Moreau');
    expect(await page.evaluate(() => fetch('/api/account').then((r) => r.status))).toBe(200);
    await screenshot(page, 'oidc-signed-in');
    expect(errors).toEqual([]);
    await close();
  });

  it('links the demo candidate’s identity to her account once her password is given', async () => {
    const { page, close } = await newPage();
    await toFranceConnect(page);
    await chooseIdentity(page, /Camille Diallo/);
    await page.waitForURL(`${baseUrl}/connexion?liaison=1`);
    await page.getByLabel(/^Mot de passe de votre compte Fabriques/).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Relier et me connecter' }).click();
    await page.waitForURL(`${baseUrl}/compte`);
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '', { timeout: 15_000 }).toContain('candidate@demo.fabriques.fr');
    await close();

    // next time, FranceConnect signs her straight in
    const again = await newPage();
    await toFranceConnect(again.page);
    await chooseIdentity(again.page, /Camille Diallo/);
    await again.page.waitForURL(`${baseUrl}/compte`);
    await expect.poll(async () => (await again.page.locator('main').textContent()) ?? '', { timeout: 15_000 }).toContain('candidate@demo.fabriques.fr');
    await again.close();
  });

  it('comes back to the sign-in page with a message when the person cancels', async () => {
    const { page, close } = await newPage();
    await toFranceConnect(page);
    await page.getByRole('button', { name: 'Annuler et revenir à Fabriques' }).click();
    await page.waitForURL(/\/connexion\?erreur=oidc/);
    await page.locator('main h1').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await close();
  });
});
