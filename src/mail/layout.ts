/**
 * The common layout of the platform's mails: French, a plain-text version and its simple, accessible
 * HTML twin. Every piece of text is escaped here, so templates pass raw strings (names typed by people
 * included) and never HTML.
 */

export const SIGNATURE = 'L’équipe Fabriques – Grande École du Numérique';

export interface MailContent {
  /** « Bonjour Marie, » (default « Bonjour, ») */
  greeting?: string;
  /** plain text; a line break inside a paragraph is kept */
  paragraphs: string[];
  /** the one thing to do, as a link; its URL must be http(s) */
  action?: { label: string; url: string };
  /** a last sentence before the signature (« Si vous n’êtes pas à l’origine de cette demande… ») */
  closing?: string;
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** Only absolute http(s) URLs go into a mail: never `javascript:` or a relative link. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error('renderMail : le lien de l’action doit être une URL absolue');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error('renderMail : le lien de l’action doit commencer par http:// ou https://');
  }
  return parsed.href;
}

const paragraphHtml = (s: string, style = '') =>
  `<p style="margin:0 0 16px 0;${style}">${escapeHtml(s).replace(/\r?\n/g, '<br>\n')}</p>`;

export function renderMail(m: MailContent): { text: string; html: string } {
  const greeting = m.greeting ?? 'Bonjour,';
  const url = m.action ? checkedUrl(m.action.url) : undefined;

  const text = [
    greeting,
    ...m.paragraphs,
    ...(m.action && url ? [`${m.action.label} :\n${url}`] : []),
    ...(m.closing ? [m.closing] : []),
    SIGNATURE,
  ].join('\n\n');

  const action =
    m.action && url
      ? [
          `<p style="margin:24px 0;">`,
          `<a href="${escapeHtml(url)}" style="display:inline-block;padding:12px 20px;background:#000091;color:#ffffff;font-weight:bold;text-decoration:underline;">${escapeHtml(m.action.label)}</a>`,
          `</p>`,
          paragraphHtml('Si le lien ne fonctionne pas, copiez cette adresse dans votre navigateur :', 'font-size:14px;margin-bottom:4px;'),
          `<p style="margin:0 0 16px 0;font-size:14px;word-break:break-all;"><a href="${escapeHtml(url)}" style="color:#000091;">${escapeHtml(url)}</a></p>`,
        ].join('\n')
      : '';

  const html = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fabriques – Grande École du Numérique</title>
</head>
<body style="margin:0;padding:0;background:#f6f6f6;">
<div role="article" aria-label="Message de Fabriques" lang="fr" style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;font-family:Marianne,Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#161616;">
${paragraphHtml(greeting)}
${m.paragraphs.map((p) => paragraphHtml(p)).join('\n')}
${action}
${m.closing ? paragraphHtml(m.closing) : ''}
<p style="margin:24px 0 0 0;">${escapeHtml(SIGNATURE)}</p>
</div>
</body>
</html>
`.replace(/\n{2,}/g, '\n');

  return { text, html };
}
