import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AID_REQUEST_STATUSES, ENROLMENT_STATUSES } from '../../../db/schema/admissions.ts';
import { actorOf } from '../../accounts/authz-plugin.ts';
import type { Access } from '../../accounts/domain/access.ts';
import type { AdmissionsContext } from '../../admissions/context.ts';
import { errorSchema, uuid } from '../../admissions/http-schemas.ts';
import { COMMUNE_CODE } from '../../territories/domain/commune.ts';
import { EXCLUSIONS } from '../domain/exclusions.ts';
import { aidRequestsForReview, decideAidRequest, learnerEnrolments, submitAidRequest } from './requests.ts';

const CANDIDATE: Access = { roles: ['candidate'] };
const OPERATOR: Access = { roles: ['operator'] };

const count = (message: string) => z.number({ error: message }).int(message).min(0, message).max(30, message);

const requestBody = z.object({
  incomeEuros: z
    .number({ error: 'Indiquez le revenu brut global du foyer fiscal (année N-2), en euros.' })
    .min(0, 'Le revenu brut global est positif ou nul.')
    .max(100_000_000, 'Ce revenu semble erroné.')
    .refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(Math.round(n * 100) - n * 100) < 1e-6, 'Le revenu s’exprime en euros et centimes au plus.'),
  children: count('Le nombre d’autres enfants à charge est un entier de 0 à 30.'),
  childrenInHigherEducation: count('Le nombre d’enfants dans l’enseignement supérieur est un entier de 0 à 30.'),
  disability: z.boolean({ error: 'Handicap reconnu : vrai ou faux.' }),
  carer: z.boolean({ error: 'Aidant·e d’un proche handicapé : vrai ou faux.' }),
  exclusions: z.array(z.enum(EXCLUSIONS, { error: 'Situation inconnue.' })).max(6),
  homeCommuneCode: z.string().regex(COMMUNE_CODE, 'Code INSEE de commune à 5 caractères (ex. 69123).').optional(),
});

const inputsView = z.object({
  incomeCents: z.number(),
  children: z.number(),
  childrenInHigherEducation: z.number(),
  disabilityOrCarer: z.number(),
  exclusions: z.array(z.string()),
  homeCommune: z.string(),
  trainingCommune: z.string(),
  distanceKm: z.number(),
  trainingStart: z.string(),
  trainingEnd: z.string(),
});
const amounts = {
  academicYear: z.string(),
  scaleYear: z.string(),
  points: z.number(),
  echelon: z.string().nullable(),
  echelonLabel: z.string().nullable(),
  annualCents: z.number(),
  monthlyCents: z.number(),
  payments: z.number(),
  totalCents: z.number(),
  explanation: z.array(z.string()),
};
const decisionView = z.object({ decision: z.enum(['granted', 'refused']), decidedAt: z.string(), motive: z.string().nullable(), ...amounts });

const learnerSchema = z.array(
  z.object({
    id: z.string(),
    status: z.enum(ENROLMENT_STATUSES),
    statusLabel: z.string(),
    trainingTitle: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    startedOn: z.string().nullable(),
    endedOn: z.string().nullable(),
    canRequestAid: z.boolean(),
    aidRequests: z.array(
      z.object({
        id: z.string(),
        status: z.enum(AID_REQUEST_STATUSES),
        submittedAt: z.string(),
        inputs: inputsView,
        decision: decisionView.nullable(),
        paymentsDue: z.array(z.object({ monthStarting: z.string(), academicYear: z.string(), amountCents: z.number(), paid: z.boolean() })),
      }),
    ),
  }),
);

const reviewSchema = z.array(
  z.object({
    id: z.string(),
    status: z.enum(AID_REQUEST_STATUSES),
    learnerName: z.string(),
    trainingTitle: z.string(),
    submittedAt: z.string(),
    inputs: inputsView,
    computed: z.object({ ...amounts, exclusions: z.array(z.string()) }),
    decision: decisionView.nullable(),
  }),
);

/** The learner's enrolments and aid requests; the operator's review of the requests (acting as the CROUS). */
export function aidRequestRoutes(ctx: AdmissionsContext): FastifyPluginAsyncZod {
  return async (app) => {
    const learnerTags = ['Apprenant·es : inscriptions et aide GEN'];
    const operatorTags = ['Aide GEN : instruction (opérateur, pour le Crous)'];
    app.get(
      '/api/learner/enrolments',
      { config: { access: CANDIDATE }, schema: { tags: learnerTags, summary: 'Mes inscriptions, mes demandes d’aide et les mensualités dues', response: { 200: learnerSchema } } },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return learnerEnrolments(ctx, actorOf(req));
      },
    );
    app.post(
      '/api/learner/enrolments/:enrolmentId/aid-request',
      {
        config: { access: CANDIDATE },
        schema: {
          tags: learnerTags,
          summary: 'Demander l’aide Grande École du Numérique (une fois la formation commencée)',
          params: z.object({ enrolmentId: uuid('Inscription') }),
          body: requestBody,
          response: { 201: learnerSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req, reply) => {
        const b = req.body;
        await submitAidRequest(ctx, actorOf(req), req.params.enrolmentId, {
          incomeCents: Math.round(b.incomeEuros * 100),
          children: b.children,
          childrenInHigherEducation: b.childrenInHigherEducation,
          disability: b.disability,
          carer: b.carer,
          exclusions: b.exclusions,
          homeCommuneCode: b.homeCommuneCode,
        });
        return reply.code(201).send(await learnerEnrolments(ctx, actorOf(req)));
      },
    );
    app.get(
      '/api/aid-requests',
      {
        config: { access: OPERATOR },
        schema: { tags: operatorTags, summary: 'Les demandes d’aide, avec le calcul qui s’y applique', querystring: z.object({ status: z.enum(AID_REQUEST_STATUSES).optional() }), response: { 200: reviewSchema } },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        return aidRequestsForReview(ctx, req.query.status);
      },
    );
    app.post(
      '/api/aid-requests/:requestId/decision',
      {
        config: { access: OPERATOR },
        schema: {
          tags: operatorTags,
          summary: 'Accorder l’aide à l’échelon calculé, ou la refuser avec un motif',
          params: z.object({ requestId: uuid('Demande') }),
          body: z.object({ decision: z.enum(['grant', 'refuse'], { error: 'Décision : grant ou refuse.' }), motive: z.string().max(2000, 'Le motif tient en 2000 caractères au plus.').nullish() }),
          response: { 200: reviewSchema, 400: errorSchema, 404: errorSchema, 409: errorSchema },
        },
      },
      async (req) => {
        await decideAidRequest(ctx, actorOf(req), req.params.requestId, req.body);
        return aidRequestsForReview(ctx, undefined);
      },
    );
  };
}
