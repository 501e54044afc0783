import type { Commune } from '../areas/territories/domain/commune.ts';
import { territories } from '../areas/territories/referential.ts';
import { WeightedList, type Rng } from './prng.ts';

/**
 * Where demo providers and trainings can be. A place is drawn in two steps: a département weighted
 * by its population (so the network follows where people live, région by région, overseas
 * included), then a commune of that département weighted by population among those with at least
 * MIN_POPULATION inhabitants (fabriques sit in towns and cities; a département without such a
 * commune uses its largest one). Communes must have a centroid (the map needs one) and a postal code.
 */
export const MIN_POPULATION = 5_000;

export interface PlaceIndex {
  /** région codes in code order */
  regions: readonly string[];
  /** a commune anywhere, or within one région */
  pickCommune(rng: Rng, region?: string): Commune;
  /** a commune of the département */
  pickInDepartement(rng: Rng, departement: string): Commune;
}

let cached: PlaceIndex | undefined;

export function placeIndex(): PlaceIndex {
  if (cached) return cached;
  const t = territories();
  const regions = [...t.regions.keys()].sort();
  const byDep = new Map<string, Commune[]>();
  const usable = [...t.communes.values()]
    .filter((c) => t.regions.has(c.region) && c.lat !== null && c.lon !== null && c.postalCodes.length > 0 && c.population > 0)
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  for (const c of usable) {
    const list = byDep.get(c.departement);
    if (list) list.push(c);
    else byDep.set(c.departement, [c]);
  }
  const communesOf = new Map<string, WeightedList<Commune>>();
  for (const [dep, list] of byDep) {
    const towns = list.filter((c) => c.population >= MIN_POPULATION);
    const largest = list.reduce((a, b) => (b.population > a.population ? b : a));
    communesOf.set(dep, new WeightedList(towns.length > 0 ? towns : [largest], (c) => c.population));
  }
  const deps = [...communesOf.keys()].sort();
  const population = (dep: string) => t.departements.get(dep)!.population;
  const allDeps = new WeightedList(deps, population);
  const depsOf = new Map<string, WeightedList<string>>();
  for (const r of regions) {
    const inRegion = deps.filter((d) => t.departements.get(d)!.region === r);
    if (inRegion.length === 0) throw new Error(`Aucune commune utilisable dans la région ${r}`);
    depsOf.set(r, new WeightedList(inRegion, population));
  }
  cached = {
    regions,
    pickCommune: (rng, region) => {
      const dep = (region === undefined ? allDeps : depsOf.get(region))?.pick(rng);
      if (dep === undefined) throw new Error(`Région inconnue ${region}`);
      return communesOf.get(dep)!.pick(rng);
    },
    pickInDepartement: (rng, dep) => {
      const list = communesOf.get(dep);
      if (!list) throw new Error(`Département inconnu ${dep}`);
      return list.pick(rng);
    },
  };
  return cached;
}
