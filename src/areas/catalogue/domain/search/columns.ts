import type { CatalogueSession, CatalogueTraining, Modality } from '../types.ts';
import { fromLists, type Csr } from './csr.ts';
import { dayNumber } from './dates.ts';
import { normalize } from './normalize.ts';

export const MODALITY_ORDER: readonly Modality[] = ['presentiel', 'distanciel', 'hybride'];

/**
 * What the filters and sorts read, one typed array per attribute indexed by training number (the
 * position in the built list), so a query touches no objects until it builds its page of hits.
 */
export interface Columns {
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** position on the unit sphere: the chord to another point orders distances without trigonometry */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
  /** code dictionaries (code → id) and each training's id */
  readonly departements: ReadonlyMap<string, number>;
  readonly departement: Int32Array;
  readonly regions: ReadonlyMap<string, number>;
  readonly region: Int32Array;
  readonly romes: ReadonlyMap<string, number>;
  /** ROME code ids of each training */
  readonly romeOfDoc: Csr;
  readonly durationMonths: Float64Array;
  /** position in MODALITY_ORDER */
  readonly modality: Uint8Array;
  readonly isFree: Uint8Array;
  readonly level: Uint8Array;
  /** position of each training in the (accent-free title, title, id) order: the last tie-break */
  readonly titleRank: Int32Array;
  /** the trainings in that order */
  readonly byTitle: Int32Array;
  /** sessions of training d, by start date, are the positions sessionsOf.start[d] .. start[d + 1] */
  readonly sessionsOf: Csr;
  readonly sessions: readonly CatalogueSession[];
  /** per session position: start day (YYYYMMDD), seats left, training */
  readonly sessionDay: Int32Array;
  readonly sessionSeatsLeft: Int32Array;
  readonly sessionDoc: Int32Array;
  /** every session position by (start day, training title rank), and the start days in that order */
  readonly sessionsByDay: Int32Array;
  readonly daysInOrder: Int32Array;
}

export function buildColumns(trainings: readonly CatalogueTraining[]): Columns {
  const n = trainings.length;
  const departements = new Map<string, number>();
  const regions = new Map<string, number>();
  const romes = new Map<string, number>();
  const idOf = (ids: Map<string, number>, code: string) => {
    let id = ids.get(code);
    if (id === undefined) ids.set(code, (id = ids.size));
    return id;
  };

  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const departement = new Int32Array(n);
  const region = new Int32Array(n);
  const romeLists: number[][] = [];
  const durationMonths = new Float64Array(n);
  const modality = new Uint8Array(n);
  const isFree = new Uint8Array(n);
  const level = new Uint8Array(n);
  const sessionLists: number[][] = [];
  const sessions: CatalogueSession[] = [];
  const sessionDocs: number[] = [];

  trainings.forEach((t, d) => {
    lat[d] = t.lat;
    lon[d] = t.lon;
    [x[d], y[d], z[d]] = unitVector(t.lat, t.lon);
    departement[d] = idOf(departements, t.commune.departement);
    region[d] = idOf(regions, t.commune.region);
    romeLists.push([...new Set(t.romeCodes)].map((code) => idOf(romes, code)));
    durationMonths[d] = t.durationMonths;
    const m = MODALITY_ORDER.indexOf(t.modality);
    modality[d] = m < 0 ? 7 : m;
    isFree[d] = t.isFree ? 1 : 0;
    level[d] = t.certification.level;
    const ordered = [...t.sessions].sort((a, b) => cmp(a.startsOn, b.startsOn) || cmp(a.id, b.id));
    sessionLists.push(
      ordered.map((s) => {
        sessionDocs.push(d);
        return sessions.push(s) - 1;
      }),
    );
  });

  const { titleRank, byTitle } = titleOrder(trainings);
  const sessionDay = Int32Array.from(sessions, (s) => dayNumber(s.startsOn));
  const sessionDoc = Int32Array.from(sessionDocs);
  const sessionsByDay = Int32Array.from(sessions.keys()).sort(
    (a, b) => sessionDay[a]! - sessionDay[b]! || titleRank[sessionDoc[a]!]! - titleRank[sessionDoc[b]!]! || a - b,
  );
  return {
    lat,
    lon,
    x,
    y,
    z,
    departements,
    departement,
    regions,
    region,
    romes,
    romeOfDoc: fromLists(romeLists),
    durationMonths,
    modality,
    isFree,
    level,
    titleRank,
    byTitle,
    sessionsOf: fromLists(sessionLists),
    sessions,
    sessionDay,
    sessionSeatsLeft: Int32Array.from(sessions, (s) => s.seatsLeft),
    sessionDoc,
    sessionsByDay,
    daysInOrder: sessionsByDay.map((s) => sessionDay[s]!),
  };
}

/** Point on the unit sphere for a latitude and longitude in degrees. */
export function unitVector(lat: number, lon: number): [number, number, number] {
  const phi = (lat * Math.PI) / 180;
  const lambda = (lon * Math.PI) / 180;
  return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
}

function titleOrder(trainings: readonly CatalogueTraining[]): { titleRank: Int32Array; byTitle: Int32Array } {
  const keys = trainings.map((t, d) => ({ d, key: normalize(t.title), title: t.title, id: t.id }));
  keys.sort((a, b) => cmp(a.key, b.key) || cmp(a.title, b.title) || cmp(a.id, b.id) || a.d - b.d);
  const titleRank = new Int32Array(trainings.length);
  const byTitle = new Int32Array(trainings.length);
  keys.forEach((k, r) => {
    titleRank[k.d] = r;
    byTitle[r] = k.d;
  });
  return { titleRank, byTitle };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
