import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../test/support/database.ts';
import { testConfig } from '../../test/support/config.ts';
import { testLogger } from '../../test/support/logs.ts';
import { buildServer } from '../server.ts';
import { CatalogueReadModel } from '../areas/catalogue/read-model.ts';
import { territories } from '../areas/territories/referential.ts';
import type { Database } from '../db/client.ts';
import { renderMail } from './layout.ts';
import { enqueueMail } from './outbox.ts';

let database: Database;
let dispose: () => Promise<void>;
let demo: FastifyInstance;
let production: FastifyInstance;

const LINK = 'http://localhost:3000/confirmation-adresse?jeton=abc_123&source=mail';

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const catalogue = new CatalogueReadModel(database, territories());
  await catalogue.refresh();
  demo = await buildServer({ config: testConfig(), database, catalogue, logger: testLogger() });
  production = await buildServer({
    config: testConfig({
      NODE_ENV: 'production',
      SMTP_URL: 'smtp://127.0.0.1:2525',
      OIDC_ISSUER: 'https://identite.example.org',
      OIDC_CLIENT_ID: 'fabriques',
      OIDC_CLIENT_SECRET: 'secret',
    }),
    database,
    catalogue,
    logger: testLogger(),
  });
  expect(production.hasRoute({ method: 'GET', url: '/dev/mails' })).toBe(false);

  await enqueueMail(database.db, {
    to: 'Lea.Martin@example.org',
    kind: 'accounts.confirm_email',
    subject: 'Confirmez votre adresse e-mail – Fabriques',
    ...renderMail({ greeting: 'Bonjour Léa,', paragraphs: ['Votre compte a bien été créé.'], action: { label: 'Confirmer mon adresse', url: LINK } }),
  });
  await enqueueMail(database.db, {
    to: 'autre@example.org',
    kind: 'test.escaping',
    subject: 'Objet <script>alert(1)</script> & « guillemets »',
    ...renderMail({ greeting: 'Bonjour <b>Bob</b>,', paragraphs: ['Un texte.'] }),
  });
  // the second one is the newest
  await database.rows(sql`update mail_outbox set created_at = created_at - interval '1 minute' where recipient = 'Lea.Martin@example.org'`);
});

afterAll(async () => {
  await demo?.close();
  await production?.close();
  await dispose?.();
});

const get = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url });

describe('GET /api/dev/mails (demo mode)', () => {
  it('lists the mails, newest first, with their text, HTML and state', async () => {
    const r = await get(demo, '/api/dev/mails');
    expect(r.statusCode).toBe(200);
    const mails = r.json() as { recipient: string; subject: string; text: string; html: string; status: string; createdAt: string; kind: string }[];
    expect(mails.map((m) => m.recipient)).toEqual(['autre@example.org', 'Lea.Martin@example.org']);
    const lea = mails[1]!;
    expect(lea).toMatchObject({ kind: 'accounts.confirm_email', subject: 'Confirmez votre adresse e-mail – Fabriques', status: 'pending' });
    expect(lea.text).toContain(`Confirmer mon adresse :\n${LINK}`);
    expect(lea.html).toContain('<html lang="fr">');
    expect(new Date(lea.createdAt).toISOString()).toBe(lea.createdAt);
  });

  it('filters by recipient, whatever the case', async () => {
    const mails = (await get(demo, '/api/dev/mails?to=lea.martin%40example.org')).json() as { recipient: string }[];
    expect(mails.map((m) => m.recipient)).toEqual(['Lea.Martin@example.org']);
    expect((await get(demo, '/api/dev/mails?to=personne%40example.org')).json()).toEqual([]);
  });
});

describe('/dev/mails pages (demo mode)', () => {
  it('lists date, recipient, subject (escaped) and state in an accessible French page', async () => {
    const r = await get(demo, '/dev/mails');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self';");
    expect(String(r.headers['content-security-policy'])).toContain("style-src 'self' 'unsafe-inline';");
    const html = r.body;
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<title>Courriels – Fabriques (démonstration)</title>');
    expect(html).toMatch(/<th scope="col">Date<\/th><th scope="col">Destinataire<\/th><th scope="col">Objet<\/th><th scope="col">État<\/th>/);
    expect(html).toContain('<caption>2 courriels, du plus récent au plus ancien</caption>');
    expect(html).toContain('<label for="to">Adresse du destinataire</label>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Objet &lt;script&gt;alert(1)&lt;/script&gt; &amp; « guillemets »');
    expect(html).toContain('En attente d’envoi');
    expect(html.indexOf('autre@example.org')).toBeLessThan(html.indexOf('Lea.Martin@example.org'));
    expect(html).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d<\/time>/);

    const filtered = (await get(demo, '/dev/mails?to=LEA.MARTIN%40example.org')).body;
    expect(filtered).toContain('<caption>1 courriel pour LEA.MARTIN@example.org, du plus récent au plus ancien</caption>');
    expect(filtered).not.toContain('autre@example.org');
    expect(filtered).toContain('value="LEA.MARTIN@example.org"');
  });

  it('shows one mail: its text with clickable links and its HTML in a sandboxed frame', async () => {
    const list = (await get(demo, '/api/dev/mails?to=lea.martin%40example.org')).json() as { id: string }[];
    const r = await get(demo, `/dev/mails/${list[0]!.id}`);
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(html).toContain('<h1>Confirmez votre adresse e-mail – Fabriques</h1>');
    const escapedLink = LINK.replace('&', '&amp;');
    expect(html).toContain(`<a href="${escapedLink}">${escapedLink}</a>`);
    const frame = /<iframe ([^>]*)><\/iframe>/.exec(html)?.[1] ?? '';
    expect(frame).toContain('title="Version HTML du courriel « Confirmez votre adresse e-mail – Fabriques »"');
    expect(frame).toMatch(/sandbox="[^"]*allow-top-navigation-by-user-activation[^"]*"/);
    expect(frame).not.toMatch(/allow-scripts|allow-same-origin/);
    // the mail's document, escaped into the attribute, opens its links in the window
    const srcdoc = /srcdoc="([^"]*)"/.exec(frame)?.[1] ?? '';
    expect(srcdoc).not.toContain('<');
    expect(srcdoc).toContain('&lt;base target=&quot;_top&quot;&gt;');
    expect(srcdoc).toContain('&lt;html lang=&quot;fr&quot;&gt;');

    const other = (await get(demo, '/api/dev/mails?to=autre%40example.org')).json() as { id: string }[];
    const escaped = (await get(demo, `/dev/mails/${other[0]!.id}`)).body;
    expect(escaped).not.toContain('<script>');
    expect(escaped).not.toContain('<b>Bob</b>');
  });

  it('answers a French 404 page for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-uuid']) {
      const r = await get(demo, `/dev/mails/${id}`);
      expect(r.statusCode).toBe(404);
      expect(r.body).toContain('<h1>Courriel introuvable</h1>');
    }
  });
});

describe('production mode', () => {
  it('does not have the routes at all', async () => {
    for (const url of ['/dev/mails', '/dev/mails?to=a%40b.fr', '/api/dev/mails', '/api/dev/mails?to=a%40b.fr']) {
      expect((await get(production, url)).statusCode, url).toBe(404);
    }
    const list = (await get(demo, '/api/dev/mails')).json() as { id: string }[];
    expect((await get(production, `/dev/mails/${list[0]!.id}`)).statusCode).toBe(404);
  });
});
