import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { authSessions, authThrottle, mailOutbox, oneTimeTokens, parentalConsents, users } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { parisDate, type Clock } from '../../../shared/clock.ts';
import { recordAudit, SYSTEM_ACTOR } from '../../accounts/audit/record.ts';
import { after, anonymisationDate, before, INACTIVITY_WARNING, inactivityStep, retentionRule, type RetentionId } from '../domain/retention.ts';
import { privacyMails } from '../mails.ts';
import { erasePerson } from './erase.ts';

export interface RetentionContext {
  database: Database;
  clock: Clock;
  baseUrl: string;
}

export type RetentionReport = Partial<Record<RetentionId | 'inactivity_warnings', number>>;

/** at most this many accounts anonymised or deleted per run (each in its own transaction); the rest waits for the next day */
const ACCOUNTS_PER_RUN = 500;

const cutoff = (now: Date, id: RetentionId) => before(now, retentionRule(id).period);

/**
 * The daily retention run: applies every automatic rule of the retention table (domain/retention.ts)
 * at the clock's time. Idempotent; what it did is counted (and audited for accounts).
 */
export async function runRetention(ctx: RetentionContext): Promise<RetentionReport> {
  const now = ctx.clock();
  const db = ctx.database.db;
  const report: RetentionReport = {};

  const sessionsCut = cutoff(now, 'sessions');
  report.sessions = (await db.delete(authSessions).where(or(lt(authSessions.expiresAt, sessionsCut), lt(authSessions.lastSeenAt, sessionsCut))).returning({ id: authSessions.idHash })).length;

  report.mail_links = (await db.delete(oneTimeTokens).where(lt(oneTimeTokens.expiresAt, cutoff(now, 'mail_links'))).returning({ id: oneTimeTokens.tokenHash })).length;

  report.sign_in_counters = (
    await db
      .delete(authThrottle)
      .where(and(lt(authThrottle.windowStart, cutoff(now, 'sign_in_counters')), or(isNull(authThrottle.blockedUntil), lt(authThrottle.blockedUntil, now))))
      .returning({ key: authThrottle.key })
  ).length;

  report.sent_mails = (
    await db
      .delete(mailOutbox)
      .where(and(inArray(mailOutbox.status, ['sent', 'kept', 'failed']), lt(sql`coalesce(${mailOutbox.sentAt}, ${mailOutbox.createdAt})`, cutoff(now, 'sent_mails'))))
      .returning({ id: mailOutbox.id })
  ).length;

  report.refused_proposal_files = await purgeRefusedProposalFiles(ctx.database, cutoff(now, 'refused_proposal_files'));
  report.unconfirmed_accounts = await deleteUnconfirmedAccounts(ctx.database, cutoff(now, 'unconfirmed_accounts'), now);
  const inactive = await handleInactiveAccounts(ctx, now);
  report.inactivity_warnings = inactive.warned;
  report.inactive_accounts = inactive.anonymised;
  return report;
}

/** Attachments of proposals withdrawn, or decided with no training accepted, before the cut-off. */
async function purgeRefusedProposalFiles(database: Database, cut: Date): Promise<number> {
  const rows = await database.rows<{ id: string }>(sql`
    delete from proposal_attachments a
     using proposals p
     where a.proposal_id = p.id
       and ((p.status = 'withdrawn' and p.withdrawn_at < ${cut.toISOString()}::timestamptz)
         or (p.status = 'decided' and p.decided_at < ${cut.toISOString()}::timestamptz
             and not exists (select 1 from proposal_trainings t where t.proposal_id = p.id and t.decision = 'accepted')))
    returning a.id`);
  return rows.length;
}

/**
 * Accounts never activated (address not confirmed, or a parent's consent never given) are deleted
 * with everything that cascades from them, their mails (and their parent's) too. One that something
 * else points to (it should not happen) is anonymised instead.
 */
