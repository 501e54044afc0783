import { bitsetOf, wordsFor } from './bitset.ts';
import type { Columns } from './columns.ts';
import { MODALITY_ORDER } from './columns.ts';

/**
 * For each value of each filtered attribute, the set of trainings having it, so that a query's
 * attribute filters are a few bitset intersections instead of a check per training.
 */
export interface AttributeSets {
  readonly words: number;
  readonly departement: readonly Uint32Array[];
  readonly region: readonly Uint32Array[];
  readonly rome: readonly Uint32Array[];
  /** by position in MODALITY_ORDER */
  readonly modality: readonly Uint32Array[];
  readonly free: Uint32Array;
  /** by certification level */
  readonly level: ReadonlyMap<number, Uint32Array>;
  /** distinct durations in months, ascending, and for each the trainings lasting at most that */
  readonly durations: Float64Array;
  readonly durationAtMost: readonly Uint32Array[];
}

export function buildAttributeSets(c: Columns, size: number): AttributeSets {
  const byId = (count: number, ids: Int32Array) => {
    const sets = Array.from({ length: count }, () => new Uint32Array(wordsFor(size)));
    for (let d = 0; d < size; d++) sets[ids[d]!]![d >>> 5]! |= 1 << (d & 31);
    return sets;
  };
  const rome = Array.from({ length: c.romes.size }, () => new Uint32Array(wordsFor(size)));
  for (let d = 0; d < size; d++) {
    for (let i = c.romeOfDoc.start[d]!; i < c.romeOfDoc.start[d + 1]!; i++) rome[c.romeOfDoc.items[i]!]![d >>> 5]! |= 1 << (d & 31);
  }
  const durations = Float64Array.from(new Set(c.durationMonths)).sort();
  return {
    words: wordsFor(size),
    departement: byId(c.departements.size, c.departement),
    region: byId(c.regions.size, c.region),
    rome,
    modality: MODALITY_ORDER.map((_, m) => bitsetOf(size, (d) => c.modality[d] === m)),
    free: bitsetOf(size, (d) => c.isFree[d] === 1),
    level: new Map([...new Set(c.level)].map((l) => [l, bitsetOf(size, (d) => c.level[d] === l)])),
    durations,
    durationAtMost: [...durations].map((max) => bitsetOf(size, (d) => c.durationMonths[d]! <= max)),
  };
}
