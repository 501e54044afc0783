/**
 * Test oracle: the search rules written the slow, obvious way (every training, every word, every
 * session, haversine from geo.ts), to check the index against. Not used by the application.
 */
import { distanceKm, wholeKm } from '../../../territories/domain/geo.ts';
import type { CatalogueSession, CatalogueTraining, SearchQuery } from '../types.ts';
import { allowedDistance, boundedEditDistance } from './fuzzy.ts';
import { tokenize } from './normalize.ts';
import { ROME_JOBS } from './rome-jobs.ts';
import { MIN_PREFIX_LENGTH } from './vocabulary.ts';

export interface OracleHit {
  training: CatalogueTraining;
  distanceKm: number | null;
  nextSession: CatalogueSession | null;
}

const romeLabel = new Map(ROME_JOBS.map((j) => [j.code, j.label]));

/** Every word the text search may match in a training. */
export function searchableWords(t: CatalogueTraining): Set<string> {
  const texts = [
    t.title,
    ...t.romeCodes.map((c) => `${c} ${romeLabel.get(c) ?? ''}`),
    t.certification.code,
    t.certification.title,
    t.summary,
    t.objectives,
    t.provider.name,
    t.commune.name,
  ];
  return new Set(texts.flatMap(tokenize));
}

function wordMatches(word: string, asPrefix: boolean, words: Set<string>): boolean {
  const max = allowedDistance(word.length);
  for (const w of words) {
    if (w === word) return true;
    if (asPrefix && word.length >= MIN_PREFIX_LENGTH && w.startsWith(word)) return true;
    if (max > 0 && boundedEditDistance(word, w, max) <= max) return true;
  }
  return false;
}

export function oracleSearch(trainings: readonly CatalogueTraining[], q: SearchQuery, today: string): OracleHit[] {
  const tokens = tokenize(q.text ?? '');
  const last = tokens[tokens.length - 1];
  const out: OracleHit[] = [];
  for (const t of trainings) {
    if (tokens.length > 0) {
      const words = searchableWords(t);
      if (!tokens.every((w) => wordMatches(w, w === last, words))) continue;
    }
    if (q.romeCodes && !t.romeCodes.some((c) => q.romeCodes!.includes(c))) continue;
    if (q.region !== undefined && t.commune.region !== q.region) continue;
    if (q.departement !== undefined && t.commune.departement !== q.departement) continue;
    if (q.near && distanceKm(q.near.lat, q.near.lon, t.lat, t.lon) > q.near.radiusKm) continue;
    if (q.durationMin !== undefined && t.durationMonths < q.durationMin) continue;
    if (q.durationMax !== undefined && t.durationMonths > q.durationMax) continue;
    if (q.modality?.length && !q.modality.includes(t.modality)) continue;
    if (q.isFree !== undefined && t.isFree !== q.isFree) continue;
    if (q.levels?.length && !q.levels.includes(t.certification.level)) continue;
    const from = q.startFrom && q.startFrom > today ? q.startFrom : today;
    const next =
      [...t.sessions]
        .sort((a, b) => (a.startsOn < b.startsOn ? -1 : a.startsOn > b.startsOn ? 1 : a.id < b.id ? -1 : 1))
        .find((s) => s.startsOn >= from && (!q.startTo || s.startsOn <= q.startTo) && (!q.placesLeft || s.seatsLeft > 0)) ?? null;
    if (!next && (q.startFrom || q.startTo || q.placesLeft)) continue;
    out.push({ training: t, distanceKm: q.near ? wholeKm(q.near.lat, q.near.lon, t.lat, t.lon) : null, nextSession: next });
  }
  return out;
}
