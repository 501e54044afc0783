import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping, type Database } from '../db/client.ts';

export function healthRoutes(database: Database, version: { name: string; version: string }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/version',
      { config: { access: 'public' }, schema: { tags: ['Système'], summary: 'Version du service (sans accès à la base)', response: { 200: z.object({ name: z.string(), version: z.string() }) } } },
      async () => version,
    );
    app.get(
      '/api/health',
      {
        config: { access: 'public' },
        schema: {
          tags: ['Système'],
          summary: 'État du service et de sa base de données',
          response: {
            200: z.object({ status: z.literal('ok'), database: z.literal('ok') }),
            503: z.object({ status: z.literal('degraded'), database: z.literal('indisponible'), message: z.string() }),
          },
        },
      },
      async (_req, reply) => {
        try {
          await ping(database);
          return { status: 'ok' as const, database: 'ok' as const };
        } catch {
          return reply.code(503).send({ status: 'degraded', database: 'indisponible', message: 'La base de données ne répond pas.' });
        }
      },
    );
  };
}
