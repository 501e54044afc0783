import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ENROLMENT_STATUSES } from '../../db/schema/admissions.ts';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { AdmissionsContext } from '../admissions/context.ts';
import { errorSchema, sessionParams, uuid } from '../admissions/http-schemas.ts';
import { isIsoDate } from '../scholarships/domain/scale.ts';
import { changeEnrolment, openSessionEnrolments, sessionEnrolments } from './use-cases/enrolments.ts';

const PROVIDER: Access = { roles: ['provider'] };

export const enrolmentsSchema = z.object({
  session: z.object({ id: z.string(), trainingTitle: z.string(), startsOn: z.string(), endsOn: z.string(), seats: z.number(), started: z.boolean() }),
  acceptedOffers: z.number(),
  enrolments: z.array(
    z.object({
      id: z.string(),
      learnerName: z.string(),
      status: z.enum(ENROLMENT_STATUSES),
      statusLabel: z.string(),
      startedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
      enrolledAt: z.string(),
      next: z.array(z.enum(ENROLMENT_STATUSES)),
      history: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), motive: z.string().nullable() })),
    }),
  ),
});

const changeBody = z.object({
  to: z.enum(ENROLMENT_STATUSES, { error: 'État visé inconnu.' }),
  motive: z.string().max(1000, 'Le motif tient en 1000 caractères au plus.').nullish(),
  on: z.string().refine(isIsoDate, 'Date attendue au format AAAA-MM-JJ.').optional(),
});

/** Enrolments: the provider opens them at the session's start and confirms starts and exits. */
export function enrolmentsRoutes(ctx: AdmissionsContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Inscriptions : organismes'];
    app.get(
      '/api/provider/sessions/:sessionId/enrolments',
      { config: { access: PROVIDER }, schema: { tags, summary: 'Les inscrit·es d’une de mes sessions', params: sessionParams, response: { 200: enrolmentsSchema, 404: errorSchema } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return sessionEnrolments(ctx, actorOf(req), req.params.sessionId);
      },
    );
    app.post(
      '/api/provider/sessions/:sessionId/enrolments/open',
      {
        config: { access: PROVIDER },
        schema: { tags, summary: 'Inscrire maintenant les personnes qui ont accepté (la session a commencé ; fait aussi chaque jour)', params: sessionParams, response: { 200: enrolmentsSchema, 404: errorSchema, 409: errorSchema } },
      },
      async (req) => openSessionEnrolments(ctx, actorOf(req), req.params.sessionId),
    );
    app.post(
      '/api/provider/enrolments/:enrolmentId/status',
      {
        config: { access: PROVIDER },
        schema: {
          tags,
          summary: 'Confirmer l’entrée en formation, la fin ou une sortie (avec son motif)',
          params: z.object({ enrolmentId: uuid('Inscription') }),
          body: changeBody,
          response: { 200: enrolmentsSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req) => changeEnrolment(ctx, actorOf(req), req.params.enrolmentId, req.body),
    );
  };
}
