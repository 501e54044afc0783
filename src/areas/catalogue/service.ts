import { InputError, NotFoundError } from '../../shared/errors.ts';
import type { Territories } from '../territories/referential.ts';
import { romeCodesForJob, search, searchAll } from './domain/search/index.ts';
import type { CatalogueTraining, SearchHit, SearchQuery } from './domain/types.ts';
import { excerpt } from './domain/excerpt.ts';
import type { SearchFilters, SearchQuerystring } from './http-schemas.ts';
import type { CatalogueReadModel } from './read-model.ts';
import romeJobs from '../../../reference/rome.json' with { type: 'json' };

const ROME_CODE = /^[A-N][0-9]{4}$/;
const DEFAULT_RADIUS_KM = 30;
export const jobs: { code: string; label: string }[] = romeJobs;
const jobLabel = new Map(jobs.map((j) => [j.code, j.label]));

/** Turns the public's search parameters into a domain query; inconsistent combinations are 400s. */
export function toSearchQuery(f: SearchFilters & Partial<Pick<SearchQuerystring, 'sort' | 'page' | 'pageSize'>>, geo: Territories): SearchQuery {
  const fields: Record<string, string> = {};
  let near: SearchQuery['near'];
  if (f.commune !== undefined) {
    const c = geo.communes.get(f.commune);
    if (!c) fields.commune = `La commune ${f.commune} n'existe pas dans le code officiel géographique en vigueur.`;
    else if (c.lat === null || c.lon === null) fields.commune = `La position de la commune ${c.name} est inconnue : choisissez une commune voisine.`;
    else near = { lat: c.lat, lon: c.lon, radiusKm: f.radius ?? DEFAULT_RADIUS_KM };
  } else if (f.radius !== undefined) {
    fields.radius = 'Le rayon ne s’applique qu’autour d’une commune : choisissez aussi une commune.';
  }
  if (f.sort === 'distance' && f.commune === undefined) fields.sort = 'Le tri par distance demande une commune.';
  if (f.region !== undefined && !geo.regions.has(f.region)) fields.region = `La région ${f.region} n'existe pas.`;
  if (f.departement !== undefined && !geo.departements.has(f.departement)) fields.departement = `Le département ${f.departement} n'existe pas.`;
  if (f.startFrom && f.startTo && f.startFrom > f.startTo) fields.startTo = 'La date de fin doit être postérieure ou égale à la date de début.';
  if (f.durationMin !== undefined && f.durationMax !== undefined && f.durationMin > f.durationMax)
    fields.durationMax = 'La durée maximale doit être supérieure ou égale à la durée minimale.';
  if (Object.keys(fields).length > 0) throw new InputError(fields, 'Certains paramètres sont invalides.');

  let romeCodes: string[] | undefined;
  const job = f.job?.trim();
  if (job) romeCodes = ROME_CODE.test(job.toUpperCase()) ? [job.toUpperCase()] : romeCodesForJob(job);
  return {
    text: f.q?.trim() || undefined,
    romeCodes,
    region: f.region,
    departement: f.departement,
    near,
    startFrom: f.startFrom,
    startTo: f.startTo,
    durationMin: f.durationMin,
    durationMax: f.durationMax,
    modality: f.modality,
    isFree: f.free,
    levels: f.level?.map(Number),
    placesLeft: f.placesLeft,
    sort: f.sort ?? 'relevance',
    page: f.page ?? 1,
    pageSize: f.pageSize ?? 10,
  };
}

export function summary(t: CatalogueTraining, geo: Territories, distanceKm: number | null, nextSession: SearchHit['nextSession']) {
  return {
    id: t.id,
    title: t.title,
    summary: excerpt(t.summary),
    provider: { id: t.provider.id, name: t.provider.name },
    commune: {
      ...t.commune,
      departementName: geo.departements.get(t.commune.departement)?.name ?? t.commune.departement,
      regionName: geo.regions.get(t.commune.region)?.name ?? t.commune.region,
    },
    modality: t.modality,
    durationMonths: t.durationMonths,
    durationHours: t.durationHours,
    isFree: t.isFree,
    priceCents: t.priceCents,
    certification: t.certification,
    romeCodes: t.romeCodes,
    label: { status: t.label.status, grantedOn: t.label.grantedOn, validUntil: t.label.validUntil },
    distanceKm,
    nextSession,
  };
}

