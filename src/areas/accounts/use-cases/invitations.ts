import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { invitations, memberships, organisations, users } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { parisDate } from '../../../shared/clock.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../audit/record.ts';
import { appLink, normaliseEmail, type AccountsContext } from '../context.ts';
import type { Actor } from '../domain/access.ts';
import { ageOn } from '../domain/age.ts';
import { passwordProblem } from '../domain/password.ts';
import { invitationRefusal, ROLE_LABELS, type OrganisationKind, type Role } from '../domain/roles.ts';
import { accountMails } from '../mails.ts';
import { hashPassword } from '../passwords.ts';
import { hashToken, newToken } from '../tokens.ts';
import { openSession } from './sign-in.ts';

export const INVITATION_DAYS = 7;
const GONE = 'Cette invitation n’est plus valable : elle a expiré, a été annulée ou a déjà servi. Demandez-en une nouvelle.';

/** The organisation as the actor may see it: any for the operator, their own otherwise (else not found). */
export async function visibleOrganisation(ctx: AccountsContext, actor: Actor, organisationId: string) {
  const [org] = await ctx.database.db.select().from(organisations).where(eq(organisations.id, organisationId));
  if (!org) throw new NotFoundError('Organisation');
  const m = actor.membership;
  if (m?.role !== 'operator' && m?.organisationId !== org.id) throw new NotFoundError('Organisation');
  return org;
}

export interface InviteInput {
  email: string;
  role: Role;
  isAdmin: boolean;
}

export async function invite(ctx: AccountsContext, actor: Actor, organisationId: string, input: InviteInput): Promise<{ id: string; expiresAt: Date }> {
  const org = await visibleOrganisation(ctx, actor, organisationId);
  const refusal = invitationRefusal(actor.membership, { organisationId: org.id, organisationKind: org.kind as OrganisationKind }, input.role);
  if (refusal) {
    if (refusal.startsWith('Le rôle') || refusal.startsWith('On ne peut')) throw new InputError({ role: refusal });
    throw new ForbiddenError(refusal);
  }
  const now = ctx.clock();
  const email = normaliseEmail(input.email);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
  return ctx.database.db.transaction(async (tx) => {
    const [already] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(users.email, email), eq(memberships.organisationId, org.id), eq(memberships.role, input.role), isNull(memberships.endedAt)));
    if (already) throw new InputError({ email: `Cette personne est déjà membre de « ${org.name} » avec ce rôle.` });
    const [inviter] = await tx.select({ givenName: users.givenName, familyName: users.familyName }).from(users).where(eq(users.id, actor.userId));
    const [row] = await tx
      .insert(invitations)
      .values({ email, organisationId: org.id, role: input.role, isAdmin: input.isAdmin, invitedBy: actor.userId, tokenHash: hashToken(token), createdAt: now, expiresAt })
      .returning({ id: invitations.id });
    await recordAudit(tx, auditActor(actor), { action: 'invitation.created', objectType: 'invitation', objectId: row!.id, to: 'pending', fields: ['email', 'role', 'isAdmin'] });
    await enqueueMail(
      tx,
      accountMails.invitation(email, org.name, input.role, `${inviter?.givenName ?? ''} ${inviter?.familyName ?? ''}`.trim(), appLink(ctx, '/invitation', { jeton: token }), INVITATION_DAYS),
    );
    return { id: row!.id, expiresAt };
  });
}

export async function listInvitations(ctx: AccountsContext, actor: Actor, organisationId: string) {
  const org = await visibleOrganisation(ctx, actor, organisationId);
  const rows = await ctx.database.db.select().from(invitations).where(eq(invitations.organisationId, org.id)).orderBy(desc(invitations.createdAt));
  const now = ctx.clock();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    isAdmin: r.isAdmin,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    status: r.acceptedAt ? ('accepted' as const) : r.revokedAt ? ('revoked' as const) : r.expiresAt <= now ? ('expired' as const) : ('pending' as const),
  }));
}

export async function revokeInvitation(ctx: AccountsContext, actor: Actor, organisationId: string, invitationId: string): Promise<void> {
  const org = await visibleOrganisation(ctx, actor, organisationId);
  if (actor.membership?.role !== 'operator' && !actor.membership?.isAdmin) throw new ForbiddenError('Seul·e un·e administrateur·rice peut annuler une invitation.');
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(invitations)
      .set({ revokedAt: ctx.clock() })
      .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, org.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    if (!row) throw new NotFoundError('Invitation en attente');
    await recordAudit(tx, auditActor(actor), { action: 'invitation.revoked', objectType: 'invitation', objectId: row.id, from: 'pending', to: 'revoked' });
  });
}

