import { getJson } from '../api/client.ts';
import { apiSend } from '../api/send.ts';

// The admissions, enrolments and aid-request APIs (src/areas/admissions, enrolments, scholarships/requests).

export type ConstraintName = 'woman' | 'under_26' | 'low_qualification' | 'neet' | 'job_seeker' | 'qpv_or_zrr' | 'rqth' | 'scholarship';
export type WishStatus = 'submitted' | 'under_review' | 'ranked' | 'offered' | 'accepted' | 'declined' | 'expired' | 'not_ranked' | 'withdrawn';

export interface Constraint {
  name: ConstraintName;
  rate: number;
}

export interface Settings {
  constraints: Constraint[];
  overbookingMargin: number;
  blockCallRank: number;
  answerDays: number;
}

export interface RankingEntryView {
  wishId: string;
  candidateName: string;
  status: WishStatus;
  statusLabel: string;
  rankable: boolean;
  rank: number | null;
  notRankedReason: string | null;
  notes: string | null;
  callRank: number | null;
  flags: string[];
  offerStatus: string | null;
}

export interface RoundInSession {
  roundId: string;
  kind: string;
  runOn: string;
  finishedAt: string;
  offerTarget: number;
  blockCallRank: number;
  holders: number;
  free: number;
  offers: number;
  expired: number;
  lastOfferedCallRank: number;
}

export interface SessionAdmissions {
  session: { id: string; trainingId: string; trainingTitle: string; startsOn: string; endsOn: string; seats: number; seatsTaken: number; status: string };
  settings: Settings & { offerTarget: number };
  state: 'draft' | 'published' | 'frozen';
  callOrderComputedAt: string | null;
  offers: Record<string, number>;
  entries: RankingEntryView[];
  rounds: RoundInSession[];
}

export interface ProviderSession {
  id: string;
  startsOn: string;
  endsOn: string;
  status: string;
  seats: number;
  seatsTaken: number;
  trainingTitle: string;
  applications: number;
  state: 'draft' | 'published' | 'frozen';
}

export interface Offer {
  id: string;
  status: 'pending' | 'accepted' | 'declined' | 'expired' | 'released';
  statusLabel: string;
  madeAt: string;
  deadlineAt: string;
  deadlineLabel: string;
  answeredBy: string | null;
}

export interface AdmissionItem {
  wishId: string;
  sessionId: string;
  trainingTitle: string;
  startsOn: string;
  endsOn: string;
  wishStatus: WishStatus;
  preference: number;
  rank: number | null;
  callRank: number | null;
  lastOfferedCallRank: number;
  waitingPlace: number;
  explanation: string | null;
  /** the constraints that moved the call rank: earlier (held, rate not met) or later (others holding it passed) */
  movedBy: { name: string; label: string; effect: 'earlier' | 'later'; candidates: number }[];
  waiting: string | null;
  offer: Offer | null;
}

export interface CandidateAdmissions {
  autoResponder: boolean;
  items: AdmissionItem[];
}

export interface Round {
  id: string;
  kind: 'daily' | 'on_demand';
  status: 'completed' | 'failed';
  runOn: string;
  startedAt: string;
  finishedAt: string;
  sessions: number;
  offers: number;
  expired: number;
  autoAccepted: number;
  autoDeclined: number;
  autoWithdrawn: number;
  error: string | null;
}

export interface RoundSummary {
  roundId: string | null;
  skipped: boolean;
  offers: number;
  expired: number;
  sessions: number;
  autoAccepted: number;
  ms: number;
}

export interface PublicRules {
  sessionId: string;
  startsOn: string;
  endsOn: string;
  status: string;
  seats: number;
  offerTarget: number;
  overbookingMargin: number;
  blockCallRank: number;
  answerDays: number;
  timeZone: string;
  rankingPublished: boolean;
  constraints: { priority: number; name: string; label: string; rate: number }[];
}

export type EnrolmentStatus = 'enrolled' | 'in_training' | 'completed' | 'dropped_out';

export interface SessionEnrolments {
  session: { id: string; trainingTitle: string; startsOn: string; endsOn: string; seats: number; started: boolean };
  acceptedOffers: number;
  enrolments: {
    id: string;
    learnerName: string;
    status: EnrolmentStatus;
    statusLabel: string;
    startedOn: string | null;
    endedOn: string | null;
    enrolledAt: string;
    next: EnrolmentStatus[];
    history: { from: string | null; to: string; at: string; motive: string | null }[];
  }[];
}

export interface AidInputs {
  incomeCents: number;
  children: number;
  childrenInHigherEducation: number;
  disabilityOrCarer: number;
  exclusions: string[];
  homeCommune: string;
  trainingCommune: string;
  distanceKm: number;
  trainingStart: string;
  trainingEnd: string;
}

export interface AidAmounts {
  academicYear: string;
  scaleYear: string;
  points: number;
  echelon: string | null;
  echelonLabel: string | null;
  annualCents: number;
  monthlyCents: number;
  payments: number;
  totalCents: number;
  explanation: string[];
}

export interface AidDecision extends AidAmounts {
  decision: 'granted' | 'refused';
  decidedAt: string;
  motive: string | null;
}

export interface LearnerEnrolment {
  id: string;
  status: EnrolmentStatus;
  statusLabel: string;
  trainingTitle: string;
  startsOn: string;
  endsOn: string;
  startedOn: string | null;
  endedOn: string | null;
  canRequestAid: boolean;
  aidRequests: {
    id: string;
    status: 'submitted' | 'granted' | 'refused';
    submittedAt: string;
    inputs: AidInputs;
    decision: AidDecision | null;
    paymentsDue: { monthStarting: string; academicYear: string; amountCents: number; paid: boolean }[];
  }[];
}

