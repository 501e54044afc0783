import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { oneTimeTokens, parentalConsents, users } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { InputError, TooManyAttemptsError } from '../../../shared/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { appLink, normaliseEmail, type AccountsContext } from '../context.ts';
import { passwordProblem } from '../domain/password.ts';
import { RESET_POLICY } from '../domain/throttle.ts';
import { accountMails } from '../mails.ts';
import { hashPassword } from '../passwords.ts';
import { hashToken, keyedHash, newToken } from '../tokens.ts';

const EXPIRED = 'Ce lien n’est plus valide : il a déjà servi ou il a expiré. Demandez-en un nouveau.';
export const RESET_MINUTES = 60;

/** Takes a single-use token: marks it used and returns its owner, or refuses (used, expired, unknown). */
async function takeToken(tx: Tx, token: string, purpose: 'confirm_email' | 'reset_password', now: Date): Promise<string> {
  const [row] = await tx
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.tokenHash, hashToken(token)),
        eq(oneTimeTokens.purpose, purpose),
        isNull(oneTimeTokens.usedAt),
        gt(oneTimeTokens.expiresAt, now),
      ),
    )
    .returning({ userId: oneTimeTokens.userId });
  if (!row) throw new InputError({ token: EXPIRED }, EXPIRED);
  return row.userId;
}

export async function confirmEmail(ctx: AccountsContext, token: string): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const userId = await takeToken(tx, token, 'confirm_email', now);
    await tx.update(users).set({ emailVerifiedAt: now }).where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    await recordAudit(tx, { userId, role: null, organisationId: null }, {
      action: 'account.email_confirmed',
      objectType: 'user',
      objectId: userId,
      fields: ['emailVerifiedAt'],
    });
  });
}

/** A parent follows the link of their mail: the consent is recorded and the account becomes active. */
export async function giveParentalConsent(ctx: AccountsContext, token: string): Promise<void> {
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const [consent] = await tx
      .update(parentalConsents)
      .set({ givenAt: now })
      .where(and(eq(parentalConsents.tokenHash, hashToken(token)), isNull(parentalConsents.givenAt), gt(parentalConsents.expiresAt, now)))
      .returning({ id: parentalConsents.id, userId: parentalConsents.userId });
    if (!consent) throw new InputError({ token: EXPIRED }, EXPIRED);
    await tx.update(users).set({ status: 'active' }).where(eq(users.id, consent.userId));
    const who = { userId: null, role: 'parent', organisationId: null };
    await recordAudit(tx, who, { action: 'parental_consent.given', objectType: 'parental_consent', objectId: consent.id, from: 'requested', to: 'given' });
    await recordAudit(tx, who, { action: 'account.activated', objectType: 'user', objectId: consent.userId, from: 'pending_consent', to: 'active' });
  });
}

/**
 * Sends a reset link when the address has an account; the answer is the same either way. Requests
 * are limited per address and per client, like sign-in attempts.
 */
export async function requestPasswordReset(ctx: AccountsContext, rawEmail: string, clientAddress: string): Promise<void> {
  const now = ctx.clock();
  const email = normaliseEmail(rawEmail);
  const policy = RESET_POLICY;
  for (const key of [`reset:acct:${keyedHash(ctx.secret, email)}`, `reset:ip:${keyedHash(ctx.secret, clientAddress)}`]) {
    const state = await ctx.throttle.state(key, policy, now);
    if (state.blockedUntil) {
      throw new TooManyAttemptsError('Trop de demandes de réinitialisation : réessayez dans une heure.', Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000));
    }
    await ctx.throttle.fail(key, policy, now);
  }
  await ctx.database.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, givenName: users.givenName }).from(users).where(eq(users.email, email));
    if (!user) return;
    const token = newToken();
    await tx.insert(oneTimeTokens).values({
      tokenHash: hashToken(token),
      userId: user.id,
      purpose: 'reset_password',
      createdAt: now,
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
    });
    await recordAudit(tx, { userId: null, role: 'anonymous', organisationId: null }, { action: 'password.reset_requested', objectType: 'user', objectId: user.id });
    await enqueueMail(tx, accountMails.resetPassword(email, user.givenName, appLink(ctx, '/nouveau-mot-de-passe', { jeton: token })));
  });
}

/** A reset link works once, within its hour; every session of the account ends. */
export async function resetPassword(ctx: AccountsContext, token: string, password: string): Promise<void> {
  const now = ctx.clock();
  const [owner] = await ctx.database.db
    .select({ id: users.id, email: users.email, givenName: users.givenName, familyName: users.familyName })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(and(eq(oneTimeTokens.tokenHash, hashToken(token)), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now)));
  if (!owner) throw new InputError({ token: EXPIRED }, EXPIRED);
  const problem = passwordProblem(password, { email: owner.email, names: [owner.givenName, owner.familyName] });
  if (problem) throw new InputError({ password: problem });
  const passwordHash = await hashPassword(password, ctx.argon2);
  await ctx.database.db.transaction(async (tx) => {
    const userId = await takeToken(tx, token, 'reset_password', now);
    // following the link proves the address too
    await tx.update(users).set({ passwordHash, emailVerifiedAt: now }).where(eq(users.id, userId));
    await recordAudit(tx, { userId, role: null, organisationId: null }, { action: 'password.reset', objectType: 'user', objectId: userId, fields: ['password'] });
    await enqueueMail(tx, accountMails.passwordChanged(owner.email, owner.givenName));
  });
  await ctx.sessions.destroyAll(owner.id);
}
