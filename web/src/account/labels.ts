import type { InvitationRow } from '../api/accounts.ts';
import type { Membership, OrganisationKind, Role } from '../session/types.ts';

export const KIND_LABELS: Record<OrganisationKind, string> = {
  provider: 'Organisme de formation',
  prescriber: 'Prescripteur',
  employer: 'Employeur',
  funder: 'Financeur',
  operator: 'Opérateur',
};

export const PRESCRIBER_TYPES: Record<string, string> = {
  mission_locale: 'Mission locale',
  france_travail: 'France Travail',
  cap_emploi: 'Cap emploi',
  association: 'Association',
  e2c: 'École de la deuxième chance (E2C)',
  epide: 'EPIDE',
};

export const FUNDER_TYPES: Record<string, string> = {
  region: 'Région',
  state: 'Service de l’État',
  private: 'Mécène privé',
};

export const INVITATION_STATUS_LABELS: Record<InvitationRow['status'], string> = {
  pending: 'En attente',
  accepted: 'Acceptée',
  revoked: 'Annulée',
  expired: 'Expirée',
};

export const AUDIT_ACTIONS: Record<string, string> = {
  'account.created': 'Compte créé',
  'account.email_confirmed': 'Adresse e-mail confirmée',
  'account.activated': 'Compte activé',
  'parental_consent.requested': 'Accord parental demandé',
  'parental_consent.given': 'Accord parental donné',
  'session.signed_in': 'Connexion',
  'session.signed_out_everywhere': 'Déconnexion de tous les appareils',
  'password.changed': 'Mot de passe changé',
  'password.reset_requested': 'Réinitialisation du mot de passe demandée',
  'password.reset': 'Mot de passe réinitialisé',
  'organisation.created': 'Organisation créée',
  'invitation.created': 'Invitation envoyée',
  'invitation.accepted': 'Invitation acceptée',
  'invitation.revoked': 'Invitation annulée',
  'membership.created': 'Rattachement créé',
  'membership.ended': 'Rattachement terminé',
};

export const AUDIT_OBJECT_TYPES: Record<string, string> = {
  user: 'Compte',
  organisation: 'Organisation',
  membership: 'Rattachement',
  invitation: 'Invitation',
  parental_consent: 'Accord parental',
};

/** The kind of organisation each role acts for (src/areas/accounts/domain/roles.ts). */
const KIND_OF_ROLE: Record<Role, OrganisationKind | null> = {
  candidate: null,
  prescriber: 'prescriber',
  provider: 'provider',
  employer: 'employer',
  reviewer: 'operator',
  funder: 'funder',
  operator: 'operator',
};
const INVITED_BY_OPERATOR_ONLY: Role[] = ['reviewer', 'funder', 'operator'];

/** The roles the acting person may offer in an invitation to this organisation (the server decides in the end). */
export function invitableRoles(actor: Membership | null, organisation: { id: string; kind: OrganisationKind }): Role[] {
  if (!actor) return [];
  const ofKind = (Object.keys(KIND_OF_ROLE) as Role[]).filter((r) => KIND_OF_ROLE[r] === organisation.kind);
  if (actor.role === 'operator') return ofKind;
  if (!actor.isAdmin || actor.organisationId !== organisation.id || INVITED_BY_OPERATOR_ONLY.includes(actor.role)) return [];
  return ofKind.filter((r) => r === actor.role);
}

/** Who manages an organisation's members and invitations: the operator, and the organisation's admins. */
export function managesOrganisation(actor: Membership | null, organisationId: string): boolean {
  return actor?.role === 'operator' || (actor?.isAdmin === true && actor.organisationId === organisationId);
}

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });
const DATE = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' });

/** "29 novembre 2025 à 09:05" (Paris time) */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_TIME.format(d);
}

/** "29 novembre 2025" (Paris time) of a timestamp */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE.format(d);
}

/** Today in the visitor's time zone, YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Age in whole years on a date (both YYYY-MM-DD); null for an incomplete date. */
export function ageOn(birthDate: string, onDate: string): number | null {
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate);
  const t = /^(\d{4})-(\d{2})-(\d{2})$/.exec(onDate);
  if (!b || !t) return null;
  const [by, bm, bd] = [Number(b[1]), Number(b[2]), Number(b[3])];
  const [y, m, d] = [Number(t[1]), Number(t[2]), Number(t[3])];
  if (by < 1900) return null;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Under 15, signing up needs a parent's consent. */
export const DIGITAL_MAJORITY = 15;

/** Only a path of this site, never the sign-in pages themselves: where to go after signing in. */
export function safeReturnPath(value: string | null): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || /^\/(api|geo|dsfr|assets|dev)(\/|$)/.test(value)) return null;
  if (/^\/(connexion|inscription|mot-de-passe-oublie|nouveau-mot-de-passe)(\?|$)/.test(value)) return null;
  return value;
}
