import type { Tx } from '../../../db/client.ts';
import { grantTranches, grants } from '../../../db/schema/index.ts';
import { recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import type { TrancheShare } from '../../calls/domain/call-form.ts';
import { splitTranches } from '../domain/tranches.ts';

/** The seed grant agreement of an accepted training, split into tranches in cents (inside the decision's transaction). */
export async function createGrant(
  tx: Tx,
  who: AuditActor,
  g: { callId: string; proposalTrainingId: string; providerId: string; funderId: string | null; trainingId: string; amountCents: number; tranches: readonly TrancheShare[] },
  now: Date,
): Promise<{ id: string }> {
  const amounts = splitTranches(g.amountCents, g.tranches.map((t) => t.sharePct));
  const [row] = await tx
    .insert(grants)
    .values({ callId: g.callId, proposalTrainingId: g.proposalTrainingId, providerId: g.providerId, funderId: g.funderId, trainingId: g.trainingId, amountCents: g.amountCents, createdAt: now })
    .returning({ id: grants.id });
  await tx.insert(grantTranches).values(g.tranches.map((t, i) => ({ grantId: row!.id, position: i + 1, label: t.label, amountCents: amounts[i]!, status: 'planned' as const })));
  await recordAudit(tx, who, { action: 'grant.created', objectType: 'grant', objectId: row!.id, to: 'planned', fields: ['amountCents', 'tranches'] });
  return { id: row!.id };
}
