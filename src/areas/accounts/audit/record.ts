import { sql, type SQL } from 'drizzle-orm';
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
  await tx.execute(auditInsert(who, entry));
}

/**
 * The statement that appends one audit row, to run alone (recordAudit) or as a part of a larger
 * statement (`with … as (${auditInsert(…)})`) when a change must take fewer round trips.
 */
export function auditInsert(who: AuditActor, entry: AuditEntry): SQL {
  // the field names as JSON: the embedded database takes no array parameter
  return sql`insert into ${audit} (actor_user_id, actor_role, actor_organisation_id, action, object_type, object_id, from_state, to_state, motive, fields)
    values (${who.userId}::uuid, ${who.role}::text, ${who.organisationId}::uuid, ${entry.action}::text, ${entry.objectType}::text, ${entry.objectId}::text,
            ${entry.from ?? null}::text, ${entry.to ?? null}::text, ${entry.motive ?? null}::text,
            array(select json_array_elements_text(${JSON.stringify(entry.fields ?? [])}::json)))`;
}
