import type { Db, Tx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/mail.ts';

/** A mail ready to leave: French subject, plain text and HTML (see layout.ts). */
export interface OutgoingMail {
  to: string;
  /** template name, e.g. 'accounts.confirm_email' (read in the outbox, never sent) */
  kind: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Puts a mail in the outbox, inside the caller's transaction: the mail exists if and only if the
 * change that causes it is committed. The mail worker (worker.ts) polls the outbox and delivers it
 * (see docs/adr/0007-mail-outbox.md).
 */
export async function enqueueMail(tx: Tx | Db, mail: OutgoingMail): Promise<void> {
  const to = mail.to.trim();
  if (!to.includes('@') || /[\r\n]/.test(to)) throw new Error('enqueueMail : adresse du destinataire invalide');
  if (/[\r\n]/.test(mail.subject)) throw new Error('enqueueMail : l’objet tient sur une ligne');
  await tx.insert(mailOutbox).values({
    recipient: to,
    kind: mail.kind,
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
  });
}
