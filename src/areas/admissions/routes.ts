import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../accounts/authz-plugin.ts';
import type { Access } from '../accounts/domain/access.ts';
import type { AdmissionsContext } from './context.ts';
import * as s from './http-schemas.ts';
import { organisationOf } from './use-cases/access.ts';
import { acceptOffer, declineOffer, renounceOffer, setAutoResponder } from './use-cases/answers.ts';
import { candidateAdmissions } from './use-cases/candidate-view.ts';
import { importRanking, publishRanking, rankingCsv, rankingView, saveRanking } from './use-cases/ranking.ts';
import { listRounds, runRound } from './use-cases/rounds.ts';
import { providerSessions, publicRules, publicTrainingRules, saveSettings } from './use-cases/settings.ts';

const PROVIDER: Access = { roles: ['provider'] };
const CANDIDATE: Access = { roles: ['candidate'] };
const OPERATOR: Access = { roles: ['operator'] };

export function admissionsRoutes(ctx: AdmissionsContext): FastifyPluginAsyncZod {
  return async (app) => {
    const publicTags = ['Admissions : règles publiques'];
    const providerTags = ['Admissions : organismes (classement, ordre d’appel)'];
    const candidateTags = ['Admissions : candidat·es (propositions, réponses)'];
    const operatorTags = ['Admissions : opérateur (tours de propositions)'];
    const noStore = (reply: { header: (k: string, v: string) => unknown }) => reply.header('cache-control', 'no-store');

    app.get(
      '/api/sessions/:sessionId/admission-rules',
      {
        config: { access: 'public' },
        schema: {
          tags: publicTags,
          summary: 'Règles d’admission d’une session : publics prioritaires et taux minimaux, cible de propositions, appel en bloc, délai de réponse',
          params: s.sessionParams,
          response: { 200: s.publicRulesSchema, 400: s.errorSchema, 404: s.errorSchema },
        },
      },
      async (req) => publicRules(ctx, req.params.sessionId),
    );

    app.get(
      '/api/trainings/:trainingId/admission-rules',
      {
        config: { access: 'public' },
        schema: {
          tags: publicTags,
          summary: 'Règles d’admission des sessions à venir ou en cours d’une formation (pour sa page publique)',
          params: s.trainingParams,
          response: { 200: s.publicTrainingRulesSchema, 400: s.errorSchema, 404: s.errorSchema },
        },
      },
      async (req) => publicTrainingRules(ctx, req.params.trainingId),
    );

    app.get(
      '/api/provider/admissions/sessions',
      { config: { access: PROVIDER }, schema: { tags: providerTags, summary: 'Mes sessions et l’état de leur classement', response: { 200: s.providerSessionsSchema } } },
      async (req, reply) => {
        noStore(reply);
        return providerSessions(ctx, organisationOf(actorOf(req)));
      },
    );

    app.get(
      '/api/provider/sessions/:sessionId/admissions',
      {
        config: { access: PROVIDER },
        schema: { tags: providerTags, summary: 'Règles, classement, ordre d’appel et historique des tours d’une de mes sessions', params: s.sessionParams, response: { 200: s.rankingViewSchema, 404: s.errorSchema } },
      },
      async (req, reply) => {
        noStore(reply);
        return rankingView(ctx, actorOf(req), req.params.sessionId);
      },
    );

    app.put(
      '/api/provider/sessions/:sessionId/admissions/settings',
      {
        config: { access: PROVIDER },
        schema: {
          tags: providerTags,
          summary: 'Régler les publics prioritaires (par ordre de priorité) et leurs taux, la marge de surréservation, l’appel en bloc et le délai de réponse',
          params: s.sessionParams,
          body: s.settingsBody,
          response: { 200: s.rankingViewSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => {
        await saveSettings(ctx, actorOf(req), req.params.sessionId, req.body);
        return rankingView(ctx, actorOf(req), req.params.sessionId);
      },
    );

    app.put(
      '/api/provider/sessions/:sessionId/admissions/ranking',
      {
        config: { access: PROVIDER },
        schema: {
          tags: providerTags,
          summary: 'Enregistrer le classement (rang, ou « non classé » avec un motif ; notes d’entretien)',
          params: s.sessionParams,
          body: s.rankingBody,
          response: { 200: s.rankingViewSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => saveRanking(ctx, actorOf(req), req.params.sessionId, req.body.entries),
    );

    app.post(
      '/api/provider/sessions/:sessionId/admissions/ranking/import',
      {
        config: { access: PROVIDER },
        bodyLimit: 6_000_000,
        schema: {
          tags: providerTags,
          summary: 'Importer le classement depuis un fichier CSV (colonnes voeu, rang, motif_non_classe, notes) : refusé en entier avec les lignes en faute',
          params: s.sessionParams,
          body: s.importBody,
          response: { 200: s.rankingViewSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => importRanking(ctx, actorOf(req), req.params.sessionId, req.body.csv),
    );

    app.get(
      '/api/provider/sessions/:sessionId/admissions/ranking.csv',
      { config: { access: PROVIDER }, schema: { tags: providerTags, summary: 'Le classement en CSV, modèle à compléter pour l’import', params: s.sessionParams, response: { 200: z.string(), 404: s.errorSchema } } },
      async (req, reply) => {
        const csv = await rankingCsv(ctx, actorOf(req), req.params.sessionId);
        noStore(reply);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="classement.csv"');
        return csv;
      },
    );

    app.post(
      '/api/provider/sessions/:sessionId/admissions/ranking/publish',
      {
        config: { access: PROVIDER },
        schema: {
          tags: providerTags,
          summary: 'Publier le classement : calcule l’ordre d’appel à partir d’un instantané des critères des candidat·es',
          params: s.sessionParams,
          response: { 200: s.rankingViewSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => publishRanking(ctx, actorOf(req), req.params.sessionId),
    );

    app.get(
      '/api/admissions/rounds',
      { config: { access: OPERATOR }, schema: { tags: operatorTags, summary: 'Les tours de propositions (quotidiens et à la demande)', response: { 200: s.roundsSchema } } },
      async (_req, reply) => {
        noStore(reply);
        return listRounds(ctx);
      },
    );

    app.post(
      '/api/admissions/rounds',
      { config: { access: OPERATOR }, schema: { tags: operatorTags, summary: 'Lancer un tour de propositions maintenant (une seule transaction)', response: { 201: s.roundSummarySchema, 409: s.errorSchema } } },
      async (req, reply) => reply.code(201).send(await runRound(ctx, { kind: 'on_demand', actor: actorOf(req) })),
    );

    app.get(
      '/api/candidate/admissions',
      {
        config: { access: CANDIDATE },
        schema: { tags: candidateTags, summary: 'Mes propositions, mes rangs d’appel, le dernier rang appelé et leurs explications', response: { 200: s.candidateAdmissionsSchema } },
      },
      async (req, reply) => {
        noStore(reply);
        return candidateAdmissions(ctx, actorOf(req));
      },
    );

    app.put(
      '/api/candidate/admissions/auto-responder',
      {
        config: { access: CANDIDATE },
        schema: { tags: candidateTags, summary: 'Activer ou couper la réponse automatique (selon l’ordre de mes vœux)', body: s.autoResponderBody, response: { 200: s.candidateAdmissionsSchema, 400: s.errorSchema } },
      },
      async (req) => {
        await setAutoResponder(ctx, actorOf(req), req.body.enabled);
        return candidateAdmissions(ctx, actorOf(req));
      },
    );

    app.post(
      '/api/candidate/offers/:offerId/accept',
      {
        config: { access: CANDIDATE },
        schema: {
          tags: candidateTags,
          summary: 'Accepter une proposition (refuse mes autres propositions en attente ; peut retirer mes vœux en attente moins bien placés)',
          params: s.offerParams,
          body: s.acceptBody,
          response: { 200: s.candidateAdmissionsSchema, 400: s.errorSchema, 404: s.errorSchema, 409: s.errorSchema },
        },
      },
      async (req) => {
        await acceptOffer(ctx, actorOf(req), req.params.offerId, req.body?.withdrawWorse ?? false);
        return candidateAdmissions(ctx, actorOf(req));
      },
    );

    app.post(
      '/api/candidate/offers/:offerId/decline',
      { config: { access: CANDIDATE }, schema: { tags: candidateTags, summary: 'Refuser une proposition', params: s.offerParams, response: { 200: s.candidateAdmissionsSchema, 404: s.errorSchema, 409: s.errorSchema } } },
      async (req) => {
        await declineOffer(ctx, actorOf(req), req.params.offerId);
        return candidateAdmissions(ctx, actorOf(req));
      },
    );

    app.post(
      '/api/candidate/offers/:offerId/renounce',
      { config: { access: CANDIDATE }, schema: { tags: candidateTags, summary: 'Renoncer à une proposition acceptée (la place revient à la session)', params: s.offerParams, response: { 200: s.candidateAdmissionsSchema, 404: s.errorSchema, 409: s.errorSchema } } },
      async (req) => {
        await renounceOffer(ctx, actorOf(req), req.params.offerId);
        return candidateAdmissions(ctx, actorOf(req));
      },
    );
  };
}
