import { eq } from 'drizzle-orm';
import { memberships, oneTimeTokens, parentalConsents, users } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { parisDate } from '../../../shared/clock.ts';
import { InputError, TooManyAttemptsError } from '../../../shared/errors.ts';
import { recordAudit } from '../audit/record.ts';
import { appLink, normaliseEmail, type AccountsContext } from '../context.ts';
import { ageOn, needsParentalConsent } from '../domain/age.ts';
import { passwordProblem } from '../domain/password.ts';
import { accountMails } from '../mails.ts';
import { hashPassword } from '../passwords.ts';
import { hashToken, keyedHash, newToken } from '../tokens.ts';
import { SIGN_UP_POLICY } from '../domain/throttle.ts';

export interface SignUpInput {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  parent?: { name: string; email: string } | undefined;
}

export const CONFIRM_HOURS = 48;
const CONSENT_DAYS = 14;

/**
 * A person creates their own (candidate) account. The answer never says whether the address already
 * had an account: its owner gets a mail instead. Under 15, the account waits for a parent's consent.
 */
export async function signUp(ctx: AccountsContext, input: SignUpInput, clientAddress: string): Promise<{ parentalConsentRequested: boolean }> {
  const now = ctx.clock();
  // at most 10 sign-ups an hour from one client address
  const key = `signup:ip:${keyedHash(ctx.secret, clientAddress)}`;
  const policy = SIGN_UP_POLICY;
  const state = await ctx.throttle.state(key, policy, now);
  if (state.blockedUntil) {
    throw new TooManyAttemptsError('Trop de comptes créés depuis cette connexion : réessayez dans une heure.', Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000));
  }
  await ctx.throttle.fail(key, policy, now);
  const today = parisDate(now);
  const email = normaliseEmail(input.email);
  const fields: Record<string, string> = {};
  const problem = passwordProblem(input.password, { email, names: [input.givenName, input.familyName] });
  if (problem) fields.password = problem;
  if (input.birthDate > today) fields.birthDate = 'La date de naissance ne peut pas être dans le futur.';
  else if (ageOn(input.birthDate, today) > 120) fields.birthDate = 'Vérifiez l’année de naissance.';
  else if (ageOn(input.birthDate, today) < 11) fields.birthDate = 'Il faut avoir au moins 11 ans pour créer un compte.';
  const minor = !fields.birthDate && needsParentalConsent(input.birthDate, today);
  if (minor && !input.parent) {
    fields['parent.email'] = 'Vous avez moins de 15 ans : indiquez l’adresse e-mail d’un parent, qui devra donner son accord.';
  }
  if (minor && input.parent && normaliseEmail(input.parent.email) === email) {
    fields['parent.email'] = 'L’adresse du parent doit être différente de la vôtre.';
  }
  if (Object.keys(fields).length > 0) throw new InputError(fields);

  const passwordHash = await hashPassword(input.password, ctx.argon2);
  return ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) {
      await enqueueMail(tx, accountMails.accountExists(email, appLink(ctx, '/mot-de-passe-oublie')));
      return { parentalConsentRequested: minor };
    }
    const [user] = await tx
      .insert(users)
      .values({
        email,
        passwordHash,
        givenName: input.givenName.trim(),
        familyName: input.familyName.trim(),
        birthDate: input.birthDate,
        status: minor ? 'pending_consent' : 'active',
        createdAt: now,
      })
      .returning({ id: users.id });
    const userId = user!.id;
    const [membership] = await tx.insert(memberships).values({ userId, role: 'candidate', createdAt: now }).returning({ id: memberships.id });
    const who = { userId, role: 'candidate', organisationId: null };
    await recordAudit(tx, who, {
      action: 'account.created',
      objectType: 'user',
      objectId: userId,
      to: minor ? 'pending_consent' : 'active',
      fields: ['email', 'password', 'givenName', 'familyName', 'birthDate'],
    });
    await recordAudit(tx, who, { action: 'membership.created', objectType: 'membership', objectId: membership!.id, to: 'candidate' });

    const token = newToken();
    await tx.insert(oneTimeTokens).values({
      tokenHash: hashToken(token),
      userId,
      purpose: 'confirm_email',
      createdAt: now,
      expiresAt: new Date(now.getTime() + CONFIRM_HOURS * 3_600_000),
    });
    await enqueueMail(tx, accountMails.confirmEmail(email, input.givenName.trim(), appLink(ctx, '/confirmation-adresse', { jeton: token })));

    if (minor && input.parent) {
      const consentToken = newToken();
      const [consent] = await tx
        .insert(parentalConsents)
        .values({
          userId,
          parentName: input.parent.name.trim(),
          parentEmail: normaliseEmail(input.parent.email),
          tokenHash: hashToken(consentToken),
          requestedAt: now,
          expiresAt: new Date(now.getTime() + CONSENT_DAYS * 86_400_000),
        })
        .returning({ id: parentalConsents.id });
      await recordAudit(tx, who, { action: 'parental_consent.requested', objectType: 'parental_consent', objectId: consent!.id, to: 'requested' });
      await enqueueMail(
        tx,
        accountMails.parentalConsent(
          normaliseEmail(input.parent.email),
          input.parent.name.trim(),
          input.givenName.trim(),
          appLink(ctx, '/accord-parental', { jeton: consentToken }),
        ),
      );
    }
    return { parentalConsentRequested: minor };
  });
}
