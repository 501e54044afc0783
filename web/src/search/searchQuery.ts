import type { Modality, Sort } from '../api/types.ts';

// The URL of /formations holds the whole search, with the parameter names of GET /api/trainings,
// so that a search can be shared, bookmarked, and replayed by the back button.

export const MODALITIES: Modality[] = ['presentiel', 'distanciel', 'hybride'];
export const LEVELS = [3, 4, 5, 6, 7, 8] as const;
export const RADII_KM = [5, 10, 20, 30, 50, 100, 200] as const;
export const DEFAULT_RADIUS_KM = 30;

/** What the search form edits: raw strings, so that the server validates and explains errors. */
export interface SearchFilters {
  q: string;
  job: string;
  region: string;
  departement: string;
  /** INSEE code */
  commune: string;
  radius: string;
  startFrom: string;
  startTo: string;
  durationMin: string;
  durationMax: string;
  modality: string[];
  /** '' = free and paid */
  free: '' | 'true' | 'false';
  level: string[];
  placesLeft: boolean;
  /** '' = relevance (the API default) */
  sort: '' | Sort;
  page: number;
  /** kept when present in a shared URL */
  pageSize: string;
}

export const EMPTY_FILTERS: SearchFilters = {
  q: '',
  job: '',
  region: '',
  departement: '',
  commune: '',
  radius: '',
  startFrom: '',
  startTo: '',
  durationMin: '',
  durationMax: '',
  modality: [],
  free: '',
  level: [],
  placesLeft: false,
  sort: '',
  page: 1,
  pageSize: '',
};

function list(value: string | null): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

export function parseSearch(params: URLSearchParams): SearchFilters {
  const get = (name: string) => params.get(name)?.trim() ?? '';
  const free = get('free');
  const sort = get('sort');
  const page = Number.parseInt(get('page'), 10);
  return {
    q: get('q'),
    job: get('job'),
    region: get('region'),
    departement: get('departement'),
    commune: get('commune'),
    radius: get('radius'),
    startFrom: get('startFrom'),
    startTo: get('startTo'),
    durationMin: get('durationMin'),
    durationMax: get('durationMax'),
    modality: list(params.get('modality')),
    free: free === 'true' || free === 'false' ? free : '',
    level: list(params.get('level')),
    placesLeft: get('placesLeft') === 'true',
    sort: sort === 'relevance' || sort === 'distance' || sort === 'start' ? sort : '',
    page: Number.isFinite(page) && page > 1 ? page : 1,
    pageSize: get('pageSize'),
  };
}

/** The filters only (no sort, no paging): what /carte and /api/trainings/map take. */
function filterEntries(f: SearchFilters): [string, string][] {
  const entries: [string, string][] = [];
  const add = (name: string, value: string) => {
    if (value.trim() !== '') entries.push([name, value.trim()]);
  };
  add('q', f.q);
  add('job', f.job);
  add('region', f.region);
  add('departement', f.departement);
  add('commune', f.commune);
  if (f.commune.trim() !== '') add('radius', f.radius);
  add('startFrom', f.startFrom);
  add('startTo', f.startTo);
  add('durationMin', f.durationMin);
  add('durationMax', f.durationMax);
  // keep the canonical order whatever the order of the clicks
  add('modality', [...f.modality].sort((a, b) => order(MODALITIES, a) - order(MODALITIES, b)).join(','));
  add('free', f.free);
  add('level', [...f.level].sort().join(','));
  if (f.placesLeft) add('placesLeft', 'true');
  return entries;
}

function order(values: readonly string[], value: string): number {
  const i = values.indexOf(value);
  return i === -1 ? values.length : i;
}

/** Query string of a search (same names as the API), without defaults, in a stable order. */
export function serializeSearch(f: SearchFilters): string {
  const entries = filterEntries(f);
  if (f.sort !== '' && f.sort !== 'relevance') entries.push(['sort', f.sort]);
  if (f.page > 1) entries.push(['page', String(f.page)]);
  if (f.pageSize.trim() !== '') entries.push(['pageSize', f.pageSize.trim()]);
  return new URLSearchParams(entries).toString();
}

/** Query string for the map: the same filters, without sort and paging. */
export function serializeMapQuery(f: SearchFilters): string {
  return new URLSearchParams(filterEntries(f)).toString();
}

export function searchHref(f: SearchFilters): string {
  const query = serializeSearch(f);
  return query ? `/formations?${query}` : '/formations';
}

/** Number of filters set beside the text and the place (shown on the mobile "filters" button). */
export function countActiveFilters(f: SearchFilters): number {
  return [
    f.job,
    f.region,
    f.departement,
    f.startFrom,
    f.startTo,
    f.durationMin,
    f.durationMax,
    f.free,
  ].filter((v) => v !== '').length +
    (f.modality.length > 0 ? 1 : 0) +
    (f.level.length > 0 ? 1 : 0) +
    (f.placesLeft ? 1 : 0);
}
