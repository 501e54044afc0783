import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EVIDENCE_KINDS, TRANCHE_STATUSES } from '../../db/schema/calls.ts';
import { LABEL_STATUSES } from '../../db/schema/catalogue.ts';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { ProgrammeContext } from '../calls/context.ts';
import { MAX_ATTACHMENT_BYTES } from '../calls/domain/files.ts';
import { errorSchema, uuid } from '../calls/http-schemas.ts';
import { fileNameHeader, pdfBody, sendPdf } from '../calls/routes.ts';
import { financeOverview, grantDetail, listGrants, payTranche, readEvidence, reviewEvidence, submitEvidence, uploadEvidence } from './use-cases/grants.ts';

const OPERATOR: Access = { roles: ['operator'] };
const PROVIDER: Access = { roles: ['provider'] };
const READERS: Access = { roles: ['operator', 'provider', 'funder'] };
const FINANCE: Access = { roles: ['operator', 'funder'] };

const evidenceRow = z.object({ id: z.string(), kind: z.enum(EVIDENCE_KINDS), kindLabel: z.string(), fileName: z.string(), byteSize: z.number(), sha256: z.string() });
const grantSchema = z.object({
  id: z.string(),
  callId: z.string(),
  callTitle: z.string(),
  trainingId: z.string(),
  trainingTitle: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  funderName: z.string(),
  label: z.object({ status: z.enum(LABEL_STATUSES), validUntil: z.string() }).nullable(),
  amountCents: z.number(),
  createdAt: z.string(),
  tranches: z.array(
    z.object({
      id: z.string(),
      position: z.number(),
      label: z.string(),
      amountCents: z.number(),
      status: z.enum(TRANCHE_STATUSES),
      statusLabel: z.string(),
      evidenceSubmittedAt: z.string().nullable(),
      returnMotive: z.string().nullable(),
      approvedAt: z.string().nullable(),
      paidAt: z.string().nullable(),
      paymentReference: z.string().nullable(),
      evidence: z.array(evidenceRow.extend({ uploadedAt: z.string() })),
    }),
  ),
});
const financeRow = z.object({ committedCents: z.number(), approvedCents: z.number(), paidCents: z.number(), remainingCents: z.number(), grants: z.number() });

export function grantsRoutes(ctx: ProgrammeContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['Conventions et versements'];
    const grantParams = z.object({ id: uuid('Convention') });
    const trancheParams = grantParams.extend({ trancheId: uuid('Versement') });
    app.addContentTypeParser(['application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1_048_576 }, (_req, body, done) => done(null, body));

    app.get(
      '/api/grants',
      {
        config: { access: READERS },
        schema: {
          tags,
          summary: 'Conventions de subvention (toutes pour l’opérateur, les siennes pour un organisme ou un financeur)',
          querystring: z.object({ callId: uuid('Appel').optional() }),
          response: {
            200: z.array(
              z.object({ id: z.string(), callId: z.string(), callTitle: z.string(), trainingId: z.string(), trainingTitle: z.string(), providerName: z.string(), amountCents: z.number(), paidCents: z.number(), toReview: z.number(), toPay: z.number() }),
            ),
            400: errorSchema,
          },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return listGrants(ctx, actorOf(req), req.query);
      },
    );
    app.get(
      '/api/grants/summary',
      {
        config: { access: FINANCE },
        schema: {
          tags,
          summary: 'Engagé, payé et reste à payer, par appel et par financeur',
          response: {
            200: z.object({
              total: financeRow,
              byCall: z.array(financeRow.extend({ callId: z.string(), title: z.string(), envelopeCents: z.number(), envelopeLeftCents: z.number() })),
              byFunder: z.array(financeRow.extend({ funderId: z.string().nullable(), name: z.string() })),
            }),
          },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return financeOverview(ctx, actorOf(req));
      },
    );
    app.get(
      '/api/grants/:id',
      { config: { access: READERS }, schema: { tags, summary: 'Une convention : ses versements et leurs justificatifs', params: grantParams, response: { 200: grantSchema, 404: errorSchema } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return grantDetail(ctx, actorOf(req), req.params.id);
      },
    );
    app.post(
      '/api/grants/:id/tranches/:trancheId/evidence',
      {
        config: { access: PROVIDER },
        bodyLimit: MAX_ATTACHMENT_BYTES + 1_048_576,
        schema: {
          tags,
          summary: 'Déposer un justificatif de versement (PDF, 10 Mo au plus) : le corps est le fichier',
          description: 'Corps : les octets du PDF. En-tête facultatif x-file-name : le nom du fichier, encodé en URI.',
          params: trancheParams,
          querystring: z.object({ kind: z.enum(EVIDENCE_KINDS, 'Type de justificatif inconnu (attendance, invoices, report, other).') }),
          response: { 201: evidenceRow, 400: errorSchema, 404: errorSchema, 409: errorSchema, 413: errorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await uploadEvidence(ctx, actorOf(req), req.params.id, req.params.trancheId, req.query.kind, pdfBody(req.body), fileNameHeader(req))),
    );
    app.get(
      '/api/grants/:id/tranches/:trancheId/evidence/:evidenceId',
      {
        config: { access: READERS },
        schema: { tags, summary: 'Télécharger un justificatif', params: trancheParams.extend({ evidenceId: uuid('Justificatif') }), response: { 404: errorSchema } },
      },
      async (req, reply) => sendPdf(reply, await readEvidence(ctx, actorOf(req), req.params.id, req.params.trancheId, req.params.evidenceId)),
    );
    app.post(
      '/api/grants/:id/tranches/:trancheId/submit',
      { config: { access: PROVIDER }, schema: { tags, summary: 'Transmettre les justificatifs d’un versement', params: trancheParams, response: { 200: grantSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema } } },
      async (req) => submitEvidence(ctx, actorOf(req), req.params.id, req.params.trancheId),
    );
    app.post(
      '/api/grants/:id/tranches/:trancheId/review',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Approuver les justificatifs d’un versement, ou les retourner avec un motif',
          params: trancheParams,
          body: z.object({ decision: z.enum(['approve', 'return'], 'Décision attendue : approve ou return.'), motive: z.string().trim().max(2000, 'Motif : 2000 caractères au plus.').optional() }),
          response: { 200: grantSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req) => reviewEvidence(ctx, actorOf(req), req.params.id, req.params.trancheId, req.body.decision, req.body.motive),
    );
    app.post(
      '/api/grants/:id/tranches/:trancheId/payment',
      {
        config: { access: OPERATOR },
        schema: {
          tags,
          summary: 'Marquer un versement payé (seulement sur justificatifs approuvés)',
          params: trancheParams,
          body: z.object({ reference: z.string().trim().min(3, 'Indiquez la référence du paiement.').max(100, 'Référence : 100 caractères au plus.') }),
          response: { 200: grantSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req) => payTranche(ctx, actorOf(req), req.params.id, req.params.trancheId, req.body.reference),
    );
  };
}
