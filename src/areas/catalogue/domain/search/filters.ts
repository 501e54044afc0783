import { boundingBox, distanceKm } from '../../../territories/domain/geo.ts';
import type { SearchQuery } from '../types.ts';
import type { CatalogueIndex } from './build-index.ts';
import { MODALITY_ORDER, unitVector } from './columns.ts';
import { dayNumber, NO_DAY } from './dates.ts';
import type { Box } from './geo-grid.ts';

/**
 * A search around a point. Trainings are compared by the squared chord between unit vectors, which
 * grows with the great-circle distance: no trigonometry per training. Chords within a hair of the
 * radius are settled by the haversine of geo.ts, so the answer is exactly its `distanceKm <= radiusKm`.
 */
export interface Near {
  readonly lat: number;
  readonly lon: number;
  readonly radiusKm: number;
  /** covers the circle (for the grid) */
  readonly box: Box;
  readonly x: number;
  readonly y: number;
  readonly z: number;
  /** squared chords: surely inside below `inside`, surely outside above `outside` */
  readonly inside: number;
  readonly outside: number;
}

/** Earth radius as geo.ts uses it (one degree of the equator is R·π/180). */
const EARTH_RADIUS_KM = (distanceKm(0, 0, 0, 1) * 180) / Math.PI;

function nearOf(lat: number, lon: number, radiusKm: number): Near {
  const [x, y, z] = unitVector(lat, lon);
  const half = radiusKm / (2 * EARTH_RADIUS_KM);
  const chord2 = half >= Math.PI / 2 ? Infinity : 4 * Math.sin(half) ** 2;
  return { lat, lon, radiusKm, box: boundingBox(lat, lon, radiusKm), x, y, z, inside: chord2 * (1 - 1e-7), outside: chord2 * (1 + 1e-7) + 1e-15 };
}

/** A query's filters resolved against the index's dictionaries. */
export interface Filters {
  /** a filter no training can pass (unknown code, no known ROME code, empty date window) */
  readonly impossible: boolean;
  /** dictionary ids, −1 = not filtered */
  readonly departement: number;
  readonly region: number;
  /** any-of lists, null = not filtered */
  readonly romes: readonly number[] | null;
  readonly modalities: readonly number[] | null;
  readonly levels: readonly number[] | null;
  /** −1 = not filtered */
  readonly isFree: number;
  readonly durationMin: number;
  readonly durationMax: number;
  readonly near: Near | null;
  /** a date window is asked: a training needs an upcoming session starting in it */
  readonly windowed: boolean;
  readonly today: number;
  /** upcoming sessions count from max(today, startFrom) to startTo */
  readonly fromDay: number;
  readonly toDay: number;
  readonly placesLeft: boolean;
}

export function compileFilters(index: CatalogueIndex, q: SearchQuery, today: string): Filters {
  const { columns } = index;
  let impossible = false;
  const idIn = (ids: ReadonlyMap<string, number>, code: string | undefined) => {
    if (code === undefined) return -1;
    const id = ids.get(code);
    if (id === undefined) impossible = true;
    return id ?? -1;
  };
  const departement = idIn(columns.departements, q.departement);
  const region = idIn(columns.regions, q.region);

  let romes: number[] | null = null;
  if (q.romeCodes !== undefined) {
    romes = [...new Set(q.romeCodes)].flatMap((code) => columns.romes.get(code) ?? []);
    if (romes.length === 0) impossible = true;
  }


  const todayDay = dayNumber(today);
  const fromDay = q.startFrom ? Math.max(todayDay, dayNumber(q.startFrom)) : todayDay;
  const toDay = q.startTo ? dayNumber(q.startTo) : NO_DAY;
  return {
    impossible: impossible || fromDay > toDay,
    departement,
    region,
    romes,
    modalities: q.modality?.length ? q.modality.map((m) => MODALITY_ORDER.indexOf(m)) : null,
    levels: q.levels?.length ? q.levels : null,
    isFree: q.isFree === undefined ? -1 : q.isFree ? 1 : 0,
    durationMin: q.durationMin ?? -Infinity,
    durationMax: q.durationMax ?? Infinity,
    near: q.near ? nearOf(q.near.lat, q.near.lon, q.near.radiusKm) : null,
    windowed: q.startFrom !== undefined || q.startTo !== undefined,
    today: todayDay,
    fromDay,
    toDay,
    placesLeft: q.placesLeft === true,
  };
}

