import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { authThrottle } from '../../db/schema/index.ts';
import { blocksAfter, type ThrottlePolicy } from './domain/throttle.ts';

export interface ThrottleState {
  failures: number;
  blockedUntil: Date | null;
}

/** Failure counters in the database, so that every app server sees the same ones. */
export class ThrottleStore {
  constructor(private readonly database: Database) {}

  async state(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleState> {
    const [row] = await this.database.db.select().from(authThrottle).where(eq(authThrottle.key, key));
    if (!row) return { failures: 0, blockedUntil: null };
    const blockedUntil = row.blockedUntil && row.blockedUntil > now ? row.blockedUntil : null;
    const fresh = row.windowStart.getTime() + policy.windowMinutes * 60_000 > now.getTime();
    return { failures: fresh || blockedUntil ? row.failures : 0, blockedUntil };
  }

  /** Counts one failure (a new window when the last one is over) and blocks past the policy's limit. */
  async fail(key: string, policy: ThrottlePolicy, now: Date): Promise<ThrottleState> {
    const windowFloor = new Date(now.getTime() - policy.windowMinutes * 60_000);
    const [row] = await this.database.db
      .insert(authThrottle)
      .values({ key, failures: 1, windowStart: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStart} < ${windowFloor} and (${authThrottle.blockedUntil} is null or ${authThrottle.blockedUntil} < ${now}) then 1 else ${authThrottle.failures} + 1 end`,
          windowStart: sql`case when ${authThrottle.windowStart} < ${windowFloor} and (${authThrottle.blockedUntil} is null or ${authThrottle.blockedUntil} < ${now}) then ${now} else ${authThrottle.windowStart} end`,
        },
      })
      .returning();
    let blockedUntil: Date | null = null;
    if (row && blocksAfter(policy, row.failures)) {
      blockedUntil = new Date(now.getTime() + policy.blockMinutes * 60_000);
      await this.database.db.update(authThrottle).set({ blockedUntil }).where(eq(authThrottle.key, key));
    }
    return { failures: row?.failures ?? 1, blockedUntil };
  }

  async reset(key: string): Promise<void> {
    await this.database.db.delete(authThrottle).where(eq(authThrottle.key, key));
  }
}
