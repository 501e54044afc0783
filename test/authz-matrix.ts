import type { Actor, Objects } from './authz-matrix-world.ts';

/**
 * The authorisation matrix: every API route and who may call it. The matrix test checks that this
 * table and the routes' own declarations agree exactly (a new route without an entry fails), then
 * calls every route as every role.
 *  - 'public': anyone; 'signed-in': any signed-in person; otherwise the roles allowed.
 */
export type Expected = 'public' | 'signed-in' | readonly string[];

const ORG_ROLES = ['prescriber', 'provider', 'employer', 'reviewer', 'funder', 'operator'] as const;

export const AUTHZ_MATRIX: Record<string, Expected> = {
  // system and public catalogue
  'GET /api/version': 'public',
  'GET /api/health': 'public',
  'GET /api/trainings': 'public',
  'GET /api/trainings/map': 'public',
  'GET /api/trainings/:id': 'public',
  'GET /api/referentials': 'public',
  'GET /api/communes': 'public',
  'GET /api/open-data': 'public',
  'GET /api/open-data/trainings.csv': 'public',
  'GET /api/open-data/trainings.geojson': 'public',
  'GET /api/open-data/lheo.xml': 'public',
  'GET /api/aid/simulate': 'public',
  // demo mode only: the mails the platform would have sent
  'GET /api/dev/mails': 'public',
  // accounts
  'POST /api/auth/sign-up': 'public',
  'POST /api/auth/confirm-email': 'public',
  'POST /api/auth/parental-consent': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'signed-in',
  'POST /api/auth/sign-out-everywhere': 'signed-in',
  'POST /api/auth/password-reset/request': 'public',
  'POST /api/auth/password-reset': 'public',
  'GET /api/auth/demo-accounts': 'public',
  'GET /api/auth/oidc/providers': 'public',
  'GET /api/auth/oidc/:provider/start': 'public',
  'GET /api/auth/oidc/:provider/callback': 'public',
  'GET /api/auth/oidc/pending': 'public',
  'POST /api/auth/oidc/link': 'public',
  'GET /api/account': 'signed-in',
  'POST /api/account/password': 'signed-in',
  'PUT /api/account/active-membership': 'signed-in',
  // the person's own data (RGPD): export and erasure
  'GET /api/account/data': 'signed-in',
  'POST /api/account/erasure': 'signed-in',
  'POST /api/invitations/preview': 'public',
  'POST /api/invitations/accept': 'public',
  'GET /api/organisations': ['operator'],
  'POST /api/organisations': ['operator'],
  'GET /api/organisations/:id': ORG_ROLES,
  'GET /api/organisations/:id/members': ORG_ROLES,
  'DELETE /api/organisations/:id/members/:membershipId': ORG_ROLES,
  'GET /api/organisations/:id/invitations': ORG_ROLES,
  'POST /api/organisations/:id/invitations': ORG_ROLES,
  'DELETE /api/organisations/:id/invitations/:invitationId': ORG_ROLES,
  'GET /api/audit': ['operator'],
  // candidates: profile, diagnosis, proofs, wishes; prescribers' and providers' views
  'GET /api/candidate/profile': ['candidate'],
  'PUT /api/candidate/profile': ['candidate'],
  'GET /api/candidate/prescriber-organisations': ['candidate'],
  'POST /api/candidate/follows': ['candidate'],
  'DELETE /api/candidate/follows/:organisationId': ['candidate'],
  'GET /api/candidate/diagnosis': ['candidate'],
  'POST /api/candidate/diagnosis': ['candidate'],
  'POST /api/candidate/documents': ['candidate'],
  'GET /api/candidate-documents/:documentId': ['candidate', 'prescriber', 'provider'],
  'GET /api/candidate/wishes': ['candidate'],
  'POST /api/candidate/wishes': ['candidate'],
  'PUT /api/candidate/wishes/order': ['candidate'],
  'POST /api/candidate/wishes/:wishId/withdraw': ['candidate'],
  'GET /api/prescriber/candidates': ['prescriber'],
  'GET /api/prescriber/candidates/:userId': ['prescriber'],
  'POST /api/prescriber/candidates/:userId/diagnosis': ['prescriber'],
  'POST /api/prescriber/candidates/:userId/wishes': ['prescriber'],
  'GET /api/provider/applications': ['provider'],
  // calls for projects, proposals, review, decisions (areas calls/, labels/, grants/)
  'GET /api/calls': 'public',
  'GET /api/calls/:id': 'public',
  'POST /api/calls': ['operator'],
  'PUT /api/calls/:id': ['operator'],
  'POST /api/calls/:id/status': ['operator'],
  'GET /api/calls/:id/proposals': ['operator'],
  'GET /api/calls/:id/committee': ['operator'],
  'GET /api/calls/:id/ranking.csv': ['operator'],
  'GET /api/proposals': ['provider'],
  'POST /api/proposals': ['provider'],
  'GET /api/proposals/:id': ['provider', 'operator', 'reviewer'],
  'PUT /api/proposals/:id': ['provider'],
  'POST /api/proposals/:id/submit': ['provider'],
  'POST /api/proposals/:id/withdraw': ['provider'],
  'POST /api/proposals/:id/attachments': ['provider'],
  'GET /api/proposals/:id/attachments/:attachmentId': ['provider', 'operator', 'reviewer'],
  'DELETE /api/proposals/:id/attachments/:attachmentId': ['provider'],
  'GET /api/reviewers': ['operator'],
  'PUT /api/proposals/:id/reviewers': ['operator'],
  'GET /api/reviews': ['reviewer'],
  'GET /api/proposals/:id/reviews': ['operator', 'reviewer'],
  'PUT /api/proposals/:id/review': ['reviewer'],
  'POST /api/proposals/:id/review/submit': ['reviewer'],
  'POST /api/proposals/:id/review/recuse': ['reviewer'],
  'GET /api/reviewer/conflicts': ['reviewer'],
  'POST /api/reviewer/conflicts': ['reviewer'],
  'GET /api/reviewer/providers': ['reviewer'],
  'POST /api/proposals/:id/trainings/:trainingId/decision': ['operator'],
  'GET /api/labels': ['operator'],
  'POST /api/labels/:id/status': ['operator'],
  'POST /api/labels/:id/renewal': ['operator'],
  'POST /api/labels/:id/renewal-request/refusal': ['operator'],
  'GET /api/provider/labels': ['provider'],
  'POST /api/provider/labels/:id/renewal-request': ['provider'],
  'GET /api/grants': ['operator', 'provider', 'funder'],
  'GET /api/grants/summary': ['operator', 'funder'],
  'GET /api/grants/:id': ['operator', 'provider', 'funder'],
  'POST /api/grants/:id/tranches/:trancheId/evidence': ['provider'],
  'GET /api/grants/:id/tranches/:trancheId/evidence/:evidenceId': ['operator', 'provider', 'funder'],
  'POST /api/grants/:id/tranches/:trancheId/submit': ['provider'],
  'POST /api/grants/:id/tranches/:trancheId/review': ['operator'],
  'POST /api/grants/:id/tranches/:trancheId/payment': ['operator'],
  // admissions: public rules, rankings and call orders, rounds, answers (areas admissions/)
  'GET /api/sessions/:sessionId/admission-rules': 'public',
  'GET /api/trainings/:trainingId/admission-rules': 'public',
  'GET /api/provider/admissions/sessions': ['provider'],
  'GET /api/provider/sessions/:sessionId/admissions': ['provider'],
  'PUT /api/provider/sessions/:sessionId/admissions/settings': ['provider'],
  'PUT /api/provider/sessions/:sessionId/admissions/ranking': ['provider'],
  'POST /api/provider/sessions/:sessionId/admissions/ranking/import': ['provider'],
  'GET /api/provider/sessions/:sessionId/admissions/ranking.csv': ['provider'],
  'POST /api/provider/sessions/:sessionId/admissions/ranking/publish': ['provider'],
  'GET /api/admissions/rounds': ['operator'],
  'POST /api/admissions/rounds': ['operator'],
  'GET /api/candidate/admissions': ['candidate'],
  'PUT /api/candidate/admissions/auto-responder': ['candidate'],
  'POST /api/candidate/offers/:offerId/accept': ['candidate'],
  'POST /api/candidate/offers/:offerId/decline': ['candidate'],
  'POST /api/candidate/offers/:offerId/renounce': ['candidate'],
  // enrolments (areas enrolments/) and GEN aid requests (scholarships/requests/)
  'GET /api/provider/sessions/:sessionId/enrolments': ['provider'],
  'POST /api/provider/sessions/:sessionId/enrolments/open': ['provider'],
  'POST /api/provider/enrolments/:enrolmentId/status': ['provider'],
  'GET /api/learner/enrolments': ['candidate'],
  'POST /api/learner/enrolments/:enrolmentId/aid-request': ['candidate'],
  'GET /api/aid-requests': ['operator'],
  'POST /api/aid-requests/:requestId/decision': ['operator'],
};

