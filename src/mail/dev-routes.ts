import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { demoPageCsp } from '../http/security.ts';
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { escapeHtml } from './layout.ts';

/**
 * The outbox, readable in demo mode: /dev/mails (server-rendered French pages) and /api/dev/mails
 * (JSON, for tests). server.ts registers this plugin only when config.mode is 'demo': in production
 * these routes do not exist (404).
 */

type Row = typeof mailOutbox.$inferSelect;
type Status = Row['status'];

const LIMIT = 200;

const statusLabels: Record<Status, string> = {
  pending: 'En attente d’envoi',
  sent: 'Envoyé',
  kept: 'Conservé (démo)',
  failed: 'Échec de l’envoi',
};

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Paris' });
const when = (d: Date) => `<time datetime="${d.toISOString()}">${escapeHtml(dateFormat.format(d))}</time>`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toFilter = z
  .string()
  .trim()
  .max(320)
  .optional()
  .describe('adresse du destinataire (sans distinction de casse)');

const mailJson = z.object({
  id: z.string(),
  recipient: z.string(),
  kind: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(['pending', 'sent', 'kept', 'failed']),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export function devMailRoutes(database: Database): FastifyPluginAsyncZod {
  const byRecipient = (to: string | undefined): SQL | undefined =>
    to ? sql`lower(${mailOutbox.recipient}) = lower(${to})` : undefined;

  const newest = (to: string | undefined) =>
    database.db.select().from(mailOutbox).where(byRecipient(to)).orderBy(desc(mailOutbox.createdAt), desc(mailOutbox.id)).limit(LIMIT);

  return async (app) => {
    app.get(
      '/api/dev/mails',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Démonstration'],
          summary: `Courriels de la boîte d’envoi, du plus récent au plus ancien (${LIMIT} au plus) — mode démo uniquement`,
          querystring: z.object({ to: toFilter }),
          response: { 200: z.array(mailJson) },
        },
      },
      async (req) =>
        (await newest(req.query.to || undefined)).map((r) => ({
          id: r.id,
          recipient: r.recipient,
          kind: r.kind,
          subject: r.subject,
          text: r.text,
          html: r.html,
          status: r.status,
          attempts: r.attempts,
          createdAt: r.createdAt.toISOString(),
          sentAt: r.sentAt ? r.sentAt.toISOString() : null,
        })),
    );

    app.get(
      '/dev/mails',
      { config: { access: 'public' }, schema: { hide: true, querystring: z.object({ to: toFilter }) } },
      async (req, reply) => {
        const to = req.query.to || undefined;
        const rows = await newest(to);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('content-security-policy', demoPageCsp(req.protocol === 'https'))
          .send(listPage(rows, to));
      },
    );

    app.get(
      '/dev/mails/:id',
      { config: { access: 'public' }, schema: { hide: true, params: z.object({ id: z.string() }) } },
      async (req, reply) => {
        const { id } = req.params;
        const [row] = UUID.test(id) ? await database.db.select().from(mailOutbox).where(eq(mailOutbox.id, id)) : [];
        reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('content-security-policy', demoPageCsp(req.protocol === 'https'));
        if (!row) return reply.code(404).send(notFoundPage());
        return reply.send(mailPage(row));
      },
    );
  };
}

const style = `
  body { margin: 0; font-family: Marianne, Arial, Helvetica, sans-serif; color: #161616; background: #fff; line-height: 1.5; }
  .skip { position: absolute; left: -9999px; }
  .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; }
  header { border-bottom: 1px solid #ddd; padding: 1rem 2rem; }
  header p { margin: 0; }
  main { padding: 1rem 2rem 3rem; max-width: 72rem; }
  a { color: #000091; }
  a:focus, input:focus, button:focus { outline: 2px solid #0a76f6; outline-offset: 2px; }
  .notice { background: #e8edff; border-left: 4px solid #000091; padding: .75rem 1rem; }
  form { margin: 1.5rem 0; display: flex; gap: .5rem; align-items: end; flex-wrap: wrap; }
  label { display: block; font-weight: bold; }
  input { font: inherit; padding: .4rem .5rem; border: 1px solid #3a3a3a; min-width: 18rem; }
  button { font: inherit; padding: .45rem 1rem; background: #000091; color: #fff; border: 0; cursor: pointer; }
  table { border-collapse: collapse; width: 100%; }
  caption { text-align: left; font-weight: bold; margin-bottom: .5rem; }
  th, td { text-align: left; padding: .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  thead th { border-bottom: 2px solid #3a3a3a; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: bold; }
  dd { margin: 0; }
  pre { white-space: pre-wrap; word-break: break-word; background: #f6f6f6; padding: 1rem; font-size: .95rem; }
  iframe { width: 100%; height: 36rem; border: 1px solid #ddd; background: #fff; }
`;