async function pendingInvitation(ctx: AccountsContext, token: string) {
  const [row] = await ctx.database.db
    .select({ invitation: invitations, organisationName: organisations.name })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .where(and(eq(invitations.tokenHash, hashToken(token)), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, ctx.clock())));
  if (!row) throw new InputError({ token: GONE }, GONE);
  return row;
}

/** What the invitation page shows before accepting (the link itself is the proof of the address). */
export async function previewInvitation(ctx: AccountsContext, token: string) {
  const { invitation, organisationName } = await pendingInvitation(ctx, token);
  const [account] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
  return {
    email: invitation.email,
    organisationName,
    role: invitation.role,
    roleLabel: ROLE_LABELS[invitation.role],
    isAdmin: invitation.isAdmin,
    expiresAt: invitation.expiresAt.toISOString(),
    accountExists: account !== undefined,
  };
}

export interface NewAccountInput {
  givenName: string;
  familyName: string;
  password: string;
  birthDate: string;
}

/**
 * Accepts an invitation: as the signed-in person it was sent to, or by creating the account (the link
 * proves the address). An existing account must sign in first: nothing is linked silently.
 */
export async function acceptInvitation(
  ctx: AccountsContext,
  actor: Actor | null,
  token: string,
  newAccount: NewAccountInput | undefined,
): Promise<{ membershipId: string; sessionToken: string | null }> {
  const { invitation } = await pendingInvitation(ctx, token);
  const now = ctx.clock();
  let userId: string;
  let passwordHash: string | null = null;
  if (actor) {
    const [me] = await ctx.database.db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
    if (me?.email !== invitation.email) {
      throw new ForbiddenError('Cette invitation a été envoyée à une autre adresse e-mail que celle de votre compte.');
    }
    userId = actor.userId;
  } else {
    const [existing] = await ctx.database.db.select({ id: users.id }).from(users).where(eq(users.email, invitation.email));
    if (existing) throw new ConflictError('Un compte existe déjà avec cette adresse : connectez-vous pour accepter l’invitation.', 'connexion_requise');
    if (!newAccount) throw new InputError({ givenName: 'Indiquez vos nom, prénom et mot de passe pour créer votre compte.' });
    const fields: Record<string, string> = {};
    const problem = passwordProblem(newAccount.password, { email: invitation.email, names: [newAccount.givenName, newAccount.familyName] });
    if (problem) fields.password = problem;
    const age = ageOn(newAccount.birthDate, parisDate(now));
    if (age < 15 || age > 120) fields.birthDate = 'Vérifiez la date de naissance : un compte professionnel demande d’avoir au moins 15 ans.';
    if (Object.keys(fields).length > 0) throw new InputError(fields);
    passwordHash = await hashPassword(newAccount.password, ctx.argon2);
    userId = '';
  }

  const membershipId = await ctx.database.db.transaction(async (tx) => {
    if (!actor && newAccount) {
      const [u] = await tx
        .insert(users)
        .values({
          email: invitation.email,
          emailVerifiedAt: now,
          passwordHash,
          givenName: newAccount.givenName.trim(),
          familyName: newAccount.familyName.trim(),
          birthDate: newAccount.birthDate,
          createdAt: now,
        })
        .returning({ id: users.id });
      userId = u!.id;
      await recordAudit(tx, { userId, role: null, organisationId: null }, {
        action: 'account.created',
        objectType: 'user',
        objectId: userId,
        to: 'active',
        motive: 'invitation',
        fields: ['email', 'password', 'givenName', 'familyName', 'birthDate'],
      });
    }
    const taken = await tx
      .update(invitations)
      .set({ acceptedAt: now, acceptedBy: userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (taken.length === 0) throw new InputError({ token: GONE }, GONE);
    const [existingMembership] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, invitation.organisationId), eq(memberships.role, invitation.role), isNull(memberships.endedAt)));
    if (existingMembership) throw new ConflictError('Vous êtes déjà membre de cette organisation avec ce rôle.', 'deja_membre');
    const [m] = await tx
      .insert(memberships)
      .values({ userId, organisationId: invitation.organisationId, role: invitation.role, isAdmin: invitation.isAdmin, createdAt: now })
      .returning({ id: memberships.id });
    const who = { userId, role: invitation.role, organisationId: invitation.organisationId };
    await recordAudit(tx, who, { action: 'invitation.accepted', objectType: 'invitation', objectId: invitation.id, from: 'pending', to: 'accepted' });
    await recordAudit(tx, who, { action: 'membership.created', objectType: 'membership', objectId: m!.id, to: invitation.role, fields: invitation.isAdmin ? ['isAdmin'] : [] });
    return m!.id;
  });
  if (actor) {
    await ctx.sessions.setMembership(actor.sessionId, membershipId);
    return { membershipId, sessionToken: null };
  }
  return { membershipId, sessionToken: await openSession(ctx, userId, 'invitation') };
}
