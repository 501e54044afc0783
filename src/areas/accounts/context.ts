import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Argon2Cost } from './passwords.ts';
import { SessionStore } from './session-store.ts';
import { ThrottleStore } from './throttle-store.ts';

/** What the accounts use cases need, built once by the server. */
export interface AccountsContext {
  database: Database;
  sessions: SessionStore;
  throttle: ThrottleStore;
  clock: Clock;
  baseUrl: string;
  secret: string;
  argon2: Argon2Cost;
  delayUnitMs: number;
}

/** A link to a page of the web app, for mails. */
export function appLink(ctx: AccountsContext, path: string, params: Record<string, string> = {}): string {
  const url = new URL(path, ctx.baseUrl);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Builds the accounts context from the configuration (one per server). */
export function accountsContext(
  database: Database,
  config: { baseUrl: string; sessionSecret: string; auth: { sessionIdleMinutes: number; sessionMaxHours: number; argon2: Argon2Cost; delayUnitMs: number } },
  clock: Clock,
): AccountsContext {
  return {
    database,
    sessions: new SessionStore(database, { secret: config.sessionSecret, idleMinutes: config.auth.sessionIdleMinutes, maxHours: config.auth.sessionMaxHours }),
    throttle: new ThrottleStore(database),
    clock,
    baseUrl: config.baseUrl,
    secret: config.sessionSecret,
    argon2: config.auth.argon2,
    delayUnitMs: config.auth.delayUnitMs,
  };
}
