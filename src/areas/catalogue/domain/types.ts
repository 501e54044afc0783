import type { Modality, SessionStatus, LabelStatus } from '../../../db/schema/catalogue.ts';

export type { Modality, SessionStatus, LabelStatus };

/** One session as the public sees it. seatsLeft = seats − accepted offers (seats_taken). */
export interface CatalogueSession {
  id: string;
  /** ISO dates YYYY-MM-DD */
  startsOn: string;
  endsOn: string;
  seats: number;
  seatsLeft: number;
  status: SessionStatus;
}

/** A labelled training in the public read model (everything the catalogue, map and open data need). */
export interface CatalogueTraining {
  id: string;
  title: string;
  summary: string;
  objectives: string;
  prerequisites: string;
  romeCodes: string[];
  formacodes: string[];
  certification: { code: string; title: string; level: number };
  durationMonths: number;
  durationHours: number;
  modality: Modality;
  isFree: boolean;
  /** null when free */
  priceCents: number | null;
  address: string;
  postalCode: string;
  commune: { code: string; name: string; departement: string; region: string };
  /** commune centroid */
  lat: number;
  lon: number;
  provider: { id: string; name: string; siret: string; nda: string | null; website: string | null };
  contact: { email: string; phone: string | null };
  label: { id: string; status: LabelStatus; grantedOn: string; validUntil: string; statusReason: string | null };
  /** sorted by startsOn */
  sessions: CatalogueSession[];
}

export const SORTS = ['relevance', 'distance', 'start'] as const;
export type Sort = (typeof SORTS)[number];

/** A validated public search (the HTTP layer validates; the domain trusts these values). */
export interface SearchQuery {
  /** free text, matched accent- and case-insensitively, with small typos tolerated */
  text?: string;
  /** ROME codes to match (a job name has been resolved to codes by the caller) */
  romeCodes?: string[];
  region?: string;
  departement?: string;
  /** around a commune centroid within radiusKm */
  near?: { lat: number; lon: number; radiusKm: number };
  /** a session must start within [startFrom, startTo] (ISO dates, inclusive) */
  startFrom?: string;
  startTo?: string;
  durationMin?: number;
  durationMax?: number;
  modality?: Modality[];
  isFree?: boolean;
  /** certification levels accepted (3..8) */
  levels?: number[];
  /** only trainings with a session (in the date window if any) that still has seats */
  placesLeft?: boolean;
  sort: Sort;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  training: CatalogueTraining;
  score: number;
  /** whole km from the search commune, when searching around one */
  distanceKm: number | null;
  /** first upcoming session matching the filters, if any */
  nextSession: CatalogueSession | null;
}

export interface SearchResult {
  total: number;
  page: number;
  pageSize: number;
  hits: SearchHit[];
}