/**
 * The cross-organisation matrix: every route whose path names an object is called, for each role it
 * admits, by a second account of that role in another organisation (or, for reviewers, one not assigned;
 * for candidates, another candidate) on an object of the first account, and must answer 404 as if the
 * object did not exist (test/authz-matrix-orgs.int.test.ts; the objects come from
 * test/authz-matrix-world.ts). A new route with a path parameter and no entry here fails the suite, and
 * so does an admitted role with neither a check nor a stated reason.
 */
export interface CrossOrgCheck {
  /** who calls: a second account, or a first one on an object it has no right to */
  as: Actor;
  /** the path parameters, taken from the first accounts' objects */
  params: (o: Objects) => Record<string, string>;
  /** a valid body, so that the call gets past validation and reaches the ownership rule */
  body?: (o: Objects) => unknown;
  /** an upload: the body is a small PDF and this is the query string */
  upload?: string;
  /** the same GET by the first account of the role answers 200 (proves the object exists); default true */
  control?: boolean;
}
export interface CrossOrgEntry {
  checks: CrossOrgCheck[];
  /** the admitted roles (or 'public') with no second organisation to try, and why */
  exempt?: Record<string, string>;
}

const ANYONE = { public: 'public: anyone may read it' };
const NATIONAL = { operator: 'the GIP is one national organisation: the operator sees every object' };
const ownOrgRoles = ['provider', 'prescriber', 'funder', 'employer'] as const;
const SECOND_OF: Record<string, Actor> = { provider: 'other provider', prescriber: 'other prescriber', funder: 'funder of another région', employer: 'other employer', reviewer: 'reviewer not assigned', candidate: 'other candidate' };

