import { ApiError, errorOf, getJson } from '../api/client.ts';
import { apiSend } from '../api/send.ts';
import { csrfToken } from '../session/store.ts';

// The candidates API (src/areas/candidates/routes.ts): profile, diagnosis, proofs, wishes, and the
// prescribers' and providers' views. Loaded by the candidate, prescriber and provider pages only.

export type Gender = 'female' | 'male' | 'undisclosed';
export type DiplomaLevel = 'none' | '3' | '4' | '5' | '6' | '7' | '8';
export type Situation = 'job_seeker' | 'neet' | 'student' | 'employed';
export type Criterion = 'woman' | 'under_26' | 'low_qualification' | 'neet' | 'job_seeker' | 'qpv_or_zrr' | 'rqth' | 'scholarship';
export type CriterionSource = 'self_declared' | 'prescriber_validated' | 'document';
export type WishStatus = 'submitted' | 'under_review' | 'ranked' | 'offered' | 'accepted' | 'declined' | 'expired' | 'not_ranked' | 'withdrawn';
export type SessionStatus = 'planned' | 'recruiting' | 'running' | 'finished' | 'cancelled';

export interface Follow {
  organisationId: string;
  name: string;
  subtype: string | null;
  communeCode: string | null;
  since: string;
}

export interface Income {
  euros: number;
  children: number;
  childrenHigherEducation: number;
}

export interface Profile {
  phone: string | null;
  communeCode: string;
  communeName: string | null;
  gender: Gender;
  diplomaLevel: DiplomaLevel;
  situation: Situation;
  qpvCode: string | null;
  zrr: boolean;
  rqth: boolean | null;
  income: Income | null;
  updatedAt: string;
}

export interface OwnProfile {
  identity: { givenName: string; familyName: string; email: string; birthDate: string | null };
  profile: Profile | null;
  consents: { profile: string | null; health: string | null; income: string | null };
  follows: Follow[];
}

export interface ProfileInput {
  givenName: string;
  familyName: string;
  birthDate?: string | null;
  phone?: string | null;
  communeCode: string;
  gender: Gender | '';
  diplomaLevel: DiplomaLevel | '';
  situation: Situation | '';
  qpvCode?: string | null;
  zrr: boolean;
  rqth: boolean | null;
  income: Income | null;
  consents: { profile: boolean; health: boolean; income: boolean };
}

export interface ExplainedCriterion {
  criterion: Criterion;
  label: string;
  met: boolean;
  source: CriterionSource;
  documentId: string | null;
  reason: string;
  evidence: string;
}

export interface Diagnosis {
  id: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  author: { role: 'candidate' | 'prescriber'; name: string; organisationName: string | null };
  summary: string;
  validity: string;
  criteria: ExplainedCriterion[];
}

export interface DocumentRow {
  id: string;
  criterion: Criterion;
  mediaType: string;
  byteSize: number;
  fileName: string;
  uploadedAt: string;
}

export interface OwnDiagnosis {
  hasProfile: boolean;
  current: Diagnosis | null;
  history: { id: string; authorRole: 'candidate' | 'prescriber'; organisationName: string | null; createdAt: string; supersededAt: string }[];
  documents: DocumentRow[];
}

export interface WishEvent {
  from: WishStatus | null;
  to: WishStatus;
  toLabel: string;
  at: string;
  by: string;
  motive: string | null;
}

export interface Wish {
  id: string;
  status: WishStatus;
  statusLabel: string;
  active: boolean;
  preference: number;
  motivation: string;
  createdAt: string;
  updatedAt: string;
  createdByCandidate: boolean;
  referredBy: string | null;
  session: { id: string; startsOn: string; endsOn: string; status: SessionStatus };
  training: { id: string; title: string; communeName: string; providerName: string };
  history: WishEvent[];
}

export interface PrescriberOrganisation {
  id: string;
  name: string;
  subtype: string | null;
  communeCode: string | null;
  communeName: string | null;
}

export interface FollowedCandidateRow {
  userId: string;
  givenName: string;
  familyName: string;
  email: string;
  since: string;
  hasProfile: boolean;
  communeName: string | null;
  diagnosis: { createdAt: string; expired: boolean; authorRole: 'candidate' | 'prescriber'; criteriaMet: string[] } | null;
  activeWishes: number;
}

