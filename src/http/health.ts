import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ping, type Database } from '../db/client.ts';
import { DATABASE_UNAVAILABLE } from './error-handler.ts';

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
            // with a session cookie, the session's own lookup may be what fails first: then the error
            // handler's { error, message } answers, hence status and database optional here
            503: z.object({ status: z.literal('degraded').optional(), database: z.literal('indisponible').optional(), error: z.literal('base_indisponible'), message: z.string() }),
          },
        },
      },
      async (_req, reply) => {
        try {
          await ping(database);
          return { status: 'ok' as const, database: 'ok' as const };
        } catch {
          // the next request tries again: the pool reconnects by itself when the server is back
          return reply
            .code(503)
            .header('retry-after', '5')
            .send({ status: 'degraded', database: 'indisponible', error: DATABASE_UNAVAILABLE.error, message: 'La base de données ne répond pas : le service reprendra de lui-même dès son retour.' });
        }
      },
    );
  };
}
