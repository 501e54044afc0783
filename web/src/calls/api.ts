// Types and calls of the calls, labels and grants API (src/areas/calls, labels, grants).
import { ApiError, errorOf, getJson } from '../api/client.ts';
import { apiSend } from '../api/send.ts';
import { csrfToken } from '../session/store.ts';

// the draft shapes are the server's own (type-only: nothing of the server is bundled)
export type { Partner, TrainingDraft } from '../../../src/areas/calls/domain/proposal.ts';
import type { Partner, TrainingDraft } from '../../../src/areas/calls/domain/proposal.ts';

export type CallStatus = 'draft' | 'open' | 'closed' | 'reviewing' | 'decided';
export type ProposalStatus = 'draft' | 'submitted' | 'in_review' | 'decided' | 'withdrawn';
export type Modality = 'presentiel' | 'distanciel' | 'hybride';

export interface GridCriterion {
  code: string;
  label: string;
  weight: number;
}
export interface CallForm {
  openingDate: string;
  cutOffs: string[];
  caps: { perTrainingCents: number; perOrganisationCents: number; maxShareOfBudgetPct: number };
  priorities: { regions: string[]; romeCodes: string[]; publics: string[] };
  eligibility: { minLowQualifiedJobSeekersPerSession: number; freeForJobSeekers: boolean; declarations: { code: string; label: string }[] };
  grid: GridCriterion[];
  tranches: { label: string; sharePct: number }[];
}
export interface CallSummary {
  id: string;
  title: string;
  wave: number;
  summary: string;
  status: CallStatus;
  envelopeCents: number;
  openingDate: string;
  cutOffs: string[];
  nextCutOff: string | null;
}
export interface CallDetail extends CallSummary {
  funderId: string | null;
  funderName: string;
  version: number;
  form: CallForm;
  versions: { version: number; createdAt: string }[];
}
export interface CallInput {
  title: string;
  wave: number;
  summary: string;
  envelopeCents: number;
  funderId?: string | null;
  form: CallForm;
}

