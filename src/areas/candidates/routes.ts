import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InputError } from '../../shared/errors.ts';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { CandidatesContext } from './context.ts';
import { contentDisposition } from './domain/documents.ts';
import { MAX_DOCUMENT_BYTES } from './domain/vocabulary.ts';
import * as s from './http-schemas.ts';
import { createOwnDiagnosis, createPrescriberDiagnosis, ownDiagnosis } from './use-cases/diagnosis.ts';
import { readDocument, uploadDocument } from './use-cases/documents.ts';
import { followedCandidate, followedCandidates, providerApplications } from './use-cases/followers.ts';
import { getOwnProfile, giveFollow, saveOwnProfile, searchPrescriberOrganisations, withdrawFollow } from './use-cases/profile.ts';
import { applyAsCandidate, applyOnBehalf, reorderWishes, wishesOf, withdrawWish } from './use-cases/wishes.ts';

const CANDIDATE: Access = { roles: ['candidate'] };
const PRESCRIBER: Access = { roles: ['prescriber'] };
const PROVIDER: Access = { roles: ['provider'] };
/** a proof is seen by its owner, the prescribers who follow them, the providers they applied to */
const DOCUMENT_READERS: Access = { roles: ['candidate', 'prescriber', 'provider'] };

const UPLOAD_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'];

