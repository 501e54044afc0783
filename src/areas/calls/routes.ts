import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../shared/errors.ts';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { ProgrammeContext } from './context.ts';
import { contentDisposition, MAX_ATTACHMENT_BYTES } from './domain/files.ts';
import * as s from './http-schemas.ts';
import { callDetail, changeCallStatus, createCall, listCalls, updateCall } from './use-cases/calls.ts';
import { committeeView, rankingCsv } from './use-cases/committee.ts';
import { decideTraining } from './use-cases/decisions.ts';
import {
  callProposals,
  createProposal,
  deleteAttachment,
  listOwnProposals,
  proposalDetail,
  readAttachment,
  saveDraft,
  submitProposal,
  uploadAttachment,
  withdrawProposal,
} from './use-cases/proposals.ts';
import { assignReviewers, declareConflict, listReviewers, myAssignments, myConflicts, recuse, reviewsOf, saveReview, searchProviders, submitReview } from './use-cases/reviews.ts';

const PUBLIC: Access = 'public';
const OPERATOR: Access = { roles: ['operator'] };
const PROVIDER: Access = { roles: ['provider'] };
const REVIEWER: Access = { roles: ['reviewer'] };
/** a proposal is read by its provider, the operator and its assigned reviewers (object rule in the use case) */
const PROPOSAL_READERS: Access = { roles: ['provider', 'operator', 'reviewer'] };
const REVIEW_READERS: Access = { roles: ['operator', 'reviewer'] };

const UPLOAD_TYPES = ['application/pdf', 'application/octet-stream'];

/** The optional x-file-name header (URI-encoded), never trusted beyond a display name. */
export function fileNameHeader(req: FastifyRequest): string | undefined {
  const raw = req.headers['x-file-name'];
  try {
    return typeof raw === 'string' ? decodeURIComponent(raw) : undefined;
  } catch {
    return undefined;
  }
}

export function sendPdf(reply: FastifyReply, file: { fileName: string; sha256: string; content: Buffer }) {
  return reply
    .header('content-type', 'application/pdf')
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .header('etag', `"${file.sha256}"`)
    .send(file.content as never);
}

export function pdfBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body)) throw new InputError({ file: 'Envoyez le fichier PDF lui-même comme corps de la requête (Content-Type application/pdf).' });
  return body;
}

