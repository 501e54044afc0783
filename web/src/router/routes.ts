import { lazy, type ComponentType } from 'react';
import { HomePage } from '../pages/HomePage.tsx';

export type RouteParams = Record<string, string>;
export type PageComponent = ComponentType<{ params: RouteParams }>;

interface Route {
  pattern: RegExp;
  /** names of the pattern's capture groups, in order */
  params?: string[];
  page: PageComponent;
}

// Every page but the home page is loaded on demand, so that the first load stays small.
const SearchPage = lazy(() => import('../pages/SearchPage.tsx').then((m) => ({ default: m.SearchPage })));
const TrainingPage = lazy(() => import('../pages/TrainingPage.tsx').then((m) => ({ default: m.TrainingPage })));
const MapRoutePage = lazy(() => import('../pages/MapRoutePage.tsx').then((m) => ({ default: m.MapRoutePage })));
const OpenDataPage = lazy(() => import('../pages/OpenDataPage.tsx').then((m) => ({ default: m.OpenDataPage })));
const LoginPage = lazy(() => import('../pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const SignUpPage = lazy(() => import('../pages/SignUpPage.tsx').then((m) => ({ default: m.SignUpPage })));
const ConfirmEmailPage = lazy(() => import('../pages/MailLinkPages.tsx').then((m) => ({ default: m.ConfirmEmailPage })));
const ParentalConsentPage = lazy(() => import('../pages/MailLinkPages.tsx').then((m) => ({ default: m.ParentalConsentPage })));
const ForgotPasswordPage = lazy(() => import('../pages/MailLinkPages.tsx').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('../pages/MailLinkPages.tsx').then((m) => ({ default: m.ResetPasswordPage })));
const InvitationPage = lazy(() => import('../pages/InvitationPage.tsx').then((m) => ({ default: m.InvitationPage })));
const AccountPage = lazy(() => import('../pages/AccountPage.tsx').then((m) => ({ default: m.AccountPage })));
const OperatorOrganisationsPage = lazy(() =>
  import('../pages/OperatorOrganisationsPage.tsx').then((m) => ({ default: m.OperatorOrganisationsPage })),
);
const OperatorOrganisationPage = lazy(() =>
  import('../pages/OperatorOrganisationPage.tsx').then((m) => ({ default: m.OperatorOrganisationPage })),
);
const AuditLogPage = lazy(() => import('../pages/AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })));
const LegalNoticePage = lazy(() => import('../pages/LegalNoticePage.tsx').then((m) => ({ default: m.LegalNoticePage })));
const AccessibilityPage = lazy(() =>
  import('../pages/AccessibilityPage.tsx').then((m) => ({ default: m.AccessibilityPage })),
);
const PrivacyPage = lazy(() => import('../pages/PrivacyPage.tsx').then((m) => ({ default: m.PrivacyPage })));
const SitemapPage = lazy(() => import('../pages/SitemapPage.tsx').then((m) => ({ default: m.SitemapPage })));
// candidates, prescribers' and providers' views of applications (src/areas/candidates)
const CandidateProfilePage = lazy(() => import('../pages/CandidateProfilePage.tsx').then((m) => ({ default: m.CandidateProfilePage })));
const CandidateDiagnosisPage = lazy(() => import('../pages/CandidateDiagnosisPage.tsx').then((m) => ({ default: m.CandidateDiagnosisPage })));
const CandidateWishesPage = lazy(() => import('../pages/CandidateWishesPage.tsx').then((m) => ({ default: m.CandidateWishesPage })));
const CandidateApplyPage = lazy(() => import('../pages/CandidateApplyPage.tsx').then((m) => ({ default: m.CandidateApplyPage })));
const PrescriberCandidatesPage = lazy(() => import('../pages/PrescriberCandidatesPage.tsx').then((m) => ({ default: m.PrescriberCandidatesPage })));
const PrescriberCandidatePage = lazy(() => import('../pages/PrescriberCandidatesPage.tsx').then((m) => ({ default: m.PrescriberCandidatePage })));
const ProviderApplicationsPage = lazy(() => import('../pages/ProviderApplicationsPage.tsx').then((m) => ({ default: m.ProviderApplicationsPage })));
// calls for projects, proposals, review, committee, labels and grants (src/areas/calls, labels, grants)
const calls = <K extends string>(load: () => Promise<Record<K, PageComponent>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const CallsPage = calls(() => import('../pages/CallsPage.tsx'), 'CallsPage');
const CallPage = calls(() => import('../pages/CallPage.tsx'), 'CallPage');
const ProviderProposalsPage = calls(() => import('../pages/ProviderProposalsPage.tsx'), 'ProviderProposalsPage');
const ProposalEditorPage = calls(() => import('../pages/ProposalEditorPage.tsx'), 'ProposalEditorPage');
const ReviewerPage = calls(() => import('../pages/ReviewerPage.tsx'), 'ReviewerPage');
const ReviewPage = calls(() => import('../pages/ReviewPage.tsx'), 'ReviewPage');
const OperatorCallsPage = calls(() => import('../pages/OperatorCallsPage.tsx'), 'OperatorCallsPage');
const CallEditorPage = calls(() => import('../pages/OperatorCallsPage.tsx'), 'CallEditorPage');
const AssignmentPage = calls(() => import('../pages/OperatorCommitteePages.tsx'), 'AssignmentPage');
const CommitteePage = calls(() => import('../pages/OperatorCommitteePages.tsx'), 'CommitteePage');
const DecisionPage = calls(() => import('../pages/OperatorCommitteePages.tsx'), 'DecisionPage');
const OperatorLabelsPage = calls(() => import('../pages/OperatorLabelsPage.tsx'), 'OperatorLabelsPage');
const ProviderLabelsPage = calls(() => import('../pages/ProviderLabelsPage.tsx'), 'ProviderLabelsPage');
const GrantsPage = calls(() => import('../pages/GrantsPages.tsx'), 'GrantsPage');
const GrantPage = calls(() => import('../pages/GrantsPages.tsx'), 'GrantPage');
// admissions: rankings and call orders, offer rounds, enrolments and the GEN aid (src/areas/admissions)
const ProviderAdmissionsPage = lazy(() => import('../pages/ProviderAdmissionsPage.tsx').then((m) => ({ default: m.ProviderAdmissionsPage })));
const ProviderSessionAdmissionsPage = lazy(() => import('../pages/ProviderSessionAdmissionsPage.tsx').then((m) => ({ default: m.ProviderSessionAdmissionsPage })));
const OperatorRoundsPage = lazy(() => import('../pages/OperatorRoundsPage.tsx').then((m) => ({ default: m.OperatorRoundsPage })));
const OperatorAidRequestsPage = lazy(() => import('../pages/OperatorAidRequestsPage.tsx').then((m) => ({ default: m.OperatorAidRequestsPage })));
const LearnerEnrolmentsPage = lazy(() => import('../pages/LearnerEnrolmentsPage.tsx').then((m) => ({ default: m.LearnerEnrolmentsPage })));
export const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx').then((m) => ({ default: m.NotFoundPage })));

const routes: Route[] = [
  { pattern: /^\/$/, page: HomePage },
  { pattern: /^\/formations$/, page: SearchPage },
  { pattern: /^\/formations\/([^/]+)$/, params: ['id'], page: TrainingPage },
  { pattern: /^\/carte$/, page: MapRoutePage },
  { pattern: /^\/donnees-ouvertes$/, page: OpenDataPage },
  { pattern: /^\/connexion$/, page: LoginPage },
  { pattern: /^\/inscription$/, page: SignUpPage },
  { pattern: /^\/confirmation-adresse$/, page: ConfirmEmailPage },
  { pattern: /^\/accord-parental$/, page: ParentalConsentPage },
  { pattern: /^\/mot-de-passe-oublie$/, page: ForgotPasswordPage },
  { pattern: /^\/nouveau-mot-de-passe$/, page: ResetPasswordPage },
  { pattern: /^\/invitation$/, page: InvitationPage },
  { pattern: /^\/compte$/, page: AccountPage },
  { pattern: /^\/operateur\/organisations$/, page: OperatorOrganisationsPage },
  { pattern: /^\/operateur\/organisations\/([^/]+)$/, params: ['id'], page: OperatorOrganisationPage },
  { pattern: /^\/operateur\/journal$/, page: AuditLogPage },
  { pattern: /^\/formations\/([^/]+)\/sessions\/([^/]+)\/candidater$/, params: ['id', 'sessionId'], page: CandidateApplyPage },
  { pattern: /^\/candidat\/profil$/, page: CandidateProfilePage },
  { pattern: /^\/candidat\/diagnostic$/, page: CandidateDiagnosisPage },
  { pattern: /^\/candidat\/voeux$/, page: CandidateWishesPage },
  { pattern: /^\/prescripteur\/candidats$/, page: PrescriberCandidatesPage },
  { pattern: /^\/prescripteur\/candidats\/([^/]+)$/, params: ['id'], page: PrescriberCandidatePage },
  { pattern: /^\/organisme\/candidatures$/, page: ProviderApplicationsPage },
  { pattern: /^\/appels$/, page: CallsPage },
  { pattern: /^\/appels\/([^/]+)$/, params: ['id'], page: CallPage },
  { pattern: /^\/organisme\/dossiers$/, page: ProviderProposalsPage },
  { pattern: /^\/organisme\/dossiers\/([^/]+)$/, params: ['id'], page: ProposalEditorPage },
  { pattern: /^\/(?:organisme|operateur)\/conventions$|^\/conventions$/, page: GrantsPage },
  { pattern: /^\/conventions\/([^/]+)$/, params: ['id'], page: GrantPage },
  { pattern: /^\/instruction$/, page: ReviewerPage },
  { pattern: /^\/instruction\/([^/]+)$/, params: ['id'], page: ReviewPage },
  { pattern: /^\/operateur\/appels$/, page: OperatorCallsPage },
  { pattern: /^\/operateur\/appels\/([^/]+)$/, params: ['id'], page: CallEditorPage },
  { pattern: /^\/operateur\/appels\/([^/]+)\/instruction$/, params: ['id'], page: AssignmentPage },
  { pattern: /^\/operateur\/appels\/([^/]+)\/comite$/, params: ['id'], page: CommitteePage },
  { pattern: /^\/operateur\/dossiers\/([^/]+)$/, params: ['id'], page: DecisionPage },
  { pattern: /^\/operateur\/labels$/, page: OperatorLabelsPage },
  { pattern: /^\/organisme\/labels$/, page: ProviderLabelsPage },
  { pattern: /^\/organisme\/admissions$/, page: ProviderAdmissionsPage },
  { pattern: /^\/organisme\/admissions\/([^/]+)$/, params: ['sessionId'], page: ProviderSessionAdmissionsPage },
  { pattern: /^\/operateur\/tours$/, page: OperatorRoundsPage },
  { pattern: /^\/operateur\/aides$/, page: OperatorAidRequestsPage },
  { pattern: /^\/apprenant\/inscriptions$/, page: LearnerEnrolmentsPage },
  { pattern: /^\/mentions-legales$/, page: LegalNoticePage },
  { pattern: /^\/accessibilite$/, page: AccessibilityPage },
  { pattern: /^\/donnees-personnelles$/, page: PrivacyPage },
  { pattern: /^\/plan-du-site$/, page: SitemapPage },
  { pattern: /^\/simulateur-aide$/, page: lazy(() => import('../pages/AidSimulatorPage.tsx').then((m) => ({ default: m.AidSimulatorPage }))) },
];

export function matchRoute(pathname: string): { page: PageComponent; params: RouteParams } {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const params: RouteParams = {};
    (route.params ?? []).forEach((name, i) => {
      params[name] = decodeURIComponent(match[i + 1] ?? '');
    });
    return { page: route.page, params };
  }
  return { page: NotFoundPage, params: {} };
}
