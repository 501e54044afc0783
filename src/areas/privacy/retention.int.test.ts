import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from '../../../test/support/database.ts';
import type { Database } from '../../db/client.ts';
import {
  audit,
  authSessions,
  authThrottle,
  calls,
  enrolments,
  mailOutbox,
  memberships,
  oneTimeTokens,
  parentalConsents,
  proposalAttachments,
  proposals,
  sessions,
  trainings,
  users,
  wishes,
} from '../../db/schema/index.ts';
import { startJobs } from '../../jobs/boss.ts';
import { insertDemoAccounts } from '../../seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../seed/generate.ts';
import { insertNetworkRows } from '../../seed/insert.ts';
import { privacyJobs } from './jobs.ts';
import { runRetention } from './use-cases/retention.ts';

let database: Database;
let dispose: () => Promise<void>;
const clock = { now: new Date('2025-01-15T10:00:00Z') };
const ctx = () => ({ database, clock: () => clock.now, baseUrl: 'http://localhost:3000' });
const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;
let provider: string;
let sessionId: string;

async function person(email: string, values: Partial<typeof users.$inferInsert> = {}, role: 'candidate' | 'provider' = 'candidate'): Promise<string> {
  const [u] = await database.db
    .insert(users)
    .values({ email, givenName: 'Prénom', familyName: 'Nom', emailVerifiedAt: clock.now, passwordHash: 'x', birthDate: '1990-01-01', createdAt: clock.now, ...values })
    .returning({ id: users.id });
  await database.db.insert(memberships).values({ userId: u!.id, role, organisationId: role === 'provider' ? provider : null, createdAt: clock.now });
  return u!.id;
}

async function signedInAt(userId: string, when: Date): Promise<void> {
  const [row] = await database.db.insert(audit).values({ actorUserId: userId, actorRole: 'candidate', action: 'session.signed_in', objectType: 'user', objectId: userId, at: when }).returning({ id: audit.id });
  expect(row).toBeDefined();
}

async function statusOf(userId: string): Promise<string | undefined> {
  return (await database.db.select({ s: users.status }).from(users).where(eq(users.id, userId)))[0]?.s;
}

const count = async (table: 'auth_sessions' | 'one_time_tokens' | 'auth_throttle' | 'mail_outbox' | 'proposal_attachments' | 'audit') =>
  (await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 8, providers: 2, trainings: 2, sessions: 2, today: '2025-01-10' });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, 'hash');
  });
  provider = rows.organisations.find((o) => o.kind === 'provider')!.id;
  const [t] = await database.db.select({ id: trainings.id }).from(trainings).where(eq(trainings.providerId, provider)).limit(1);
  const [s] = await database.db.insert(sessions).values({ trainingId: t!.id, startsOn: '2025-03-01', endsOn: '2025-09-30', seats: 10, status: 'recruiting' }).returning({ id: sessions.id });
  sessionId = s!.id;
});

afterAll(async () => {
  await dispose?.();
});