function page(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)} – Fabriques (démonstration)</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#contenu">Aller au contenu</a>
<header>
<p><strong>Fabriques</strong> – Grande École du Numérique · mode démonstration</p>
<nav aria-label="Navigation"><a href="/">Accueil de la plateforme</a> · <a href="/dev/mails">Tous les courriels</a></nav>
</header>
<main id="contenu" tabindex="-1">
${main}
</main>
</body>
</html>
`;
}

function listPage(rows: Row[], to: string | undefined): string {
  const count = rows.length === 0 ? 'Aucun courriel' : rows.length === 1 ? '1 courriel' : `${rows.length} courriels`;
  const caption = `${count}${to ? ` pour ${escapeHtml(to)}` : ''}, du plus récent au plus ancien${rows.length === LIMIT ? ` (les ${LIMIT} derniers)` : ''}`;
  const table =
    rows.length === 0
      ? `<p>${to ? 'Aucun courriel pour cette adresse.' : 'Aucun courriel pour l’instant.'}</p>`
      : `<table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Destinataire</th><th scope="col">Objet</th><th scope="col">État</th></tr></thead>
<tbody>
${rows
  .map(
    (r) =>
      `<tr><td>${when(r.createdAt)}</td><td>${escapeHtml(r.recipient)}</td><td><a href="/dev/mails/${r.id}">${escapeHtml(r.subject)}</a></td><td>${statusLabels[r.status]}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>`;
  return page(
    'Courriels',
    `<h1>Courriels de la plateforme</h1>
<p class="notice">En mode démonstration, aucun courriel ne quitte la plateforme : ils sont conservés ici. Ouvrez un courriel pour suivre ses liens (confirmer une adresse, choisir un mot de passe…).</p>
<form method="get" action="/dev/mails" role="search">
<div><label for="to">Adresse du destinataire</label><input id="to" name="to" type="email" autocomplete="off" value="${escapeHtml(to ?? '')}"></div>
<button type="submit">Filtrer</button>${to ? ' <a href="/dev/mails">Voir tous les courriels</a>' : ''}
</form>
${table}`,
  );
}

/** Escaped text with its http(s) links made clickable. */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"]+/g, (escapedUrl) => {
    const trail = /[.,;:!?)]+$/.exec(escapedUrl)?.[0] ?? '';
    const url = escapedUrl.slice(0, escapedUrl.length - trail.length);
    return `<a href="${url}">${url}</a>${trail}`;
  });
}

/**
 * The mail's own HTML, shown in a sandboxed frame (no script, no same-origin access); `<base
 * target="_top">` and the sandbox's top navigation on a click let its links open in the window.
 */
function htmlPreview(html: string): string {
  const base = '<base target="_top">';
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => `${h}${base}`) : `${base}${html}`;
}

function mailPage(r: Row): string {
  return page(
    r.subject,
    `<p><a href="/dev/mails">← Retour à la liste des courriels</a></p>
<h1>${escapeHtml(r.subject)}</h1>
<dl>
<dt>Destinataire</dt><dd>${escapeHtml(r.recipient)}</dd>
<dt>Date</dt><dd>${when(r.createdAt)}</dd>
<dt>État</dt><dd>${statusLabels[r.status]}${r.sentAt ? ` le ${when(r.sentAt)}` : ''}</dd>
<dt>Modèle</dt><dd>${escapeHtml(r.kind)}</dd>
${r.attempts > 0 ? `<dt>Tentatives d’envoi</dt><dd>${r.attempts}</dd>` : ''}
${r.lastError ? `<dt>Dernière erreur</dt><dd>${escapeHtml(r.lastError)}</dd>` : ''}
</dl>
<h2>Version texte</h2>
<pre>${linkify(r.text)}</pre>
<h2>Version HTML</h2>
<iframe title="Version HTML du courriel « ${escapeHtml(r.subject)} »" sandbox="allow-top-navigation-by-user-activation allow-popups" referrerpolicy="no-referrer" srcdoc="${escapeHtml(htmlPreview(r.html))}"></iframe>`,
  );
}

function notFoundPage(): string {
  return page(
    'Courriel introuvable',
    `<h1>Courriel introuvable</h1>
<p>Ce courriel n’existe pas ou plus.</p>
<p><a href="/dev/mails">Voir tous les courriels</a></p>`,
  );
}