async function deleteUnconfirmedAccounts(database: Database, cut: Date, now: Date): Promise<number> {
  const stale = await database.db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(or(and(isNull(users.emailVerifiedAt), eq(users.status, 'active')), eq(users.status, 'pending_consent')), lt(users.createdAt, cut)))
    .limit(ACCOUNTS_PER_RUN);
  let n = 0;
  for (const u of stale) {
    try {
      await database.db.transaction(async (tx) => {
        const parents = await tx.select({ email: parentalConsents.parentEmail }).from(parentalConsents).where(eq(parentalConsents.userId, u.id));
        await tx.delete(mailOutbox).where(inArray(mailOutbox.recipient, [u.email, ...parents.map((p) => p.email)]));
        await tx.delete(users).where(eq(users.id, u.id));
        await recordAudit(tx, SYSTEM_ACTOR, { action: 'privacy.unconfirmed_account_deleted', objectType: 'user', objectId: u.id, motive: 'retention' });
      });
    } catch {
      // a row of another area points to the account (no cascade): anonymise it instead
      await erasePerson(database, u.id, { now, who: SYSTEM_ACTOR, reason: 'inactivity' });
    }
    n++;
  }
  return n;
}

/**
 * Accounts without any professional membership in progress, nor a training or an aid request in
 * progress, whose last contact is older than 23 months: warned once, then anonymised (domain
 * inactivityStep). The last contact is the latest of the creation, the person's own acts (audit),
 * and the changes of their wishes and enrolments (a provider's decision is a contact too).
 */
async function handleInactiveAccounts(ctx: RetentionContext, now: Date): Promise<{ warned: number; anonymised: number }> {
  const period = retentionRule('inactive_accounts').period;
  // the accounts whose warning is due, or overdue
  const horizon = after(before(now, period), INACTIVITY_WARNING);
  const rows = await ctx.database.rows<{ id: string; email: string; given_name: string; last_activity: string | Date; warned_at: string | Date | null }>(sql`
    select u.id, u.email, u.given_name, x.last_activity,
           (select max(w.at) from audit w where w.action = 'privacy.inactivity_warned' and w.object_type = 'user' and w.object_id = u.id::text) as warned_at
      from users u
      cross join lateral (
        select greatest(
          u.created_at,
          (select max(a.at) from audit a where a.actor_user_id = u.id),
          (select max(wi.updated_at) from wishes wi where wi.candidate_user_id = u.id),
          (select max(e.updated_at) from enrolments e where e.learner_user_id = u.id),
          (select max(r.updated_at) from aid_requests r where r.learner_user_id = u.id)
        ) as last_activity
      ) x
     where u.status = 'active'
       and u.email_verified_at is not null
       and x.last_activity < ${horizon.toISOString()}::timestamptz
       and not exists (select 1 from memberships m where m.user_id = u.id and m.ended_at is null and m.role <> 'candidate')
       and not exists (select 1 from enrolments e where e.learner_user_id = u.id and e.status in ('enrolled', 'in_training'))
       and not exists (select 1 from aid_requests r where r.learner_user_id = u.id and r.status = 'submitted')
     order by x.last_activity
     limit ${ACCOUNTS_PER_RUN}`);
  let warned = 0;
  let anonymised = 0;
  for (const r of rows) {
    const last = new Date(r.last_activity);
    const step = inactivityStep(last, r.warned_at ? new Date(r.warned_at) : null, now);
    if (step === 'warn') {
      await ctx.database.db.transaction(async (tx) => {
        const on = parisDate(anonymisationDate(last, now));
        await enqueueMail(tx, privacyMails.inactivityWarning(r.email, r.given_name, on, new URL('/connexion', ctx.baseUrl).toString()));
        await recordAudit(tx, SYSTEM_ACTOR, { action: 'privacy.inactivity_warned', objectType: 'user', objectId: r.id, motive: 'retention' });
      });
      warned++;
    } else if (step === 'anonymise') {
      const done = await erasePerson(ctx.database, r.id, { now, who: SYSTEM_ACTOR, reason: 'inactivity' });
      if (done.erased) anonymised++;
    }
  }
  return { warned, anonymised };
}
