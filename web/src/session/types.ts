// Types of the accounts API (src/areas/accounts/http-schemas.ts), and their French labels.

export type Role = 'candidate' | 'prescriber' | 'provider' | 'employer' | 'reviewer' | 'funder' | 'operator';
export type OrganisationKind = 'provider' | 'prescriber' | 'employer' | 'funder' | 'operator';

export interface Membership {
  id: string;
  role: Role;
  organisationId: string | null;
  organisationKind: OrganisationKind | null;
  organisationName: string | null;
  isAdmin: boolean;
}

export interface Account {
  user: { id: string; email: string; givenName: string; familyName: string; emailVerified: boolean; hasPassword: boolean };
  memberships: Membership[];
  activeMembershipId: string | null;
  csrfToken: string;
}

export const ROLE_LABELS: Record<Role, string> = {
  candidate: 'Candidat·e',
  prescriber: 'Prescripteur·rice',
  provider: 'Organisme de formation',
  employer: 'Employeur',
  reviewer: 'Instructeur·rice',
  funder: 'Financeur',
  operator: 'Opérateur (GIP)',
};

/** "Rôle — Organisation", as the header's switcher and the account page show a membership. */
export function membershipLabel(m: Membership): string {
  return m.organisationName ? `${ROLE_LABELS[m.role]} — ${m.organisationName}` : ROLE_LABELS[m.role];
}

export function activeMembership(account: Account | null): Membership | null {
  if (!account) return null;
  return account.memberships.find((m) => m.id === account.activeMembershipId) ?? null;
}

export function fullName(account: Account): string {
  return `${account.user.givenName} ${account.user.familyName}`.trim();
}
