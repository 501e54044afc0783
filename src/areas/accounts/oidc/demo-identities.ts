import { createHash } from 'node:crypto';
import { DEMO_ACCOUNTS, DEMO_ORGANISATIONS } from '../../../seed/demo-accounts.ts';
import type { OidcProviderId } from './providers.ts';

/** A person the embedded local identity provider can authenticate (demo mode and tests only). */
export interface DemoIdentity {
  /** `sub`: stable across restarts, derived from the provider and the address */
  subject: string;
  email: string;
  givenName: string;
  familyName: string;
  /** FranceConnect */
  birthDate?: string;
  /** ProConnect: the agent's id at their organisation and its establishment */
  uid?: string;
  siret?: string;
  /** what choosing this identity shows in the demo, in French */
  note: string;
}

const subjectOf = (provider: OidcProviderId, email: string) =>
  createHash('sha256').update(`fabriques-demo:${provider}:${email}`).digest('hex').slice(0, provider === 'franceconnect' ? 64 : 32);

const demoCandidate = DEMO_ACCOUNTS.find((a) => a.memberships.some((m) => m.role === 'candidate'))!;

/** FranceConnect: the demo candidate (who has a Fabriques account) and two citizens who have none. */
const FRANCECONNECT: Omit<DemoIdentity, 'subject'>[] = [
  {
    email: demoCandidate.email,
    givenName: demoCandidate.givenName,
    familyName: demoCandidate.familyName,
    birthDate: '1990-05-17',
    note: 'A déjà un compte Fabriques avec cette adresse : la première fois, son mot de passe lui est demandé pour lier les deux.',
  },
  { email: 'lucas.bernard@exemple.fr', givenName: 'Lucas', familyName: 'Bernard', birthDate: '2003-09-12', note: 'N’a pas encore de compte Fabriques : il est créé à la connexion.' },
  { email: 'ines.moreau@exemple.fr', givenName: 'Inès', familyName: 'Moreau', birthDate: '1998-02-27', note: 'N’a pas encore de compte Fabriques : il est créé à la connexion.' },
];

/** Fake but well-formed SIRETs (valid Luhn) for the demo organisations. */
const SIRETS: Record<string, string> = {
  'operateur@demo.fabriques.fr': '13001234500018',
  'instructeur@demo.fabriques.fr': '13001234500018',
  'financeur@demo.fabriques.fr': '20690000100010',
  'formation@demo.fabriques.fr': '78234567800018',
  'prescriptrice@demo.fabriques.fr': '44123456700010',
  'employeur@demo.fabriques.fr': DEMO_ORGANISATIONS.employer.siret,
};

/** ProConnect: the professional demo accounts, and one professional without an account yet. */
const PROCONNECT: Omit<DemoIdentity, 'subject'>[] = [
  ...DEMO_ACCOUNTS.filter((a) => !a.memberships.some((m) => m.role === 'candidate')).map((a) => ({
    email: a.email,
    givenName: a.givenName,
    familyName: a.familyName,
    uid: a.email.split('@')[0]!,
    siret: SIRETS[a.email] ?? '50123456700011',
    note: `${a.description}. La première fois, son mot de passe Fabriques lui est demandé pour lier les deux.`,
  })),
  {
    email: 'nadia.haddad@exemple.fr',
    givenName: 'Nadia',
    familyName: 'Haddad',
    uid: 'nhaddad',
    siret: '50123456700011',
    note: 'Conseillère sans compte Fabriques : le compte est créé, puis elle demande une invitation à son organisation.',
  },
];

export const DEMO_IDENTITIES: Record<OidcProviderId, DemoIdentity[]> = {
  franceconnect: FRANCECONNECT.map((i) => ({ ...i, subject: subjectOf('franceconnect', i.email) })),
  proconnect: PROCONNECT.map((i) => ({ ...i, subject: subjectOf('proconnect', i.email) })),
};

/** The claims the provider releases for an identity (it filters them by the granted scopes). */
export function claimsOf(provider: OidcProviderId, who: DemoIdentity): Record<string, unknown> {
  const common = { sub: who.subject, email: who.email, email_verified: true, given_name: who.givenName, family_name: who.familyName };
  return provider === 'franceconnect' ? { ...common, birthdate: who.birthDate } : { ...common, usual_name: who.familyName, uid: who.uid, siret: who.siret };
}
