import { and, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../../db/client.ts';
import { admissionOffers, aidRequests, candidateProfiles, enrolments, parentalConsents, users, wishes } from '../../../db/schema/index.ts';
import { ConflictError, NotFoundError } from '../../../shared/errors.ts';
import { recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import { lockSessions, refreshSeatsTaken } from '../../admissions/use-cases/access.ts';
import { applyWishChanges, type WishChange } from '../../admissions/use-cases/wish-changes.ts';
import type { WishStatus } from '../../candidates/domain/vocabulary.ts';
import { ERASURE_MOTIVE, maskMentions, mentionsOf } from '../domain/anonymise.ts';
import { MENTION_COLUMNS, PERSONAL_DATA, type Person } from '../registry.ts';

/** why a person's data is erased: their own request, or the end of the retention period */
export type ErasureReason = 'request' | 'inactivity';

const WAITING: readonly WishStatus[] = ['submitted', 'under_review', 'ranked'];

/** The person's values before erasure (what must disappear from the database). */
async function personOf(tx: Tx, userId: string): Promise<Person & { status: string }> {
  const [user] = await tx
    .select({ id: users.id, email: users.email, givenName: users.givenName, familyName: users.familyName, status: users.status })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  if (!user) throw new NotFoundError('Compte');
  const [profile] = await tx.select({ phone: candidateProfiles.phone }).from(candidateProfiles).where(eq(candidateProfiles.userId, userId));
  const parents = await tx.select({ name: parentalConsents.parentName, email: parentalConsents.parentEmail }).from(parentalConsents).where(eq(parentalConsents.userId, userId));
  return { ...user, phone: profile?.phone ?? null, parentNames: parents.map((p) => p.name), parentEmails: parents.map((p) => p.email) };
}

/**
 * What admissions do when a candidate leaves (docs/adr/0013): waiting wishes are withdrawn, pending
 * offers declined, an accepted offer not yet turned into an enrolment is given up (the seat goes back
 * to the session); enrolments stay. Through the wish transition table, with wish events and audit rows.
 */
async function leaveAdmissions(tx: Tx, database: Database, userId: string, who: AuditActor, now: Date): Promise<void> {
  const live = () =>
    tx
      .select({ id: wishes.id, sessionId: wishes.sessionId, status: wishes.status })
      .from(wishes)
      .where(and(eq(wishes.candidateUserId, userId), inArray(wishes.status, [...WAITING, 'offered', 'accepted'])));
  const before = await live();
  if (before.length === 0) return;
  await lockSessions(tx, before.map((w) => w.sessionId));
  const current = await live();
  const enrolled = new Set((await tx.select({ wishId: enrolments.wishId }).from(enrolments).where(eq(enrolments.learnerUserId, userId))).map((e) => e.wishId));
  const changes: WishChange[] = [];
  const declined: string[] = [];
  const released: { wishId: string; sessionId: string }[] = [];
  for (const w of current) {
    if (WAITING.includes(w.status)) changes.push({ wishId: w.id, candidateUserId: userId, from: w.status, to: 'withdrawn', motive: ERASURE_MOTIVE });
    else if (w.status === 'offered') {
      changes.push({ wishId: w.id, candidateUserId: userId, from: 'offered', to: 'declined', motive: ERASURE_MOTIVE });
      declined.push(w.id);
    } else if (w.status === 'accepted' && !enrolled.has(w.id)) {
      changes.push({ wishId: w.id, candidateUserId: userId, from: 'accepted', to: 'withdrawn', motive: ERASURE_MOTIVE });
      released.push({ wishId: w.id, sessionId: w.sessionId });
    }
  }
  const changed = await applyWishChanges(tx, changes, who, now, { audit: true, kind: database.kind });
  const answeredBy = who.userId ? ('candidate' as const) : ('system' as const);
  const declinedIds = declined.filter((id) => changed.has(id));
  if (declinedIds.length > 0) {
    await tx
      .update(admissionOffers)
      .set({ status: 'declined', answeredAt: now, answeredBy })
      .where(and(inArray(admissionOffers.wishId, declinedIds), eq(admissionOffers.status, 'pending')));
  }
  const releasedRows = released.filter((r) => changed.has(r.wishId));
  if (releasedRows.length > 0) {
    await tx
      .update(admissionOffers)
      .set({ status: 'released' })
      .where(and(inArray(admissionOffers.wishId, releasedRows.map((r) => r.wishId)), eq(admissionOffers.status, 'accepted')));
    await refreshSeatsTaken(tx, releasedRows.map((r) => r.sessionId));
  }
}

/** Masks the person's address, full name and phone number in texts written for others (mails). */
async function maskMentionsOfPerson(tx: Tx, person: Person): Promise<void> {
  const mentions = mentionsOf(person);
  if (mentions.length === 0) return;
  for (const target of MENTION_COLUMNS) {
    const matches = or(...target.columns.flatMap((c) => mentions.map((m) => ilike(c, `%${m.replace(/[\\%_]/g, (x) => `\\${x}`)}%`))))!;
    const rows = (await tx.select({ id: target.id, ...Object.fromEntries(target.columns.map((c) => [c.name, c])) }).from(target.id.table).where(matches)) as Record<string, unknown>[];
    for (const row of rows) {
      const set: Record<string, string> = {};
      for (const c of target.columns) {
        const v = row[c.name];
        if (typeof v === 'string') set[c.name] = maskMentions(v, mentions);
      }
      const assignments = sql.join(
        target.columns.filter((c) => c.name in set).map((c) => sql`${sql.identifier(c.name)} = ${set[c.name]}`),
        sql`, `,
      );
      await tx.execute(sql`update ${target.id.table} set ${assignments} where ${target.id} = ${row.id as string}`);
    }
  }
}

/**
 * Erases a person's personal data (docs/adr/0013): their rows are anonymised or deleted as the
 * registry says, their mentions in others' mails masked, their sessions ended; the audit trail is
 * untouched and gets one more row (ids only). One transaction; idempotent on an erased account.
 * Refused while an aid request waits for its decision (the CROUS needs the inputs to decide).
 */
export async function erasePerson(database: Database, userId: string, options: { now: Date; who: AuditActor; reason: ErasureReason }): Promise<{ erased: boolean }> {
  const { now, who, reason } = options;
  return database.db.transaction(async (tx) => {
    const person = await personOf(tx, userId);
    if (person.status === 'erased') return { erased: false };
    const [pending] = await tx.select({ id: aidRequests.id }).from(aidRequests).where(and(eq(aidRequests.learnerUserId, userId), eq(aidRequests.status, 'submitted')));
    if (pending) {
      throw new ConflictError(
        'Votre demande d’aide financière est en cours d’instruction : vos données seront effaçables après la décision. Pour une demande urgente, écrivez au délégué à la protection des données.',
        'aide_en_instruction',
      );
    }
    for (const entry of PERSONAL_DATA) if (entry.erase) await entry.erase({ tx, person, now });
    await leaveAdmissions(tx, database, userId, who, now);
    await maskMentionsOfPerson(tx, person);
    await recordAudit(tx, who, {
      action: 'privacy.erased',
      objectType: 'user',
      objectId: userId,
      from: person.status,
      to: 'erased',
      motive: reason,
      fields: PERSONAL_DATA.filter((e) => e.erase).map((e) => e.section),
    });
    return { erased: true };
  });
}
