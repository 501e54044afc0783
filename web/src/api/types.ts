// Types of the public catalogue API, as written in docs/api-contract.md.

export type Modality = 'presentiel' | 'distanciel' | 'hybride';
export type SessionStatus = 'planned' | 'recruiting' | 'running' | 'finished' | 'cancelled';
export type LabelStatus = 'active' | 'suspended' | 'withdrawn' | 'expired';
export type Sort = 'relevance' | 'distance' | 'start';

export interface Session {
  id: string;
  /** YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  seats: number;
  seatsLeft: number;
  status: SessionStatus;
}

export interface TrainingSummary {
  id: string;
  title: string;
  summary: string;
  provider: { id: string; name: string };
  commune: { code: string; name: string; departement: string; departementName: string; region: string; regionName: string };
  modality: Modality;
  durationMonths: number;
  durationHours: number;
  isFree: boolean;
  priceCents: number | null;
  certification: { code: string; title: string; level: number };
  romeCodes: string[];
  label: { status: LabelStatus; grantedOn: string; validUntil: string };
  distanceKm: number | null;
  nextSession: Session | null;
}

export interface TrainingDetail extends Omit<TrainingSummary, 'provider' | 'label'> {
  objectives: string;
  prerequisites: string;
  formacodes: string[];
  address: string;
  postalCode: string;
  lat: number;
  lon: number;
  provider: { id: string; name: string; siret: string; nda: string | null; website: string | null };
  contact: { email: string; phone: string | null };
  label: { id: string; status: LabelStatus; grantedOn: string; validUntil: string; statusReason: string | null };
  sessions: Session[];
  jobs: { code: string; label: string }[];
}

export interface SearchResponse {
  total: number;
  page: number;
  pageSize: number;
  near: { commune: { code: string; name: string }; radiusKm: number } | null;
  results: TrainingSummary[];
}

export interface Referentials {
  regions: { code: string; name: string }[];
  departements: { code: string; name: string; region: string }[];
  jobs: { code: string; label: string }[];
  levels: { level: number; label: string }[];
}

export interface CommuneSuggestion {
  code: string;
  name: string;
  departement: string;
  postalCodes: string[];
}

export interface OpenDataIndex {
  files: { href: string; format: string; description: string }[];
  csvColumns: { name: string; description: string }[];
}

/** Error body of every non-2xx answer. */
export interface ApiErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
}
