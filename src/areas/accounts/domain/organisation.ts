import { compactSiret, isValidSiret } from './siret.ts';
import type { OrganisationKind } from './roles.ts';

export const PRESCRIBER_TYPES = ['mission_locale', 'france_travail', 'cap_emploi', 'association', 'e2c', 'epide'] as const;
export const FUNDER_TYPES = ['region', 'state', 'private'] as const;

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  provider: 'Organisme de formation',
  prescriber: 'Prescripteur',
  employer: 'Employeur',
  funder: 'Financeur',
  operator: 'Opérateur',
};

export interface OrganisationInput {
  kind: OrganisationKind;
  name: string;
  siret?: string | undefined;
  nda?: string | undefined;
  subtype?: string | undefined;
  naf?: string | undefined;
  regionCode?: string | undefined;
  communeCode?: string | undefined;
  address?: string | undefined;
}

export interface OrganisationFacts {
  communeExists(code: string): boolean;
  regionExists(code: string): boolean;
}

/**
 * The rules of each kind of organisation (DOMAIN.md): providers have a valid SIRET and an NDA and sit in
 * a real commune; employers a SIRET and a NAF code; prescribers and funders their type; a regional
 * funder its région. Returns the normalised organisation, or the French message of each field at fault.
 */
export function checkOrganisation(
  input: OrganisationInput,
  facts: OrganisationFacts,
): { ok: true; value: OrganisationInput } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const value: OrganisationInput = { ...input, name: input.name.trim() };
  if (value.name.length < 2) fields.name = 'Indiquez le nom de l’organisation.';
  if (input.siret !== undefined && input.siret !== '') {
    const siret = compactSiret(input.siret);
    if (!/^[0-9]{14}$/.test(siret)) fields.siret = 'Le SIRET compte 14 chiffres.';
    else if (!isValidSiret(siret)) fields.siret = 'Ce SIRET n’est pas valide (clé de contrôle incorrecte) : vérifiez-le sur votre avis de situation Sirene.';
    value.siret = siret;
  } else {
    value.siret = undefined;
    if (input.kind === 'provider' || input.kind === 'employer') fields.siret = 'Le SIRET est obligatoire.';
  }
  if (input.kind === 'provider') {
    const nda = (input.nda ?? '').replace(/\s/g, '');
    if (!/^[0-9]{11}$/.test(nda)) fields.nda = 'Le numéro de déclaration d’activité compte 11 chiffres.';
    value.nda = nda;
  } else value.nda = undefined;
  if (input.kind === 'prescriber' && !PRESCRIBER_TYPES.includes(input.subtype as never)) {
    fields.subtype = 'Choisissez le type de prescripteur (Mission locale, France Travail, Cap emploi, association, E2C, EPIDE).';
  }
  if (input.kind === 'funder' && !FUNDER_TYPES.includes(input.subtype as never)) {
    fields.subtype = 'Choisissez le type de financeur (région, service de l’État, mécène privé).';
  }
  if (input.kind !== 'prescriber' && input.kind !== 'funder') value.subtype = undefined;
  if (input.kind === 'employer') {
    const naf = (input.naf ?? '').trim().toUpperCase();
    if (!/^[0-9]{2}\.[0-9]{2}[A-Z]$/.test(naf)) fields.naf = 'Le code NAF s’écrit comme 62.01Z.';
    value.naf = naf;
  } else value.naf = undefined;
  if (input.kind === 'funder' && input.subtype === 'region') {
    if (!input.regionCode || !facts.regionExists(input.regionCode)) fields.regionCode = 'Choisissez la région financeuse.';
  } else value.regionCode = undefined;
  if (input.communeCode) {
    if (!facts.communeExists(input.communeCode)) fields.communeCode = 'Ce code commune (INSEE) n’existe pas.';
  } else if (input.kind === 'provider') fields.communeCode = 'Indiquez la commune du siège (code INSEE).';
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, value };
}
