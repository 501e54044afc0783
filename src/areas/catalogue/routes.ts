import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parisDate, type Clock } from '../../shared/clock.ts';
import { normalize } from './domain/search/index.ts';
import { errorSchema, mapResponse, searchFilters, searchQuerystring, searchResponse, trainingDetailSchema } from './http-schemas.ts';
import type { CatalogueReadModel } from './read-model.ts';
import { jobs, searchTrainingsJson, trainingDetail, trainingsMap } from './service.ts';
import { LEVEL_LABELS } from './domain/levels.ts';

/** Fast path for large, already-typed answers: the schema documents them, JSON.stringify writes them. */
const plainJson = () => (data: unknown) => JSON.stringify(data);

export function catalogueRoutes(model: CatalogueReadModel, clock: Clock): FastifyPluginAsyncZod {
  return async (app) => {
    const today = () => parisDate(clock());
    const tags = ['Catalogue'];

    app.get(
      '/api/trainings',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Rechercher des formations labellisées',
          description: 'Recherche plein texte (sans accents ni casse, tolérante aux fautes de frappe), par métier, territoire, autour d’une commune, dates, durée, modalité, coût, niveau et places disponibles.',
          querystring: searchQuerystring,
          response: { 200: searchResponse, 400: errorSchema },
        },
      },
      // pre-serialised JSON text of searchResponse (checked against the schema in routes.int.test.ts)
      async (req, reply) => reply.type('application/json; charset=utf-8').send(searchTrainingsJson(model, req.query, today()) as never),
    );

    app.get(
      '/api/trainings/map',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Toutes les formations correspondant aux filtres, pour la carte',
          querystring: searchFilters,
          response: { 200: mapResponse, 400: errorSchema },
        },
        serializerCompiler: plainJson,
      },
      async (req) => trainingsMap(model, req.query, today()),
    );

    app.get(
      '/api/trainings/:id',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Fiche d’une formation labellisée',
          params: z.object({ id: z.string().max(64, 'Identifiant trop long.') }),
          response: { 200: trainingDetailSchema, 404: errorSchema },
        },
      },
      async (req) => trainingDetail(model, req.params.id, today()),
    );

    app.get(
      '/api/referentials',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Référentiels'],
          summary: 'Régions, départements, métiers et niveaux utilisés par la recherche',
          response: {
            200: z.object({
              regions: z.array(z.object({ code: z.string(), name: z.string() })),
              departements: z.array(z.object({ code: z.string(), name: z.string(), region: z.string() })),
              jobs: z.array(z.object({ code: z.string(), label: z.string() })),
              levels: z.array(z.object({ level: z.number().int(), label: z.string() })),
            }),
          },
        },
      },
      async (_req, reply) => {
        reply.header('cache-control', 'public, max-age=3600');
        return {
          regions: [...model.geo.regions.values()].filter((r) => [...model.geo.departements.values()].some((d) => d.region === r.code)),
          departements: [...model.geo.departements.values()].map(({ code, name, region }) => ({ code, name, region })),
          jobs,
          levels: Object.entries(LEVEL_LABELS).map(([level, label]) => ({ level: Number(level), label })),
        };
      },
    );

    // autocomplete: prefix of the accent-free name, or a postal code
    const communeNames = [...model.geo.communes.values()]
      .map((c) => ({ c, key: normalize(c.name) }))
      .sort((a, b) => b.c.population - a.c.population);
    app.get(
      '/api/communes',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Référentiels'],
          summary: 'Communes par début de nom ou code postal (autocomplétion)',
          querystring: z
            .object({
              q: z.string().trim().min(2, 'Saisissez au moins 2 caractères.').max(80, 'Le texte ne doit pas dépasser 80 caractères.'),
              limit: z
                .string()
                .regex(/^\d{1,3}$/, 'La limite doit être un nombre entier.')
                .transform(Number)
                .refine((n) => n >= 1 && n <= 50, 'La limite doit être comprise entre 1 et 50.')
                .default(10),
            })
            .strict(),
          response: {
            200: z.array(z.object({ code: z.string(), name: z.string(), departement: z.string(), postalCodes: z.array(z.string()) })),
            400: errorSchema,
          },
        },
      },
      async (req) => {
        const q = req.query.q;
        const key = normalize(q);
        const byPostal = /^\d{2,5}$/.test(q);
        const out = [];
        for (const { c, key: name } of communeNames) {
          if (byPostal ? c.postalCodes.some((p) => p.startsWith(q)) || c.code === q : name.startsWith(key)) {
            out.push({ code: c.code, name: c.name, departement: c.departement, postalCodes: c.postalCodes });
            if (out.length >= req.query.limit) break;
          }
        }
        return out;
      },
    );
  };
}
