import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { getJson } from '../api/client.ts';
import { placeGeometry } from './insets.ts';

/** A département or région shape from /geo/*.geojson (served from reference/geo/). */
export type Shape = Feature<Polygon | MultiPolygon, { code: string; nom: string }>;

interface ShapeCollection {
  features: Shape[];
}

// Shapes never change during a visit: each file is fetched once per page load.
const cache = new Map<string, Promise<Shape[]>>();

function load(file: string): Promise<Shape[]> {
  let pending = cache.get(file);
  if (!pending) {
    pending = getJson<ShapeCollection>(`/geo/${file}`).then((c) => c.features);
    pending.catch(() => cache.delete(file));
    cache.set(file, pending);
  }
  return pending;
}

/** Every département, metropolitan and overseas, where it really is. */
export async function loadDepartements(): Promise<Shape[]> {
  const [metro, overseas] = await Promise.all([load('departements.geojson'), load('departements-outre-mer.geojson')]);
  return [...metro, ...overseas];
}

export interface FranceShapes {
  /** overseas départements moved into their insets */
  departements: Shape[];
  regions: Shape[];
}

let france: Promise<FranceShapes> | undefined;

/** The shapes of the France map: départements (overseas as insets) and metropolitan régions. */
export function loadFranceShapes(): Promise<FranceShapes> {
  france ??= Promise.all([loadDepartements(), load('regions.geojson')]).then(([departements, regions]) => ({
    departements: departements.map((f) => ({ ...f, geometry: placeGeometry(f.properties.code, f.geometry) as Shape['geometry'] })),
    regions,
  }));
  france.catch(() => {
    france = undefined;
  });
  return france;
}
