/**
 * Object rules of the candidates area (the route layer has already checked the role): a candidate acts
 * on their own data; a prescriber on candidates who agree to be followed by their organisation; a
 * provider on the applications to its own sessions. Anything else is "not found" (no existence leak).
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { followAgreements, users } from '../../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import type { Actor } from '../../accounts/domain/access.ts';

/** The organisation the actor acts for (prescriber, provider). */
export function organisationOf(actor: Actor): string {
  const id = actor.membership?.organisationId;
  if (!id) throw new ForbiddenError('Choisissez d’abord l’organisation pour laquelle vous agissez.');
  return id;
}

/** Throws 404 unless the candidate currently agrees to be followed by the organisation. */
export async function assertFollowed(db: Db | Tx, organisationId: string, candidateUserId: string): Promise<void> {
  const [row] = await db
    .select({ id: followAgreements.id })
    .from(followAgreements)
    .where(and(eq(followAgreements.organisationId, organisationId), eq(followAgreements.candidateUserId, candidateUserId), isNull(followAgreements.withdrawnAt)));
  if (!row) throw new NotFoundError('Candidat·e');
}

/**
 * Serialises the changes of one candidate (wish limit, preferences, current diagnosis) by locking
 * their account row for the transaction.
 */
export async function lockCandidate(tx: Tx, candidateUserId: string): Promise<{ givenName: string; familyName: string; email: string; birthDate: string | null }> {
  const [row] = await tx
    .select({ givenName: users.givenName, familyName: users.familyName, email: users.email, birthDate: sql<string | null>`${users.birthDate}::text` })
    .from(users)
    .where(eq(users.id, candidateUserId))
    .for('update');
  if (!row) throw new NotFoundError('Candidat·e');
  return row;
}

/** Postgres unique violation (a race lost to a concurrent insert). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}
