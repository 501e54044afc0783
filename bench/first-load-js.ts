import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/**
 * JavaScript a first visit of the page loads (gzip sizes of every script response), measured in
 * headless chromium; without chromium, estimated from the entry script and its modulepreloads.
 */
export async function firstLoadJs(url: string): Promise<{ gzipBytes: number; rawBytes: number; files: number; method: 'browser' | 'static' }> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(executablePath)) {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    try {
      const page = await (await browser.newContext()).newPage();
      const bodies: Promise<Buffer>[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') bodies.push(r.body());
      });
      await page.goto(url, { waitUntil: 'networkidle' });
      const all = await Promise.all(bodies);
      return { gzipBytes: all.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0), rawBytes: all.reduce((s, b) => s + b.length, 0), files: all.length, method: 'browser' };
    } finally {
      await browser.close();
    }
  }
  const html = await (await fetch(url)).text();
  const srcs = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g)].map((m) => m[1]!);
  const origin = new URL(url).origin;
  const all = await Promise.all(srcs.map(async (s) => Buffer.from(await (await fetch(origin + s)).arrayBuffer())));
  return { gzipBytes: all.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0), rawBytes: all.reduce((s, b) => s + b.length, 0), files: all.length, method: 'static' };
}
