import type { Tx } from '../db/client.ts';
import { memberships, organisations, users } from '../db/schema/index.ts';
import type { Role } from '../areas/accounts/domain/roles.ts';
import type { OrganisationRow } from './generate.ts';

/** The one password of every demo account (demo mode only; shown on the sign-in page and in the README). */
export const DEMO_PASSWORD = 'demo-fabriques-2026';

export interface DemoAccount {
  email: string;
  givenName: string;
  familyName: string;
  /** what the account shows in a demo, in French */
  description: string;
  memberships: { role: Role; organisation: 'operator' | 'funder' | 'prescriber' | 'employer' | 'provider1' | 'provider2' | null; isAdmin: boolean }[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'operateur@demo.fabriques.fr', givenName: 'Odile', familyName: 'Perrin', description: 'Opératrice du GIP : appels, décisions, invitations, journal d’audit', memberships: [{ role: 'operator', organisation: 'operator', isAdmin: true }] },
  { email: 'instructeur@demo.fabriques.fr', givenName: 'Idriss', familyName: 'Nguyen', description: 'Instructeur : évalue les dossiers qui lui sont confiés', memberships: [{ role: 'reviewer', organisation: 'operator', isAdmin: false }] },
  { email: 'financeur@demo.fabriques.fr', givenName: 'Françoise', familyName: 'Lemoine', description: 'Financeur : Région Auvergne-Rhône-Alpes', memberships: [{ role: 'funder', organisation: 'funder', isAdmin: true }] },
  { email: 'formation@demo.fabriques.fr', givenName: 'Farid', familyName: 'Benali', description: 'Organisme de formation : administrateur d’une fabrique, membre d’une seconde', memberships: [{ role: 'provider', organisation: 'provider1', isAdmin: true }, { role: 'provider', organisation: 'provider2', isAdmin: false }] },
  { email: 'prescriptrice@demo.fabriques.fr', givenName: 'Paola', familyName: 'Martin', description: 'Prescriptrice : Mission locale de Lyon', memberships: [{ role: 'prescriber', organisation: 'prescriber', isAdmin: true }] },
  { email: 'employeur@demo.fabriques.fr', givenName: 'Émile', familyName: 'Roux', description: 'Employeur : entreprise du numérique partenaire', memberships: [{ role: 'employer', organisation: 'employer', isAdmin: true }] },
  { email: 'candidate@demo.fabriques.fr', givenName: 'Camille', familyName: 'Diallo', description: 'Candidate : cherche une formation, candidate, suit ses vœux', memberships: [{ role: 'candidate', organisation: null, isAdmin: false }] },
];

/** The organisations the demo accounts act for, beside the generated providers. */
export const DEMO_ORGANISATIONS = {
  operator: { kind: 'operator' as const, name: 'GIP Grande École du Numérique', communeCode: '75056' },
  funder: { kind: 'funder' as const, name: 'Région Auvergne-Rhône-Alpes', subtype: 'region', regionCode: '84', communeCode: '69123' },
  prescriber: { kind: 'prescriber' as const, name: 'Mission locale de Lyon', subtype: 'mission_locale', communeCode: '69123' },
  employer: { kind: 'employer' as const, name: 'Numérique Rhône SAS', siret: '73282932000074', naf: '62.01Z', communeCode: '69266' },
};

/** Inserts the demo accounts and their organisations (inside the seed's transaction). */
export async function insertDemoAccounts(tx: Tx, providers: OrganisationRow[], passwordHash: string): Promise<{ organisations: number; accounts: number }> {
  const orgIds: Record<string, string> = {};
  for (const [key, org] of Object.entries(DEMO_ORGANISATIONS)) {
    const [row] = await tx.insert(organisations).values(org).returning({ id: organisations.id });
    orgIds[key] = row!.id;
  }
  const [p1, p2] = providers.filter((o) => o.kind === 'provider');
  if (p1) orgIds.provider1 = p1.id;
  if (p2) orgIds.provider2 = p2.id;
  const now = new Date();
  for (const a of DEMO_ACCOUNTS) {
    const [u] = await tx
      .insert(users)
      .values({ email: a.email, emailVerifiedAt: now, passwordHash, givenName: a.givenName, familyName: a.familyName, birthDate: '1990-05-17' })
      .returning({ id: users.id });
    for (const m of a.memberships) {
      const organisationId = m.organisation ? orgIds[m.organisation] : null;
      if (m.organisation && !organisationId) continue;
      await tx.insert(memberships).values({ userId: u!.id, organisationId: organisationId ?? null, role: m.role, isAdmin: m.isAdmin });
    }
  }
  return { organisations: Object.keys(DEMO_ORGANISATIONS).length, accounts: DEMO_ACCOUNTS.length };
}
