import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LABEL_STATUSES } from '../../db/schema/catalogue.ts';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { ProgrammeContext } from '../calls/context.ts';
import { errorSchema, uuid } from '../calls/http-schemas.ts';
import { changeLabelStatus, listLabels, renewLabel } from './use-cases/labels.ts';

const OPERATOR: Access = { roles: ['operator'] };

const labelRow = z.object({
  id: z.string(),
  trainingId: z.string(),
  trainingTitle: z.string(),
  providerName: z.string(),
  status: z.enum(LABEL_STATUSES),
  statusLabel: z.string(),
  grantedOn: z.string(),
  validUntil: z.string(),
  statusReason: z.string().nullable(),
  renewedFromLabelId: z.string().nullable(),
  renewable: z.boolean(),
  renewalNote: z.string().nullable(),
});

export function labelsRoutes(ctx: ProgrammeContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Labels GEN'];
    const idParams = z.object({ id: uuid('Label') });
    app.get(
      '/api/labels',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Labels des formations (état, validité, renouvellement possible)',
          querystring: z.object({
            status: z.enum(LABEL_STATUSES, 'État inconnu.').optional(),
            q: z.string().trim().max(100, 'Recherche trop longue.').optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100, 'Au plus 100 par page.').default(20),
          }),
          response: { 200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), results: z.array(labelRow) }), 400: errorSchema },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return listLabels(ctx, req.query);
      },
    );
    app.post(
      '/api/labels/:id/status',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Suspendre, rétablir ou retirer un label (le motif est affiché sur la page de la formation)',
          params: idParams,
          body: z.object({ to: z.enum(['suspended', 'active', 'withdrawn'], 'État attendu : suspended, active ou withdrawn.'), reason: z.string().trim().max(1000, 'Motif : 1000 caractères au plus.') }),
          response: { 204: z.null(), 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        await changeLabelStatus(ctx, actorOf(req), req.params.id, req.body.to, req.body.reason);
        return reply.code(204).send(null);
      },
    );
    app.post(
      '/api/labels/:id/renewal',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Renouveler un label (dans ses six derniers mois, ou dans les six mois après son expiration)',
          params: idParams,
          body: z.object({ motive: z.string().trim().max(1000).optional() }).nullish(),
          response: { 201: z.object({ id: z.string(), validUntil: z.string() }), 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await renewLabel(ctx, actorOf(req), req.params.id, req.body?.motive)),
    );
  };
}
