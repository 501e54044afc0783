import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parisDate, type Clock } from '../../shared/clock.ts';
import { COMMUNE_CODE, type Commune } from '../territories/domain/commune.ts';
import { errorSchema } from '../catalogue/http-schemas.ts';
import { communeDistance } from './domain/distance.ts';
import { EXCLUSIONS } from './domain/exclusions.ts';
import { centsToEuros } from './domain/format.ts';
import { ECHELONS, isIsoDate } from './domain/scale.ts';
import { simulateAid, type AidRequest } from './domain/simulate.ts';
import { loadScales } from './scales.ts';

const date = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} doit être une date au format AAAA-MM-JJ.`)
    .refine(isIsoDate, `${label} n'est pas une date qui existe.`);

const count = (message: string) => z.string().trim().regex(/^\d{1,6}$/, message).transform(Number);

const bool = (label: string) =>
  z.enum(['true', 'false', '1', '0'], { error: `${label} doit valoir true ou false.` }).transform((s) => s === 'true' || s === '1');

/** GET /api/aid/simulate: the inputs of the simulator, as the public types them (amounts in euros). */
export const aidQuerystring = z
  .object({
    year: z.string().max(20, 'L’année universitaire est trop longue.').optional(),
    date: date('La date').optional(),
    income: z
      .string({ error: 'Indiquez le revenu brut global du foyer fiscal, en euros.' })
      .trim()
      .min(1, 'Indiquez le revenu brut global du foyer fiscal, en euros.')
      .regex(/^-?\d{1,12}(?:[.,]\d{1,2})?$/, 'Le revenu brut global doit être un montant en euros, par exemple 30351 ou 30351,50.')
      .transform((s) => {
        const [whole, cents = ''] = s.replace('-', '').split(/[.,]/);
        const value = Number(whole) * 100 + Number(cents.padEnd(2, '0'));
        return s.startsWith('-') ? -value : value;
      })
      .refine((cents) => cents >= 0, 'Le revenu brut global doit être un montant positif ou nul, en euros.'),
    points: count('Les points de charge doivent être un nombre entier positif ou nul.').optional(),
    distanceKm: count('La distance doit être un nombre entier de km (arrondi au km inférieur).').optional(),
    home: z.string().trim().regex(COMMUNE_CODE, 'La commune du domicile doit être un code INSEE à 5 caractères (ex. 69123).').optional(),
    training: z.string().trim().regex(COMMUNE_CODE, 'La commune du lieu de formation doit être un code INSEE à 5 caractères (ex. 75056).').optional(),
    children: count('Le nombre d’enfants à charge doit être un nombre entier positif ou nul.').optional(),
    childrenHigherEducation: count('Le nombre d’enfants dans l’enseignement supérieur doit être un nombre entier positif ou nul.').optional(),
    disability: bool('Le handicap reconnu').optional(),
    carer: bool('La situation d’aidant').optional(),
    exclusions: z
      .string()
      .max(300, 'La liste des exclusions est trop longue.')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .refine((xs) => xs.every((x) => (EXCLUSIONS as readonly string[]).includes(x)), `Les exclusions n'acceptent que : ${EXCLUSIONS.join(', ')}.`)
      .optional(),
    trainingStart: date('Le début de la formation').optional(),
    trainingEnd: date('La fin de la formation').optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if ((q.home === undefined) !== (q.training === undefined)) {
      const missing = q.home === undefined ? 'home' : 'training';
      ctx.addIssue({ code: 'custom', path: [missing], message: missing === 'home' ? 'Indiquez aussi la commune du domicile.' : 'Indiquez aussi la commune du lieu de formation.' });
    }
    if (q.home !== undefined && q.distanceKm !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['distanceKm'], message: 'Donnez soit la distance, soit les deux communes, pas les deux.' });
    }
    if ((q.trainingStart === undefined) !== (q.trainingEnd === undefined)) {
      const missing = q.trainingStart === undefined ? 'trainingStart' : 'trainingEnd';
      ctx.addIssue({ code: 'custom', path: [missing], message: missing === 'trainingStart' ? 'Indiquez aussi le début de la formation.' : 'Indiquez aussi la fin de la formation.' });
    }
  });

export const aidResponse = z.object({
  year: z.string(),
  scaleYear: z.string(),
  points: z.number().int(),
  echelon: z.enum(ECHELONS).nullable(),
  annualEuros: z.number(),
  monthlyEuros: z.number(),
  distanceKm: z.number().int().nullable(),
  payments: z.number().int().nullable(),
  totalEuros: z.number().nullable(),
  exclusions: z.array(z.enum(EXCLUSIONS)),
  explanation: z.array(z.string()),
});

export type AidQuery = z.output<typeof aidQuerystring>;

/** Builds the domain request from the query (the commune distance needs the referential). */
export function aidRequest(q: AidQuery, communes: ReadonlyMap<string, Commune>, today: string): AidRequest {
  const request: AidRequest = { incomeCents: q.income, exclusions: q.exclusions ?? [] };
  if (q.year !== undefined) request.year = q.year;
  if (q.date !== undefined) request.date = q.date;
  if (q.trainingStart !== undefined && q.trainingEnd !== undefined) request.training = { start: q.trainingStart, end: q.trainingEnd };
  if (request.year === undefined && request.date === undefined && request.training === undefined) request.date = today;
  if (q.points !== undefined) request.points = q.points;
  const factGiven = [q.distanceKm, q.home, q.children, q.childrenHigherEducation].some((v) => v !== undefined) || q.disability || q.carer;
  if (factGiven) {
    let distanceKm = q.distanceKm ?? 0;
    if (q.home !== undefined && q.training !== undefined) {
      const d = communeDistance(communes, q.home, q.training);
      distanceKm = d.km;
      request.distanceFrom = { home: d.home, training: d.training };
    }
    request.facts = {
      distanceKm,
      children: q.children ?? 0,
      childrenInHigherEducation: q.childrenHigherEducation ?? 0,
      disabilityOrCarer: (q.disability ? 1 : 0) + (q.carer ? 1 : 0),
    };
  }
  return request;
}

/** The public aid simulator (no account). */
export function aidRoutes(communes: ReadonlyMap<string, Commune>, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    const scales = loadScales();
    app.get(
      '/api/aid/simulate',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Aide financière'],
          summary: 'Simuler l’aide Grande École du Numérique',
          description:
            'Échelon, montants annuel et mensuel, et nombre de mensualités pour une période de formation, sur le barème des bourses sur critères sociaux en vigueur (décret n° 2017-548), avec l’explication de chaque étape. Les points de charge sont donnés directement (points) ou par les faits (distance ou communes, enfants, handicap, aidant).',
          querystring: aidQuerystring,
          response: { 200: aidResponse, 400: errorSchema },
        },
      },
      async (req) => {
        const request = aidRequest(req.query, communes, parisDate(clock()));
        const r = simulateAid(scales, request);
        return {
          year: r.year,
          scaleYear: r.scaleYear,
          points: r.points,
          echelon: r.echelon,
          annualEuros: centsToEuros(r.annualCents),
          monthlyEuros: centsToEuros(r.monthlyCents),
          distanceKm: request.facts ? request.facts.distanceKm : null,
          payments: r.payments ? r.payments.payments : null,
          totalEuros: r.totalCents === null ? null : centsToEuros(r.totalCents),
          exclusions: r.exclusions,
          explanation: r.explanation,
        };
      },
    );
  };
}
