/**
 * DOMAIN.md: while a training's label is suspended, its open sessions, wishes and offers are frozen.
 * Other areas ask here before moving one of them forward (nothing is lost: the label reinstated, they
 * move again). Kept in the labels area so that the rule has one home.
 */
import { sql } from 'drizzle-orm';
import { sqlRows, type Db, type Tx } from '../../../db/client.ts';
import { ConflictError } from '../../../shared/errors.ts';

/** Refuses (409 `formation_gelee`) when the session's training has a suspended label. */
export async function assertSessionNotFrozen(
  tx: Db | Tx,
  sessionId: string,
  what = 'Cette proposition ne peut pas être acceptée pour le moment',
  after = 'Rien n’est perdu : le délai de réponse sera prolongé d’autant à la levée de la suspension.',
): Promise<void> {
  const rows = await sqlRows<{ status_reason: string | null }>(
    tx,
    sql`select l.status_reason from sessions s join labels l on l.training_id = s.training_id and l.status = 'suspended' where s.id = ${sessionId} limit 1`,
  );
  if (rows.length > 0) {
    const reason = rows[0]!.status_reason ? ` Motif : ${rows[0]!.status_reason}` : '';
    throw new ConflictError(
      `${what} : le label de la formation est suspendu, ses sessions et leurs propositions sont gelées. ${after}${reason}`,
      'formation_gelee',
    );
  }
}