export interface AidRequestReview {
  id: string;
  status: 'submitted' | 'granted' | 'refused';
  learnerName: string;
  trainingTitle: string;
  submittedAt: string;
  inputs: AidInputs;
  computed: AidAmounts & { exclusions: string[] };
  decision: AidDecision | null;
}

export interface AidRequestInput {
  incomeEuros: number;
  children: number;
  childrenInHigherEducation: number;
  disability: boolean;
  carer: boolean;
  exclusions: string[];
  homeCommuneCode?: string;
}

const id = encodeURIComponent;

export const admissionsApi = {
  publicRules: (sessionId: string, signal?: AbortSignal) => getJson<PublicRules>(`/api/sessions/${id(sessionId)}/admission-rules`, signal),
  trainingRules: (trainingId: string, signal?: AbortSignal) => getJson<{ trainingId: string; sessions: PublicRules[] }>(`/api/trainings/${id(trainingId)}/admission-rules`, signal),
  providerSessions: (signal?: AbortSignal) => getJson<ProviderSession[]>('/api/provider/admissions/sessions', signal),
  session: (sessionId: string, signal?: AbortSignal) => getJson<SessionAdmissions>(`/api/provider/sessions/${id(sessionId)}/admissions`, signal),
  saveSettings: (sessionId: string, settings: Settings) => apiSend<SessionAdmissions>('PUT', `/api/provider/sessions/${id(sessionId)}/admissions/settings`, settings),
  saveRanking: (sessionId: string, entries: { wishId: string; rank: number | null; notRankedReason: string | null; notes: string | null }[]) =>
    apiSend<SessionAdmissions>('PUT', `/api/provider/sessions/${id(sessionId)}/admissions/ranking`, { entries }),
  importRanking: (sessionId: string, csv: string) => apiSend<SessionAdmissions>('POST', `/api/provider/sessions/${id(sessionId)}/admissions/ranking/import`, { csv }),
  publish: (sessionId: string) => apiSend<SessionAdmissions>('POST', `/api/provider/sessions/${id(sessionId)}/admissions/ranking/publish`),
  rankingCsvUrl: (sessionId: string) => `/api/provider/sessions/${id(sessionId)}/admissions/ranking.csv`,
  rounds: (signal?: AbortSignal) => getJson<Round[]>('/api/admissions/rounds', signal),
  runRound: () => apiSend<RoundSummary>('POST', '/api/admissions/rounds'),
  mine: (signal?: AbortSignal) => getJson<CandidateAdmissions>('/api/candidate/admissions', signal),
  accept: (offerId: string, withdrawWorse: boolean) => apiSend<CandidateAdmissions>('POST', `/api/candidate/offers/${id(offerId)}/accept`, { withdrawWorse }),
  decline: (offerId: string) => apiSend<CandidateAdmissions>('POST', `/api/candidate/offers/${id(offerId)}/decline`),
  renounce: (offerId: string) => apiSend<CandidateAdmissions>('POST', `/api/candidate/offers/${id(offerId)}/renounce`),
  autoResponder: (enabled: boolean) => apiSend<CandidateAdmissions>('PUT', '/api/candidate/admissions/auto-responder', { enabled }),
  enrolments: (sessionId: string, signal?: AbortSignal) => getJson<SessionEnrolments>(`/api/provider/sessions/${id(sessionId)}/enrolments`, signal),
  openEnrolments: (sessionId: string) => apiSend<SessionEnrolments>('POST', `/api/provider/sessions/${id(sessionId)}/enrolments/open`),
  changeEnrolment: (enrolmentId: string, to: EnrolmentStatus, motive: string | null) => apiSend<SessionEnrolments>('POST', `/api/provider/enrolments/${id(enrolmentId)}/status`, { to, motive }),
  learnerEnrolments: (signal?: AbortSignal) => getJson<LearnerEnrolment[]>('/api/learner/enrolments', signal),
  requestAid: (enrolmentId: string, input: AidRequestInput) => apiSend<LearnerEnrolment[]>('POST', `/api/learner/enrolments/${id(enrolmentId)}/aid-request`, input),
  aidRequests: (status: string, signal?: AbortSignal) => getJson<AidRequestReview[]>(`/api/aid-requests${status ? `?status=${id(status)}` : ''}`, signal),
  decideAid: (requestId: string, decision: 'grant' | 'refuse', motive: string | null) => apiSend<AidRequestReview[]>('POST', `/api/aid-requests/${id(requestId)}/decision`, { decision, motive }),
};

export const CONSTRAINT_LABELS: Record<ConstraintName, string> = {
  woman: 'Femmes',
  under_26: 'Moins de 26 ans au début de la session',
  low_qualification: 'Sans diplôme ou au plus le bac (niveau 4)',
  neet: 'Ni en emploi, ni en études, ni en formation',
  job_seeker: 'Demandeur·ses d’emploi inscrit·es',
  qpv_or_zrr: 'Résident·es d’un QPV ou d’une ZRR',
  rqth: 'Travailleur·ses handicapé·es (RQTH)',
  scholarship: 'Boursier·es',
};

export const EXCLUSION_LABELS: Record<string, string> = {
  'job-seeker-allowance': 'Allocation ou rémunération de demandeur d’emploi pendant la formation (France Travail)',
  'regional-training-pay': 'Rémunération de stagiaire versée par la région',
  'apprenticeship-contract': 'Formation suivie en contrat d’apprentissage',
  'professionalisation-contract': 'Formation suivie en contrat de professionnalisation',
  'paid-training-leave': 'Congé de formation rémunéré (projet de transition professionnelle)',
  'higher-education-grant': 'Bourse de l’enseignement supérieur sur critères sociaux',
};

const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
export const euros = (cents: number) => EUROS.format(cents / 100);
