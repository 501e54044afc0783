import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { identities, memberships, users } from '../../../db/schema/index.ts';
import { parisDate } from '../../../shared/clock.ts';
import { ConflictError, InputError } from '../../../shared/errors.ts';
import { recordAudit, type AuditActor } from '../audit/record.ts';
import { normaliseEmail, type AccountsContext } from '../context.ts';
import { needsParentalConsent } from '../domain/age.ts';
import { activeMemberships } from '../session-store.ts';
import { hashToken } from '../tokens.ts';
import { openSession, signInWithPassword } from '../use-cases/sign-in.ts';
import type { OidcProfile } from './claims.ts';
import type { OidcProviderId } from './providers.ts';

/** An identity waiting to be linked to the account that has its e-mail (kept sealed in the browser). */
export interface PendingLink {
  provider: OidcProviderId;
  subject: string;
  email: string;
}

/** Why a provider's identity cannot sign in; the value goes to `/connexion?erreur=oidc&motif=…`. */
export type RefusalReason = 'adresse-manquante' | 'adresse-non-verifiee' | 'moins-de-15-ans' | 'compte-inactif';

export type IdentityOutcome =
  | { kind: 'signed-in'; token: string; userId: string; created: boolean }
  | { kind: 'link-needed'; pending: PendingLink }
  | { kind: 'refused'; reason: RefusalReason };

async function auditActorOf(ctx: AccountsContext, userId: string): Promise<AuditActor & { userId: string }> {
  const [first] = await activeMemberships(ctx.database, userId);
  return { userId, role: first?.role ?? null, organisationId: first?.organisationId ?? null };
}

/** Inserts the identity row and its audit row; false when the identity is already someone's. */
async function insertIdentity(tx: Tx, who: AuditActor & { userId: string }, provider: OidcProviderId, subject: string, now: Date): Promise<boolean> {
  const [row] = await tx
    .insert(identities)
    .values({ userId: who.userId, provider, subject, createdAt: now })
    .onConflictDoNothing({ target: [identities.provider, identities.subject] })
    .returning({ id: identities.id });
  if (!row) return false;
  await recordAudit(tx, who, { action: 'identity.linked', objectType: 'identity', objectId: row.id, motive: provider });
  return true;
}

/**
 * A person comes back from FranceConnect or ProConnect with a validated identity:
 *  (a) the identity is linked to an account → a session opens;
 *  (b) no link, but an account has the same e-mail → nothing is linked silently: the person must
 *      prove they own that account (its password) first;
 *  (c) no account → one is created from the claims (FranceConnect: a candidate; ProConnect: an
 *      account without role, until an organisation invites it), the identity linked, a session opened.
 * An address the provider has not verified is never used to find nor to create an account.
 */
export async function signInWithIdentity(ctx: AccountsContext, profile: OidcProfile): Promise<IdentityOutcome> {
  const { provider, subject } = profile;
  const [linked] = await ctx.database.db
    .select({ userId: users.id, status: users.status })
    .from(identities)
    .innerJoin(users, eq(users.id, identities.userId))
    .where(and(eq(identities.provider, provider), eq(identities.subject, subject)));
  if (linked) {
    if (linked.status !== 'active') return { kind: 'refused', reason: 'compte-inactif' };
    return { kind: 'signed-in', token: await openSession(ctx, linked.userId, provider), userId: linked.userId, created: false };
  }
  if (!profile.email) return { kind: 'refused', reason: 'adresse-manquante' };
  if (!profile.emailVerified) return { kind: 'refused', reason: 'adresse-non-verifiee' };
  const email = normaliseEmail(profile.email);
  const linkNeeded: IdentityOutcome = { kind: 'link-needed', pending: { provider, subject, email } };
  const [existing] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) return linkNeeded;

  const now = ctx.clock();
  if (provider === 'franceconnect' && profile.birthDate && needsParentalConsent(profile.birthDate, parisDate(now))) {
    // under 15 the account needs a parent's consent: the sign-up form asks for it
    return { kind: 'refused', reason: 'moins-de-15-ans' };
  }
  const userId = await ctx.database.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email,
        emailVerifiedAt: now,
        passwordHash: null,
        givenName: profile.givenName,
        familyName: profile.familyName,
        birthDate: profile.birthDate,
        status: 'active',
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    // the same address was just taken (another tab, another sign-up): same as (b)
    if (!user) return null;
    const who = { userId: user.id, role: provider === 'franceconnect' ? 'candidate' : null, organisationId: null };
    await recordAudit(tx, who, {
      action: 'account.created',
      objectType: 'user',
      objectId: user.id,
      to: 'active',
      motive: provider,
      fields: ['email', 'givenName', 'familyName', ...(profile.birthDate ? ['birthDate'] : [])],
    });
    if (provider === 'franceconnect') {
      const [membership] = await tx.insert(memberships).values({ userId: user.id, role: 'candidate', createdAt: now }).returning({ id: memberships.id });
      await recordAudit(tx, who, { action: 'membership.created', objectType: 'membership', objectId: membership!.id, to: 'candidate' });
    }
    if (!(await insertIdentity(tx, who, provider, subject, now))) {
      // linked meanwhile by a concurrent callback: undo this account
      throw new ConflictError('Cette identité vient d’être liée à un compte : reconnectez-vous.', 'identite_deja_liee');
    }
    return user.id;
  });
  if (!userId) return linkNeeded;
  return { kind: 'signed-in', token: await openSession(ctx, userId, provider), userId, created: true };
}

/**
 * Case (b), second step: the person types the password of the account with the identity's e-mail
 * (the throttled sign-in checks it); the identity is then linked and the session is that sign-in's.
 */
export async function linkPendingIdentity(ctx: AccountsContext, pending: PendingLink, password: string, clientAddress: string): Promise<{ token: string; userId: string }> {
  let signedIn: { token: string; userId: string };
  try {
    signedIn = await signInWithPassword(ctx, pending.email, password, clientAddress);
  } catch (err) {
    if (err instanceof InputError) throw new InputError({ password: 'Mot de passe incorrect.' }, 'Mot de passe incorrect.');
    throw err;
  }
  const who = await auditActorOf(ctx, signedIn.userId);
  const linked = await ctx.database.db.transaction(async (tx) => {
    if (await insertIdentity(tx, who, pending.provider, pending.subject, ctx.clock())) return true;
    // already linked: fine if to this very account (a second click), refused otherwise
    const [row] = await tx
      .select({ userId: identities.userId })
      .from(identities)
      .where(and(eq(identities.provider, pending.provider), eq(identities.subject, pending.subject)));
    return row?.userId === signedIn.userId;
  });
  if (!linked) {
    await ctx.sessions.destroy(hashToken(signedIn.token));
    throw new ConflictError('Cette identité est déjà liée à un autre compte Fabriques.', 'identite_deja_liee');
  }
  return signedIn;
}
