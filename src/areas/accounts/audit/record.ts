import type { Db, Tx } from '../../../db/client.ts';
import { audit } from '../../../db/schema/audit.ts';
import type { Actor } from '../domain/access.ts';

/** Who did it, as the audit trail records it: ids only. `null` user = the platform itself (a job). */
export interface AuditActor {
  userId: string | null;
  role: string | null;
  organisationId: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, role: 'system', organisationId: null };

export function auditActor(actor: Actor | null): AuditActor {
  if (!actor) return { userId: null, role: 'anonymous', organisationId: null };
  return { userId: actor.userId, role: actor.membership?.role ?? null, organisationId: actor.membership?.organisationId ?? null };
}

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  from?: string | null;
  to?: string | null;
  motive?: string | null;
  /** names of the fields that changed, never their values */
  fields?: string[];
}

/** Appends one audit row; call it with the transaction of the change it records. */
export async function recordAudit(tx: Tx | Db, who: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.insert(audit).values({
    actorUserId: who.userId,
    actorRole: who.role,
    actorOrganisationId: who.organisationId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    fromState: entry.from ?? null,
    toState: entry.to ?? null,
    motive: entry.motive ?? null,
    fields: entry.fields ?? [],
  });
}
