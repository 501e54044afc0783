import { and, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { authThrottle, oneTimeTokens } from '../../db/schema/index.ts';
import type { JobDefinition } from '../../jobs/boss.ts';
import type { SessionStore } from './session-store.ts';

/**
 * Daily sweep of what the accounts area keeps only for a while: ended sessions, old failure
 * counters, mail links 30 days after their expiry. Invitations stay: they are the history of who
 * joined what.
 */
export async function purgeAccounts(database: Database, sessions: SessionStore, now: Date): Promise<void> {
  await sessions.purge(now);
  await database.db.delete(authThrottle).where(
    and(
      lt(authThrottle.windowStart, new Date(now.getTime() - 86_400_000)),
      or(sql`${authThrottle.blockedUntil} is null`, lt(authThrottle.blockedUntil, now)),
    ),
  );
  await database.db.delete(oneTimeTokens).where(lt(oneTimeTokens.expiresAt, new Date(now.getTime() - 30 * 86_400_000)));
}

export function accountsJobs(database: Database, sessions: SessionStore): JobDefinition[] {
  return [
    {
      name: 'accounts-purge',
      cron: '20 3 * * *', // every day at 03:20, Paris time
      policy: 'stately',
      handler: () => purgeAccounts(database, sessions, new Date()),
    },
  ];
}
