import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LABEL_STATUSES } from '../../db/schema/catalogue.ts';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { ProgrammeContext } from '../calls/context.ts';
import { errorSchema, uuid } from '../calls/http-schemas.ts';
import { changeLabelStatus, listLabels, renewLabel } from './use-cases/labels.ts';
import { providerLabels, refuseRenewal, requestRenewal } from './use-cases/renewal-requests.ts';

const OPERATOR: Access = { roles: ['operator'] };
const PROVIDER: Access = { roles: ['provider'] };

const motiveBody = (message: string) => z.object({ motive: z.string(message).trim().max(1000, 'Motif : 1000 caractères au plus.') });

const providerLabelRow = z.object({
  id: z.string(),
  trainingId: z.string(),
  trainingTitle: z.string(),
  status: z.enum(LABEL_STATUSES),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  grantedOn: z.string(),
  validUntil: z.string(),
  renewedFromLabelId: z.string().nullable(),
  canRequest: z.boolean(),
  renewalNote: z.string().nullable(),
  requests: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['pending', 'granted', 'refused']),
      statusLabel: z.string(),
      requestedAt: z.string(),
      motive: z.string(),
      decidedAt: z.string().nullable(),
      decisionMotive: z.string().nullable(),
    }),
  ),
});

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
  /** the provider's pending renewal request */
  renewalRequest: z.object({ id: z.string(), requestedAt: z.string(), motive: z.string() }).nullable(),
});

/** What the change did to the training's open sessions: frozen, unfrozen or cancelled ones, their wishes, offers and candidates told. */
const effectsSchema = z.object({ sessions: z.number(), wishes: z.number(), offers: z.number(), candidates: z.number() });

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
            demande: z.enum(['0', '1'], 'demande : 0 ou 1.').optional(),
            page: z.coerce.number().int().min(1).max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100, 'Au plus 100 par page.').default(20),
          }),
          response: { 200: z.object({ total: z.number(), page: z.number(), pageSize: z.number(), results: z.array(labelRow) }), 400: errorSchema },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return listLabels(ctx, { ...req.query, requested: req.query.demande === '1' });
      },
    );
    app.post(
      '/api/labels/:id/status',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Suspendre (sessions ouvertes gelées), rétablir (dégelées, délais de réponse prolongés) ou retirer un label (sessions ouvertes annulées, candidat·es prévenu·es) ; le motif est affiché sur la page de la formation',
          params: idParams,
          body: z.object({ to: z.enum(['suspended', 'active', 'withdrawn'], 'État attendu : suspended, active ou withdrawn.'), reason: z.string().trim().max(1000, 'Motif : 1000 caractères au plus.') }),
          response: { 200: effectsSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req) => changeLabelStatus(ctx, actorOf(req), req.params.id, req.body.to, req.body.reason),
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
    app.post(
      '/api/labels/:id/renewal-request/refusal',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Refuser la demande de renouvellement d’un organisme (motif envoyé à l’organisme)',
          params: idParams,
          body: motiveBody('Indiquez le motif du refus.'),
          response: { 204: z.null(), 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        await refuseRenewal(ctx, actorOf(req), req.params.id, req.body.motive);
        return reply.code(204).send(null);
      },
    );

    // ---- the provider's labels and its renewal requests ------------------------------------------
    app.get(
      '/api/provider/labels',
      {
        config: { access: PROVIDER },
        schema: { tags, summary: 'Les labels des formations de mon organisme, et mes demandes de renouvellement', response: { 200: z.array(providerLabelRow), 403: errorSchema } },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return providerLabels(ctx, actorOf(req));
      },
    );
    app.post(
      '/api/provider/labels/:id/renewal-request',
      {
        config: { access: PROVIDER },
        schema: {
          tags,
          summary: 'Demander le renouvellement d’un label (dans ses six derniers mois, ou dans les six mois après son expiration)',
          params: idParams,
          body: motiveBody('Expliquez pourquoi le label doit être renouvelé.'),
          response: { 201: z.object({ id: z.string() }), 400: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await requestRenewal(ctx, actorOf(req), req.params.id, req.body.motive)),
    );
  };
}