/**
 * The trainings passing every attribute filter (département, region, ROME codes, modality, free,
 * level, duration) as a bitset in scratch.mask, or null when no such filter is asked.
 */
export function attributeMask(index: CatalogueIndex, f: Filters): Uint32Array | null {
  const { sets } = index;
  const { mask, work } = index.scratch;
  let restricted = false;
  const intersect = (set: Uint32Array, negate = false) => {
    if (!restricted) {
      if (negate) for (let i = 0; i < mask.length; i++) mask[i] = ~set[i]!;
      else mask.set(set);
      restricted = true;
    } else if (negate) for (let i = 0; i < mask.length; i++) mask[i]! &= ~set[i]!;
    else for (let i = 0; i < mask.length; i++) mask[i]! &= set[i]!;
  };
  const intersectAny = (parts: readonly (Uint32Array | undefined)[]) => {
    work.fill(0);
    for (const set of parts) if (set) for (let i = 0; i < work.length; i++) work[i]! |= set[i]!;
    intersect(work);
  };

  if (f.departement >= 0) intersect(sets.departement[f.departement]!);
  if (f.region >= 0) intersect(sets.region[f.region]!);
  if (f.romes) intersectAny(f.romes.map((r) => sets.rome[r]));
  if (f.modalities) intersectAny(f.modalities.map((m) => sets.modality[m]));
  if (f.levels) intersectAny(f.levels.map((l) => sets.level.get(l)));
  if (f.isFree >= 0) intersect(sets.free, f.isFree === 0);
  if (f.durationMax !== Infinity) {
    const i = lastAtMost(sets.durations, f.durationMax);
    if (i < 0) intersectAny([]);
    else intersect(sets.durationAtMost[i]!);
  }
  if (f.durationMin !== -Infinity) {
    const i = lastAtMost(sets.durations, f.durationMin - 1e-9);
    if (i >= 0) intersect(sets.durationAtMost[i]!, true);
  }
  if (!restricted) return null;
  // a negation set the bits past the last training
  const tail = index.size & 31;
  if (tail !== 0) mask[mask.length - 1]! &= (1 << tail) - 1;
  return mask;
}

/** Position of the last value ≤ x in an ascending array, −1 if none. */
function lastAtMost(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Squared chord to the search point when within the radius (orders like the distance), −1 otherwise. */
export function chordWithin(index: CatalogueIndex, near: Near, d: number): number {
  const { x, y, z } = index.columns;
  const dx = x[d]! - near.x;
  const dy = y[d]! - near.y;
  const dz = z[d]! - near.z;
  const chord2 = dx * dx + dy * dy + dz * dz;
  if (chord2 > near.outside) return -1;
  if (chord2 >= near.inside && distanceKm(near.lat, near.lon, index.columns.lat[d]!, index.columns.lon[d]!) > near.radiusKm) return -1;
  return chord2;
}

/**
 * Position of the training's first session in the date window (with seats left if asked), −1 if
 * none. `firstUpcoming` = the training's first session on or after today, −1 if none.
 */
export function sessionInWindow(index: CatalogueIndex, f: Filters, firstUpcoming: number, d: number): number {
  if (firstUpcoming < 0) return -1;
  const c = index.columns;
  const end = c.sessionsOf.start[d + 1]!;
  for (let i = firstUpcoming; i < end; i++) {
    const start = c.sessionDay[i]!;
    if (start < f.fromDay) continue;
    if (start > f.toDay) return -1;
    if (f.placesLeft && c.sessionSeatsLeft[i]! <= 0) continue;
    return i;
  }
  return -1;
}
