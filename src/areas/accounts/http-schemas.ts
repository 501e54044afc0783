import { z } from 'zod';
import { ROLES } from './domain/roles.ts';
import { FUNDER_TYPES, PRESCRIBER_TYPES } from './domain/organisation.ts';

export const errorSchema = z.object({ error: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() });
export const messageSchema = z.object({ message: z.string() });

const email = z.string().trim().max(254, 'Adresse trop longue.').email('Adresse e-mail invalide.');
const name = (what: string) => z.string().trim().min(1, `Indiquez votre ${what}.`).max(100, `Votre ${what} est trop long.`);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.').refine((s) => !Number.isNaN(Date.parse(s)), 'Date invalide.');
const password = z.string().max(200, 'Le mot de passe ne peut pas dépasser 200 caractères.');
export const tokenSchema = z.string().min(10, 'Lien incomplet.').max(100, 'Lien invalide.');

export const signUpBody = z.object({
  email,
  password,
  givenName: name('prénom'),
  familyName: name('nom'),
  birthDate: isoDate,
  parent: z.object({ name: z.string().trim().min(1, 'Indiquez le nom du parent.').max(200), email }).optional(),
  acceptTerms: z.literal(true, 'Vous devez accepter les conditions d’utilisation.'),
});

export const signInBody = z.object({ email: z.string().trim().max(254, 'Adresse trop longue.').min(1, 'Indiquez votre adresse e-mail.'), password: password.min(1, 'Indiquez votre mot de passe.') });
export const tokenBody = z.object({ token: tokenSchema });
export const resetRequestBody = z.object({ email });
export const resetBody = z.object({ token: tokenSchema, password });
export const changePasswordBody = z.object({ currentPassword: password.min(1, 'Indiquez votre mot de passe actuel.'), newPassword: password });
export const switchBody = z.object({ membershipId: z.string().uuid('Rattachement invalide.') });

export const membershipSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  organisationId: z.string().nullable(),
  organisationKind: z.string().nullable(),
  organisationName: z.string().nullable(),
  isAdmin: z.boolean(),
});

export const accountSchema = z.object({
  user: z.object({ id: z.string(), email: z.string(), givenName: z.string(), familyName: z.string(), emailVerified: z.boolean(), hasPassword: z.boolean() }),
  memberships: z.array(membershipSchema),
  activeMembershipId: z.string().nullable(),
  csrfToken: z.string(),
});

export const uuidParam = (label: string) => z.string().uuid(`${label} invalide.`);
export const orgParams = z.object({ id: uuidParam('Identifiant d’organisation') });

export const inviteBody = z.object({ email, role: z.enum(ROLES, 'Rôle inconnu.'), isAdmin: z.boolean().default(false) });
export const acceptBody = z.object({
  token: tokenSchema,
  account: z.object({ givenName: name('prénom'), familyName: name('nom'), password, birthDate: isoDate }).optional(),
});
export const invitationPreview = z.object({
  email: z.string(),
  organisationName: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  isAdmin: z.boolean(),
  expiresAt: z.string(),
  accountExists: z.boolean(),
});
export const invitationRow = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  isAdmin: z.boolean(),
  createdAt: z.string(),
  expiresAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
});

const kinds = ['provider', 'prescriber', 'employer', 'funder', 'operator'] as const;
export const organisationBody = z.object({
  kind: z.enum(kinds, 'Type d’organisation inconnu.'),
  name: z.string().trim().min(2, 'Indiquez le nom de l’organisation.').max(200, 'Nom trop long.'),
  siret: z.string().max(20, 'Le SIRET compte 14 chiffres.').optional(),
  nda: z.string().max(20, 'Le numéro de déclaration d’activité compte 11 chiffres.').optional(),
  subtype: z.enum([...PRESCRIBER_TYPES, ...FUNDER_TYPES], 'Type inconnu.').optional(),
  naf: z.string().max(10, 'Le code NAF s’écrit comme 62.01Z.').optional(),
  regionCode: z.string().max(3, 'Code région invalide.').optional(),
  communeCode: z.string().max(5, 'Code commune invalide.').optional(),
  address: z.string().max(300, 'Adresse trop longue.').optional(),
});
export const organisationSchema = z.object({
  id: z.string(),
  kind: z.enum(kinds),
  name: z.string(),
  siret: z.string().nullable(),
  nda: z.string().nullable(),
  subtype: z.string().nullable(),
  naf: z.string().nullable(),
  regionCode: z.string().nullable(),
  communeCode: z.string().nullable(),
  address: z.string().nullable(),
});
const page = z.coerce.number().int('La page est un entier.').min(1, 'La page commence à 1.').max(10_000, 'Page trop grande.').default(1);
export const organisationsQuery = z.object({
  kind: z.enum(kinds, 'Type d’organisation inconnu.').optional(),
  name: z.string().max(100, 'Recherche trop longue.').optional(),
  page,
  pageSize: z.coerce.number().int().min(1).max(100, 'Au plus 100 par page.').default(20),
});
export const organisationsList = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  results: z.array(z.object({ id: z.string(), kind: z.string(), name: z.string(), siret: z.string().nullable(), subtype: z.string().nullable(), communeCode: z.string().nullable() })),
});
export const memberRow = z.object({
  id: z.string(),
  userId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  isAdmin: z.boolean(),
  since: z.string(),
});

export const auditQuery = z.object({
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  objectId: z.string().max(100).optional(),
  actorUserId: z.string().uuid('Identifiant de personne invalide.').optional(),
  organisationId: z.string().uuid('Identifiant d’organisation invalide.').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page,
  pageSize: z.coerce.number().int().min(1).max(200, 'Au plus 200 par page.').default(50),
});
export const auditPage = z.object({
  page: z.number(),
  pageSize: z.number(),
  hasMore: z.boolean(),
  results: z.array(
    z.object({
      id: z.number(),
      at: z.string(),
      actorUserId: z.string().nullable(),
      actorRole: z.string().nullable(),
      actorOrganisationId: z.string().nullable(),
      action: z.string(),
      objectType: z.string(),
      objectId: z.string(),
      fromState: z.string().nullable(),
      toState: z.string().nullable(),
      motive: z.string().nullable(),
      fields: z.array(z.string()),
    }),
  ),
});
