// Browser tests of the map page (built by the map engineer, run against the real server).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launch, screenshot } from './support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function open(path: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1450 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(baseUrl + path, { waitUntil: 'networkidle' });
  return { page, context, errors };
}

describe('map page', () => {
  it('shows clustered trainings with a text alternative, and passes axe', async () => {
    const { page, context, errors } = await open('/carte');
    await page.waitForSelector('.fab-cluster, .fab-marker');
    expect(await page.locator('h1.app-page-heading').textContent()).toBe('Carte des formations labellisées');
    expect(await page.locator('.leaflet-container').getAttribute('aria-label')).toBe('Carte des formations labellisées');
    await page.waitForSelector('section[aria-labelledby="carte-alternative"] tbody tr');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'map-formations');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows seats per 10,000 inhabitants by département, and passes axe', async () => {
    const { page, context, errors } = await open('/carte?vue=densite');
    await page.waitForSelector('path.fab-choro-4, path.fab-choro-3');
    expect(await page.locator('caption', { hasText: 'Places pour 10 000 habitants par département' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'map-densite');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens a marker popup from the keyboard, and gives the focus back on Escape', async () => {
    const { page, context } = await open('/carte?departement=29');
    await page.waitForSelector('.fab-marker, .fab-cluster');
    for (let i = 0; i < 10 && (await page.locator('.fab-marker').count()) === 0; i++) {
      await page.focus('.fab-cluster');
      await page.keyboard.press('Enter');
      await page.waitForTimeout(600);
    }
    await page.focus('.fab-marker');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.leaflet-popup');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('fab-popup-link'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.leaflet-popup', { state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('fab-marker'))).toBe(true);
    await context.close();
  });

  it('centres on formation=<id> with its popup open', async () => {
    const { points } = (await (await fetch(`${baseUrl}/api/trainings/map?departement=974`)).json()) as { points: [string][] };
    const { page, context } = await open(`/carte?formation=${points[0]![0]}`);
    await page.waitForSelector('.leaflet-popup .fab-popup-link');
    expect(await page.locator('.leaflet-popup .fab-popup-link').getAttribute('href')).toBe(`/formations/${points[0]![0]}`);
    await context.close();
  });
});
