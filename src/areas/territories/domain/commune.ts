export interface Commune {
  /** INSEE (COG) code */
  code: string;
  name: string;
  departement: string;
  region: string;
  postalCodes: string[];
  population: number;
  /** centroid; null when neither the commune nor its former communes are in the 2018 centroid file */
  lat: number | null;
  lon: number | null;
}

export interface Departement {
  code: string;
  name: string;
  region: string;
  population: number;
}

export interface Region {
  code: string;
  name: string;
}

/** Code shapes of the COG: département 01–95, 2A, 2B, 971–974 and 976 (975 is a collectivité, not a département); commune = département + 3 digits (5 chars). */
export const COMMUNE_CODE = /^(?:[0-9]{2}|2[AB])[0-9]{3}$/;
export const DEPARTEMENT_CODE = /^(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-46])$/;
export const REGION_CODE = /^[0-9]{2}$/;

export interface CentroidRow {
  code: string;
  lat: number;
  lon: number;
}

/**
 * Places a current commune (DOMAIN.md "Geography"): its own 2018 centroid, else the mean of its
 * former communes' centroids (anciensCodes), else unknown.
 */
export function placeCommune(
  code: string,
  formerCodes: readonly string[] | undefined,
  centroids: ReadonlyMap<string, CentroidRow>,
): { lat: number; lon: number } | null {
  const own = centroids.get(code);
  if (own) return { lat: own.lat, lon: own.lon };
  const former = (formerCodes ?? []).map((c) => centroids.get(c)).filter((c): c is CentroidRow => c !== undefined);
  if (former.length === 0) return null;
  const lat = former.reduce((s, c) => s + c.lat, 0) / former.length;
  const lon = former.reduce((s, c) => s + c.lon, 0) / former.length;
  return { lat: Math.round(lat * 1e5) / 1e5, lon: Math.round(lon * 1e5) / 1e5 };
}
