import { describe, expect, it } from 'vitest';
import { aCatalogueSession, aCatalogueTraining } from './fixtures.ts';
import { nextSession, toGeoJson } from './geojson.ts';

describe('GeoJSON export', () => {
  it('gives one Point per training, in [longitude, latitude] order', () => {
    const nantes = aCatalogueTraining({ lat: 47.2184, lon: -1.5536 });
    const cayenne = aCatalogueTraining({ lat: 4.9224, lon: -52.3135 });
    const fc = toGeoJson([nantes, cayenne]);
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features).toHaveLength(2);
    expect(fc.features.map((f) => f.geometry)).toEqual([
      { type: 'Point', coordinates: [-1.5536, 47.2184] },
      { type: 'Point', coordinates: [-52.3135, 4.9224] },
    ]);
  });

  it('carries the properties a map needs', () => {
    const t = aCatalogueTraining({
      id: 'abc/1',
      isFree: false,
      priceCents: 90000,
      modality: 'hybride',
      sessions: [
        aCatalogueSession({ startsOn: '2026-01-05', status: 'running', seatsLeft: 0 }),
        aCatalogueSession({ startsOn: '2026-10-05', status: 'recruiting', seatsLeft: 4 }),
      ],
    });
    const [feature] = toGeoJson([t]).features;
    expect(feature!.id).toBe('abc/1');
    expect(feature!.properties).toEqual({
      id: 'abc/1',
      title: t.title,
      provider: t.provider.name,
      modality: 'hybride',
      isFree: false,
      communeName: 'Montreuil',
      nextSessionStart: '2026-10-05',
      seatsLeft: 4,
      url: '/formations/abc%2F1',
    });
  });

  it('reports no next session when none is still to come', () => {
    const t = aCatalogueTraining({ sessions: [aCatalogueSession({ status: 'finished' })] });
    expect(toGeoJson([t]).features[0]!.properties).toMatchObject({ nextSessionStart: null, seatsLeft: null });
    expect(toGeoJson([aCatalogueTraining({ sessions: [] })]).features[0]!.properties.nextSessionStart).toBeNull();
  });

  it('skips sessions started before the export day (Europe/Paris) when generatedAt is given', () => {
    const sessions = [
      aCatalogueSession({ startsOn: '2026-09-14', status: 'recruiting', seatsLeft: 1 }),
      aCatalogueSession({ startsOn: '2026-11-02', status: 'planned', seatsLeft: 12 }),
    ];
    expect(nextSession(sessions)?.startsOn).toBe('2026-09-14');
    // 23:30 UTC on the 13th is already the 14th in Paris: the session of the 14th still counts
    expect(nextSession(sessions, '2026-09-14')?.startsOn).toBe('2026-09-14');
    const t = aCatalogueTraining({ sessions });
    expect(toGeoJson([t], { generatedAt: '2026-09-13T23:30:00Z' }).features[0]!.properties.nextSessionStart).toBe('2026-09-14');
    expect(toGeoJson([t], { generatedAt: '2026-09-15T08:00:00Z' }).features[0]!.properties.nextSessionStart).toBe('2026-11-02');
    expect(() => toGeoJson([t], { generatedAt: 'hier' })).toThrow(RangeError);
  });

  it('leaves out trainings that cannot be placed and stays valid JSON', () => {
    const fc = toGeoJson([aCatalogueTraining({ lat: Number.NaN }), aCatalogueTraining({ title: 'A "B" </script> 😀' })]);
    expect(fc.features).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(fc))).toEqual(fc);
  });
});
