import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

/** A page in a fresh context (its own cookies), with what went wrong in it as it ran. */
export interface Tab {
  page: Page;
  /** uncaught exceptions and console errors (failed requests only with `failedRequestsAreErrors`) */
  errors: string[];
  close: () => Promise<void>;
}

export interface TabOptions {
  /** viewport in CSS pixels (1280 × 1000, a desktop, unless told) */
  width?: number;
  height?: number;
  acceptDownloads?: BrowserContextOptions['acceptDownloads'];
  /** a refused request (400, 409) is logged by the browser as a failed resource: an error or not */
  failedRequestsAreErrors?: boolean;
}

export async function openTab(browser: Browser, { width = 1280, height = 1000, acceptDownloads, failedRequestsAreErrors = true }: TabOptions = {}): Promise<Tab> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'fr-FR', acceptDownloads });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && (failedRequestsAreErrors || !/Failed to load resource/.test(m.text())) && errors.push(m.text()));
  return { page, errors, close: () => context.close() };
}

/** WCAG 2.1 A and AA violations of the page, as short readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}
