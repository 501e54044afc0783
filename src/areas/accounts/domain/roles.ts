import { ROLES } from '../../../db/schema/accounts.ts';

export { ROLES };
export type Role = (typeof ROLES)[number];
export type OrganisationKind = 'provider' | 'prescriber' | 'employer' | 'funder' | 'operator';

export const ROLE_LABELS: Record<Role, string> = {
  candidate: 'Candidat·e',
  prescriber: 'Prescripteur·rice',
  provider: 'Organisme de formation',
  employer: 'Employeur',
  reviewer: 'Instructeur·rice',
  funder: 'Financeur',
  operator: 'Opérateur (GIP)',
};

/** The kind of organisation each role acts for (candidates act for themselves). */
export const ORGANISATION_KIND_OF_ROLE: Record<Role, OrganisationKind | null> = {
  candidate: null,
  prescriber: 'prescriber',
  provider: 'provider',
  employer: 'employer',
  reviewer: 'operator',
  funder: 'funder',
  operator: 'operator',
};

/** Roles the operator invites itself; other organisations' admins invite their own colleagues. */
const INVITED_BY_OPERATOR_ONLY: readonly Role[] = ['reviewer', 'funder', 'operator'];

export interface Membership {
  id: string;
  role: Role;
  organisationId: string | null;
  organisationKind: OrganisationKind | null;
  organisationName: string | null;
  isAdmin: boolean;
}

/**
 * Who may invite whom: the operator invites anyone into an organisation of the matching kind; an
 * organisation's admin invites colleagues into that organisation with the same role. Returns the
 * reason in French when refused.
 */
export function invitationRefusal(
  inviter: Membership | null,
  target: { organisationId: string; organisationKind: OrganisationKind },
  role: Role,
): string | null {
  if (role === 'candidate') return 'On ne peut pas inviter un·e candidat·e : les candidat·es créent leur compte eux-mêmes.';
  if (ORGANISATION_KIND_OF_ROLE[role] !== target.organisationKind) {
    return `Le rôle « ${ROLE_LABELS[role]} » n’existe pas dans ce type d’organisation.`;
  }
  if (!inviter) return 'Choisissez d’abord l’organisation pour laquelle vous agissez.';
  if (inviter.role === 'operator') return null;
  if (INVITED_BY_OPERATOR_ONLY.includes(role)) return 'Seul l’opérateur peut inviter des instructeurs, des financeurs ou des opérateurs.';
  if (inviter.organisationId !== target.organisationId || !inviter.isAdmin || inviter.role !== role) {
    return 'Seul·e un·e administrateur·rice de cette organisation peut y inviter des collègues.';
  }
  return null;
}
