/**
 * The search filters of the map, read from the page's query string. Parameter names are those of
 * the search API (docs/api-contract.md), so the same query string drives /formations, /carte and
 * /api/trainings/map. Pure functions: unit-tested in filters.test.ts.
 */

export const FILTER_PARAMS = [
  'q',
  'job',
  'region',
  'departement',
  'commune',
  'radius',
  'startFrom',
  'startTo',
  'durationMin',
  'durationMax',
  'modality',
  'free',
  'level',
  'placesLeft',
] as const;

/** Map-only parameters: the view shown and the training to centre on. */
export const VIEW_PARAM = 'vue';
export const FOCUS_PARAM = 'formation';
export type MapViewName = 'formations' | 'densite';

/** The filter part of a query string, in a stable order (empty values dropped). */
export function filterQuery(search: string | URLSearchParams): string {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const out = new URLSearchParams();
  for (const name of FILTER_PARAMS) {
    const value = params.get(name)?.trim();
    if (value) out.set(name, value);
  }
  return out.toString();
}

export function viewFrom(params: URLSearchParams): MapViewName {
  return params.get(VIEW_PARAM) === 'densite' ? 'densite' : 'formations';
}

export function focusFrom(params: URLSearchParams): string | null {
  const id = params.get(FOCUS_PARAM)?.trim();
  return id ? id : null;
}

/** Names of codes, when the referentials (and the commune of a radius search) are known. */
export interface FilterLookups {
  regions?: ReadonlyMap<string, string>;
  departements?: ReadonlyMap<string, string>;
  jobs?: ReadonlyMap<string, string>;
  levels?: ReadonlyMap<number, string>;
  communeName?: string;
}

export interface FilterItem {
  label: string;
  value: string;
}

const MODALITIES: Record<string, string> = { presentiel: 'en présentiel', distanciel: 'à distance', hybride: 'hybride' };

const dateFormat = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 2026-09-01 → « 1 septembre 2026 » (the input is returned as is when it is not a date). */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

function named(code: string, names: ReadonlyMap<string, string> | undefined): string {
  const name = names?.get(code);
  return name ? `${name} (${code})` : code;
}

function list(values: string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} ou ${values.at(-1)}`;
}

/** The active filters, in French, in the order of the search form. */
export function describeFilters(search: string | URLSearchParams, lookups: FilterLookups = {}): FilterItem[] {
  const p = new URLSearchParams(filterQuery(search));
  const items: FilterItem[] = [];
  const get = (name: (typeof FILTER_PARAMS)[number]) => p.get(name) ?? undefined;

  const q = get('q');
  if (q) items.push({ label: 'Recherche', value: `« ${q} »` });
  const job = get('job');
  if (job) items.push({ label: 'Métier', value: /^[A-Z]\d{4}$/i.test(job) ? named(job.toUpperCase(), lookups.jobs) : job });
  const region = get('region');
  if (region) items.push({ label: 'Région', value: named(region, lookups.regions) });
  const departement = get('departement');
  if (departement) items.push({ label: 'Département', value: named(departement.toUpperCase(), lookups.departements) });
  const commune = get('commune');
  if (commune) {
    const radius = Number(get('radius') ?? 30);
    const where = lookups.communeName ? `${lookups.communeName} (${commune})` : `commune ${commune}`;
    items.push({ label: 'Lieu', value: `à moins de ${Number.isFinite(radius) ? radius : 30} km de ${where}` });
  }
  const from = get('startFrom');
  const to = get('startTo');
  if (from && to) items.push({ label: 'Début', value: `entre le ${formatDate(from)} et le ${formatDate(to)}` });
  else if (from) items.push({ label: 'Début', value: `à partir du ${formatDate(from)}` });
  else if (to) items.push({ label: 'Début', value: `au plus tard le ${formatDate(to)}` });
  const dMin = get('durationMin');
  const dMax = get('durationMax');
  if (dMin && dMax) items.push({ label: 'Durée', value: `de ${dMin} à ${dMax} mois` });
  else if (dMin) items.push({ label: 'Durée', value: `au moins ${dMin} mois` });
  else if (dMax) items.push({ label: 'Durée', value: `au plus ${dMax} mois` });
  const modality = get('modality');
  if (modality) {
    items.push({ label: 'Modalité', value: list(modality.split(',').map((m) => MODALITIES[m.trim()] ?? m.trim())) });
  }
  const free = get('free');
  if (free === 'true') items.push({ label: 'Coût', value: 'gratuite' });
  else if (free === 'false') items.push({ label: 'Coût', value: 'payante' });
  const level = get('level');
  if (level) {
    const levels = level.split(',').map((l) => {
      const label = lookups.levels?.get(Number(l.trim()));
      return label ?? `niveau ${l.trim()}`;
    });
    items.push({ label: 'Niveau de sortie', value: list(levels) });
  }
  if (get('placesLeft') === 'true') items.push({ label: 'Places', value: 'avec des places disponibles' });
  return items;
}