/** an organisation route: each kind's second account on the first account's organisation; a reviewer (a GIP member) on a provider's */
function orgRoute(params: (o: Objects, role: string) => Record<string, string>, body?: (o: Objects, role: string) => unknown): CrossOrgEntry {
  const checks: CrossOrgCheck[] = ownOrgRoles.map((role) => ({ as: SECOND_OF[role]!, params: (o: Objects) => params(o, role), ...(body ? { body: (o: Objects) => body(o, role) } : {}) }));
  checks.push({ as: 'reviewer not assigned', params: (o) => params(o, 'provider'), ...(body ? { body: (o: Objects) => body(o, 'provider') } : {}), control: false });
  return { checks, exempt: NATIONAL };
}
const by = (role: string, params: CrossOrgCheck['params'], more: Partial<CrossOrgCheck> = {}): CrossOrgCheck => ({ as: SECOND_OF[role]!, params, ...more });
const proposal = (o: Objects) => ({ id: o.proposal });
const attachment = (o: Objects) => ({ id: o.proposal, attachmentId: o.attachment });
const grant = (o: Objects) => ({ id: o.grant });
const tranche = (o: Objects) => ({ id: o.grant, trancheId: o.tranche });
const session = (o: Objects) => ({ sessionId: o.session });
const followed = (o: Objects) => ({ userId: o.candidate });
const notFollowing = (o: Objects) => ({ userId: o.candidateNotFollowing });
const offer = (o: Objects) => ({ offerId: o.offer });
/** a prescriber: another organisation on a followed candidate, and its own on a candidate who did not agree */
const prescriberChecks = (body?: CrossOrgCheck['body']): CrossOrgCheck[] => [by('prescriber', followed, body ? { body } : {}), { as: 'prescriber', params: notFollowing, ...(body ? { body } : {}), control: false }];

