/**
 * A sparse grid of latitude/longitude cells over the trainings' positions, so a search around a
 * commune only looks at the trainings of the few cells its bounding box covers.
 */

const CELL_DEG = 0.25;

export interface GeoGrid {
  /** cell key → cell number */
  readonly cells: ReadonlyMap<number, number>;
  /** trainings of cell c: cellDocs[cellStart[c] .. cellStart[c + 1]) */
  readonly cellStart: Int32Array;
  readonly cellDocs: Int32Array;
  /** extent of the occupied cells */
  readonly minLat: number;
  readonly maxLat: number;
  readonly minLon: number;
  readonly maxLon: number;
}

export interface Box {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

const cellOf = (deg: number) => Math.floor(deg / CELL_DEG);
const keyOf = (latCell: number, lonCell: number) => (latCell + 1024) * 4096 + (lonCell + 2048);

export function buildGeoGrid(lat: Float64Array, lon: Float64Array): GeoGrid {
  const n = lat.length;
  const cells = new Map<number, number>();
  const cellOfDoc = new Int32Array(n);
  const counts: number[] = [];
  let minLat = Infinity;
  let maxLat = -Infinity;
  let minLon = Infinity;
  let maxLon = -Infinity;
  for (let d = 0; d < n; d++) {
    const la = cellOf(lat[d]!);
    const lo = cellOf(lon[d]!);
    minLat = Math.min(minLat, la);
    maxLat = Math.max(maxLat, la);
    minLon = Math.min(minLon, lo);
    maxLon = Math.max(maxLon, lo);
    const key = keyOf(la, lo);
    let c = cells.get(key);
    if (c === undefined) {
      c = counts.length;
      cells.set(key, c);
      counts.push(0);
    }
    cellOfDoc[d] = c;
    counts[c]!++;
  }
  const cellStart = new Int32Array(counts.length + 1);
  for (let c = 0; c < counts.length; c++) cellStart[c + 1] = cellStart[c]! + counts[c]!;
  const fill = cellStart.slice(0, counts.length);
  const cellDocs = new Int32Array(n);
  for (let d = 0; d < n; d++) cellDocs[fill[cellOfDoc[d]!]!++] = d;
  return { cells, cellStart, cellDocs, minLat, maxLat, minLon, maxLon };
}

/**
 * Writes into `out` (when given) the trainings of every cell the box touches, a superset of the box,
 * and returns how many. A box crossing the antimeridian or reaching a pole covers every longitude.
 */
export function collectInBox(grid: GeoGrid, box: Box, out: Int32Array | null): number {
  const wraps = box.minLon < -180 || box.maxLon > 180 || box.minLat <= -90 || box.maxLat >= 90;
  const la0 = Math.max(grid.minLat, cellOf(box.minLat));
  const la1 = Math.min(grid.maxLat, cellOf(box.maxLat));
  const lo0 = wraps ? grid.minLon : Math.max(grid.minLon, cellOf(box.minLon));
  const lo1 = wraps ? grid.maxLon : Math.min(grid.maxLon, cellOf(box.maxLon));
  const { cells, cellStart, cellDocs } = grid;
  let n = 0;
  for (let la = la0; la <= la1; la++) {
    for (let lo = lo0; lo <= lo1; lo++) {
      const c = cells.get(keyOf(la, lo));
      if (c === undefined) continue;
      if (out === null) n += cellStart[c + 1]! - cellStart[c]!;
      else for (let i = cellStart[c]!, end = cellStart[c + 1]!; i < end; i++) out[n++] = cellDocs[i]!;
    }
  }
  return n;
}
