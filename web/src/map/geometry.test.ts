import { readFileSync } from 'node:fs';
import type { FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureAt, geometryContains } from './geometry.ts';

function load(name: string) {
  return JSON.parse(readFileSync(new URL(`../../../reference/geo/${name}`, import.meta.url), 'utf8')) as FeatureCollection<
    Geometry,
    { code: string; nom: string }
  >;
}

const features = [...load('departements.geojson').features, ...load('departements-outre-mer.geojson').features];
const codesAt = (lat: number, lon: number) =>
  features.filter((f) => geometryContains(f.geometry, lat, lon)).map((f) => f.properties.code);

describe('département of a point', () => {
  it('finds the one département that contains a commune centre', () => {
    expect(codesAt(48.8566, 2.3522)).toEqual(['75']);
    expect(codesAt(48.3904, -4.4861)).toEqual(['29']);
    expect(codesAt(41.93461, 8.70064)).toEqual(['2A']);
    expect(codesAt(-20.882, 55.45)).toEqual(['974']);
    expect(codesAt(4.9224, -52.3135)).toEqual(['973']);
  });

  it('finds none at sea', () => {
    expect(codesAt(46.5, -4)).toEqual([]);
  });

  it('falls back to the nearest département for a coastal point left at sea by simplified shapes', () => {
    expect(featureAt(features, 41.9192, 8.7386)?.properties.code).toBe('2A');
    expect(featureAt(features, 48.8566, 2.3522)?.properties.code).toBe('75');
    expect(featureAt(features, 0, -30)).toBeUndefined();
  });

  it('respects holes', () => {
    const square: Geometry = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
      ],
    };
    expect(geometryContains(square, 2, 2)).toBe(true);
    expect(geometryContains(square, 5, 5)).toBe(false);
  });
});