export function callsRoutes(ctx: ProgrammeContext): FastifyPluginAsyncZod {
  return async (app) => {
    const callTags = ['Appels à projets'];
    const proposalTags = ['Appels à projets : dossiers'];
    const reviewTags = ['Appels à projets : instruction'];
    const committeeTags = ['Appels à projets : comité et décisions'];
    const idParams = z.object({ id: s.uuid('Identifiant') });
    const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

    // attachments arrive as the raw bytes of the PDF (its type is read from them, not from this header)
    app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1_048_576 }, (_req, body, done) => done(null, body));

    // ---- calls ------------------------------------------------------------------------------------
    app.get(
      '/api/calls',
      { config: { access: PUBLIC }, schema: { tags: callTags, summary: 'Appels à projets publiés (l’opérateur voit aussi ses brouillons avec ?tous=1)', querystring: z.object({ tous: z.enum(['0', '1']).optional() }), response: { 200: s.callList } } },
      async (req) => listCalls(ctx, req.actor, { all: req.query.tous === '1' }),
    );
    app.get(
      '/api/calls/:id',
      { config: { access: PUBLIC }, schema: { tags: callTags, summary: 'Page d’un appel : dates, plafonds, priorités, critères et grille de notation', params: idParams, response: { 200: s.callDetail, 404: s.errorSchema } } },
      async (req) => callDetail(ctx, req.actor, req.params.id),
    );
    app.post(
      '/api/calls',
      { config: { access: OPERATOR }, schema: { tags: callTags, summary: 'Créer un appel (brouillon)', body: s.callBody, response: { 201: z.object({ id: z.string() }), 400: s.errorSchema } } },
      async (req, reply) => reply.code(201).send(await createCall(ctx, actorOf(req), req.body)),
    );
    app.put(
      '/api/calls/:id',
      {
        config: { access: OPERATOR },
        schema: { tags: callTags, summary: 'Modifier un appel (un appel ouvert reçoit une nouvelle version de son formulaire)', params: idParams, body: s.callBody, response: { 200: z.object({ version: z.number() }), 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => updateCall(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/calls/:id/status',
      {
        config: { access: OPERATOR },
        schema: { tags: callTags, summary: 'Faire avancer un appel : ouvert, clos, en instruction, décidé', params: idParams, body: s.callStatusBody, response: { 200: z.object({ status: z.string() }), 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => changeCallStatus(ctx, actorOf(req), req.params.id, req.body.to, req.body.motive),
    );
    app.get(
      '/api/calls/:id/proposals',
      { config: { access: OPERATOR }, schema: { tags: reviewTags, summary: 'Dossiers déposés sur un appel, avec leurs instructeur·rices', params: idParams, response: { 200: s.callProposalList, 404: s.errorSchema } } },
      async (req, reply) => {
        noStore(reply);
        return callProposals(ctx, req.params.id);
      },
    );
    app.get(
      '/api/calls/:id/committee',
      { config: { access: OPERATOR }, schema: { tags: committeeTags, summary: 'Vue du comité : classement, désaccords, ligne cumulée face à l’enveloppe, répartition territoriale', params: idParams, response: { 200: s.committeeSchema, 404: s.errorSchema } } },
      async (req, reply) => {
        noStore(reply);
        return committeeView(ctx, req.params.id);
      },
    );
    app.get(
      '/api/calls/:id/ranking.csv',
      { config: { access: OPERATOR }, schema: { tags: committeeTags, summary: 'Export du classement (CSV, séparateur point-virgule)', params: idParams, response: { 404: s.errorSchema } } },
      async (req, reply) => {
        const csv = await rankingCsv(ctx, req.params.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="classement.csv"')
          .header('cache-control', 'private, no-store')
          .send(csv as never);
      },
    );

    // ---- proposals --------------------------------------------------------------------------------
    app.get(
      '/api/proposals',
      { config: { access: PROVIDER }, schema: { tags: proposalTags, summary: 'Les dossiers de mon organisme', response: { 200: s.proposalList, 403: s.errorSchema } } },
      async (req, reply) => {
        noStore(reply);
        return listOwnProposals(ctx, actorOf(req));
      },
    );
    app.post(
      '/api/proposals',
      { config: { access: PROVIDER }, schema: { tags: proposalTags, summary: 'Commencer un dossier sur un appel ouvert', body: s.createProposalBody, response: { 201: z.object({ id: z.string() }), 400: s.errorSchema, 403: s.errorSchema, 409: s.errorSchema } } },
      async (req, reply) => reply.code(201).send(await createProposal(ctx, actorOf(req), req.body)),
    );
    app.get(
      '/api/proposals/:id',
      { config: { access: PROPOSAL_READERS }, schema: { tags: proposalTags, summary: 'Un dossier, avec ce qui manque pour le déposer et les engagements sous les seuils du label', params: idParams, response: { 200: s.proposalDetail, 404: s.errorSchema } } },
      async (req, reply) => {
        noStore(reply);
        return proposalDetail(ctx, actorOf(req), req.params.id);
      },
    );
    app.put(
      '/api/proposals/:id',
      {
        config: { access: PROVIDER },
        schema: { tags: proposalTags, summary: 'Enregistrer le brouillon (tout peut encore manquer)', params: idParams, body: s.draftBody, response: { 200: s.proposalDetail, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => saveDraft(ctx, actorOf(req), req.params.id, req.body),
    );
    app.post(
      '/api/proposals/:id/submit',
      {
        config: { access: PROVIDER },
        schema: { tags: proposalTags, summary: 'Déposer le dossier (tout est vérifié ; ce qui manque est listé champ par champ)', params: idParams, response: { 200: s.proposalDetail, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => submitProposal(ctx, actorOf(req), req.params.id),
    );
    app.post(
      '/api/proposals/:id/withdraw',
      {
        config: { access: PROVIDER },
        schema: { tags: proposalTags, summary: 'Retirer le dossier', params: idParams, body: s.motiveBody.nullish(), response: { 200: s.proposalDetail, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => withdrawProposal(ctx, actorOf(req), req.params.id, req.body?.motive),
    );
    app.post(
      '/api/proposals/:id/attachments',
      {
        config: { access: PROVIDER },
        bodyLimit: MAX_ATTACHMENT_BYTES + 1_048_576,
        schema: {
          tags: proposalTags,
          summary: 'Joindre une pièce (PDF, 10 Mo au plus) : le corps est le fichier',
          description: 'Corps : les octets du PDF (Content-Type application/pdf ou application/octet-stream). En-tête facultatif x-file-name : le nom du fichier, encodé en URI.',
          params: idParams,
          querystring: s.attachmentQuery,
          response: { 201: s.attachmentRow, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema, 413: s.errorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await uploadAttachment(ctx, actorOf(req), req.params.id, req.query.kind, pdfBody(req.body), fileNameHeader(req))),
    );
    app.get(
      '/api/proposals/:id/attachments/:attachmentId',
      {
        config: { access: PROPOSAL_READERS },
        schema: { tags: proposalTags, summary: 'Télécharger une pièce jointe', params: idParams.extend({ attachmentId: s.uuid('Pièce jointe') }), response: { 404: s.errorSchema } },
      },
      async (req, reply) => sendPdf(reply, await readAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId)),
    );
    app.delete(
      '/api/proposals/:id/attachments/:attachmentId',
      {
        config: { access: PROVIDER },
        schema: { tags: proposalTags, summary: 'Retirer une pièce jointe d’un brouillon', params: idParams.extend({ attachmentId: s.uuid('Pièce jointe') }), response: { 204: z.null(), 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req, reply) => {
        await deleteAttachment(ctx, actorOf(req), req.params.id, req.params.attachmentId);
        return reply.code(204).send(null);
      },
    );

    // ---- review -----------------------------------------------------------------------------------
    app.get(
      '/api/reviewers',
      { config: { access: OPERATOR }, schema: { tags: reviewTags, summary: 'Instructeur·rices, avec leurs conflits d’intérêts déclarés', response: { 200: s.reviewerList } } },
      async () => listReviewers(ctx),
    );
    app.put(
      '/api/proposals/:id/reviewers',
      {
        config: { access: OPERATOR },
        schema: { tags: reviewTags, summary: 'Confier un dossier à au moins deux instructeur·rices', params: idParams, body: s.assignBody, response: { 204: z.null(), 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req, reply) => {
        await assignReviewers(ctx, actorOf(req), req.params.id, req.body.reviewerIds);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/reviews',
      { config: { access: REVIEWER }, schema: { tags: reviewTags, summary: 'Les dossiers qui me sont confiés', response: { 200: s.assignmentList } } },
      async (req, reply) => {
        noStore(reply);
        return myAssignments(ctx, actorOf(req));
      },
    );
    app.get(
      '/api/proposals/:id/reviews',
      {
        config: { access: REVIEW_READERS },
        schema: { tags: reviewTags, summary: 'Évaluations d’un dossier (celles des autres restent masquées tant que je n’ai pas remis la mienne)', params: idParams, response: { 200: s.reviewsSchema, 404: s.errorSchema } },
      },
      async (req, reply) => {
        noStore(reply);
        return reviewsOf(ctx, actorOf(req), req.params.id);
      },
    );
    app.put(
      '/api/proposals/:id/review',
      {
        config: { access: REVIEWER },
        schema: { tags: reviewTags, summary: 'Enregistrer mon évaluation (brouillon)', params: idParams, body: s.scoresBody, response: { 200: s.reviewsSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => saveReview(ctx, actorOf(req), req.params.id, req.body.scores),
    );
    app.post(
      '/api/proposals/:id/review/submit',
      {
        config: { access: REVIEWER },
        schema: { tags: reviewTags, summary: 'Remettre mon évaluation (chaque critère noté et commenté)', params: idParams, body: s.submitReviewBody, response: { 200: s.reviewsSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req) => submitReview(ctx, actorOf(req), req.params.id, req.body?.scores),
    );
    app.post(
      '/api/proposals/:id/review/recuse',
      {
        config: { access: REVIEWER },
        schema: { tags: reviewTags, summary: 'Me déporter d’un dossier (conflit d’intérêts avec son organisme)', params: idParams, body: s.recuseBody, response: { 204: z.null(), 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req, reply) => {
        await recuse(ctx, actorOf(req), req.params.id, req.body.motive);
        return reply.code(204).send(null);
      },
    );
    app.get(
      '/api/reviewer/conflicts',
      { config: { access: REVIEWER }, schema: { tags: reviewTags, summary: 'Mes conflits d’intérêts déclarés', response: { 200: s.conflictList } } },
      async (req, reply) => {
        noStore(reply);
        return myConflicts(ctx, actorOf(req));
      },
    );
    app.post(
      '/api/reviewer/conflicts',
      { config: { access: REVIEWER }, schema: { tags: reviewTags, summary: 'Déclarer un conflit d’intérêts avec un organisme', body: s.conflictBody, response: { 201: s.conflictList, 400: s.errorSchema } } },
      async (req, reply) => reply.code(201).send(await declareConflict(ctx, actorOf(req), req.body.organisationId, req.body.motive)),
    );
    app.get(
      '/api/reviewer/providers',
      {
        config: { access: REVIEWER },
        schema: { tags: reviewTags, summary: 'Chercher un organisme de formation (pour déclarer un conflit)', querystring: z.object({ q: z.string().trim().min(2, 'Tapez au moins 2 caractères.').max(100) }), response: { 200: s.providerSearch, 400: s.errorSchema } },
      },
      async (req) => searchProviders(ctx, req.query.q),
    );

    // ---- decisions --------------------------------------------------------------------------------
    app.post(
      '/api/proposals/:id/trainings/:trainingId/decision',
      {
        config: { access: OPERATOR },
        schema: {
          tags: committeeTags,
          summary: 'Décider une formation d’un dossier : acceptée (label et convention) ou refusée avec un motif',
          params: idParams.extend({ trainingId: s.uuid('Formation du dossier') }),
          body: s.decisionBody,
          response: { 200: s.proposalDetail, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        await decideTraining(ctx, actor, req.params.id, req.params.trainingId, req.body);
        return proposalDetail(ctx, actor, req.params.id);
      },
    );
  };
}
