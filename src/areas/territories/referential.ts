import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { placeCommune, type CentroidRow, type Commune, type Departement, type Region } from './domain/commune.ts';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
  anciensCodes?: string[];
}

export interface Territories {
  communes: ReadonlyMap<string, Commune>;
  departements: ReadonlyMap<string, Departement>;
  regions: ReadonlyMap<string, Region>;
}

function readCentroids(): Map<string, CentroidRow> {
  const text = readFileSync(path.join(root, 'reference/geo/communes-centroids.csv'), 'utf8');
  const out = new Map<string, CentroidRow>();
  for (const line of text.split('\n').slice(1)) {
    const m = /^([0-9AB]{5}),(?:"[^"]*"|[^,]*),(-?[0-9.]+),(-?[0-9.]+)$/.exec(line.trim());
    if (m) out.set(m[1]!, { code: m[1]!, lat: Number(m[2]), lon: Number(m[3]) });
  }
  return out;
}

let cached: Territories | undefined;

/**
 * The current COG (communes, départements, régions of metropolitan France and the five overseas
 * départements) with commune centroids. Loaded once per process (~35,000 communes).
 */
export function territories(): Territories {
  if (cached) return cached;
  // the package's main entry is broken: read its data files directly
  const cog = require('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
  const deps = require('@etalab/decoupage-administratif/data/departements.json') as { code: string; nom: string; region: string }[];
  const regs = require('@etalab/decoupage-administratif/data/regions.json') as { code: string; nom: string }[];
  const centroids = readCentroids();
  const departements = new Map<string, Departement>();
  for (const d of deps) {
    if (d.code.length === 3 && !/^97[1-46]$/.test(d.code)) continue;
    departements.set(d.code, { code: d.code, name: d.nom, region: d.region, population: 0 });
  }
  const regions = new Map<string, Region>();
  for (const r of regs) if (r.code.length === 2) regions.set(r.code, { code: r.code, name: r.nom });
  const communes = new Map<string, Commune>();
  for (const c of cog) {
    if (c.type !== 'commune-actuelle' || !c.departement || !departements.has(c.departement)) continue;
    const place = placeCommune(c.code, c.anciensCodes, centroids);
    const population = c.population ?? 0;
    communes.set(c.code, {
      code: c.code,
      name: c.nom,
      departement: c.departement,
      region: c.region ?? departements.get(c.departement)!.region,
      postalCodes: c.codesPostaux ?? [],
      population,
      lat: place?.lat ?? null,
      lon: place?.lon ?? null,
    });
    departements.get(c.departement)!.population += population;
  }
  cached = { communes, departements, regions };
  return cached;
}