describe('the daily retention job, run with a clock', () => {
  it('purges ended sessions, old mail links, old failure counters and mails sent more than 30 days ago, and keeps the rest', async () => {
    const u = await person('purges@exemple.fr');
    const now = clock.now;
    await database.db.insert(authSessions).values([
      { idHash: 'ended', userId: u, createdAt: new Date(now.getTime() - 3 * DAY), lastSeenAt: new Date(now.getTime() - 3 * DAY), expiresAt: new Date(now.getTime() - 2 * DAY) },
      { idHash: 'live', userId: u, createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + 3600_000) },
    ]);
    await database.db.insert(oneTimeTokens).values([
      { tokenHash: 'old-link', userId: u, purpose: 'reset_password', createdAt: new Date(now.getTime() - 40 * DAY), expiresAt: new Date(now.getTime() - 31 * DAY) },
      { tokenHash: 'recent-link', userId: u, purpose: 'reset_password', createdAt: new Date(now.getTime() - 30 * DAY), expiresAt: new Date(now.getTime() - 29 * DAY) },
    ]);
    await database.db.insert(authThrottle).values([
      { key: 'old', failures: 3, windowStart: new Date(now.getTime() - 2 * DAY) },
      { key: 'fresh', failures: 3, windowStart: new Date(now.getTime() - 3600_000) },
    ]);
    const mail = (recipient: string, status: 'sent' | 'pending', days: number) => ({
      recipient,
      subject: 's',
      text: 't',
      html: 'h',
      kind: 'test.retention',
      status,
      createdAt: new Date(now.getTime() - days * DAY),
      sentAt: status === 'sent' ? new Date(now.getTime() - days * DAY) : null,
    });
    await database.db.insert(mailOutbox).values([mail('a@exemple.fr', 'sent', 31), mail('b@exemple.fr', 'sent', 29), mail('c@exemple.fr', 'pending', 60)]);

    const report = await runRetention(ctx());
    expect(report).toMatchObject({ sessions: 1, mail_links: 1, sign_in_counters: 1, sent_mails: 1 });
    expect((await database.db.select({ id: authSessions.idHash }).from(authSessions)).map((r) => r.id)).toEqual(['live']);
    expect((await database.db.select({ id: oneTimeTokens.tokenHash }).from(oneTimeTokens)).map((r) => r.id)).toEqual(['recent-link']);
    expect((await database.db.select({ k: authThrottle.key }).from(authThrottle)).map((r) => r.k)).toEqual(['fresh']);
    expect((await database.db.select({ r: mailOutbox.recipient }).from(mailOutbox).where(eq(mailOutbox.kind, 'test.retention'))).map((r) => r.r).sort()).toEqual(['b@exemple.fr', 'c@exemple.fr']);
    // a second run the same day finds nothing more
    expect(await runRetention(ctx())).toMatchObject({ sessions: 0, mail_links: 0, sign_in_counters: 0, sent_mails: 0 });
  });

  it('deletes accounts never activated after 30 days, their mails and their parent’s, and keeps younger or activated ones', async () => {
    const now = clock.now;
    const old = await person('jamais.confirme@exemple.fr', { emailVerifiedAt: null, createdAt: new Date(now.getTime() - 31 * DAY) });
    // a minor who confirmed the address, but whose parent never consented
    const minor = await person('mineur.sans.accord@exemple.fr', { status: 'pending_consent', createdAt: new Date(now.getTime() - 45 * DAY) });
    await database.db.insert(parentalConsents).values({ userId: minor, parentName: 'Parent Sans-Réponse', parentEmail: 'parent.sans.reponse@exemple.fr', tokenHash: 'consent-hash', requestedAt: new Date(now.getTime() - 45 * DAY), expiresAt: new Date(now.getTime() - 31 * DAY) });
    await database.db.insert(mailOutbox).values([
      { recipient: 'jamais.confirme@exemple.fr', subject: 'Confirmez', text: 't', html: 'h', kind: 'accounts.confirm_email', status: 'pending' },
      { recipient: 'parent.sans.reponse@exemple.fr', subject: 'Accord', text: 't', html: 'h', kind: 'accounts.parental_consent', status: 'pending' },
    ]);
    const young = await person('recent@exemple.fr', { emailVerifiedAt: null, createdAt: new Date(now.getTime() - 29 * DAY) });
    const active = await person('active@exemple.fr', { createdAt: new Date(now.getTime() - 400 * DAY) });
    await signedInAt(active, new Date(now.getTime() - 10 * DAY));

    const report = await runRetention(ctx());
    expect(report.unconfirmed_accounts).toBe(2);
    expect(await statusOf(old)).toBeUndefined();
    expect(await statusOf(minor)).toBeUndefined();
    expect(await statusOf(young)).toBe('active');
    expect(await statusOf(active)).toBe('active');
    const left = (await database.db.select({ r: mailOutbox.recipient }).from(mailOutbox)).map((r) => r.r);
    expect(left).not.toContain('jamais.confirme@exemple.fr');
    expect(left).not.toContain('parent.sans.reponse@exemple.fr');
    const rows = await database.db.select().from(audit).where(eq(audit.action, 'privacy.unconfirmed_account_deleted'));
    expect(rows.map((r) => r.objectId).sort()).toEqual([old, minor].sort());
    expect(rows.every((r) => r.actorUserId === null && r.actorRole === 'system')).toBe(true);
  });

  it('warns an inactive candidate a month before 2 years without contact, once, then anonymises them; activity, a job or a training in progress keep an account', async () => {
    const t0 = at('2025-01-15T10:00:00Z');
    clock.now = t0;
    const idle = await person('idle.candidate@exemple.fr', { givenName: 'Sidonie', familyName: 'Inactive-Longtemps' });
    await signedInAt(idle, t0);
    await database.db.insert(wishes).values({ candidateUserId: idle, sessionId, motivation: 'Sidonie Inactive-Longtemps, motivée', createdByUserId: idle, status: 'submitted', preference: 1, createdAt: t0, updatedAt: t0 });
    const comesBack = await person('comes.back@exemple.fr');
    await signedInAt(comesBack, t0);
    const professional = await person('idle.provider@exemple.fr', {}, 'provider');
    await signedInAt(professional, t0);
    const learner = await person('idle.learner@exemple.fr');
    await signedInAt(learner, t0);
    const [w] = await database.db
      .insert(wishes)
      .values({ candidateUserId: learner, sessionId, motivation: 'x', createdByUserId: learner, status: 'accepted', preference: 0, createdAt: t0, updatedAt: t0 })
      .returning({ id: wishes.id });
    await database.db.insert(enrolments).values({ wishId: w!.id, sessionId, learnerUserId: learner, status: 'in_training', enrolledAt: t0, updatedAt: t0 });
    const auditBefore = await database.db.select().from(audit).orderBy(audit.id);

    // 22 months later: nothing yet
    clock.now = at('2026-11-16T03:50:00Z');
    expect((await runRetention(ctx())).inactivity_warnings).toBe(0);

    // 23 months and a day: the idle candidate and the one who will come back are warned, once
    clock.now = at('2026-12-16T03:50:00Z');
    expect(await runRetention(ctx())).toMatchObject({ inactive_accounts: 0 });
    const warned = async () => (await database.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'privacy.inactivity_warning'))).map((m) => m.recipient);
    const warnings = await database.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'privacy.inactivity_warning'));
    // (the accounts of the tests above, idle since their creation, are warned too)
    expect(await warned()).toEqual(expect.arrayContaining(['comes.back@exemple.fr', 'idle.candidate@exemple.fr']));
    expect(await warned()).not.toEqual(expect.arrayContaining(['idle.provider@exemple.fr']));
    expect(await warned()).not.toEqual(expect.arrayContaining(['idle.learner@exemple.fr']));
    const idleMail = warnings.find((m) => m.recipient === 'idle.candidate@exemple.fr')!;
    expect(idleMail.subject).toMatch(/anonymisé/);
    expect(idleMail.text).toContain('Bonjour Sidonie,');
    // a full month after the warning
    expect(idleMail.text).toContain('le 16 janvier 2027');
    clock.now = at('2026-12-17T03:50:00Z');
    expect((await runRetention(ctx())).inactivity_warnings).toBe(0);

    // one of them signs in again
    await signedInAt(comesBack, at('2026-12-20T18:00:00Z'));

    // 2 years and a day: the idle candidate is anonymised; the others are kept
    clock.now = at('2027-01-16T03:50:00Z');
    expect((await runRetention(ctx())).inactive_accounts).toBeGreaterThanOrEqual(1);
    const [u] = await database.db.select().from(users).where(eq(users.id, idle));
    expect(u).toMatchObject({ status: 'erased', givenName: 'Compte', familyName: 'supprimé', passwordHash: null });
    expect(u!.email).toMatch(/@anonyme\.invalid$/);
    const [wish] = await database.db.select().from(wishes).where(eq(wishes.candidateUserId, idle));
    expect(wish).toMatchObject({ status: 'withdrawn', motivation: '[effacé]' });
    expect(await database.rows(sql`select 1 from mail_outbox where recipient = 'idle.candidate@exemple.fr' or text ilike '%Sidonie%'`)).toEqual([]);
    for (const id of [comesBack, professional, learner]) expect(await statusOf(id)).toBe('active');
    const erasure = await database.db.select().from(audit).where(eq(audit.action, 'privacy.erased'));
    expect(erasure.filter((r) => r.objectId === idle)).toEqual([expect.objectContaining({ objectId: idle, actorUserId: null, actorRole: 'system', motive: 'inactivity' })]);
    // the audit trail: the former rows are all there, unchanged
    const auditAfter = await database.db.select().from(audit).orderBy(audit.id);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);

    // the one who came back is warned again 23 months after their return, not before
    const warningsTo = async (id: string) => (await database.db.select().from(audit).where(eq(audit.objectId, id))).filter((r) => r.action === 'privacy.inactivity_warned').length;
    expect(await warningsTo(comesBack)).toBe(1);
    clock.now = at('2028-11-19T03:50:00Z');
    await runRetention(ctx());
    expect(await warningsTo(comesBack)).toBe(1);
    clock.now = at('2028-11-21T03:50:00Z');
    await runRetention(ctx());
    expect(await warningsTo(comesBack)).toBe(2);
    expect(await statusOf(comesBack)).toBe('active');
  });

  it('deletes the attachments of proposals withdrawn or refused more than 5 years ago, never of accepted ones', async () => {
    const author = await person('auteur.dossier@exemple.fr', {}, 'provider');
    const [call] = await database.db.insert(calls).values({ title: 'Appel', wave: 1, summary: 'r', status: 'decided', envelopeCents: 100 }).returning({ id: calls.id });
    const file = Buffer.from('%PDF-1.4 fichier');
    const sha256 = createHash('sha256').update(file).digest('hex');
    const proposal = async (status: 'withdrawn' | 'decided', when: Date) => {
      const [p] = await database.db
        .insert(proposals)
        .values({ callId: call!.id, callVersion: 1, providerId: provider, status, title: 'Dossier', data: {}, createdBy: author, submittedAt: when, withdrawnAt: status === 'withdrawn' ? when : null, decidedAt: status === 'decided' ? when : null })
        .returning({ id: proposals.id });
      await database.db.insert(proposalAttachments).values({ proposalId: p!.id, kind: 'budget', fileName: 'budget.pdf', byteSize: file.length, sha256, content: file, uploadedBy: author, uploadedAt: when });
      return p!.id;
    };
    clock.now = at('2031-06-01T03:50:00Z');
    const oldWithdrawn = await proposal('withdrawn', at('2026-05-01T10:00:00Z'));
    const oldRefused = await proposal('decided', at('2026-05-01T10:00:00Z'));
    const recentWithdrawn = await proposal('withdrawn', at('2026-07-01T10:00:00Z'));
    const before = await count('proposal_attachments');
    expect((await runRetention(ctx())).refused_proposal_files).toBe(2);
    expect(await count('proposal_attachments')).toBe(before - 2);
    const left = (await database.db.select({ p: proposalAttachments.proposalId }).from(proposalAttachments)).map((r) => r.p);
    expect(left).toContain(recentWithdrawn);
    expect(left).not.toContain(oldWithdrawn);
    expect(left).not.toContain(oldRefused);
  });

  it('is wired as the daily pg-boss job « privacy-retention » (03:50, Paris time) and runs through the jobs runtime', async () => {
    clock.now = at('2031-06-02T03:50:00Z');
    const u = await person('via.job@exemple.fr');
    await database.db.insert(authSessions).values({ idHash: 'job-ended', userId: u, createdAt: new Date(clock.now.getTime() - 5 * DAY), lastSeenAt: new Date(clock.now.getTime() - 5 * DAY), expiresAt: new Date(clock.now.getTime() - 4 * DAY) });
    const [definition] = privacyJobs(ctx());
    expect(definition).toMatchObject({ name: 'privacy-retention', cron: '50 3 * * *', policy: 'stately' });
    const jobs = await startJobs({ database, jobs: privacyJobs(ctx()), pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 });
    try {
      const schedules = (await jobs.boss.getSchedules()) as unknown as { name: string; cron: string; timezone: string }[];
      expect(schedules.map((s) => [s.name, s.cron, s.timezone])).toContainEqual(['privacy-retention', '50 3 * * *', 'Europe/Paris']);
      await jobs.send('privacy-retention');
      const deadline = Date.now() + 30_000;
      while ((await database.rows(sql`select 1 from auth_sessions where id_hash = 'job-ended'`)).length > 0) {
        if (Date.now() > deadline) throw new Error('the job did not run');
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      await jobs.stop();
    }
  });
});
