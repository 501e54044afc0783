import { z } from 'zod';
import { SESSION_STATUSES } from '../../db/schema/catalogue.ts';
import { CRITERIA, CRITERION_SOURCES, DIPLOMA_LEVELS, DOCUMENT_TYPES, GENDERS, SITUATIONS, WISH_STATUSES } from './domain/vocabulary.ts';
import { MOTIVATION_MAX } from './domain/wishes.ts';

export { errorSchema } from '../accounts/http-schemas.ts';

export const uuid = (label: string) => z.string().uuid(`${label} invalide.`);

const bool = (message: string) => z.boolean({ error: message });

export const profileBody = z.object({
  givenName: z.string({ error: 'Indiquez votre prénom.' }).max(100, 'Votre prénom est trop long.'),
  familyName: z.string({ error: 'Indiquez votre nom.' }).max(100, 'Votre nom est trop long.'),
  birthDate: z.string().max(10, 'Date attendue au format AAAA-MM-JJ.').nullish(),
  phone: z.string().max(30, 'Numéro de téléphone trop long.').nullish(),
  communeCode: z.string({ error: 'Choisissez votre commune de résidence.' }).regex(/^(?:[0-9]{2}|2[AB])[0-9]{3}$/, 'Choisissez votre commune de résidence dans la liste.'),
  gender: z.enum(GENDERS, 'Choisissez une réponse : femme, homme, ou ne pas préciser.'),
  diplomaLevel: z.enum(DIPLOMA_LEVELS, 'Choisissez votre plus haut diplôme.'),
  situation: z.enum(SITUATIONS, 'Choisissez votre situation actuelle.'),
  qpvCode: z.string().max(20, 'Code de quartier prioritaire trop long.').nullish(),
  zrr: bool('Indiquez si vous habitez en zone de revitalisation rurale.'),
  rqth: z.boolean({ error: 'RQTH : oui, non, ou ne pas répondre.' }).nullish(),
  income: z
    .object({
      euros: z.number({ error: 'Le revenu est un montant en euros.' }).int('Le revenu s’indique en euros entiers.').min(0, 'Le revenu ne peut pas être négatif.'),
      children: z.number({ error: 'Indiquez un nombre.' }).int('Un nombre entier.').min(0, 'Au moins 0.').max(30, 'Au plus 30.'),
      childrenHigherEducation: z.number({ error: 'Indiquez un nombre.' }).int('Un nombre entier.').min(0, 'Au moins 0.').max(30, 'Au plus 30.'),
    })
    .nullish(),
  consents: z.object({
    profile: bool('Indiquez si vous acceptez le traitement de votre profil.'),
    health: bool('Indiquez si vous acceptez l’enregistrement de la RQTH.'),
    income: bool('Indiquez si vous acceptez l’enregistrement du revenu.'),
  }),
});

const consentsSchema = z.object({ profile: z.string().nullable(), health: z.string().nullable(), income: z.string().nullable() });
const followSchema = z.object({ organisationId: z.string(), name: z.string(), subtype: z.string().nullable(), communeCode: z.string().nullable(), since: z.string() });
export const followsSchema = z.array(followSchema);

export const ownProfileSchema = z.object({
  identity: z.object({ givenName: z.string(), familyName: z.string(), email: z.string(), birthDate: z.string().nullable() }),
  profile: z
    .object({
      phone: z.string().nullable(),
      communeCode: z.string(),
      communeName: z.string().nullable(),
      gender: z.enum(GENDERS),
      diplomaLevel: z.enum(DIPLOMA_LEVELS),
      situation: z.enum(SITUATIONS),
      qpvCode: z.string().nullable(),
      zrr: z.boolean(),
      rqth: z.boolean().nullable(),
      income: z.object({ euros: z.number(), children: z.number(), childrenHigherEducation: z.number() }).nullable(),
      updatedAt: z.string(),
    })
    .nullable(),
  consents: consentsSchema,
  follows: followsSchema,
});

export const organisationSearch = z.object({ q: z.string().max(100, 'Recherche trop longue.').optional() });
export const prescriberOrganisations = z.array(z.object({ id: z.string(), name: z.string(), subtype: z.string().nullable(), communeCode: z.string().nullable(), communeName: z.string().nullable() }));
export const followBody = z.object({ organisationId: uuid('Organisation') });

const explainedCriterion = z.object({
  criterion: z.enum(CRITERIA),
  label: z.string(),
  met: z.boolean(),
  source: z.enum(CRITERION_SOURCES),
  documentId: z.string().nullable(),
  reason: z.string(),
  evidence: z.string(),
});

export const diagnosisSchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  expired: z.boolean(),
  author: z.object({ role: z.enum(['candidate', 'prescriber']), name: z.string(), organisationName: z.string().nullable() }),
  summary: z.string(),
  validity: z.string(),
  criteria: z.array(explainedCriterion),
});

export const documentRow = z.object({ id: z.string(), criterion: z.enum(CRITERIA), mediaType: z.enum(DOCUMENT_TYPES), byteSize: z.number(), fileName: z.string(), uploadedAt: z.string() });

