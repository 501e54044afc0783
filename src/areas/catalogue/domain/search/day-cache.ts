import { wordsFor } from './bitset.ts';
import type { CatalogueIndex } from './build-index.ts';
import { NO_DAY } from './dates.ts';

/** Multiplier putting a day before a title rank in one sort key (exact in a double up to 2^24 trainings). */
export const RANK_SPAN = 2 ** 24;

/** Each training's first upcoming session (any, or with seats left), for one day. */
export interface Upcoming {
  /** session position, −1 when none */
  readonly next: Int32Array;
  /** its start day (NO_DAY when none) × RANK_SPAN + title rank: the no-text relevance and start key */
  readonly key: Float64Array;
  /** trainings that have one */
  readonly has: Uint32Array;
  /** trainings in key order; built on first use */
  order: Int32Array | null;
}

/** What depends on the day only, rebuilt when the day changes (once a day, not per query). */
export interface DayCache {
  readonly today: number;
  readonly any: Upcoming;
  withSeats: Upcoming | null;
}

export function dayCache(index: CatalogueIndex, today: number): DayCache {
  const cached = index.caches.day;
  if (cached && cached.today === today) return cached;
  const cache: DayCache = { today, any: upcoming(index, today, false), withSeats: null };
  index.caches.day = cache;
  return cache;
}

/** The first upcoming sessions, with seats left or not. */
export function upcomingOf(index: CatalogueIndex, day: DayCache, withSeats: boolean): Upcoming {
  if (!withSeats) return day.any;
  return (day.withSeats ??= upcoming(index, day.today, true));
}

function upcoming(index: CatalogueIndex, today: number, withSeats: boolean): Upcoming {
  const { sessionsOf, sessionDay, sessionSeatsLeft, titleRank } = index.columns;
  const next = new Int32Array(index.size);
  const key = new Float64Array(index.size);
  const has = new Uint32Array(wordsFor(index.size));
  for (let d = 0; d < index.size; d++) {
    let i = sessionsOf.start[d]!;
    const end = sessionsOf.start[d + 1]!;
    while (i < end && (sessionDay[i]! < today || (withSeats && sessionSeatsLeft[i]! <= 0))) i++;
    next[d] = i < end ? i : -1;
    key[d] = (i < end ? sessionDay[i]! : NO_DAY) * RANK_SPAN + titleRank[d]!;
    if (i < end) has[d >>> 5]! |= 1 << (d & 31);
  }
  return { next, key, has, order: null };
}

/** Trainings by upcoming session (none last), then title. */
export function upcomingOrder(index: CatalogueIndex, up: Upcoming): Int32Array {
  if (up.order) return up.order;
  const keys = up.key.slice().sort();
  const order = new Int32Array(index.size);
  for (let i = 0; i < index.size; i++) order[i] = index.columns.byTitle[keys[i]! % RANK_SPAN]!;
  up.order = order;
  return order;
}
