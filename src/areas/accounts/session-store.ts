import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { authSessions, memberships, organisations } from '../../db/schema/index.ts';
import type { Actor } from './domain/access.ts';
import type { Membership, OrganisationKind, Role } from './domain/roles.ts';
import { hashToken, keyedHash, newToken } from './tokens.ts';

export interface SessionSettings {
  secret: string;
  idleMinutes: number;
  maxHours: number;
}

/**
 * Server-side sessions in PostgreSQL: the cookie carries a random token, the table its hash. Idle and
 * absolute timeouts are enforced on every read; `last_seen_at` is written at most once a minute.
 */
export class SessionStore {
  constructor(
    private readonly database: Database,
    private readonly settings: SessionSettings,
  ) {}

  csrfTokenOf(sessionId: string): string {
    return keyedHash(this.settings.secret, `csrf:${sessionId}`);
  }

  /** Starts a new session (a new id at every sign-in); returns the token for the cookie. */
  async create(userId: string, membershipId: string | null, now: Date): Promise<string> {
    const token = newToken();
    await this.database.db.insert(authSessions).values({
      idHash: hashToken(token),
      userId,
      membershipId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.settings.maxHours * 3_600_000),
    });
    return token;
  }

  /** The actor behind a cookie token, or null when the session is unknown, idle too long or too old. */
  async load(token: string, now: Date): Promise<Actor | null> {
    if (token.length > 100) return null;
    const idHash = hashToken(token);
    const rows = await this.database.rows<{
      user_id: string;
      last_seen_at: string | Date;
      expires_at: string | Date;
      m_id: string | null;
      m_role: Role | null;
      m_org: string | null;
      m_admin: boolean | null;
      o_kind: OrganisationKind | null;
      o_name: string | null;
    }>(sql`
      select s.user_id, s.last_seen_at, s.expires_at,
             m.id as m_id, m.role as m_role, m.organisation_id as m_org, m.is_admin as m_admin,
             o.kind as o_kind, o.name as o_name
      from auth_sessions s
      join users u on u.id = s.user_id and u.status = 'active'
      left join memberships m on m.id = s.membership_id and m.ended_at is null
      left join organisations o on o.id = m.organisation_id
      where s.id_hash = ${idHash}`);
    const row = rows[0];
    if (!row) return null;
    const lastSeen = new Date(row.last_seen_at).getTime();
    if (new Date(row.expires_at).getTime() <= now.getTime() || lastSeen + this.settings.idleMinutes * 60_000 <= now.getTime()) {
      await this.database.db.delete(authSessions).where(eq(authSessions.idHash, idHash));
      return null;
    }
    if (now.getTime() - lastSeen > 60_000) {
      await this.database.db.update(authSessions).set({ lastSeenAt: now }).where(eq(authSessions.idHash, idHash));
    }
    const membership: Membership | null = row.m_id
      ? {
          id: row.m_id,
          role: row.m_role!,
          organisationId: row.m_org,
          organisationKind: row.o_kind,
          organisationName: row.o_name,
          isAdmin: row.m_admin ?? false,
        }
      : null;
    return { userId: row.user_id, sessionId: idHash, csrfToken: this.csrfTokenOf(idHash), membership };
  }

  async destroy(sessionId: string): Promise<void> {
    await this.database.db.delete(authSessions).where(eq(authSessions.idHash, sessionId));
  }

  /** Sign-out everywhere (and after a password change): every session of the person ends. */
  async destroyAll(userId: string): Promise<number> {
    const gone = await this.database.db.delete(authSessions).where(eq(authSessions.userId, userId)).returning({ id: authSessions.idHash });
    return gone.length;
  }

  async setMembership(sessionId: string, membershipId: string): Promise<void> {
    await this.database.db.update(authSessions).set({ membershipId }).where(eq(authSessions.idHash, sessionId));
  }

  /** Removes expired sessions (run by a daily job). */
  async purge(now: Date): Promise<void> {
    const idle = new Date(now.getTime() - this.settings.idleMinutes * 60_000);
    await this.database.db.delete(authSessions).where(or(lt(authSessions.expiresAt, now), lt(authSessions.lastSeenAt, idle)));
  }
}

/** The memberships a person may act with, active ones only, operator and organisations first. */
export async function activeMemberships(database: Database, userId: string): Promise<Membership[]> {
  const rows = await database.db
    .select({
      id: memberships.id,
      role: memberships.role,
      organisationId: memberships.organisationId,
      isAdmin: memberships.isAdmin,
      organisationKind: organisations.kind,
      organisationName: organisations.name,
    })
    .from(memberships)
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.endedAt)))
    .orderBy(memberships.createdAt);
  return rows.map((r) => ({ ...r, organisationKind: r.organisationKind ?? null, organisationName: r.organisationName ?? null }));
}
