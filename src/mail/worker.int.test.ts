import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../../test/support/database.ts';
import { freePort } from '../../test/support/ports.ts';
import type { Database } from '../db/client.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { renderMail } from './layout.ts';
import { enqueueMail, type OutgoingMail } from './outbox.ts';
import { mailJobs, purgeOutbox } from './jobs.ts';
import { createMailWorker, startMailWorker, type MailLog, type MailWorkerOptions } from './worker.ts';

const FROM = 'Fabriques <ne-pas-repondre@fabriques.localhost>';
let database: Database;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
});
afterAll(async () => {
  await dispose?.();
});
beforeEach(async () => {
  await database.db.delete(mailOutbox);
});

/** A local SMTP server (no TLS, no auth) that parses what it receives. */
async function smtpServer(port: number, opts: { reject?: (to: string) => boolean } = {}) {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, cb) {
      if (opts.reject?.(address.address)) {
        const err = Object.assign(new Error(`5.1.1 <${address.address}>: boîte inconnue`), { responseCode: 550 });
        return cb(err);
      }
      cb();
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (m) => {
          received.push(m);
          cb();
        },
        (e: Error) => cb(e),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { received, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function confirmMail(to: string, name = 'Léa'): OutgoingMail {
  return {
    to,
    kind: 'test.confirm',
    subject: 'Confirmez votre adresse e-mail – Fabriques',
    ...renderMail({
      greeting: `Bonjour ${name},`,
      paragraphs: ['Votre compte a bien été créé.'],
      action: { label: 'Confirmer mon adresse', url: 'http://localhost:3000/confirmation-adresse?jeton=abc_123' },
    }),
  };
}

function recording() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const log: MailLog = {
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { lines, log };
}

const worker = (port: number, o: Partial<MailWorkerOptions> = {}) =>
  createMailWorker({ database, smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, retryBaseMs: 0, ...o });

const rowsOf = (to: string) => database.db.select().from(mailOutbox).where(eq(mailOutbox.recipient, to));
const toOf = (m: ParsedMail) => (m.to as AddressObject).value.map((a) => a.address);

describe('delivery through SMTP', () => {
  it('sends a pending mail with its French text and HTML, from MAIL_FROM, and marks it sent', async () => {
    const port = await freePort();
    const smtp = await smtpServer(port);
    const w = worker(port);
    try {
      await enqueueMail(database.db, confirmMail('lea.martin@example.org'));
      expect(await w.runOnce()).toEqual({ sent: 1, kept: 0, retried: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      const m = smtp.received[0]!;
      expect(toOf(m)).toEqual(['lea.martin@example.org']);
      expect(m.from?.value[0]).toMatchObject({ name: 'Fabriques', address: 'ne-pas-repondre@fabriques.localhost' });
      expect(m.subject).toBe('Confirmez votre adresse e-mail – Fabriques');
      expect(m.text).toContain('Bonjour Léa,');
      expect(m.text).toContain('Confirmer mon adresse :\nhttp://localhost:3000/confirmation-adresse?jeton=abc_123');
      expect(m.text).toContain('L’équipe Fabriques – Grande École du Numérique');
      expect(m.html).toContain('<html lang="fr">');
      expect(m.html).toContain('href="http://localhost:3000/confirmation-adresse?jeton=abc_123"');
      expect(m.headers.get('auto-submitted')).toBe('auto-generated');

      const [row] = await rowsOf('lea.martin@example.org');
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(row!.sentAt).toBeInstanceOf(Date);
      expect(m.messageId).toBe(`<${row!.id}@fabriques.localhost>`);
      // nothing left to do
      expect(await w.runOnce()).toEqual({ sent: 0, kept: 0, retried: 0, failed: 0 });
    } finally {
      await w.stop();
      await smtp.close();
    }
  });

  it('counts an attempt when SMTP is down, logs no address nor content, and delivers once it is back', async () => {
    const port = await freePort();
    const { lines, log } = recording();
    const w = worker(port, { log });
    try {
      await enqueueMail(database.db, confirmMail('hors.ligne@example.org', 'Zoé'));
      expect(await w.runOnce()).toMatchObject({ sent: 0, retried: 1 });
      let [row] = await rowsOf('hors.ligne@example.org');
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row!.lastError).toMatch(/^ECONNECTION|ESOCKET|ECONNREFUSED/);
      expect(row!.lastError!.length).toBeLessThanOrEqual(200);
      expect(await w.runOnce()).toMatchObject({ retried: 1 });
      expect((await rowsOf('hors.ligne@example.org'))[0]!.attempts).toBe(2);

      const smtp = await smtpServer(port);
      try {
        expect(await w.runOnce()).toMatchObject({ sent: 1 });
        [row] = await rowsOf('hors.ligne@example.org');
        expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
        expect(smtp.received.map(toOf)).toEqual([['hors.ligne@example.org']]);
      } finally {
        await smtp.close();
      }
      const logged = JSON.stringify(lines);
      expect(lines.some((l) => l.level === 'warn')).toBe(true);
      for (const secret of ['hors.ligne', 'example.org', 'Zoé', 'Confirmez', 'jeton']) expect(logged).not.toContain(secret);
    } finally {
      await w.stop();
    }
  });

  it('gives up as failed after maxAttempts', async () => {
    const port = await freePort();
    const w = worker(port, { maxAttempts: 3 });
    try {
      await enqueueMail(database.db, confirmMail('jamais@example.org'));
      expect(await w.runOnce()).toMatchObject({ retried: 1 });
      expect(await w.runOnce()).toMatchObject({ retried: 1 });
      expect(await w.runOnce()).toMatchObject({ failed: 1 });
      expect((await rowsOf('jamais@example.org'))[0]).toMatchObject({ status: 'failed', attempts: 3 });
      expect(await w.runOnce()).toEqual({ sent: 0, kept: 0, retried: 0, failed: 0 });
    } finally {
      await w.stop();
    }
  });

  it('fails at once a mail the server refuses for good (5xx), masking the address, and sends the others', async () => {
    const port = await freePort();
    const smtp = await smtpServer(port, { reject: (to) => to.startsWith('inconnu') });
    const w = worker(port);
    try {
      await enqueueMail(database.db, confirmMail('inconnu@example.org'));
      await enqueueMail(database.db, confirmMail('connu@example.org'));
      expect(await w.runOnce()).toMatchObject({ sent: 1, failed: 1 });
      const [row] = await rowsOf('inconnu@example.org');
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row!.lastError).toContain('550');
      expect(row!.lastError).not.toContain('inconnu@example.org');
      expect(smtp.received.map(toOf)).toEqual([['connu@example.org']]);
    } finally {
      await w.stop();
      await smtp.close();
    }
  });

  it('waits for the retry delay, counted from the mail’s creation, before trying again', async () => {
    const port = await freePort();
    const slow = worker(port, { retryBaseMs: 60_000 });
    await enqueueMail(database.db, confirmMail('patience@example.org'));
    expect(await slow.runOnce()).toMatchObject({ retried: 1 });
    await slow.stop();
    const smtp = await smtpServer(port);
    try {
      // another worker (or a restarted one) follows the schedule kept in the row
      const other = worker(port, { retryBaseMs: 60_000 });
      expect(await other.runOnce()).toMatchObject({ sent: 0 });
      await other.stop();
      await database.db.update(mailOutbox).set({ createdAt: sql`now() - interval '61 seconds'` });
      const later = worker(port, { retryBaseMs: 60_000 });
      expect(await later.runOnce()).toMatchObject({ sent: 1 });
      await later.stop();
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('never sends a mail twice when two workers run at the same time', async () => {
    const port = await freePort();
    const smtp = await smtpServer(port);
    const a = worker(port);
    const b = worker(port);
    try {
      for (let i = 0; i < 30; i++) await enqueueMail(database.db, confirmMail(`personne${i}@example.org`));
      const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
      expect(ra.sent + rb.sent).toBe(30);
      // both really worked at the same time
      expect(Math.min(ra.sent, rb.sent)).toBeGreaterThan(0);
      expect(smtp.received).toHaveLength(30);
      expect(new Set(smtp.received.map((m) => m.messageId)).size).toBe(30);
      const [{ n }] = (await database.rows<{ n: number }>(sql`select count(*)::int as n from mail_outbox where status = 'sent' and attempts = 1`)) as [{ n: number }];
      expect(n).toBe(30);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await smtp.close();
    }
  });

  it('polls on its own once started, and stops cleanly', async () => {
    const port = await freePort();
    const smtp = await smtpServer(port);
    const w = startMailWorker({ database, smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, pollMs: 50 });
    try {
      await enqueueMail(database.db, confirmMail('auto@example.org'));
      const end = Date.now() + 10_000;
      while (smtp.received.length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
      expect(smtp.received.map(toOf)).toEqual([['auto@example.org']]);
    } finally {
      await w.stop();
      await smtp.close();
    }
  });
});

describe('the outbox and transactions', () => {
  it('keeps no mail from a rolled-back transaction', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueueMail(tx, confirmMail('annule@example.org'));
        throw new Error('changement annulé');
      }),
    ).rejects.toThrow('changement annulé');
    expect(await rowsOf('annule@example.org')).toEqual([]);
    await database.db.transaction(async (tx) => enqueueMail(tx, confirmMail('valide@example.org')));
    expect(await rowsOf('valide@example.org')).toHaveLength(1);
  });

  it('refuses a recipient or subject that would inject headers', async () => {
    await expect(enqueueMail(database.db, { ...confirmMail('a@example.org'), to: 'a@example.org\r\nBcc: x@y.z' })).rejects.toThrow();
    await expect(enqueueMail(database.db, { ...confirmMail('a@example.org'), subject: 'Objet\nBcc: x@y.z' })).rejects.toThrow();
    await expect(enqueueMail(database.db, { ...confirmMail('a@example.org'), to: 'pas-une-adresse' })).rejects.toThrow();
  });
});

describe('retention', () => {
  it('deletes sent, kept and failed mails older than 30 days, never pending ones', async () => {
    for (const [to, status] of [['vieux-envoye@example.org', 'sent'], ['vieux-garde@example.org', 'kept'], ['vieux-echec@example.org', 'failed'], ['vieux-attente@example.org', 'pending'], ['recent@example.org', 'sent']] as const) {
      await enqueueMail(database.db, confirmMail(to));
      await database.db.update(mailOutbox).set({ status }).where(eq(mailOutbox.recipient, to));
    }
    await database.rows(sql`update mail_outbox set created_at = now() - interval '31 days' where recipient like 'vieux-%'`);
    expect(await purgeOutbox(database)).toBe(3);
    const left = await database.db.select({ to: mailOutbox.recipient }).from(mailOutbox).orderBy(mailOutbox.recipient);
    expect(left.map((r) => r.to)).toEqual(['recent@example.org', 'vieux-attente@example.org']);
    const [job] = mailJobs(database);
    expect(job).toMatchObject({ name: 'mail-outbox-purge', cron: '40 3 * * *' });
  });
});

describe('demo mode (no SMTP_URL)', () => {
  it('keeps pending mails without sending them', async () => {
    await enqueueMail(database.db, confirmMail('demo1@example.org'));
    await enqueueMail(database.db, confirmMail('demo2@example.org'));
    const w = createMailWorker({ database, from: FROM });
    expect(await w.runOnce()).toEqual({ sent: 0, kept: 2, retried: 0, failed: 0 });
    await w.stop();
    const rows = await database.db.select().from(mailOutbox);
    expect(rows.map((r) => [r.status, r.sentAt, r.attempts])).toEqual([
      ['kept', null, 0],
      ['kept', null, 0],
    ]);
  });
});