export const ownDiagnosisSchema = z.object({
  hasProfile: z.boolean(),
  current: diagnosisSchema.nullable(),
  history: z.array(z.object({ id: z.string(), authorRole: z.enum(['candidate', 'prescriber']), organisationName: z.string().nullable(), createdAt: z.string(), supersededAt: z.string() })),
  documents: z.array(documentRow),
});

export const documentQuery = z.object({ criterion: z.string({ error: 'Indiquez le critère que ce justificatif prouve.' }).max(40, 'Critère inconnu.') });

export const wishSchema = z.object({
  id: z.string(),
  status: z.enum(WISH_STATUSES),
  statusLabel: z.string(),
  active: z.boolean(),
  preference: z.number(),
  motivation: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  createdByCandidate: z.boolean(),
  referredBy: z.string().nullable(),
  session: z.object({ id: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.enum(SESSION_STATUSES) }),
  training: z.object({ id: z.string(), title: z.string(), communeName: z.string(), providerName: z.string() }),
  history: z.array(z.object({ from: z.enum(WISH_STATUSES).nullable(), to: z.enum(WISH_STATUSES), toLabel: z.string(), at: z.string(), by: z.string(), motive: z.string().nullable() })),
});
export const wishesSchema = z.array(wishSchema);

export const applyBody = z.object({
  sessionId: uuid('Session'),
  motivation: z
    .string({ error: 'Écrivez quelques mots sur votre motivation.' })
    .trim()
    .min(1, 'Écrivez quelques mots sur votre motivation.')
    .max(MOTIVATION_MAX, `La motivation tient en ${MOTIVATION_MAX} caractères au plus.`),
  referredBy: uuid('Structure d’accompagnement').nullish(),
});
export const appliedSchema = z.object({ id: z.string(), wishes: wishesSchema });
export const onBehalfBody = applyBody.omit({ referredBy: true });
export const reorderBody = z.object({ wishIds: z.array(uuid('Vœu'), 'Donnez la liste de vos vœux dans l’ordre voulu.').max(10, 'Au plus 10 vœux.') });
export const withdrawBody = z.object({ motive: z.string().max(500, 'Le motif tient en 500 caractères au plus.').optional() });

export const confirmBody = z.object({ confirmed: z.array(z.enum(CRITERIA, 'Critère inconnu.'), 'Donnez la liste des critères que vous validez.').max(CRITERIA.length) });

export const followedListSchema = z.array(
  z.object({
    userId: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    email: z.string(),
    since: z.string(),
    hasProfile: z.boolean(),
    communeName: z.string().nullable(),
    diagnosis: z.object({ createdAt: z.string(), expired: z.boolean(), authorRole: z.enum(['candidate', 'prescriber']), criteriaMet: z.array(z.string()) }).nullable(),
    activeWishes: z.number(),
  }),
);

export const followedDetailSchema = z.object({
  userId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  age: z.number().nullable(),
  profile: z
    .object({
      phone: z.string().nullable(),
      communeCode: z.string(),
      communeName: z.string(),
      gender: z.enum(GENDERS),
      diplomaLevel: z.enum(DIPLOMA_LEVELS),
      situation: z.enum(SITUATIONS),
      qpvCode: z.string().nullable(),
      zrr: z.boolean(),
      rqth: z.boolean().nullable(),
      incomeDeclared: z.boolean(),
    })
    .nullable(),
  diagnosis: diagnosisSchema.nullable(),
  documents: z.array(documentRow),
  wishes: wishesSchema,
});

export const candidateParams = z.object({ userId: uuid('Identifiant de candidat·e') });

export const applicationsQuery = z.object({
  sessionId: uuid('Session').optional(),
  status: z.enum(WISH_STATUSES, 'État de vœu inconnu.').optional(),
  page: z.coerce.number().int('La page est un entier.').min(1, 'La page commence à 1.').max(10_000, 'Page trop grande.').default(1),
  pageSize: z.coerce.number().int('Un nombre entier.').min(1, 'Au moins 1.').max(200, 'Au plus 200 par page.').default(50),
});

export const applicationsSchema = z.object({
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  sessions: z.array(z.object({ id: z.string(), startsOn: z.string(), endsOn: z.string(), status: z.enum(SESSION_STATUSES), trainingTitle: z.string(), applications: z.number() })),
  results: z.array(
    z.object({
      id: z.string(),
      status: z.enum(WISH_STATUSES),
      statusLabel: z.string(),
      motivation: z.string(),
      createdAt: z.string(),
      referredBy: z.string().nullable(),
      candidate: z.object({
        givenName: z.string(),
        familyName: z.string(),
        email: z.string(),
        phone: z.string().nullable(),
        communeName: z.string().nullable(),
        under26AtStart: z.boolean().nullable(),
      }),
      session: z.object({ id: z.string(), startsOn: z.string(), endsOn: z.string() }),
      training: z.object({ id: z.string(), title: z.string() }),
      diagnosis: diagnosisSchema.nullable(),
    }),
  ),
});
