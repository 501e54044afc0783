import { z } from 'zod';
import { COMMUNE_CODE, DEPARTEMENT_CODE, REGION_CODE } from '../territories/domain/commune.ts';
import { MODALITIES, SESSION_STATUSES, LABEL_STATUSES } from '../../db/schema/catalogue.ts';
import { SORTS } from './domain/types.ts';

const isoDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} doit être une date au format AAAA-MM-JJ.`)
    .refine((s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    }, `${label} n'est pas une date qui existe.`);

const intIn = (label: string, min: number, max: number) =>
  z
    .string()
    .regex(/^-?\d{1,6}$/, `${label} doit être un nombre entier.`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `${label} doit être compris entre ${min} et ${max}.`);

const list = <T extends string>(label: string, values: readonly T[]) =>
  z
    .string()
    .max(200, `${label} est trop long.`)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .refine((xs) => xs.every((x) => (values as readonly string[]).includes(x)), `${label} n'accepte que : ${values.join(', ')}.`)
    .transform((xs) => xs as T[]);

const bool = (label: string) =>
  z.enum(['true', 'false', '1', '0'], { error: `${label} doit valoir true ou false.` }).transform((s) => s === 'true' || s === '1');

/** The search parameters of GET /api/trainings (and of the map), as the public types them. */
export const searchFilters = z
  .object({
    q: z.string().max(200, 'Le texte recherché ne doit pas dépasser 200 caractères.').optional(),
    job: z.string().max(100, 'Le métier ne doit pas dépasser 100 caractères.').optional(),
    region: z.string().regex(REGION_CODE, 'La région doit être un code INSEE à 2 chiffres (ex. 84).').optional(),
    departement: z.string().regex(DEPARTEMENT_CODE, 'Le département doit être un code INSEE (ex. 69, 2A, 974).').optional(),
    commune: z.string().regex(COMMUNE_CODE, 'La commune doit être un code INSEE à 5 caractères (ex. 69123).').optional(),
    radius: intIn('Le rayon', 1, 200).optional(),
    startFrom: isoDate('La date de début').optional(),
    startTo: isoDate('La date de fin').optional(),
    durationMin: intIn('La durée minimale', 1, 36).optional(),
    durationMax: intIn('La durée maximale', 1, 36).optional(),
    modality: list('La modalité', MODALITIES).optional(),
    free: bool('Le filtre « gratuite »').optional(),
    level: list('Le niveau', ['3', '4', '5', '6', '7', '8'] as const).optional(),
    placesLeft: bool('Le filtre « places disponibles »').optional(),
  })
  .strict();

export const searchQuerystring = searchFilters
  .extend({
    sort: z.enum(SORTS, { error: 'Le tri doit être relevance, distance ou start.' }).default('relevance'),
    page: intIn('La page', 1, 10_000).default(1),
    pageSize: intIn('La taille de page', 1, 50).default(10),
  })
  .strict();

export type SearchFilters = z.output<typeof searchFilters>;
export type SearchQuerystring = z.output<typeof searchQuerystring>;

export const sessionSchema = z.object({
  id: z.string().uuid(),
  startsOn: z.string(),
  endsOn: z.string(),
  seats: z.number().int(),
  seatsLeft: z.number().int(),
  status: z.enum(SESSION_STATUSES),
});

export const trainingSummarySchema = z.object({
  id: z.string().uuid(),
  title: z.string(),
  /** at most 200 characters in result lists; whole on the training page */
  summary: z.string(),
  provider: z.object({ id: z.string().uuid(), name: z.string() }),
  commune: z.object({
    code: z.string(),
    name: z.string(),
    departement: z.string(),
    departementName: z.string(),
    region: z.string(),
    regionName: z.string(),
  }),
  modality: z.enum(MODALITIES),
  durationMonths: z.number().int(),
  durationHours: z.number().int(),
  isFree: z.boolean(),
  priceCents: z.number().int().nullable(),
  certification: z.object({ code: z.string(), title: z.string(), level: z.number().int() }),
  romeCodes: z.array(z.string()),
  label: z.object({ status: z.enum(LABEL_STATUSES), grantedOn: z.string(), validUntil: z.string() }),
  distanceKm: z.number().int().nullable(),
  nextSession: sessionSchema.nullable(),
});

export const searchResponse = z.object({
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  near: z.object({ commune: z.object({ code: z.string(), name: z.string() }), radiusKm: z.number().int() }).nullable(),
  results: z.array(trainingSummarySchema),
});

export const trainingDetailSchema = trainingSummarySchema.extend({
  objectives: z.string(),
  prerequisites: z.string(),
  formacodes: z.array(z.string()),
  address: z.string(),
  postalCode: z.string(),
  lat: z.number(),
  lon: z.number(),
  provider: z.object({ id: z.string().uuid(), name: z.string(), siret: z.string(), nda: z.string().nullable(), website: z.string().nullable() }),
  contact: z.object({ email: z.string(), phone: z.string().nullable() }),
  label: z.object({ id: z.string().uuid(), status: z.enum(LABEL_STATUSES), grantedOn: z.string(), validUntil: z.string(), statusReason: z.string().nullable() }),
  sessions: z.array(sessionSchema),
  jobs: z.array(z.object({ code: z.string(), label: z.string() })),
});

export const mapResponse = z.object({
  total: z.number().int(),
  points: z.array(z.tuple([z.string(), z.number(), z.number(), z.string(), z.number().int()])),
  departements: z.array(
    z.object({ code: z.string(), name: z.string(), seats: z.number().int(), population: z.number().int(), seatsPer10k: z.number() }),
  ),
});

export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
