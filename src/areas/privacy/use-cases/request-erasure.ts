import { eq } from 'drizzle-orm';
import { authSessions, users } from '../../../db/schema/index.ts';
import { ForbiddenError, InputError, TooManyAttemptsError } from '../../../shared/errors.ts';
import { auditActor } from '../../accounts/audit/record.ts';
import type { AccountsContext } from '../../accounts/context.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { ACCOUNT_POLICY } from '../../accounts/domain/throttle.ts';
import { checkPassword } from '../../accounts/passwords.ts';
import { keyedHash } from '../../accounts/tokens.ts';
import { erasePerson } from './erase.ts';

/** Without a password (FranceConnect, ProConnect), the session must be this fresh to erase. */
export const FRESH_SESSION_MINUTES = 10;

const WRONG = 'Le mot de passe est incorrect.';

/**
 * The person asks for the erasure of their data: the password is asked again (throttled like the
 * sign-in) or, for an account without password, a session opened less than 10 minutes ago.
 */
export async function requestErasure(ctx: AccountsContext, actor: Actor, password: string | undefined): Promise<void> {
  const [user] = await ctx.database.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  const now = ctx.clock();
  if (user?.passwordHash) {
    const key = `erase:acct:${keyedHash(ctx.secret, actor.userId)}`;
    const policy = { ...ACCOUNT_POLICY, delayUnitMs: ctx.delayUnitMs };
    const state = await ctx.throttle.state(key, policy, now);
    if (state.blockedUntil) {
      const seconds = Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000);
      throw new TooManyAttemptsError(`Trop de mots de passe incorrects : réessayez dans ${Math.ceil(seconds / 60)} minutes.`, seconds);
    }
    if (!password) throw new InputError({ password: 'Indiquez votre mot de passe pour confirmer la suppression.' });
    if (!(await checkPassword(user.passwordHash, password, ctx.argon2))) {
      await ctx.throttle.fail(key, policy, ctx.clock());
      throw new InputError({ password: WRONG }, WRONG);
    }
    await ctx.throttle.reset(key);
  } else {
    const [session] = await ctx.database.db.select({ createdAt: authSessions.createdAt }).from(authSessions).where(eq(authSessions.idHash, actor.sessionId));
    if (!session || now.getTime() - session.createdAt.getTime() > FRESH_SESSION_MINUTES * 60_000) {
      throw new ForbiddenError(
        `Pour supprimer votre compte, reconnectez-vous d’abord : la connexion doit dater de moins de ${FRESH_SESSION_MINUTES} minutes.`,
        'reconnexion_requise',
      );
    }
  }
  await erasePerson(ctx.database, actor.userId, { now: ctx.clock(), who: auditActor(actor), reason: 'request' });
}
