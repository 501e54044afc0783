/**
 * The catalogue as GeoJSON (RFC 7946) for maps: one Point per training at its commune centroid,
 * coordinates in [longitude, latitude] order (WGS 84).
 */
import type { CatalogueSession, CatalogueTraining, Modality } from '../domain/types.ts';
import { parisDate } from '../../../shared/clock.ts';

export interface TrainingFeatureProperties {
  id: string;
  title: string;
  provider: string;
  modality: Modality;
  isFree: boolean;
  communeName: string;
  /** start (YYYY-MM-DD) of the next session not yet started and open or about to open, or null */
  nextSessionStart: string | null;
  /** seats left in that next session, or null when there is none */
  seatsLeft: number | null;
  /** path of the public training page */
  url: string;
}

export interface TrainingFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: TrainingFeatureProperties;
}

export interface TrainingFeatureCollection {
  type: 'FeatureCollection';
  features: TrainingFeature[];
}

export interface GeoJsonOptions {
  /**
   * export time (ISO 8601): when given, sessions starting before that day (Europe/Paris) are not
   * "next" even if their status was not updated yet
   */
  generatedAt?: string;
}

/**
 * The first session still to come: planned or recruiting, and starting on or after `today` when given
 * (sessions are sorted by start).
 */
export function nextSession(sessions: readonly CatalogueSession[], today: string | null = null): CatalogueSession | null {
  return sessions.find((s) => (s.status === 'planned' || s.status === 'recruiting') && (today === null || s.startsOn >= today)) ?? null;
}

/** Trainings whose centroid is unknown (non-finite coordinates) are left out: they cannot be placed. */
export function toGeoJson(trainings: Iterable<CatalogueTraining>, options: GeoJsonOptions = {}): TrainingFeatureCollection {
  const today = options.generatedAt === undefined ? null : parisDay(options.generatedAt);
  const features: TrainingFeature[] = [];
  for (const t of trainings) {
    if (!Number.isFinite(t.lon) || !Number.isFinite(t.lat)) continue;
    const next = nextSession(t.sessions, today);
    features.push({
      type: 'Feature',
      id: t.id,
      geometry: { type: 'Point', coordinates: [t.lon, t.lat] },
      properties: {
        id: t.id,
        title: t.title,
        provider: t.provider.name,
        modality: t.modality,
        isFree: t.isFree,
        communeName: t.commune.name,
        nextSessionStart: next?.startsOn ?? null,
        seatsLeft: next?.seatsLeft ?? null,
        url: `/formations/${encodeURIComponent(t.id)}`,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}

/** "Today" in the programme's reference time zone. */
function parisDay(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`generatedAt is not an ISO date-time: ${iso}`);
  return parisDate(at);
}
