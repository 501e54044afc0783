import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { ConflictError, ForbiddenError, InputError, TooManyAttemptsError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../audit/record.ts';
import { normaliseEmail, type AccountsContext } from '../context.ts';
import type { Actor } from '../domain/access.ts';
import { passwordProblem } from '../domain/password.ts';
import { ACCOUNT_POLICY, ADDRESS_POLICY, delayBeforeAttempt, type ThrottlePolicy } from '../domain/throttle.ts';
import { checkPassword, hashPassword } from '../passwords.ts';
import { activeMemberships } from '../session-store.ts';
import { keyedHash } from '../tokens.ts';

const WRONG = 'Adresse e-mail ou mot de passe incorrect.';

/** Starts a session for a person who has proved who they are; returns the cookie token. */
export async function openSession(ctx: AccountsContext, userId: string, how: 'password' | 'franceconnect' | 'proconnect' | 'invitation'): Promise<string> {
  const now = ctx.clock();
  const [first] = await activeMemberships(ctx.database, userId);
  const token = await ctx.sessions.create(userId, first?.id ?? null, now);
  await recordAudit(ctx.database.db, { userId, role: first?.role ?? null, organisationId: first?.organisationId ?? null }, {
    action: 'session.signed_in',
    objectType: 'user',
    objectId: userId,
    motive: how,
  });
  return token;
}

/**
 * Sign-in by e-mail and password. Failures are counted per account and per client address: after a
 * few, each attempt waits longer; past the limit the key is blocked for a while (429).
 */
export async function signInWithPassword(ctx: AccountsContext, rawEmail: string, password: string, clientAddress: string): Promise<{ token: string; userId: string }> {
  const email = normaliseEmail(rawEmail);
  const keys: [string, ThrottlePolicy][] = [
    [`signin:acct:${keyedHash(ctx.secret, email)}`, { ...ACCOUNT_POLICY, delayUnitMs: ctx.delayUnitMs }],
    [`signin:ip:${keyedHash(ctx.secret, clientAddress)}`, { ...ADDRESS_POLICY, delayUnitMs: ctx.delayUnitMs }],
  ];
  let wait = 0;
  for (const [key, policy] of keys) {
    const now = ctx.clock();
    const state = await ctx.throttle.state(key, policy, now);
    if (state.blockedUntil) {
      const minutes = Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 60_000);
      throw new TooManyAttemptsError(
        `Trop de tentatives de connexion : réessayez dans ${minutes} minute${minutes > 1 ? 's' : ''}, ou réinitialisez votre mot de passe.`,
        Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000),
      );
    }
    wait = Math.max(wait, delayBeforeAttempt(policy, state.failures));
  }
  if (wait > 0) await sleep(wait);

  const [user] = await ctx.database.db
    .select({ id: users.id, passwordHash: users.passwordHash, status: users.status, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.email, email));
  const ok = await checkPassword(user?.passwordHash, password, ctx.argon2);
  if (!ok || !user) {
    for (const [key, policy] of keys) await ctx.throttle.fail(key, policy, ctx.clock());
    throw new InputError({ email: WRONG, password: WRONG }, WRONG);
  }
  await ctx.throttle.reset(keys[0]![0]);
  if (user.status === 'pending_consent') {
    throw new ForbiddenError('Votre compte attend l’accord de votre parent : un message lui a été envoyé.');
  }
  if (!user.emailVerifiedAt) {
    throw new ConflictError('Confirmez d’abord votre adresse e-mail avec le lien reçu par message.', 'adresse_non_confirmee');
  }
  return { token: await openSession(ctx, user.id, 'password'), userId: user.id };
}

export async function signOut(ctx: AccountsContext, actor: Actor): Promise<void> {
  await ctx.sessions.destroy(actor.sessionId);
}

/** Ends every session of the person, on every device. */
export async function signOutEverywhere(ctx: AccountsContext, actor: Actor): Promise<number> {
  const n = await ctx.sessions.destroyAll(actor.userId);
  await recordAudit(ctx.database.db, auditActor(actor), {
    action: 'session.signed_out_everywhere',
    objectType: 'user',
    objectId: actor.userId,
  });
  return n;
}

/** Changes the password (the current one is asked again); every other session ends. */
export async function changePassword(ctx: AccountsContext, actor: Actor, current: string, next: string): Promise<string> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new InputError({ currentPassword: WRONG });
  if (!(await checkPassword(user.passwordHash, current, ctx.argon2))) {
    throw new InputError({ currentPassword: 'Le mot de passe actuel est incorrect.' });
  }
  const problem = passwordProblem(next, { email: user.email, names: [user.givenName, user.familyName] });
  if (problem) throw new InputError({ newPassword: problem });
  const passwordHash = await hashPassword(next, ctx.argon2);
  await ctx.database.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await recordAudit(tx, auditActor(actor), {
      action: 'password.changed',
      objectType: 'user',
      objectId: user.id,
      fields: ['password'],
    });
  });
  await ctx.sessions.destroyAll(user.id);
  // the person stays signed in here, with a new session id
  return ctx.sessions.create(user.id, actor.membership?.id ?? null, ctx.clock());
}
