import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { audit } from '../../../db/schema/audit.ts';

export interface AuditQuery {
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  actorUserId?: string | undefined;
  organisationId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** The operator's search of the audit trail, newest first. `from`/`to` are dates (Paris), `to` included. */
export async function searchAudit(database: Database, q: AuditQuery) {
  const where: SQL[] = [];
  if (q.action) where.push(eq(audit.action, q.action));
  if (q.objectType) where.push(eq(audit.objectType, q.objectType));
  if (q.objectId) where.push(eq(audit.objectId, q.objectId));
  if (q.actorUserId) where.push(eq(audit.actorUserId, q.actorUserId));
  if (q.organisationId) where.push(eq(audit.actorOrganisationId, q.organisationId));
  if (q.from) where.push(gte(audit.at, new Date(`${q.from}T00:00:00+01:00`)));
  if (q.to) where.push(lt(audit.at, new Date(new Date(`${q.to}T00:00:00+01:00`).getTime() + 86_400_000)));
  const rows = await database.db
    .select()
    .from(audit)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(audit.id))
    .limit(q.pageSize + 1)
    .offset((q.page - 1) * q.pageSize);
  return {
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
    results: rows.slice(0, q.pageSize).map((r) => ({ ...r, at: r.at.toISOString() })),
  };
}
