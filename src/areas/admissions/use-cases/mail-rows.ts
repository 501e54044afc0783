import { sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import type { OutgoingMail } from '../../../mail/outbox.ts';
import { recordset, type Kind } from './recordset.ts';

export type MailRow = OutgoingMail;

/**
 * Many mails into the outbox in the caller's transaction, a few statements whatever their number
 * (a round writes tens of thousands). Same checks as enqueueMail (src/mail/outbox.ts).
 */
export async function insertMails(tx: Tx, mails: readonly OutgoingMail[], kind: Kind): Promise<void> {
  const rows = mails.map((m) => {
    const to = m.to.trim();
    if (!to.includes('@') || /[\r\n]/.test(to)) throw new Error('insertMails : adresse du destinataire invalide');
    if (/[\r\n]/.test(m.subject)) throw new Error('insertMails : l’objet tient sur une ligne');
    return { recipient: to, kind: m.kind, subject: m.subject, text: m.text, html: m.html };
  });
  for (let i = 0; i < rows.length; i += 2000) {
    await tx.execute(sql`
      insert into mail_outbox (recipient, kind, subject, text, html)
      select v.recipient, v.kind, v.subject, v.text, v.html
        from ${recordset(kind, rows.slice(i, i + 2000), [['recipient', 'text'], ['kind', 'text'], ['subject', 'text'], ['text', 'text'], ['html', 'text']])}`);
  }
}

/** A mail rendered once for many people, with NAME_MARK where each one's first name goes. */
export interface MailVariant {
  kind: string;
  subject: string;
  text: string;
  html: string;
}

export const NAME_MARK = '\u0001';

/**
 * Mails that differ only by the recipient's first name: each variant travels once, the database
 * fills the names in (text as is, HTML escaped here). A round's 50,000 mails are a few thousand
 * variants, so the statement carries tens of megabytes less.
 */
export async function insertTemplatedMails(tx: Tx, variants: readonly MailVariant[], recipients: readonly { variant: number; email: string; nameText: string; nameHtml: string }[], kind: Kind): Promise<void> {
  for (const v of variants) if (/[\r\n]/.test(v.subject)) throw new Error('insertTemplatedMails : l’objet tient sur une ligne');
  for (let i = 0; i < recipients.length; i += 10_000) {
    const part = recipients.slice(i, i + 10_000).map((r) => {
      const to = r.email.trim();
      if (!to.includes('@') || /[\r\n]/.test(to)) throw new Error('insertTemplatedMails : adresse du destinataire invalide');
      return { variant: r.variant, email: to, name_text: r.nameText, name_html: r.nameHtml };
    });
    const used = [...new Set(part.map((r) => r.variant))].map((idx) => ({ idx, kind: variants[idx]!.kind, subject: variants[idx]!.subject, text: variants[idx]!.text, html: variants[idx]!.html }));
    await tx.execute(sql`
      insert into mail_outbox (recipient, kind, subject, text, html)
      select r.email, v.kind, v.subject, replace(v.text, chr(1), r.name_text), replace(v.html, chr(1), r.name_html)
        from ${recordset(kind, used, [['idx', 'int'], ['kind', 'text'], ['subject', 'text'], ['text', 'text'], ['html', 'text']], 'v')}
        join ${recordset(kind, part, [['variant', 'int'], ['email', 'text'], ['name_text', 'text'], ['name_html', 'text']], 'r')} on r.variant = v.idx`);
  }
}
