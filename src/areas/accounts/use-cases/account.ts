import { eq } from 'drizzle-orm';
import { users } from '../../../db/schema/index.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import type { AccountsContext } from '../context.ts';
import type { Actor } from '../domain/access.ts';
import type { Membership } from '../domain/roles.ts';
import { activeMemberships } from '../session-store.ts';

export interface AccountView {
  user: { id: string; email: string; givenName: string; familyName: string; emailVerified: boolean; hasPassword: boolean };
  memberships: Membership[];
  activeMembershipId: string | null;
  csrfToken: string;
}

/** The signed-in person as the web app shows them: who, with which roles, acting as which. */
export async function currentAccount(ctx: AccountsContext, actor: Actor): Promise<AccountView> {
  const [user] = await ctx.database.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new NotFoundError('Compte');
  return {
    user: {
      id: user.id,
      email: user.email,
      givenName: user.givenName,
      familyName: user.familyName,
      emailVerified: user.emailVerifiedAt !== null,
      hasPassword: user.passwordHash !== null,
    },
    memberships: await activeMemberships(ctx.database, actor.userId),
    activeMembershipId: actor.membership?.id ?? null,
    csrfToken: actor.csrfToken,
  };
}

/** The header's switcher: act with another of one's own memberships (another's is not found). */
export async function switchMembership(ctx: AccountsContext, actor: Actor, membershipId: string): Promise<Membership> {
  const mine = await activeMemberships(ctx.database, actor.userId);
  const target = mine.find((m) => m.id === membershipId);
  if (!target) throw new NotFoundError('Rattachement');
  await ctx.sessions.setMembership(actor.sessionId, target.id);
  return target;
}
