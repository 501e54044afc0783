import type { CatalogueTraining, SearchResult } from '../types.ts';
import { buildAttributeSets, type AttributeSets } from './attribute-sets.ts';
import { buildColumns, type Columns } from './columns.ts';
import type { DayCache } from './day-cache.ts';
import { buildGeoGrid, type GeoGrid } from './geo-grid.ts';
import { ROME_JOBS, type RomeJob } from './rome-jobs.ts';
import { createScratch, type Scratch } from './scratch.ts';
import { buildTextIndex, type TextIndex } from './text-index.ts';
import type { Expansion } from './vocabulary.ts';

/** A typed word resolved against the index: matching terms, each with quality × idf, and the postings it costs. */
export interface WordPlan extends Expansion {
  readonly factors: Float64Array;
  readonly cost: number;
}

/** Everything a search reads, built once per catalogue version; immutable apart from its caches. */
export interface CatalogueIndex {
  readonly size: number;
  readonly trainings: readonly CatalogueTraining[];
  readonly text: TextIndex;
  readonly columns: Columns;
  readonly sets: AttributeSets;
  readonly grid: GeoGrid;
  /** @internal reusable query buffers */
  readonly scratch: Scratch;
  /** @internal derived data kept between queries: typed word → plan, per-day session data, recent results */
  readonly caches: { readonly wordPlans: Map<string, WordPlan>; day: DayCache | null; readonly results: ResultCache };
}

/** Pages already answered (least recently used first); 0 entries turns the cache off. */
export interface ResultCache {
  readonly capacity: number;
  readonly entries: Map<string, SearchResult>;
}

export interface IndexOptions {
  /** ROME labels searched as text (default: reference/rome.json) */
  romeJobs?: readonly RomeJob[];
  /** how many answered pages to keep (default 2,000; 0: none) */
  resultCache?: number;
}

export function buildIndex(trainings: readonly CatalogueTraining[], options: IndexOptions = {}): CatalogueIndex {
  const { romeJobs = ROME_JOBS, resultCache = 2_000 } = options;
  const list = [...trainings];
  const columns = buildColumns(list);
  return {
    size: list.length,
    trainings: list,
    text: buildTextIndex(list, romeJobs),
    columns,
    sets: buildAttributeSets(columns, list.length),
    grid: buildGeoGrid(columns.lat, columns.lon),
    scratch: createScratch(list.length),
    caches: { wordPlans: new Map(), day: null, results: { capacity: resultCache, entries: new Map() } },
  };
}
