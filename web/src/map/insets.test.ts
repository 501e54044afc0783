import { readFileSync } from 'node:fs';
import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { INSETS, applyInset, franceBounds, insetAt, insetByCode, latitudeOf, mercatorY, placeGeometry, placePoint } from './insets.ts';
import { positionsOf } from './geometry.ts';

const overseas = JSON.parse(
  readFileSync(new URL('../../../reference/geo/departements-outre-mer.geojson', import.meta.url), 'utf8'),
) as FeatureCollection<Geometry, { code: string; nom: string }>;

function inFrame(code: string, lat: number, lon: number): boolean {
  const f = insetByCode(code)!.frame;
  return lon > f.west && lon < f.east && lat > f.south && lat < f.north;
}

describe('insets of the overseas départements', () => {
  it('moves a point inside La Réunion into the Réunion frame', () => {
    const saintDenis = { lat: -20.882, lon: 55.45 };
    expect(insetAt(saintDenis.lat, saintDenis.lon)?.code).toBe('974');
    const [lat, lon] = placePoint(saintDenis.lat, saintDenis.lon);
    expect(inFrame('974', lat, lon)).toBe(true);
    for (const other of ['971', '972', '973', '976']) expect(inFrame(other, lat, lon)).toBe(false);
  });

  it('leaves metropolitan points untouched', () => {
    for (const [lat, lon] of [
      [48.8566, 2.3522], // Paris
      [43.2965, 5.3698], // Marseille
      [48.3904, -4.4861], // Brest
      [41.9192, 8.7386], // Ajaccio
    ] as const) {
      expect(insetAt(lat, lon)).toBeUndefined();
      expect(placePoint(lat, lon)).toEqual([lat, lon]);
    }
  });

  it('leaves metropolitan shapes untouched', () => {
    const g: Geometry = { type: 'Point', coordinates: [2.35, 48.85] };
    expect(placeGeometry('75', g)).toBe(g);
  });

  it('moves markers exactly like the shapes they lie on', () => {
    for (const feature of overseas.features) {
      const code = feature.properties.code;
      const original = positionsOf(feature.geometry);
      const moved = positionsOf(placeGeometry(code, feature.geometry));
      expect(moved).toHaveLength(original.length);
      original.forEach(([lon, lat], i) => {
        expect(insetAt(lat!, lon!)?.code).toBe(code);
        const [mlat, mlon] = placePoint(lat!, lon!);
        expect(mlon).toBeCloseTo(moved[i]![0]!, 9);
        expect(mlat).toBeCloseTo(moved[i]![1]!, 9);
      });
    }
  });

  it('fits every overseas shape inside its own frame, each frame west of metropolitan France', () => {
    for (const feature of overseas.features) {
      const code = feature.properties.code;
      for (const [lon, lat] of positionsOf(placeGeometry(code, feature.geometry))) {
        expect(inFrame(code, lat!, lon!)).toBe(true);
      }
      expect(insetByCode(code)!.frame.east).toBeLessThan(-5.2);
    }
  });

  it('keeps proportions (uniform scale in Mercator) and frames that do not overlap', () => {
    const reunion = insetByCode('974')!;
    const a = applyInset(reunion, -21, 55.3);
    const b = applyInset(reunion, -21, 55.7);
    const c = applyInset(reunion, -20.9, 55.3);
    const dxMoved = b[1] - a[1];
    const dyMoved = mercatorY(c[0]) - mercatorY(a[0]);
    expect(dxMoved / 0.4).toBeCloseTo(reunion.scale, 9);
    expect(dyMoved / (mercatorY(-20.9) - mercatorY(-21))).toBeCloseTo(reunion.scale, 9);
    const frames = INSETS.map((i) => i.frame).sort((p, q) => q.north - p.north);
    for (let i = 1; i < frames.length; i++) expect(frames[i]!.north).toBeLessThan(frames[i - 1]!.south);
  });

  it('has Mercator helpers that invert each other, and bounds that cover all frames', () => {
    for (const lat of [-21, 0, 16.2, 48.85]) expect(latitudeOf(mercatorY(lat))).toBeCloseTo(lat, 10);
    const [[south, west], [north, east]] = franceBounds();
    for (const { frame } of INSETS) {
      expect(frame.west).toBeGreaterThanOrEqual(west);
      expect(frame.south).toBeGreaterThanOrEqual(south);
      expect(frame.north).toBeLessThanOrEqual(north);
      expect(frame.east).toBeLessThanOrEqual(east);
    }
  });
});
