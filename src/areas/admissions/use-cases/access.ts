/**
 * Object rules of admissions (the route layer has already checked the role): a provider acts on the
 * sessions of its own trainings, a candidate on their own wishes and offers; anything else is "not
 * found" (no existence leak).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { sessions, trainings } from '../../../db/schema/index.ts';
import { ForbiddenError, NotFoundError } from '../../../shared/errors.ts';
import type { Actor } from '../../accounts/domain/access.ts';

export function organisationOf(actor: Actor): string {
  const id = actor.membership?.organisationId;
  if (!id) throw new ForbiddenError('Choisissez d’abord l’organisation pour laquelle vous agissez.');
  return id;
}

export interface OwnSession {
  id: string;
  trainingId: string;
  trainingTitle: string;
  communeCode: string;
  startsOn: string;
  endsOn: string;
  seats: number;
  seatsTaken: number;
  status: 'planned' | 'recruiting' | 'running' | 'finished' | 'cancelled';
}

const sessionColumns = {
  id: sessions.id,
  trainingId: trainings.id,
  trainingTitle: trainings.title,
  communeCode: trainings.communeCode,
  startsOn: sessions.startsOn,
  endsOn: sessions.endsOn,
  seats: sessions.seats,
  seatsTaken: sessions.seatsTaken,
  status: sessions.status,
};

/** The session if it belongs to the provider the actor acts for (locked FOR UPDATE when asked), else 404. */
export async function ownSession(db: Db | Tx, actor: Actor, sessionId: string, lock = false): Promise<OwnSession> {
  const organisationId = organisationOf(actor);
  const q = db
    .select(sessionColumns)
    .from(sessions)
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .where(and(eq(sessions.id, sessionId), eq(trainings.providerId, organisationId)));
  const [row] = lock ? await q.for('update', { of: sessions }) : await q;
  if (!row) throw new NotFoundError('Session');
  return row;
}

/** Locks session rows in id order (the one order every admissions transaction takes them in). */
export async function lockSessions(tx: Tx, ids: Iterable<string>): Promise<void> {
  const list = [...new Set(ids)].sort();
  if (list.length === 0) return;
  await tx.select({ id: sessions.id }).from(sessions).where(inArray(sessions.id, list)).orderBy(asc(sessions.id)).for('update');
}

/** seats_taken = accepted offers, capped at the seats (an overbooked session shows no place left; ADR 0012). */
export async function refreshSeatsTaken(tx: Tx, ids: Iterable<string>): Promise<void> {
  const list = [...new Set(ids)];
  if (list.length === 0) return;
  await tx.execute(sql`
    update sessions s set seats_taken = least(s.seats, coalesce((select count(*) from admission_offers o where o.session_id = s.id and o.status = 'accepted'), 0))
    where s.id in (${sql.join(list.map((id) => sql`${id}::uuid`), sql`, `)})`);
}

/** Postgres unique violation (a race lost to a concurrent insert). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err?.code === '23505' || err?.cause?.code === '23505';
}