export const CROSS_ORG: Record<string, CrossOrgEntry> = {
  'GET /api/trainings/:id': { checks: [], exempt: ANYONE },
  'GET /api/calls/:id': { checks: [], exempt: ANYONE },
  'GET /api/sessions/:sessionId/admission-rules': { checks: [], exempt: ANYONE },
  'GET /api/trainings/:trainingId/admission-rules': { checks: [], exempt: ANYONE },
  'GET /api/auth/oidc/:provider/start': { checks: [], exempt: { public: 'the parameter names an identity provider, not an object' } },
  'GET /api/auth/oidc/:provider/callback': { checks: [], exempt: { public: 'the parameter names an identity provider, not an object' } },
  // organisations
  'GET /api/organisations/:id': orgRoute((o, r) => ({ id: o.org[r]! })),
  'GET /api/organisations/:id/members': orgRoute((o, r) => ({ id: o.org[r]! })),
  'DELETE /api/organisations/:id/members/:membershipId': orgRoute((o, r) => ({ id: o.org[r]!, membershipId: o.membership[r]! })),
  'GET /api/organisations/:id/invitations': orgRoute((o, r) => ({ id: o.org[r]! })),
  'POST /api/organisations/:id/invitations': orgRoute(
    (o, r) => ({ id: o.org[r]! }),
    (_o, r) => ({ email: `intrus.${r}@matrice.fabriques.fr`, role: r }),
  ),
  'DELETE /api/organisations/:id/invitations/:invitationId': orgRoute((o, r) => ({ id: o.org[r]!, invitationId: o.invitation[r]! })),
  // candidates
  'DELETE /api/candidate/follows/:organisationId': { checks: [by('candidate', (o) => ({ organisationId: o.org.prescriber! }))] },
  'GET /api/candidate-documents/:documentId': { checks: (['candidate', 'prescriber', 'provider'] as const).map((r) => by(r, (o) => ({ documentId: o.document }))) },
  'POST /api/candidate/wishes/:wishId/withdraw': { checks: [by('candidate', (o) => ({ wishId: o.wish }), { body: () => ({ motive: 'Plus intéressée' }) })] },
  'GET /api/prescriber/candidates/:userId': { checks: prescriberChecks() },
  'POST /api/prescriber/candidates/:userId/diagnosis': { checks: prescriberChecks(() => ({ confirmed: ['woman'] })) },
  'POST /api/prescriber/candidates/:userId/wishes': { checks: prescriberChecks((o) => ({ sessionId: o.session, motivation: 'Orientée par sa conseillère.' })) },
  // calls (operator only)
  'PUT /api/calls/:id': { checks: [], exempt: NATIONAL },
  'POST /api/calls/:id/status': { checks: [], exempt: NATIONAL },
  'GET /api/calls/:id/proposals': { checks: [], exempt: NATIONAL },
  'GET /api/calls/:id/committee': { checks: [], exempt: NATIONAL },
  'GET /api/calls/:id/ranking.csv': { checks: [], exempt: NATIONAL },
  // proposals and their review
  'GET /api/proposals/:id': { checks: [by('provider', proposal), by('reviewer', proposal)], exempt: NATIONAL },
  'PUT /api/proposals/:id': { checks: [by('provider', proposal, { body: () => ({ title: 'Piraté', data: {}, trainings: [] }) })] },
  'POST /api/proposals/:id/submit': { checks: [by('provider', proposal)] },
  'POST /api/proposals/:id/withdraw': { checks: [by('provider', proposal, { body: () => ({ motive: 'Intrusion' }) })] },
  'POST /api/proposals/:id/attachments': { checks: [by('provider', proposal, { upload: '?kind=budget' })] },
  'GET /api/proposals/:id/attachments/:attachmentId': { checks: [by('provider', attachment), by('reviewer', attachment)], exempt: NATIONAL },
  'DELETE /api/proposals/:id/attachments/:attachmentId': { checks: [by('provider', attachment)] },
  'PUT /api/proposals/:id/reviewers': { checks: [], exempt: NATIONAL },
  'GET /api/proposals/:id/reviews': { checks: [by('reviewer', proposal)], exempt: NATIONAL },
  'PUT /api/proposals/:id/review': { checks: [by('reviewer', proposal, { body: () => ({ scores: [] }) })] },
  'POST /api/proposals/:id/review/submit': { checks: [by('reviewer', proposal, { body: () => ({}) })] },
  'POST /api/proposals/:id/review/recuse': { checks: [by('reviewer', proposal, { body: () => ({ motive: 'Un lien ancien avec la structure.' }) })] },
  'POST /api/proposals/:id/trainings/:trainingId/decision': { checks: [], exempt: NATIONAL },
  'POST /api/labels/:id/status': { checks: [], exempt: NATIONAL },
  'POST /api/labels/:id/renewal': { checks: [], exempt: NATIONAL },
  'POST /api/labels/:id/renewal-request/refusal': { checks: [], exempt: NATIONAL },
  'POST /api/provider/labels/:id/renewal-request': { checks: [by('provider', (o) => ({ id: o.label }), { body: () => ({ motive: 'Le label doit être renouvelé : bilan positif.' }) })] },
  // grants: the provider's own, the funder's own (its région's)
  'GET /api/grants/:id': { checks: [by('provider', grant), by('funder', grant)], exempt: NATIONAL },
  'POST /api/grants/:id/tranches/:trancheId/evidence': { checks: [by('provider', tranche, { upload: '?kind=attendance' })] },
  'GET /api/grants/:id/tranches/:trancheId/evidence/:evidenceId': { checks: [by('provider', (o) => ({ ...tranche(o), evidenceId: o.evidence })), by('funder', (o) => ({ ...tranche(o), evidenceId: o.evidence }))], exempt: NATIONAL },
  'POST /api/grants/:id/tranches/:trancheId/submit': { checks: [by('provider', tranche)] },
  'POST /api/grants/:id/tranches/:trancheId/review': { checks: [], exempt: NATIONAL },
  'POST /api/grants/:id/tranches/:trancheId/payment': { checks: [], exempt: NATIONAL },
  // admissions and enrolments: the provider's own sessions, the candidate's own offers and enrolments
  'GET /api/provider/sessions/:sessionId/admissions': { checks: [by('provider', session)] },
  'PUT /api/provider/sessions/:sessionId/admissions/settings': { checks: [by('provider', session, { body: () => ({ constraints: [], overbookingMargin: 0, blockCallRank: 0, answerDays: 5 }) })] },
  'PUT /api/provider/sessions/:sessionId/admissions/ranking': { checks: [by('provider', session, { body: () => ({ entries: [] }) })] },
  'POST /api/provider/sessions/:sessionId/admissions/ranking/import': { checks: [by('provider', session, { body: (o) => ({ csv: `voeu;rang\n${o.wish};1\n` }) })] },
  'GET /api/provider/sessions/:sessionId/admissions/ranking.csv': { checks: [by('provider', session)] },
  'POST /api/provider/sessions/:sessionId/admissions/ranking/publish': { checks: [by('provider', session)] },
  'POST /api/candidate/offers/:offerId/accept': { checks: [by('candidate', offer, { body: () => ({}) })] },
  'POST /api/candidate/offers/:offerId/decline': { checks: [by('candidate', offer)] },
  'POST /api/candidate/offers/:offerId/renounce': { checks: [by('candidate', offer)] },
  'GET /api/provider/sessions/:sessionId/enrolments': { checks: [by('provider', session)] },
  'POST /api/provider/sessions/:sessionId/enrolments/open': { checks: [by('provider', session)] },
  'POST /api/provider/enrolments/:enrolmentId/status': { checks: [by('provider', (o) => ({ enrolmentId: o.enrolment }), { body: () => ({ to: 'completed' }) })] },
  'POST /api/learner/enrolments/:enrolmentId/aid-request': {
    checks: [
      by('candidate', (o) => ({ enrolmentId: o.enrolment }), {
        body: () => ({ incomeEuros: 1000, children: 0, childrenInHigherEducation: 0, disability: false, carer: false, exclusions: [], homeCommuneCode: '69123' }),
      }),
    ],
  },
  'POST /api/aid-requests/:requestId/decision': { checks: [], exempt: NATIONAL },
};
