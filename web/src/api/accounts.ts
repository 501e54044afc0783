import type { Account, OrganisationKind, Role } from '../session/types.ts';
import { getJson } from './client.ts';
import { apiSend } from './send.ts';

// The accounts API (src/areas/accounts/routes.ts): sign-up, sign-in, mail links, invitations,
// organisations and audit. Loaded by the account pages only.

export interface Message {
  message: string;
}

export interface SignUpInput {
  email: string;
  password: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  parent?: { name: string; email: string };
  acceptTerms: true;
}

export interface InvitationPreview {
  email: string;
  organisationName: string;
  role: Role;
  roleLabel: string;
  isAdmin: boolean;
  expiresAt: string;
  accountExists: boolean;
}

export interface InvitationRow {
  id: string;
  email: string;
  role: Role;
  isAdmin: boolean;
  createdAt: string;
  expiresAt: string;
  status: 'pending' | 'accepted' | 'revoked' | 'expired';
}

export interface MemberRow {
  id: string;
  userId: string;
  givenName: string;
  familyName: string;
  email: string;
  role: Role;
  isAdmin: boolean;
  since: string;
}

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  siret: string | null;
  nda: string | null;
  subtype: string | null;
  naf: string | null;
  regionCode: string | null;
  communeCode: string | null;
  address: string | null;
}

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  siret?: string;
  nda?: string;
  subtype?: string;
  naf?: string;
  regionCode?: string;
  communeCode?: string;
  address?: string;
}

export interface OrganisationsPage {
  total: number;
  page: number;
  pageSize: number;
  results: { id: string; kind: OrganisationKind; name: string; siret: string | null; subtype: string | null; communeCode: string | null }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  fromState: string | null;
  toState: string | null;
  motive: string | null;
  fields: string[];
}

export interface AuditPage {
  page: number;
  pageSize: number;
  hasMore: boolean;
  results: AuditEntry[];
}

export interface DemoAccounts {
  password: string;
  accounts: { email: string; name: string; roles: string[]; description: string }[];
}

export interface OidcProvider {
  id: 'franceconnect' | 'proconnect';
  label: string;
  audience: string;
}

const org = (id: string) => `/api/organisations/${encodeURIComponent(id)}`;

export const accountsApi = {
  signUp: (input: SignUpInput) => apiSend<Message & { parentalConsentRequested: boolean }>('POST', '/api/auth/sign-up', input),
  confirmEmail: (token: string) => apiSend<Message>('POST', '/api/auth/confirm-email', { token }),
  parentalConsent: (token: string) => apiSend<Message>('POST', '/api/auth/parental-consent', { token }),
  signIn: (email: string, password: string) => apiSend<Account>('POST', '/api/auth/sign-in', { email, password }),
  signOutEverywhere: () => apiSend<Message>('POST', '/api/auth/sign-out-everywhere'),
  requestPasswordReset: (email: string) => apiSend<Message>('POST', '/api/auth/password-reset/request', { email }),
  resetPassword: (token: string, password: string) => apiSend<Message>('POST', '/api/auth/password-reset', { token, password }),
  changePassword: (currentPassword: string, newPassword: string) => apiSend<Account>('POST', '/api/account/password', { currentPassword, newPassword }),

  previewInvitation: (token: string) => apiSend<InvitationPreview>('POST', '/api/invitations/preview', { token }),
  acceptInvitation: (token: string, account?: { givenName: string; familyName: string; password: string; birthDate: string }) =>
    apiSend<Account>('POST', '/api/invitations/accept', account ? { token, account } : { token }),

  organisations: (query: string, signal?: AbortSignal) => getJson<OrganisationsPage>(`/api/organisations${query ? `?${query}` : ''}`, signal),
  createOrganisation: (input: OrganisationInput) => apiSend<{ id: string }>('POST', '/api/organisations', input),
  organisation: (id: string, signal?: AbortSignal) => getJson<Organisation>(org(id), signal),
  members: (id: string, signal?: AbortSignal) => getJson<MemberRow[]>(`${org(id)}/members`, signal),
  removeMember: (id: string, membershipId: string) => apiSend<undefined>('DELETE', `${org(id)}/members/${encodeURIComponent(membershipId)}`),
  invitations: (id: string, signal?: AbortSignal) => getJson<InvitationRow[]>(`${org(id)}/invitations`, signal),
  invite: (id: string, input: { email: string; role: Role; isAdmin: boolean }) =>
    apiSend<{ id: string; expiresAt: string }>('POST', `${org(id)}/invitations`, input),
  revokeInvitation: (id: string, invitationId: string) => apiSend<undefined>('DELETE', `${org(id)}/invitations/${encodeURIComponent(invitationId)}`),

  audit: (query: string, signal?: AbortSignal) => getJson<AuditPage>(`/api/audit${query ? `?${query}` : ''}`, signal),

  demoAccounts: (signal?: AbortSignal) => getJson<DemoAccounts>('/api/auth/demo-accounts', signal),
  oidcProviders: (signal?: AbortSignal) => getJson<OidcProvider[]>('/api/auth/oidc/providers', signal),
  oidcPending: (signal?: AbortSignal) => getJson<{ provider: string; email: string }>('/api/auth/oidc/pending', signal),
  oidcLink: (password: string) => apiSend<Account>('POST', '/api/auth/oidc/link', { password }),
};

// Demo mode (the demo accounts route exists): the sign-up and reset pages then point to /dev/mails.
let demo: Promise<DemoAccounts | null> | undefined;

export function loadDemoAccounts(): Promise<DemoAccounts | null> {
  demo ??= accountsApi.demoAccounts().catch(() => null);
  return demo;
}

/** Start of the sign-in through an identity provider (a plain link: the server redirects). */
export function oidcStartHref(provider: OidcProvider['id'], returnTo: string): string {
  return `/api/auth/oidc/${provider}/start?${new URLSearchParams({ returnTo })}`;
}
