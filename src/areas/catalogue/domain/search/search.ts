import { wholeKm } from '../../../territories/domain/geo.ts';
import type { SearchHit, SearchQuery, SearchResult } from '../types.ts';
import { hasBit, members, popcount } from './bitset.ts';
import type { CatalogueIndex } from './build-index.ts';
import { dayCache, RANK_SPAN, upcomingOf, upcomingOrder, type DayCache } from './day-cache.ts';
import { attributeMask, chordWithin, compileFilters, sessionInWindow, type Filters } from './filters.ts';
import { collectInBox } from './geo-grid.ts';
import { firstK, setSortKeys, type RankOrder } from './rank.ts';
import { newStamp } from './scratch.ts';
import { lookupScore, planText, scanText } from './text-match.ts';

/**
 * One page of the trainings matching a query, in the asked order; `total` counts every match.
 * The same query on the same day gets the same (frozen) result object from the index's cache.
 */
export function search(index: CatalogueIndex, query: SearchQuery, today: string): SearchResult {
  const cache = index.caches.results;
  if (cache.capacity === 0) return computePage(index, query, today);
  const key = `${today}${JSON.stringify(query)}`;
  let result = cache.entries.get(key);
  if (result) {
    cache.entries.delete(key); // most recently used goes last
  } else {
    result = deepFreeze(computePage(index, query, today));
    if (cache.entries.size >= cache.capacity) cache.entries.delete(cache.entries.keys().next().value!);
  }
  cache.entries.set(key, result);
  return result;
}

/** The result and its hits are shared between callers: frozen so none can change another's. */
function deepFreeze(result: SearchResult): SearchResult {
  for (const hit of result.hits) Object.freeze(hit);
  Object.freeze(result.hits);
  return Object.freeze(result);
}

function computePage(index: CatalogueIndex, query: SearchQuery, today: string): SearchResult {
  const page = Math.max(1, Math.floor(query.page));
  const pageSize = Math.max(1, Math.floor(query.pageSize));
  const first = (page - 1) * pageSize;
  const end = first + pageSize;
  const sort: RankOrder = query.sort === 'distance' && query.near ? 'distance' : query.sort === 'start' ? 'start' : 'relevance';
  const found = collect(index, query, today, sort);
  const hits: SearchHit[] = [];
  const { matches, matchScore, matchNext } = index.scratch;
  if (found.kind === 'ordered') {
    // every training of `allowed` matches, and the day's precomputed order is the answer's order
    const up = upcomingOf(index, found.day, found.filters.placesLeft);
    const order = upcomingOrder(index, up);
    for (let i = 0, seen = 0; i < order.length && seen < end; i++) {
      const d = order[i]!;
      if (found.allowed && !hasBit(found.allowed, d)) continue;
      if (seen++ >= first) hits.push(hitOf(index, found.filters, d, 0, up.next[d]!));
    }
    return { total: found.total, page, pageSize, hits };
  }
  const { count } = found;
  const top = found.sorted ? null : first < count ? firstK(index, count, end) : new Int32Array(0);
  for (let i = first; i < Math.min(end, top ? top.length : count); i++) {
    const m = top ? top[i]! : i;
    hits.push(hitOf(index, found.filters, matches[m]!, matchScore[m]!, matchNext[m]!));
  }
  return { total: count, page, pageSize, hits };
}

/** Every training matching a query's filters (page and sort ignored), for the map; order unspecified. */
export function searchAll(index: CatalogueIndex, query: SearchQuery, today: string): SearchHit[] {
  const found = collect(index, query, today, null);
  if (found.kind === 'ordered') throw new Error('searchAll asks for the match list');
  const { matches, matchScore, matchNext } = index.scratch;
  const hits = new Array<SearchHit>(found.count);
  for (let i = 0; i < found.count; i++) hits[i] = hitOf(index, found.filters, matches[i]!, matchScore[i]!, matchNext[i]!);
  return hits;
}

function hitOf(index: CatalogueIndex, f: Filters, d: number, score: number, next: number): SearchHit {
  const training = index.trainings[d]!;
  return {
    training,
    score: Math.round(score * 1000) / 1000,
    distanceKm: f.near ? wholeKm(f.near.lat, f.near.lon, training.lat, training.lon) : null,
    nextSession: next >= 0 ? index.columns.sessions[next]! : null,
  };
}

/**
 * Checking a training's sessions and ranking it costs about this many steps of a walk through an
 * order built in advance (sessions by day, trainings by upcoming session).
 */
const RANK_VS_WALK_COST = 12;

type Found =
  /** scratch.matches[0 .. count) with score, next session and sort keys; `sorted`: already in order */
  | { kind: 'matches'; count: number; sorted: boolean; filters: Filters }
  /** every training of `allowed` (null: all) matches, in the day's upcoming order */
  | { kind: 'ordered'; total: number; allowed: Uint32Array | null; filters: Filters; day: DayCache };

/**
 * Finds the matches. Attribute filters are bitset intersections; the radius narrows to the grid
 * cells around the point; the text walks the postings of its words (or, when the radius leaves few
 * trainings, looks each one up); a date window alone walks the sessions of the window by day.
 * Sessions are checked last, on survivors only. `sort` null: every match is wanted, unordered.
 */
