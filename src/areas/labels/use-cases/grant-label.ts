import type { Tx } from '../../../db/client.ts';
import { labels } from '../../../db/schema/index.ts';
import { recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import { validityOf } from '../domain/label.ts';

/** Grants the GEN label to a training (inside the decision's transaction): active, valid 3 years from `grantedOn`. */
export async function grantLabel(tx: Tx, who: AuditActor, trainingId: string, grantedOn: string, now: Date): Promise<{ id: string; validUntil: string }> {
  const v = validityOf(grantedOn);
  const [row] = await tx.insert(labels).values({ trainingId, status: 'active', grantedOn: v.grantedOn, validUntil: v.validUntil, createdAt: now }).returning({ id: labels.id });
  await recordAudit(tx, who, { action: 'label.granted', objectType: 'label', objectId: row!.id, to: 'active', fields: ['trainingId', 'grantedOn', 'validUntil'] });
  return { id: row!.id, validUntil: v.validUntil };
}