export interface Problem {
  field: string;
  message: string;
}
export interface Attachment {
  id: string;
  kind: 'budget' | 'partnership' | 'statutes' | 'other';
  kindLabel: string;
  fileName: string;
  byteSize: number;
  sha256: string;
  uploadedAt: string;
}
export interface ProposalDetail {
  id: string;
  title: string;
  status: ProposalStatus;
  call: { id: string; title: string; status: CallStatus; statusLabel: string; currentVersion: number };
  callVersion: number;
  formChangedSinceCreation: boolean;
  form: CallForm;
  provider: { id: string; name: string; siret: string | null };
  data: { summary: string; partners: Partner[]; declarations: string[] };
  trainings: {
    id: string;
    position: number;
    data: TrainingDraft;
    regionCode: string | null;
    decision: 'accepted' | 'rejected' | null;
    decisionMotive: string | null;
    decidedAt: string | null;
    trainingId: string | null;
    labelId: string | null;
  }[];
  attachments: Attachment[];
  requestedCents: number;
  cutOff: string | null;
  submittedAt: string | null;
  withdrawnAt: string | null;
  decidedAt: string | null;
  submission: { open: boolean; cutOff: string | null; message: string | null };
  missing: Problem[];
  warnings: Problem[];
}
export interface ProposalRow {
  id: string;
  title: string;
  callId: string;
  callTitle: string;
  callStatus: CallStatus;
  status: ProposalStatus;
  trainings: number;
  requestedCents: number;
  submittedAt: string | null;
  updatedAt: string;
}
export interface Score {
  criterion: string;
  score: number;
  comment: string;
}
export interface Reviews {
  grid: GridCriterion[];
  hidden: boolean;
  reviews: { id: string; own: boolean; reviewer: string; status: 'assigned' | 'submitted' | 'recused'; statusLabel: string; submittedAt: string | null; weightedScore: number | null; scores: Score[] | null }[];
}
export interface Assignment {
  proposalId: string;
  title: string;
  providerName: string;
  callId: string;
  callTitle: string;
  proposalStatus: ProposalStatus;
  status: 'assigned' | 'submitted' | 'recused';
  statusLabel: string;
  assignedAt: string;
  submittedAt: string | null;
}
export interface Reviewer {
  userId: string;
  name: string;
  email: string;
  conflictOrganisationIds: string[];
}
export interface CallProposal {
  id: string;
  title: string;
  providerId: string;
  providerName: string;
  status: ProposalStatus;
  cutOff: string | null;
  requestedCents: number;
  reviewers: { userId: string; name: string; status: string }[];
}
export interface Committee {
  call: { id: string; title: string; status: CallStatus; envelopeCents: number };
  totals: { proposals: number; trainings: number; requestedCents: number; acceptedCents: number; remainingEnvelopeCents: number };
  rows: {
    rank: number;
    proposalId: string;
    title: string;
    providerId: string;
    providerName: string;
    status: ProposalStatus;
    requestedCents: number;
    mean: number | null;
    reviewsSubmitted: number;
    reviewsAssigned: number;
    disagreement: string | null;
    cumulativeCents: number;
    withinEnvelope: boolean;
    trainings: { id: string; title: string; communeCode: string | null; regionCode: string | null; requestedCents: number; decision: 'accepted' | 'rejected' | null; decisionMotive: string | null }[];
  }[];
  spread: { regionCode: string | null; regionName: string; trainings: number; requestedCents: number; accepted: number; acceptedCents: number }[];
}
export type LabelStatus = 'active' | 'suspended' | 'withdrawn' | 'expired';
export interface LabelRow {
  id: string;
  trainingId: string;
  trainingTitle: string;
  providerName: string;
  status: LabelStatus;
  statusLabel: string;
  grantedOn: string;
  validUntil: string;
  statusReason: string | null;
  renewedFromLabelId: string | null;
  renewable: boolean;
  renewalNote: string | null;
  /** the provider's pending renewal request */
  renewalRequest: { id: string; requestedAt: string; motive: string } | null;
}
/** What a label change did to the training's open sessions (frozen, unfrozen or cancelled). */
export interface LabelEffects {
  sessions: number;
  wishes: number;
  offers: number;
  candidates: number;
}
export type RenewalRequestStatus = 'pending' | 'granted' | 'refused';
export interface ProviderLabel {
  id: string;
  trainingId: string;
  trainingTitle: string;
  status: LabelStatus;
  statusLabel: string;
  statusReason: string | null;
  grantedOn: string;
  validUntil: string;
  renewedFromLabelId: string | null;
  canRequest: boolean;
  renewalNote: string | null;
  requests: { id: string; status: RenewalRequestStatus; statusLabel: string; requestedAt: string; motive: string; decidedAt: string | null; decisionMotive: string | null }[];
}
export type TrancheStatus = 'planned' | 'evidence_submitted' | 'approved' | 'paid';
export interface Evidence {
  id: string;
  kind: 'attendance' | 'invoices' | 'report' | 'other';
  kindLabel: string;
  fileName: string;
  byteSize: number;
  sha256: string;
  uploadedAt: string;
}
export interface GrantDetail {
  id: string;
  callId: string;
  callTitle: string;
  trainingId: string;
  trainingTitle: string;
  providerId: string;
  providerName: string;
  funderName: string;
  label: { status: LabelStatus; validUntil: string } | null;
  amountCents: number;
  createdAt: string;
  tranches: {
    id: string;
    position: number;
    label: string;
    amountCents: number;
    status: TrancheStatus;
    statusLabel: string;
    evidenceSubmittedAt: string | null;
    returnMotive: string | null;
    approvedAt: string | null;
    paidAt: string | null;
    paymentReference: string | null;
    evidence: Evidence[];
  }[];
}
export interface GrantRow {
  id: string;
  callId: string;
  callTitle: string;
  trainingId: string;
  trainingTitle: string;
  providerName: string;
  amountCents: number;
  paidCents: number;
  toReview: number;
  toPay: number;
}
export interface FinanceRow {
  committedCents: number;
  approvedCents: number;
  paidCents: number;
  remainingCents: number;
  grants: number;
}
export interface Finance {
  total: FinanceRow;
  byCall: (FinanceRow & { callId: string; title: string; envelopeCents: number; envelopeLeftCents: number })[];
  byFunder: (FinanceRow & { funderId: string | null; name: string })[];
}

const id = encodeURIComponent;

/** Sends a PDF as the raw body (the server reads its type from the bytes), with the session's CSRF token. */
async function sendPdf<T>(url: string, file: File): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/pdf', 'x-file-name': encodeURIComponent(file.name) };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body: file, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, {});
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorOf(response, payload);
  return payload as T;
}