function collect(index: CatalogueIndex, query: SearchQuery, today: string, sort: RankOrder | null): Found {
  const filters = compileFilters(index, query, today);
  const plan = planText(index, query.text);
  const none: Found = { kind: 'matches', count: 0, sorted: true, filters };
  if (filters.impossible || plan?.impossible) return none;

  const sc = index.scratch;
  const { candidates, candidateScore } = sc;
  const day = dayCache(index, filters.today);
  let allowed = attributeMask(index, filters);
  const keep = (list: Int32Array, scores: Float64Array | null, n: number) => ({
    kind: 'matches' as const,
    count: keepMatches(index, filters, day, sort, list, scores, n),
    sorted: false,
    filters,
  });

  let inRadius = -1;
  if (filters.near) {
    const inCells = collectInBox(index.grid, filters.near.box, candidates);
    inRadius = 0;
    for (let i = 0; i < inCells; i++) {
      const d = candidates[i]!;
      if (allowed && !hasBit(allowed, d)) continue;
      const chord2 = chordWithin(index, filters.near, d);
      if (chord2 < 0) continue;
      sc.distance[d] = chord2;
      candidates[inRadius++] = d;
    }
  }

  if (plan) {
    if (inRadius >= 0 && inRadius * plan.lookupCost < plan.scanCost) {
      let n = 0;
      for (let i = 0; i < inRadius; i++) {
        const score = lookupScore(index, plan, candidates[i]!);
        if (score < 0) continue;
        candidates[n] = candidates[i]!;
        candidateScore[n++] = score;
      }
      return keep(candidates, candidateScore, n);
    }
    if (inRadius >= 0) {
      allowed = sc.allowed;
      allowed.fill(0);
      for (let i = 0; i < inRadius; i++) allowed[candidates[i]! >>> 5]! |= 1 << (candidates[i]! & 31);
    }
    return keep(candidates, candidateScore, scanText(index, plan, allowed));
  }
  if (inRadius >= 0) return keep(candidates, null, inRadius);
  if (filters.windowed) {
    // walk the window's sessions, unless the attribute filters leave far fewer trainings to check
    const { daysInOrder } = index.columns;
    const from = firstAtLeast(daysInOrder, filters.fromDay);
    const to = firstAtLeast(daysInOrder, filters.toDay + 1);
    if (allowed && popcount(allowed) * RANK_VS_WALK_COST < to - from) return keep(candidates, null, members(allowed, candidates));
    return { kind: 'matches', count: sessionsInWindow(index, filters, allowed, from, to), sorted: true, filters };
  }
  if (sort !== null) {
    if (filters.placesLeft) {
      // only trainings with an upcoming session that has seats left
      const has = upcomingOf(index, day, true).has;
      const both = sc.allowed;
      for (let i = 0; i < both.length; i++) both[i] = (allowed ? allowed[i]! : -1) & has[i]!;
      allowed = both;
    }
    const total = allowed ? popcount(allowed) : index.size;
    // walking the day's order to the page's end meets about end × size / total trainings; few
    // matches are cheaper to rank on their own
    const end = query.page * query.pageSize;
    if (!allowed || end * index.size < total * total * RANK_VS_WALK_COST) return { kind: 'ordered', total, allowed, filters, day };
  }
  if (allowed) return keep(candidates, null, members(allowed, candidates));
  return keep(allTrainings(index), null, index.size);
}

/**
 * Writes to the match list the trainings list[0 .. n) (text scores in `scores`, else 0) that have the
 * session the filters ask for, with their next session and (unless `sort` is null) sort keys;
 * returns how many.
 */
function keepMatches(index: CatalogueIndex, f: Filters, day: DayCache, sort: RankOrder | null, list: Int32Array, scores: Float64Array | null, n: number): number {
  const sc = index.scratch;
  const { matches, matchScore, matchNext, distance } = sc;
  const { sessionDay, titleRank } = index.columns;
  const any = day.any;
  const up = upcomingOf(index, day, f.placesLeft);
  const windowed = f.windowed;
  const needsSession = windowed || f.placesLeft;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const d = list[i]!;
    const score = scores === null ? 0 : scores[i]!;
    let next: number;
    let dayTitle: number;
    if (windowed) {
      next = sessionInWindow(index, f, any.next[d]!, d);
      if (next < 0) continue;
      dayTitle = sessionDay[next]! * RANK_SPAN + titleRank[d]!;
    } else {
      next = up.next[d]!;
      if (next < 0 && needsSession) continue;
      dayTitle = up.key[d]!;
    }
    if (sort !== null) setSortKeys(sc, sort, count, score, dayTitle, sort === 'distance' ? distance[d]! : 0);
    matches[count] = d;
    matchScore[count] = score;
    matchNext[count++] = next;
  }
  return count;
}

/**
 * No text, no radius, a date window: walks the sessions by (day, title) from position `from` to `to`
 * (those starting in the window), so each training is met first at its next matching session,
 * already in relevance and start order.
 */
function sessionsInWindow(index: CatalogueIndex, f: Filters, allowed: Uint32Array | null, from: number, to: number): number {
  const { sessionsByDay, sessionDoc, sessionSeatsLeft } = index.columns;
  const sc = index.scratch;
  const { matches, matchScore, matchNext, member } = sc;
  const seen = newStamp(sc);
  let count = 0;
  for (let j = from; j < to; j++) {
    const s = sessionsByDay[j]!;
    if (f.placesLeft && sessionSeatsLeft[s]! <= 0) continue;
    const d = sessionDoc[s]!;
    if (member[d] === seen) continue;
    member[d] = seen;
    if (allowed && !hasBit(allowed, d)) continue;
    matches[count] = d;
    matchScore[count] = 0;
    matchNext[count++] = s;
  }
  return count;
}

/** Position of the first value ≥ key in an ascending array (its length if none). */
function firstAtLeast(sorted: Int32Array, key: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const identities = new WeakMap<CatalogueIndex, Int32Array>();
/** 0, 1, …, size − 1 (built once per index). */
function allTrainings(index: CatalogueIndex): Int32Array {
  let all = identities.get(index);
  if (!all) identities.set(index, (all = Int32Array.from({ length: index.size }, (_, i) => i)));
  return all;
}