export interface FollowedCandidate {
  userId: string;
  givenName: string;
  familyName: string;
  email: string;
  age: number | null;
  profile:
    | (Omit<Profile, 'income' | 'updatedAt' | 'communeName'> & { communeName: string; incomeDeclared: boolean })
    | null;
  diagnosis: Diagnosis | null;
  documents: DocumentRow[];
  wishes: Wish[];
}

export interface Application {
  id: string;
  status: WishStatus;
  statusLabel: string;
  motivation: string;
  createdAt: string;
  referredBy: string | null;
  candidate: { givenName: string; familyName: string; email: string; phone: string | null; communeName: string | null; under26AtStart: boolean | null };
  session: { id: string; startsOn: string; endsOn: string };
  training: { id: string; title: string };
  diagnosis: Diagnosis | null;
}

export interface ApplicationsPage {
  total: number;
  page: number;
  pageSize: number;
  sessions: { id: string; startsOn: string; endsOn: string; status: SessionStatus; trainingTitle: string; applications: number }[];
  results: Application[];
}

/** Where a proof is downloaded (an attachment, for who may see it). */
export function documentHref(id: string): string {
  return `/api/candidate-documents/${encodeURIComponent(id)}`;
}

/** Sends a file as the raw body, with the session's anti-CSRF token. */
async function sendFile<T>(url: string, file: File): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Content-Type': file.type || 'application/octet-stream',
    'x-file-name': encodeURIComponent(file.name),
  };
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

export const candidatesApi = {
  profile: (signal?: AbortSignal) => getJson<OwnProfile>('/api/candidate/profile', signal),
  saveProfile: (input: ProfileInput) => apiSend<OwnProfile>('PUT', '/api/candidate/profile', input),
  prescriberOrganisations: (q: string, signal?: AbortSignal) =>
    getJson<PrescriberOrganisation[]>(`/api/candidate/prescriber-organisations?${new URLSearchParams(q ? { q } : {})}`, signal),
  follow: (organisationId: string) => apiSend<Follow[]>('POST', '/api/candidate/follows', { organisationId }),
  unfollow: (organisationId: string) => apiSend<Follow[]>('DELETE', `/api/candidate/follows/${encodeURIComponent(organisationId)}`),
  diagnosis: (signal?: AbortSignal) => getJson<OwnDiagnosis>('/api/candidate/diagnosis', signal),
  makeDiagnosis: () => apiSend<OwnDiagnosis>('POST', '/api/candidate/diagnosis'),
  uploadDocument: (criterion: Criterion, file: File) => sendFile<DocumentRow[]>(`/api/candidate/documents?criterion=${criterion}`, file),
  wishes: (signal?: AbortSignal) => getJson<Wish[]>('/api/candidate/wishes', signal),
  apply: (input: { sessionId: string; motivation: string; referredBy: string | null }) => apiSend<{ id: string; wishes: Wish[] }>('POST', '/api/candidate/wishes', input),
  reorder: (wishIds: string[]) => apiSend<Wish[]>('PUT', '/api/candidate/wishes/order', { wishIds }),
  withdraw: (wishId: string, motive: string) => apiSend<Wish[]>('POST', `/api/candidate/wishes/${encodeURIComponent(wishId)}/withdraw`, motive ? { motive } : {}),
  followed: (signal?: AbortSignal) => getJson<FollowedCandidateRow[]>('/api/prescriber/candidates', signal),
  followedCandidate: (userId: string, signal?: AbortSignal) => getJson<FollowedCandidate>(`/api/prescriber/candidates/${encodeURIComponent(userId)}`, signal),
  prescriberDiagnosis: (userId: string, confirmed: Criterion[]) =>
    apiSend<Diagnosis>('POST', `/api/prescriber/candidates/${encodeURIComponent(userId)}/diagnosis`, { confirmed }),
  applyOnBehalf: (userId: string, input: { sessionId: string; motivation: string }) =>
    apiSend<{ id: string; wishes: Wish[] }>('POST', `/api/prescriber/candidates/${encodeURIComponent(userId)}/wishes`, input),
  applications: (query: string, signal?: AbortSignal) => getJson<ApplicationsPage>(`/api/provider/applications${query ? `?${query}` : ''}`, signal),
};