export function candidatesRoutes(ctx: CandidatesContext): FastifyPluginAsyncZod {
  return async (app) => {
    const profileTags = ['Candidat·es : profil et diagnostic'];
    const wishTags = ['Candidat·es : vœux'];
    const proTags = ['Prescripteurs et organismes : candidat·es'];
    const noStore = (reply: { header: (k: string, v: string) => unknown }) => reply.header('cache-control', 'no-store');

    // proofs arrive as the raw bytes of the file (the type is read from them, not from this header)
    app.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES + 1_048_576 }, (_req, body, done) => done(null, body));

    app.get(
      '/api/candidate/profile',
      { config: { access: CANDIDATE }, schema: { tags: profileTags, summary: 'Mon profil de candidat·e, mes accords et les structures qui me suivent', response: { 200: s.ownProfileSchema } } },
      async (req, reply) => {
        noStore(reply);
        return getOwnProfile(ctx, actorOf(req));
      },
    );

    app.put(
      '/api/candidate/profile',
      {
        config: { access: CANDIDATE },
        schema: { tags: profileTags, summary: 'Enregistrer mon profil et mes accords (chaque accord avec sa finalité)', body: s.profileBody, response: { 200: s.ownProfileSchema, 400: s.errorSchema } },
      },
      async (req) => saveOwnProfile(ctx, actorOf(req), req.body),
    );

    app.get(
      '/api/candidate/prescriber-organisations',
      {
        config: { access: CANDIDATE },
        schema: { tags: profileTags, summary: 'Structures d’accompagnement (prescripteurs) à choisir pour être suivi·e', querystring: s.organisationSearch, response: { 200: s.prescriberOrganisations, 400: s.errorSchema } },
      },
      async (req) => searchPrescriberOrganisations(ctx, req.query.q),
    );

    app.post(
      '/api/candidate/follows',
      { config: { access: CANDIDATE }, schema: { tags: profileTags, summary: 'Accepter d’être suivi·e par une structure d’accompagnement', body: s.followBody, response: { 200: s.followsSchema, 400: s.errorSchema, 404: s.errorSchema } } },
      async (req) => giveFollow(ctx, actorOf(req), req.body.organisationId),
    );

    app.delete(
      '/api/candidate/follows/:organisationId',
      {
        config: { access: CANDIDATE },
        schema: { tags: profileTags, summary: 'Retirer mon accord de suivi à une structure', params: z.object({ organisationId: s.uuid('Organisation') }), response: { 200: s.followsSchema, 404: s.errorSchema } },
      },
      async (req) => withdrawFollow(ctx, actorOf(req), req.params.organisationId),
    );

    app.get(
      '/api/candidate/diagnosis',
      { config: { access: CANDIDATE }, schema: { tags: profileTags, summary: 'Mon diagnostic d’éligibilité expliqué, les précédents, mes justificatifs', response: { 200: s.ownDiagnosisSchema } } },
      async (req, reply) => {
        noStore(reply);
        return ownDiagnosis(ctx, actorOf(req));
      },
    );

    app.post(
      '/api/candidate/diagnosis',
      { config: { access: CANDIDATE }, schema: { tags: profileTags, summary: 'Établir mon diagnostic à partir de mon profil (il remplace le précédent)', response: { 201: s.ownDiagnosisSchema, 409: s.errorSchema } } },
      async (req, reply) => reply.code(201).send(await createOwnDiagnosis(ctx, actorOf(req))),
    );

    app.post(
      '/api/candidate/documents',
      {
        config: { access: CANDIDATE },
        bodyLimit: MAX_DOCUMENT_BYTES + 1_048_576,
        schema: {
          tags: profileTags,
          summary: 'Déposer un justificatif (PDF, PNG ou JPEG, 5 Mo au plus) : le corps est le fichier',
          description: 'Corps : les octets du fichier (Content-Type application/pdf, image/png, image/jpeg ou application/octet-stream). En-tête facultatif x-file-name : le nom du fichier, encodé en URI.',
          querystring: s.documentQuery,
          response: { 201: z.array(s.documentRow), 400: s.errorSchema, 413: s.errorSchema },
        },
      },
      async (req, reply) => {
        if (!Buffer.isBuffer(req.body)) throw new InputError({ file: 'Envoyez le fichier lui-même (PDF, PNG ou JPEG) comme corps de la requête.' });
        const raw = req.headers['x-file-name'];
        let name: string | undefined;
        try {
          name = typeof raw === 'string' ? decodeURIComponent(raw) : undefined;
        } catch {
          name = undefined;
        }
        const declared = String(req.headers['content-type'] ?? '').split(';')[0]!.trim();
        return reply.code(201).send(await uploadDocument(ctx, actorOf(req), req.query.criterion, req.body, declared, name));
      },
    );

    app.get(
      '/api/candidate-documents/:documentId',
      {
        config: { access: DOCUMENT_READERS },
        schema: {
          tags: profileTags,
          summary: 'Télécharger un justificatif (la personne, les structures qui la suivent, les organismes où elle candidate)',
          params: z.object({ documentId: s.uuid('Justificatif') }),
          response: { 404: s.errorSchema },
        },
      },
      async (req, reply) => {
        const doc = await readDocument(ctx, actorOf(req), req.params.documentId);
        return reply
          .header('content-type', doc.mediaType)
          .header('content-disposition', contentDisposition(doc.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, no-store')
          .header('etag', `"${doc.sha256}"`)
          .send(doc.content as never);
      },
    );

    app.get(
      '/api/candidate/wishes',
      { config: { access: CANDIDATE }, schema: { tags: wishTags, summary: 'Mes vœux, leur état et leur historique', response: { 200: s.wishesSchema } } },
      async (req, reply) => {
        noStore(reply);
        return wishesOf(ctx, actorOf(req).userId);
      },
    );

    app.post(
      '/api/candidate/wishes',
      {
        config: { access: CANDIDATE },
        schema: { tags: wishTags, summary: 'Candidater à une session (10 vœux en cours au plus)', body: s.applyBody, response: { 201: s.appliedSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema } },
      },
      async (req, reply) => reply.code(201).send(await applyAsCandidate(ctx, actorOf(req), req.body)),
    );

    app.put(
      '/api/candidate/wishes/order',
      { config: { access: CANDIDATE }, schema: { tags: wishTags, summary: 'Classer mes vœux en cours (le premier est mon préféré)', body: s.reorderBody, response: { 200: s.wishesSchema, 400: s.errorSchema } } },
      async (req) => reorderWishes(ctx, actorOf(req), req.body.wishIds),
    );

    app.post(
      '/api/candidate/wishes/:wishId/withdraw',
      {
        config: { access: CANDIDATE },
        schema: {
          tags: wishTags,
          summary: 'Retirer un vœu',
          params: z.object({ wishId: s.uuid('Vœu') }),
          body: s.withdrawBody,
          response: { 200: s.wishesSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => withdrawWish(ctx, actorOf(req), req.params.wishId, req.body.motive),
    );

    app.get(
      '/api/prescriber/candidates',
      { config: { access: PRESCRIBER }, schema: { tags: proTags, summary: 'Les candidat·es qui acceptent d’être suivi·es par ma structure', response: { 200: s.followedListSchema } } },
      async (req, reply) => {
        noStore(reply);
        return followedCandidates(ctx, actorOf(req));
      },
    );

    app.get(
      '/api/prescriber/candidates/:userId',
      { config: { access: PRESCRIBER }, schema: { tags: proTags, summary: 'Un·e candidat·e suivi·e : profil (sans revenu), diagnostic, justificatifs, vœux', params: s.candidateParams, response: { 200: s.followedDetailSchema, 404: s.errorSchema } } },
      async (req, reply) => {
        noStore(reply);
        return followedCandidate(ctx, actorOf(req), req.params.userId);
      },
    );

    app.post(
      '/api/prescriber/candidates/:userId/diagnosis',
      {
        config: { access: PRESCRIBER },
        schema: {
          tags: proTags,
          summary: 'Établir ou valider le diagnostic d’un·e candidat·e suivi·e (valable 6 mois, il remplace le précédent)',
          params: s.candidateParams,
          body: s.confirmBody,
          response: { 201: s.diagnosisSchema.nullable(), 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await createPrescriberDiagnosis(ctx, actorOf(req), req.params.userId, req.body.confirmed)),
    );

    app.post(
      '/api/prescriber/candidates/:userId/wishes',
      {
        config: { access: PRESCRIBER },
        schema: {
          tags: proTags,
          summary: 'Candidater pour le compte d’un·e candidat·e suivi·e (la structure est la prescriptrice)',
          params: s.candidateParams,
          body: s.onBehalfBody,
          response: { 201: s.appliedSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await applyOnBehalf(ctx, actorOf(req), req.params.userId, req.body)),
    );

    app.get(
      '/api/provider/applications',
      {
        config: { access: PROVIDER },
        schema: { tags: proTags, summary: 'Les candidatures aux sessions de mon organisme, avec le diagnostic (sans les ressources)', querystring: s.applicationsQuery, response: { 200: s.applicationsSchema, 400: s.errorSchema } },
      },
      async (req, reply) => {
        noStore(reply);
        return providerApplications(ctx, actorOf(req), req.query);
      },
    );
  };
}
