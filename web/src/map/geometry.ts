import type { Geometry, Position } from 'geojson';

/**
 * Point-in-polygon for GeoJSON (Polygon / MultiPolygon, holes included), in longitude/latitude:
 * enough to find the département of a training for its small map. Pure: see geometry.test.ts.
 */

function ringContains(ring: Position[], lon: number, lat: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function polygonContains(rings: Position[][], lon: number, lat: number): boolean {
  const [outer, ...holes] = rings;
  return !!outer && ringContains(outer, lon, lat) && !holes.some((h) => ringContains(h, lon, lat));
}

export function geometryContains(g: Geometry, lat: number, lon: number): boolean {
  switch (g.type) {
    case 'Polygon':
      return polygonContains(g.coordinates, lon, lat);
    case 'MultiPolygon':
      return g.coordinates.some((p) => polygonContains(p, lon, lat));
    case 'GeometryCollection':
      return g.geometries.some((child) => geometryContains(child, lat, lon));
    default:
      return false;
  }
}

/** Every vertex of a geometry, flattened. */
export function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
    case 'GeometryCollection':
      return g.geometries.flatMap(positionsOf);
  }
}

/**
 * The item whose geometry contains the point or, when none does (simplified coastlines can leave a
 * coastal town at sea), the one with the nearest vertex.
 */
export function featureAt<T extends { geometry: Geometry }>(items: readonly T[], lat: number, lon: number): T | undefined {
  const containing = items.find((f) => geometryContains(f.geometry, lat, lon));
  if (containing) return containing;
  const k = Math.cos((lat * Math.PI) / 180);
  let best: T | undefined;
  let bestDistance = Infinity;
  for (const item of items) {
    for (const [x, y] of positionsOf(item.geometry)) {
      const d = ((x! - lon) * k) ** 2 + (y! - lat) ** 2;
      if (d < bestDistance) {
        bestDistance = d;
        best = item;
      }
    }
  }
  // farther than ~50 km from any shape: not in a département we draw
  return bestDistance < 0.5 ** 2 ? best : undefined;
}
