import nodemailer, { type Transporter } from 'nodemailer';
import { and, asc, eq, lt, notInArray, sql } from 'drizzle-orm';
import type { Database, Db, Tx } from '../db/client.ts';
import { mailOutbox } from '../db/schema/mail.ts';

/**
 * Delivers the outbox (see outbox.ts and docs/adr/0007-mail-outbox.md).
 *
 * - With `smtpUrl`: each due `pending` row is sent through nodemailer and marked `sent`; an SMTP
 *   failure counts an attempt, keeps a short error (addresses masked) and the row waits for its next
 *   try (exponential backoff); after `maxAttempts` it is `failed`.
 * - Without (demo mode): pending rows are marked `kept`; they stay readable at /dev/mails.
 *
 * At-least-once, never twice at the same time: on a real server each row is sent inside a transaction
 * that holds its row lock (`FOR UPDATE SKIP LOCKED`), so concurrent workers skip it; a crash between
 * the SMTP answer and the commit sends it again later. The embedded PGlite has one session and lives
 * in one process, so a transaction held during an SMTP exchange would stall the whole application:
 * there rows are claimed in memory instead (shared by every worker of the process).
 */

/** pino-compatible (Fastify's app.log fits). Logs carry the mail id, kind and counts: never an address or content. */
export interface MailLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface MailWorkerOptions {
  database: Database;
  /** smtp(s)://user:pass@host:port; unset: demo mode, mails are kept */
  smtpUrl?: string;
  /** From header, e.g. 'Fabriques <ne-pas-repondre@fabriques.localhost>' (config MAIL_FROM) */
  from: string;
  log?: MailLog;
  /** how often the outbox is read, ms (default 1000) */
  pollMs?: number;
  /** tries before a mail is `failed` (default 10: about 3 h of tries with the default delays) */
  maxAttempts?: number;
  /** wait after the first failure, ms (default 30 s), doubled after each further one up to retryMaxMs (default 1 h) */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export interface PassResult {
  sent: number;
  kept: number;
  /** failed this time, will be tried again */
  retried: number;
  /** failed for good this time */
  failed: number;
}

export interface MailWorker {
  /** Delivers every due mail once; concurrent calls share the same pass. */
  runOnce(): Promise<PassResult>;
  /** Starts polling the outbox every pollMs. */
  start(): void;
  /** Stops polling, waits for the pass under way and closes the SMTP transport. */
  stop(): Promise<void>;
}

const silent: MailLog = { info: () => {}, warn: () => {}, error: () => {} };

/** Rows being sent by a worker of this process, per embedded database (see above). */
const claims = new WeakMap<Database, Set<string>>();

export function createMailWorker(o: MailWorkerOptions): MailWorker {
  const { database } = o;
  const log = o.log ?? silent;
  const pollMs = o.pollMs ?? 1000;
  const maxAttempts = Math.max(1, o.maxAttempts ?? 10);
  const base = Math.max(0, o.retryBaseMs ?? 30_000);
  const cap = Math.max(base, o.retryMaxMs ?? 3_600_000);
  /** wait after the k-th failed attempt */
  const retryDelay = (k: number) => Math.min(cap, base * 2 ** (k - 1));
  /**
   * Earliest next try after k attempts, counted from the mail's creation: the schedule lives in the
   * row (created_at + attempts), so every worker and a restarted one follow it. A worker also waits
   * retryDelay after its own failed try (`deferred`), so a mail created long ago does not spend its
   * attempts in a burst.
   */
  const offsets = [0];
  for (let k = 1; k < maxAttempts; k++) offsets.push(offsets[k - 1]! + retryDelay(k));
  const offsetsLiteral = `{${offsets.join(',')}}`;
  const deferred = new Map<string, number>();
  const messageDomain = /@([^\s<>@]+)>?\s*$/.exec(o.from)?.[1] ?? 'fabriques.localhost';

  let transport: Transporter | undefined;
  const smtp = () =>
    (transport ??= nodemailer.createTransport({
      url: o.smtpUrl,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    }));

  if (database.kind === 'pglite' && !claims.has(database)) claims.set(database, new Set());
  const claimed = claims.get(database);

  function excluded(): string[] {
    const now = Date.now();
    for (const [id, notBefore] of deferred) if (notBefore <= now) deferred.delete(id);
    return [...deferred.keys(), ...(claimed ?? [])];
  }

  function pickDue(q: Tx | Db, exclude: string[], lock: boolean) {
    const query = q
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.status, 'pending'),
          lt(mailOutbox.attempts, maxAttempts),
          sql`${mailOutbox.createdAt} + (${offsetsLiteral}::bigint[])[${mailOutbox.attempts} + 1] * interval '1 millisecond' <= now()`,
          exclude.length > 0 ? notInArray(mailOutbox.id, exclude) : undefined,
        ),
      )
      .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id))
      .limit(1);
    return lock ? query.for('update', { skipLocked: true }) : query;
  }

  type Row = typeof mailOutbox.$inferSelect;
  type Outcome = 'sent' | 'retried' | 'failed';
  /** set when the SMTP server itself is unreachable or refuses us: the pass ends there */
  let serverDown = false;

  /** One SMTP try, then the row's new state written with `q` (the transaction holding its lock on a server). */
  async function attempt(q: Tx | Db, row: Row): Promise<Outcome> {
    const attempts = row.attempts + 1;
    let error: string | undefined;
    let permanent = false;
    try {
      await smtp().sendMail({
        from: o.from,
        to: row.recipient,
        subject: row.subject,
        text: row.text,
        html: row.html,
        // the same id on a repeated delivery lets a mailbox recognise the duplicate
        messageId: `<${row.id}@${messageDomain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (e) {
      error = shortError(e);
      const kind = smtpFailure(e);
      permanent = kind === 'permanent';
      serverDown = kind === 'server';
    }
    const stillPending = and(eq(mailOutbox.id, row.id), eq(mailOutbox.status, 'pending'));
    if (error === undefined) {
      await q.update(mailOutbox).set({ status: 'sent', sentAt: sql`now()`, attempts, lastError: null }).where(stillPending);
      deferred.delete(row.id);
      return 'sent';
    }
    // a 5xx answer about this mail (unknown mailbox…) will not change: no point in trying again
    const givingUp = permanent || attempts >= maxAttempts;
    await q
      .update(mailOutbox)
      .set({ status: givingUp ? 'failed' : 'pending', attempts, lastError: error })
      .where(stillPending);
    if (givingUp) {
      deferred.delete(row.id);
      log.error({ mailId: row.id, kind: row.kind, attempts, err: error }, 'courriel abandonné : envoi refusé ou trop d’échecs');
      return 'failed';
    }
    deferred.set(row.id, Date.now() + retryDelay(attempts));
    log.warn({ mailId: row.id, kind: row.kind, attempts, err: error }, 'échec d’envoi d’un courriel, nouvel essai plus tard');
    return 'retried';
  }

  /** Sends the next due mail, or returns null when there is none. */
  async function deliverNext(tried: Set<string>): Promise<Outcome | null> {
    if (!claimed) {
      return database.db.transaction(async (tx) => {
        const [row] = await pickDue(tx, [...excluded(), ...tried], true);
        if (!row) return null;
        tried.add(row.id);
        return attempt(tx, row);
      });
    }
    for (;;) {
      const [candidate] = await pickDue(database.db, [...excluded(), ...tried], false);
      if (!candidate) return null;
      if (claimed.has(candidate.id)) continue; // another worker of this process took it meanwhile
      tried.add(candidate.id);
      claimed.add(candidate.id);
      try {
        // read again under the claim: the other worker may have finished it since our read
        const [row] = await database.db
          .select()
          .from(mailOutbox)
          .where(and(eq(mailOutbox.id, candidate.id), eq(mailOutbox.status, 'pending')));
        if (!row) continue;
        return await attempt(database.db, row);
      } finally {
        claimed.delete(candidate.id);
      }
    }
  }

  let stopping = false;
  let pass: Promise<PassResult> | undefined;
  let timer: NodeJS.Timeout | undefined;

  /** after the SMTP server was found down, no pass before this time (ms); consecutive outages double the wait */
  let pausedUntil = 0;
  let outages = 0;

  async function runPass(): Promise<PassResult> {
    const result: PassResult = { sent: 0, kept: 0, retried: 0, failed: 0 };
    if (Date.now() < pausedUntil) return result;
    if (!o.smtpUrl) {
      const kept = await database.db
        .update(mailOutbox)
        .set({ status: 'kept' })
        .where(eq(mailOutbox.status, 'pending'))
        .returning({ id: mailOutbox.id });
      result.kept = kept.length;
    } else {
      const tried = new Set<string>(); // one try per mail and pass
      serverDown = false;
      while (!stopping) {
        const outcome = await deliverNext(tried);
        if (outcome === null) break;
        result[outcome] += 1;
        if (serverDown) {
          outages += 1;
          pausedUntil = Date.now() + retryDelay(outages);
          break;
        }
        if (outcome === 'sent') outages = 0;
      }
    }
    if (result.sent + result.kept + result.retried + result.failed > 0) log.info({ ...result }, 'boîte d’envoi des courriels traitée');
    return result;
  }

  function runOnce(): Promise<PassResult> {
    pass ??= runPass().finally(() => {
      pass = undefined;
    });
    return pass;
  }

  function schedule() {
    if (stopping) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((e: unknown) => log.error({ err: shortError(e) }, 'boîte d’envoi des courriels : passage en erreur'))
        .finally(schedule);
    }, pollMs);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (timer || stopping) return;
      schedule();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      await pass?.catch(() => {});
      transport?.close();
      transport = undefined;
    },
  };
}

export function startMailWorker(o: MailWorkerOptions): MailWorker {
  const worker = createMailWorker(o);
  worker.start();
  return worker;
}

const serverErrors = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EPROXY', 'ECONFIG']);

/** 'server': the server is unreachable or refuses us (every mail would fail now); 'permanent': 5xx about this mail. */
export function smtpFailure(e: unknown): 'server' | 'permanent' | 'transient' {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; responseCode?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  const status = typeof err.responseCode === 'number' ? err.responseCode : 0;
  if (serverErrors.has(code) || status === 421) return 'server';
  if (status >= 500 && status < 600) return 'permanent';
  return 'transient';
}

/**
 * A short reason for the outbox row and the logs: the SMTP code and message on one line, at most 200
 * characters, any e-mail address masked (servers often quote the recipient).
 */
export function shortError(e: unknown): string {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; responseCode?: unknown; message?: unknown };
  const message = typeof err.message === 'string' ? err.message : String(e);
  const code = [err.code, err.responseCode].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
  const text = `${code ? `${code} ` : ''}${message}`
    .replace(/[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g, '<adresse masquée>')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
