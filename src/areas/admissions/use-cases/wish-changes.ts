/**
 * Status changes of many wishes at once (publishing a ranking, a round, an answer): one statement per
 * kind of write whatever the number of wishes, each change guarded by the status it starts from (a
 * wish changed meanwhile by someone else is left alone and reported as not changed), a wish_events row
 * per change, and the candidate's remaining active wishes renumbered 1..n.
 */
import { sql } from 'drizzle-orm';
import { sqlRows, type Tx } from '../../../db/client.ts';
import { ACTIVE_WISH_STATUSES } from '../../../db/schema/index.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import { idList, recordset, type Kind } from './recordset.ts';
import type { WishStatus } from '../../candidates/domain/vocabulary.ts';
import { WISH_STATUS_LABELS, WISH_TRANSITIONS } from '../../candidates/domain/wishes.ts';

export interface WishChange {
  wishId: string;
  candidateUserId: string;
  from: WishStatus;
  to: WishStatus;
  motive?: string | null;
}

const CHUNK = 10_000;
const active = sql.raw(ACTIVE_WISH_STATUSES.map((s) => `'${s}'`).join(','));

/**
 * Applies the changes (all checked against the wish transition table first) and returns the ids of
 * the wishes actually changed. `audit`: one audit row per wish (interactive changes); a round writes
 * one audit row for itself instead.
 */
export async function applyWishChanges(tx: Tx, changes: readonly WishChange[], who: AuditActor, at: Date, options: { audit: boolean; kind: Kind }): Promise<Set<string>> {
  const k = options.kind;
  for (const c of changes) assertTransition(WISH_TRANSITIONS, c.from, c.to, WISH_STATUS_LABELS);
  const changed = new Set<string>();
  for (let i = 0; i < changes.length; i += CHUNK) {
    const part = changes.slice(i, i + CHUNK).map((c) => ({ id: c.wishId, from_status: c.from, to_status: c.to }));
    const rows = await sqlRows<{ id: string }>(
      tx,
      sql`
      update wishes w
         set status = v.to_status,
             preference = case when v.to_status in (${active}) then w.preference else 0 end,
             updated_at = ${at.toISOString()}::timestamptz
        from ${recordset(k, part, [['id', 'uuid'], ['from_status', 'text'], ['to_status', 'text']])}
       where w.id = v.id and w.status = v.from_status
      returning w.id`,
    );
    for (const r of rows) changed.add(r.id);
  }
  const done = changes.filter((c) => changed.has(c.wishId));
  for (let i = 0; i < done.length; i += CHUNK) {
    const part = done.slice(i, i + CHUNK).map((c) => ({ id: c.wishId, from_status: c.from, to_status: c.to, motive: c.motive ?? null }));
    await tx.execute(sql`
      insert into wish_events (wish_id, from_status, to_status, actor_user_id, actor_role, actor_organisation_id, at, motive)
      select v.id, v.from_status, v.to_status, ${who.userId}::uuid, ${who.role}::text, ${who.organisationId}::uuid, ${at.toISOString()}::timestamptz, v.motive
        from ${recordset(k, part, [['id', 'uuid'], ['from_status', 'text'], ['to_status', 'text'], ['motive', 'text']])}`);
  }
  const leaving = [...new Set(done.filter((c) => !(ACTIVE_WISH_STATUSES as readonly string[]).includes(c.to)).map((c) => c.candidateUserId))];
  await renumberPreferences(tx, leaving, k);
  if (options.audit) {
    for (const c of done) {
      await recordAudit(tx, who, { action: `wish.${c.to}`, objectType: 'wish', objectId: c.wishId, from: c.from, to: c.to, fields: c.motive ? ['motive'] : [] });
    }
  }
  return changed;
}

/** Preferences 1..n again for the candidates' active wishes, in their current order. */
export async function renumberPreferences(tx: Tx, candidateUserIds: readonly string[], k: Kind): Promise<void> {
  for (let i = 0; i < candidateUserIds.length; i += CHUNK) {
    const part = candidateUserIds.slice(i, i + CHUNK);
    await tx.execute(sql`
      update wishes w set preference = r.rn
        from (select id, row_number() over (partition by candidate_user_id order by preference, created_at, id) as rn
                from wishes
               where candidate_user_id in (${idList(k, part)})
                 and status in (${active})) r
       where w.id = r.id and w.preference <> r.rn`);
  }
}
