import type { Membership, Role } from './roles.ts';

/**
 * What every route declares (deny by default: a route without a declaration is refused at start):
 * - 'public': anyone, signed in or not;
 * - 'signed-in': any signed-in person, whatever their role (their own account);
 * - { roles }: a signed-in person acting with one of these roles. Object-level rules (which
 *   organisation's objects) are checked by the service, and an object of another organisation is
 *   answered as not found.
 */
export type Access = 'public' | 'signed-in' | { readonly roles: readonly Role[] };

export interface Actor {
  userId: string;
  /** the hash of the session token */
  sessionId: string;
  csrfToken: string;
  membership: Membership | null;
}

export type Decision = 'allow' | 'unauthenticated' | 'forbidden';

export function decide(access: Access, actor: Actor | null): Decision {
  if (access === 'public') return 'allow';
  if (!actor) return 'unauthenticated';
  if (access === 'signed-in') return 'allow';
  return actor.membership && access.roles.includes(actor.membership.role) ? 'allow' : 'forbidden';
}

export function describeAccess(access: Access): string {
  if (access === 'public') return 'public';
  if (access === 'signed-in') return 'signed-in';
  return access.roles.join(',');
}
