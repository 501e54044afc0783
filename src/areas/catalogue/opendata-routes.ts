import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../shared/clock.ts';
import { CSV_COLUMNS, csvChunks } from './opendata/csv.ts';
import { toGeoJson } from './opendata/geojson.ts';
import { lheoChunks } from './opendata/lheo.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { CatalogueReadModel } from './read-model.ts';

const FILES = [
  { href: '/api/open-data/trainings.csv', format: 'CSV', description: 'Une ligne par session des formations labellisées (UTF-8, séparateur virgule).' },
  { href: '/api/open-data/trainings.geojson', format: 'GeoJSON', description: 'Un point par formation labellisée, au centre de sa commune.' },
  { href: '/api/open-data/lheo.xml', format: 'LHEO 2.3', description: 'L’offre de formation au format d’échange des Carif-Oref (schéma LHEO 2.3).' },
];

/** Open data files, rebuilt once per version of the catalogue read model and then served from memory. */
export function openDataRoutes(model: CatalogueReadModel, clock: Clock, baseUrl: string): FastifyPluginAsyncZod {
  return async (app) => {
    // built once per read-model version, kept as bytes (the national LHEO file is ~100 MB)
    const cache = new Map<string, { version: number; body: Buffer }>();
    const cached = (key: string, build: () => Iterable<string>) => {
      const hit = cache.get(key);
      if (hit && hit.version === model.version) return hit.body;
      const body = Buffer.concat([...build()].map((chunk) => Buffer.from(chunk, 'utf8')));
      cache.set(key, { version: model.version, body });
      return body;
    };
    const tags = ['Données ouvertes'];
    const generatedAt = () => new Date(model.version || clock().getTime()).toISOString();

    app.get(
      '/api/open-data',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Liste des fichiers ouverts et description des colonnes du CSV',
          response: {
            200: z.object({
              files: z.array(z.object({ href: z.string(), format: z.string(), description: z.string() })),
              csvColumns: z.array(z.object({ name: z.string(), description: z.string() })),
            }),
          },
        },
      },
      async () => ({ files: FILES, csvColumns: CSV_COLUMNS.map(({ name, description }) => ({ name, description })) }),
    );

    app.get('/api/open-data/trainings.csv', { config: { access: 'public' }, schema: { tags, summary: 'Formations labellisées et leurs sessions (CSV)' } }, async (_req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="formations-gen.csv"')
        .send(cached('csv', () => csvChunks(model.trainings))),
    );

    app.get('/api/open-data/trainings.geojson', { config: { access: 'public' }, schema: { tags, summary: 'Formations labellisées (GeoJSON)' } }, async (_req, reply) =>
      reply.type('application/geo+json; charset=utf-8').send(cached('geojson', () => [JSON.stringify(toGeoJson(model.trainings))])),
    );

    app.get('/api/open-data/lheo.xml', { config: { access: 'public' }, schema: { tags, summary: 'Offre de formation au format LHEO 2.3' } }, async (_req, reply) => {
      // LHEO has no valid empty document: an empty catalogue has nothing to publish
      if (model.trainings.length === 0) throw new NotFoundError('Offre de formation');
      return reply.type('application/xml; charset=utf-8').send(cached('lheo', () => lheoChunks(model.trainings, { generatedAt: generatedAt(), baseUrl })));
    },
    );
  };
}