/** Runs a public search: the page of hits and the commune searched around, if any. */
function runSearch(model: CatalogueReadModel, params: SearchQuerystring, today: string) {
  const query = toSearchQuery(params, model.geo);
  const result = search(model.index, query, today);
  const commune = params.commune ? model.geo.communes.get(params.commune) : undefined;
  const near = commune && query.near ? { commune: { code: commune.code, name: commune.name }, radiusKm: query.near.radiusKm } : null;
  return { result, near };
}

/**
 * The search answer as JSON text. Each training's fixed part is serialised once and kept (the read
 * model's objects are immutable), so an answer only writes its distance and next session: the hot
 * path of the public search does not re-serialise the same trainings again and again.
 */
const fixedJson = new WeakMap<CatalogueTraining, string>();
export function searchTrainingsJson(model: CatalogueReadModel, params: SearchQuerystring, today: string): string {
  const { result, near } = runSearch(model, params, today);
  const results = result.hits.map((h) => {
    let fixed = fixedJson.get(h.training);
    if (fixed === undefined) {
      const { distanceKm: _d, nextSession: _n, ...rest } = summary(h.training, model.geo, null, null);
      fixed = JSON.stringify(rest).slice(0, -1);
      fixedJson.set(h.training, fixed);
    }
    return `${fixed},"distanceKm":${JSON.stringify(h.distanceKm)},"nextSession":${JSON.stringify(h.nextSession)}}`;
  });
  return `{"total":${result.total},"page":${result.page},"pageSize":${result.pageSize},"near":${JSON.stringify(near)},"results":[${results.join(',')}]}`;
}

/** The search answer as an object (the JSON text above is its fast twin, checked equal in tests). */
export function searchTrainings(model: CatalogueReadModel, params: SearchQuerystring, today: string) {
  const { result, near } = runSearch(model, params, today);
  return {
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    near,
    results: result.hits.map((h) => summary(h.training, model.geo, h.distanceKm, h.nextSession)),
  };
}

export function trainingDetail(model: CatalogueReadModel, id: string, today: string) {
  const t = model.get(id);
  if (!t) throw new NotFoundError('Formation');
  const next = t.sessions.find((s) => s.startsOn >= today) ?? null;
  return {
    ...summary(t, model.geo, null, next),
    summary: t.summary,
    objectives: t.objectives,
    prerequisites: t.prerequisites,
    formacodes: t.formacodes,
    address: t.address,
    postalCode: t.postalCode,
    lat: t.lat,
    lon: t.lon,
    provider: t.provider,
    contact: t.contact,
    label: t.label,
    sessions: t.sessions,
    jobs: t.romeCodes.map((code) => ({ code, label: jobLabel.get(code) ?? code })),
  };
}

/** Every matching training as a map point, and seats of upcoming matching sessions per 10,000 inhabitants. */
export function trainingsMap(model: CatalogueReadModel, filters: SearchFilters, today: string) {
  const query = toSearchQuery(filters, model.geo);
  const hits = searchAll(model.index, query, today);
  const seatsByDep = new Map<string, number>();
  const points: [string, number, number, string, number][] = [];
  for (const h of hits) {
    const t = h.training;
    points.push([t.id, t.lat, t.lon, t.title, h.nextSession?.seatsLeft ?? 0]);
    let seats = 0;
    for (const s of t.sessions) {
      if (s.startsOn < today) continue;
      if (query.startFrom && s.startsOn < query.startFrom) continue;
      if (query.startTo && s.startsOn > query.startTo) continue;
      seats += s.seats;
    }
    seatsByDep.set(t.commune.departement, (seatsByDep.get(t.commune.departement) ?? 0) + seats);
  }
  const departements = [...model.geo.departements.values()].map((d) => {
    const seats = seatsByDep.get(d.code) ?? 0;
    return {
      code: d.code,
      name: d.name,
      seats,
      population: d.population,
      seatsPer10k: d.population > 0 ? Math.round((seats * 10_000 * 100) / d.population) / 100 : 0,
    };
  });
  return { total: hits.length, points, departements };
}
