import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundingBox, distanceKm, wholeKm } from './geo.ts';

describe('distance between commune centroids', () => {
  it('Paris – Lyon is about 392 km', () => {
    // Paris 75056 (48.8589, 2.3469), Lyon 69123 (45.7580, 4.8350)
    expect(wholeKm(48.8589, 2.3469, 45.758, 4.835)).toBe(392);
  });
  it('is symmetric and zero on the same point', () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (a, b, c, d) => {
        expect(distanceKm(a, b, c, d)).toBeCloseTo(distanceKm(c, d, a, b), 6);
        expect(distanceKm(a, b, a, b)).toBe(0);
      }),
    );
  });
  it('the bounding box contains every point within the radius', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 55, noNaN: true }), fc.double({ min: -60, max: 60, noNaN: true }), fc.integer({ min: 1, max: 300 }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0, max: 0.99, noNaN: true }), (lat, lon, r, angle, f) => {
        // walk f*r km from the centre in direction angle (small-distance approximation)
        const dLat = ((f * r * Math.cos(angle)) / 6371.0088) * (180 / Math.PI);
        const dLon = ((f * r * Math.sin(angle)) / 6371.0088) * (180 / Math.PI) / Math.cos(((lat + dLat) * Math.PI) / 180);
        const p = { lat: lat + dLat, lon: lon + dLon };
        if (distanceKm(lat, lon, p.lat, p.lon) > r) return;
        const box = boundingBox(lat, lon, r);
        expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
        expect(p.lat).toBeLessThanOrEqual(box.maxLat);
        expect(p.lon).toBeGreaterThanOrEqual(box.minLon);
        expect(p.lon).toBeLessThanOrEqual(box.maxLon);
      }),
    );
  });
});
