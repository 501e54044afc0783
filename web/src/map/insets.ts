import type { Geometry, Position } from 'geojson';

/**
 * Overseas départements drawn as insets beside metropolitan France, as INSEE maps do.
 *
 * Each of 971, 972, 973, 974 and 976 gets an affine transform (uniform scale + translation) that
 * moves its shape into a box west of Brittany. The transform is computed in spherical Mercator
 * (the projection of Leaflet's EPSG3857), so the moved shapes keep their true proportions once
 * Leaflet projects them again. Markers use the same transform, chosen by the source bounding box
 * the point falls in. Pure functions, no Leaflet: unit-tested in insets.test.ts.
 *
 * Units: x = longitude in degrees, y = Mercator ordinate expressed in degrees (equal to the
 * latitude near the equator). Leaflet's projected coordinates are these times a constant.
 */

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Inset {
  code: string;
  name: string;
  /** where the département really is, in longitude/latitude (marker membership test) */
  source: Box;
  /** the frame drawn on the map, in longitude/latitude */
  frame: Box;
  /** affine transform in Mercator units: x' = scale·x + dx, y' = scale·y + dy */
  scale: number;
  dx: number;
  dy: number;
}

const DEG = 180 / Math.PI;

/** Mercator ordinate (in degrees) of a latitude. */
export function mercatorY(lat: number): number {
  return Math.log(Math.tan(Math.PI / 4 + lat / DEG / 2)) * DEG;
}

/** Latitude of a Mercator ordinate (in degrees). */
export function latitudeOf(y: number): number {
  return (2 * Math.atan(Math.exp(y / DEG)) - Math.PI / 2) * DEG;
}

// Bounding boxes of the shapes in reference/geo/departements-outre-mer.geojson, rounded outwards.
const SOURCES: { code: string; name: string; box: Box }[] = [
  { code: '971', name: 'Guadeloupe', box: { west: -61.82, south: 15.83, east: -61.0, north: 16.52 } },
  { code: '972', name: 'Martinique', box: { west: -61.23, south: 14.38, east: -60.8, north: 14.88 } },
  { code: '973', name: 'Guyane', box: { west: -54.61, south: 2.11, east: -51.61, north: 5.75 } },
  { code: '974', name: 'La Réunion', box: { west: 55.21, south: -21.39, east: 55.84, north: -20.87 } },
  { code: '976', name: 'Mayotte', box: { west: 45.01, south: -13.01, east: 45.31, north: -12.63 } },
];

/** A point this far (degrees) outside a source box still belongs to it (offshore geocoding). */
const MEMBERSHIP_MARGIN = 0.05;

// Layout, in Mercator units: a column of square frames west of Brittany, from the latitude of
// Dunkirk (y ≈ 59.4) down to the south of Corsica (y ≈ 45.5), one frame per overseas département.
const FRAME_SIZE = 2.5;
const FRAME_GAP = 0.35;
const FRAME_WEST = -8.8;
const FRAME_TOP = 59.4;
/** space kept at the top of each frame for its label */
const LABEL_BAND = 0.55;
const PADDING = 0.15;

function buildInset(code: string, name: string, source: Box, index: number): Inset {
  const top = FRAME_TOP - index * (FRAME_SIZE + FRAME_GAP);
  const bottom = top - FRAME_SIZE;
  const west = FRAME_WEST;
  const east = FRAME_WEST + FRAME_SIZE;
  // the shape goes in the frame minus the label band and a padding, centred, aspect kept
  const area = { west: west + PADDING, east: east - PADDING, south: bottom + PADDING, north: top - LABEL_BAND };
  const src = { west: source.west, east: source.east, south: mercatorY(source.south), north: mercatorY(source.north) };
  const scale = Math.min((area.east - area.west) / (src.east - src.west), (area.north - area.south) / (src.north - src.south));
  const dx = (area.west + area.east) / 2 - scale * ((src.west + src.east) / 2);
  const dy = (area.south + area.north) / 2 - scale * ((src.south + src.north) / 2);
  return {
    code,
    name,
    source,
    frame: { west, east, south: latitudeOf(bottom), north: latitudeOf(top) },
    scale,
    dx,
    dy,
  };
}

export const INSETS: readonly Inset[] = SOURCES.map((s, i) => buildInset(s.code, s.name, s.box, i));

const byCode = new Map(INSETS.map((i) => [i.code, i]));

export function insetByCode(code: string): Inset | undefined {
  return byCode.get(code);
}

/** The inset whose source box (with a small margin) contains the point, if any. */
export function insetAt(lat: number, lon: number): Inset | undefined {
  const m = MEMBERSHIP_MARGIN;
  return INSETS.find(
    (i) => lon >= i.source.west - m && lon <= i.source.east + m && lat >= i.source.south - m && lat <= i.source.north + m,
  );
}

/** Moves one point with one inset's transform. */
export function applyInset(inset: Inset, lat: number, lon: number): [lat: number, lon: number] {
  const x = inset.scale * lon + inset.dx;
  const y = inset.scale * mercatorY(lat) + inset.dy;
  return [latitudeOf(y), x];
}

/** Marker transform: where to draw a training located at (lat, lon). Metropolitan points are untouched. */
export function placePoint(lat: number, lon: number): [lat: number, lon: number] {
  const inset = insetAt(lat, lon);
  return inset ? applyInset(inset, lat, lon) : [lat, lon];
}

function movePosition(inset: Inset, p: Position): Position {
  const [lat, lon] = applyInset(inset, p[1]!, p[0]!);
  return [lon, lat];
}

/** Shape transform: the geometry of département `code`, moved into its inset (unchanged when not overseas). */
export function placeGeometry(code: string, geometry: Geometry): Geometry {
  const inset = insetByCode(code);
  if (!inset) return geometry;
  return mapGeometry(geometry, (p) => movePosition(inset, p));
}

function mapGeometry(g: Geometry, f: (p: Position) => Position): Geometry {
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: f(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(f) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((ring) => ring.map(f)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map((ring) => ring.map(f))) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map((child) => mapGeometry(child, f)) };
  }
}

/** South-west and north-east corners ([lat, lon]) of everything drawn: metropolitan France and the insets. */
export function franceBounds(): [[number, number], [number, number]] {
  const west = Math.min(-5.2, ...INSETS.map((i) => i.frame.west));
  const south = Math.min(41.3, ...INSETS.map((i) => i.frame.south));
  const north = Math.max(51.1, ...INSETS.map((i) => i.frame.north));
  return [
    [south, west],
    [north, 9.6],
  ];
}