export const callsApi = {
  calls: (all = false, signal?: AbortSignal) => getJson<CallSummary[]>(`/api/calls${all ? '?tous=1' : ''}`, signal),
  call: (callId: string, signal?: AbortSignal) => getJson<CallDetail>(`/api/calls/${id(callId)}`, signal),
  createCall: (body: CallInput) => apiSend<{ id: string }>('POST', '/api/calls', body),
  updateCall: (callId: string, body: CallInput) => apiSend<{ version: number }>('PUT', `/api/calls/${id(callId)}`, body),
  callStatus: (callId: string, to: CallStatus) => apiSend<{ status: CallStatus }>('POST', `/api/calls/${id(callId)}/status`, { to }),
  callProposals: (callId: string, signal?: AbortSignal) => getJson<CallProposal[]>(`/api/calls/${id(callId)}/proposals`, signal),
  committee: (callId: string, signal?: AbortSignal) => getJson<Committee>(`/api/calls/${id(callId)}/committee`, signal),

  proposals: (signal?: AbortSignal) => getJson<ProposalRow[]>('/api/proposals', signal),
  createProposal: (callId: string, title: string) => apiSend<{ id: string }>('POST', '/api/proposals', { callId, title }),
  proposal: (proposalId: string, signal?: AbortSignal) => getJson<ProposalDetail>(`/api/proposals/${id(proposalId)}`, signal),
  saveDraft: (proposalId: string, body: { title: string; data: ProposalDetail['data']; trainings: TrainingDraft[] }) => apiSend<ProposalDetail>('PUT', `/api/proposals/${id(proposalId)}`, body),
  submit: (proposalId: string) => apiSend<ProposalDetail>('POST', `/api/proposals/${id(proposalId)}/submit`, {}),
  withdraw: (proposalId: string, motive: string) => apiSend<ProposalDetail>('POST', `/api/proposals/${id(proposalId)}/withdraw`, { motive }),
  uploadAttachment: (proposalId: string, kind: Attachment['kind'], file: File) => sendPdf<Attachment>(`/api/proposals/${id(proposalId)}/attachments?kind=${kind}`, file),
  deleteAttachment: (proposalId: string, attachmentId: string) => apiSend('DELETE', `/api/proposals/${id(proposalId)}/attachments/${id(attachmentId)}`),

  reviewers: (signal?: AbortSignal) => getJson<Reviewer[]>('/api/reviewers', signal),
  assign: (proposalId: string, reviewerIds: string[]) => apiSend('PUT', `/api/proposals/${id(proposalId)}/reviewers`, { reviewerIds }),
  myReviews: (signal?: AbortSignal) => getJson<Assignment[]>('/api/reviews', signal),
  reviews: (proposalId: string, signal?: AbortSignal) => getJson<Reviews>(`/api/proposals/${id(proposalId)}/reviews`, signal),
  saveReview: (proposalId: string, scores: Score[]) => apiSend<Reviews>('PUT', `/api/proposals/${id(proposalId)}/review`, { scores }),
  submitReview: (proposalId: string, scores: Score[]) => apiSend<Reviews>('POST', `/api/proposals/${id(proposalId)}/review/submit`, { scores }),
  recuse: (proposalId: string, motive: string) => apiSend('POST', `/api/proposals/${id(proposalId)}/review/recuse`, { motive }),
  conflicts: (signal?: AbortSignal) => getJson<{ id: string; organisationId: string; organisationName: string; motive: string; declaredAt: string }[]>('/api/reviewer/conflicts', signal),
  declareConflict: (organisationId: string, motive: string) => apiSend('POST', '/api/reviewer/conflicts', { organisationId, motive }),
  searchProviders: (q: string, signal?: AbortSignal) => getJson<{ id: string; name: string; siret: string | null }[]>(`/api/reviewer/providers?q=${id(q)}`, signal),
  decide: (proposalId: string, trainingId: string, decision: 'accepted' | 'rejected', motive: string) =>
    apiSend<ProposalDetail>('POST', `/api/proposals/${id(proposalId)}/trainings/${id(trainingId)}/decision`, { decision, motive }),

  labels: (query: string, signal?: AbortSignal) => getJson<{ total: number; page: number; pageSize: number; results: LabelRow[] }>(`/api/labels?${query}`, signal),
  labelStatus: (labelId: string, to: 'suspended' | 'active' | 'withdrawn', reason: string) => apiSend<LabelEffects>('POST', `/api/labels/${id(labelId)}/status`, { to, reason }),
  renewLabel: (labelId: string, motive?: string) => apiSend<{ id: string; validUntil: string }>('POST', `/api/labels/${id(labelId)}/renewal`, motive ? { motive } : {}),
  refuseRenewal: (labelId: string, motive: string) => apiSend('POST', `/api/labels/${id(labelId)}/renewal-request/refusal`, { motive }),
  providerLabels: (signal?: AbortSignal) => getJson<ProviderLabel[]>('/api/provider/labels', signal),
  requestRenewal: (labelId: string, motive: string) => apiSend<{ id: string }>('POST', `/api/provider/labels/${id(labelId)}/renewal-request`, { motive }),

  grants: (signal?: AbortSignal) => getJson<GrantRow[]>('/api/grants', signal),
  grant: (grantId: string, signal?: AbortSignal) => getJson<GrantDetail>(`/api/grants/${id(grantId)}`, signal),
  finance: (signal?: AbortSignal) => getJson<Finance>('/api/grants/summary', signal),
  uploadEvidence: (grantId: string, trancheId: string, kind: Evidence['kind'], file: File) => sendPdf<Evidence>(`/api/grants/${id(grantId)}/tranches/${id(trancheId)}/evidence?kind=${kind}`, file),
  submitEvidence: (grantId: string, trancheId: string) => apiSend<GrantDetail>('POST', `/api/grants/${id(grantId)}/tranches/${id(trancheId)}/submit`, {}),
  reviewEvidence: (grantId: string, trancheId: string, decision: 'approve' | 'return', motive: string) =>
    apiSend<GrantDetail>('POST', `/api/grants/${id(grantId)}/tranches/${id(trancheId)}/review`, { decision, motive }),
  pay: (grantId: string, trancheId: string, reference: string) => apiSend<GrantDetail>('POST', `/api/grants/${id(grantId)}/tranches/${id(trancheId)}/payment`, { reference }),
};
