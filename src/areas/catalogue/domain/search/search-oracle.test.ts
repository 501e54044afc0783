import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CatalogueTraining, Modality, SearchHit, SearchQuery } from '../types.ts';
import { aSession, aTraining } from './fixtures.ts';
import { distanceKm } from '../../../territories/domain/geo.ts';
import { buildIndex, normalize, search, searchAll } from './index.ts';
import { oracleSearch, type OracleHit } from './oracle.ts';

const TODAY = '2025-06-15';
const WORDS = ['développeur', 'développeuse', 'développement', 'web', 'mobile', 'réseaux', 'réseau', 'maintenance', 'technicien', 'data', 'designer', 'cybersécurité', 'cloud', 'ia'];
const PLACES = [
  { code: '69123', name: 'Lyon', departement: '69', region: '84', lat: 45.758, lon: 4.835 },
  { code: '38185', name: 'Grenoble', departement: '38', region: '84', lat: 45.1885, lon: 5.7245 },
  { code: '75056', name: 'Paris', departement: '75', region: '11', lat: 48.8589, lon: 2.3469 },
  { code: '97411', name: 'Saint-Denis', departement: '974', region: '04', lat: -20.8823, lon: 55.4504 },
];
const ROMES = ['M1805', 'M1801', 'I1401', 'E1205'];
const MODALITIES: Modality[] = ['presentiel', 'distanciel', 'hybride'];
const day = (offset: number) => new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

const trainingArb = fc
  .record({
    title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
    summary: fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }),
    place: fc.constantFrom(...PLACES),
    jitter: fc.tuple(fc.double({ min: -1.5, max: 1.5, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })),
    romeCodes: fc.subarray(ROMES, { maxLength: 2 }),
    durationMonths: fc.integer({ min: 3, max: 24 }),
    modality: fc.constantFrom(...MODALITIES),
    isFree: fc.boolean(),
    level: fc.integer({ min: 3, max: 8 }),
    sessions: fc.array(fc.record({ offset: fc.integer({ min: -200, max: 400 }), seatsLeft: fc.integer({ min: 0, max: 2 }) }), { maxLength: 4 }),
  })
  .map(
    (r): CatalogueTraining =>
      aTraining({
        title: r.title.join(' '),
        summary: r.summary.join(', '),
        commune: { code: r.place.code, name: r.place.name, departement: r.place.departement, region: r.place.region },
        lat: r.place.lat + r.jitter[0],
        lon: r.place.lon + r.jitter[1],
        romeCodes: r.romeCodes,
        durationMonths: r.durationMonths,
        modality: r.modality,
        isFree: r.isFree,
        priceCents: r.isFree ? null : 100_000,
        certification: { level: r.level },
        sessions: r.sessions.map((s) => aSession({ startsOn: day(s.offset), seatsLeft: s.seatsLeft })),
      }),
  );

/** A typed word: as is, cut (prefix), with a letter dropped or doubled (typo), or unknown. */
const typedWord = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.tuple(fc.constantFrom(...WORDS), fc.integer({ min: 2, max: 8 })).map(([w, n]) => w.slice(0, n)),
  fc.tuple(fc.constantFrom(...WORDS), fc.nat()).map(([w, i]) => w.slice(0, i % w.length) + w.slice((i % w.length) + 1)),
  fc.tuple(fc.constantFrom(...WORDS), fc.nat()).map(([w, i]) => w.slice(0, i % w.length) + w[i % w.length] + w.slice(i % w.length)),
  fc.constantFrom('lyon', 'paris', 'zzz', 'de la'),
);

const queryArb = fc.record(
  {
    text: fc.array(typedWord, { minLength: 1, maxLength: 3 }).map((ws) => ws.join(' ')),
    romeCodes: fc.subarray([...ROMES, 'A1101'], { minLength: 1 }),
    region: fc.constantFrom('84', '11', '04', '53'),
    departement: fc.constantFrom('69', '38', '75', '974'),
    near: fc.record({ place: fc.constantFrom(...PLACES), radiusKm: fc.integer({ min: 1, max: 200 }) }).map(({ place, radiusKm }) => ({ lat: place.lat + 0.3, lon: place.lon - 0.2, radiusKm })),
    startFrom: fc.integer({ min: -30, max: 300 }).map(day),
    startTo: fc.integer({ min: 0, max: 400 }).map(day),
    durationMin: fc.integer({ min: 1, max: 24 }),
    durationMax: fc.integer({ min: 3, max: 36 }),
    modality: fc.subarray(MODALITIES),
    isFree: fc.boolean(),
    levels: fc.subarray([3, 4, 5, 6, 7, 8]),
    placesLeft: fc.boolean(),
  },
  { requiredKeys: [] },
);

const sortArb = fc.record({ sort: fc.constantFrom('relevance', 'start', 'distance') as fc.Arbitrary<SearchQuery['sort']>, pageSize: fc.integer({ min: 1, max: 7 }) });

const summary = (h: SearchHit | OracleHit) => ({ id: h.training.id, next: h.nextSession?.id ?? null, km: h.distanceKm });
const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);

/** Every page, in order. */
function allPages(trainings: CatalogueTraining[], q: Omit<SearchQuery, 'page'>): { total: number; hits: SearchHit[] } {
  const index = buildIndex(trainings);
  const hits: SearchHit[] = [];
  let total = -1;
  for (let page = 1; page <= 200; page++) {
    const r = search(index, { ...q, page }, TODAY);
    total = r.total;
    if (r.hits.length === 0) break;
    expect(r.hits.length).toBeLessThanOrEqual(q.pageSize);
    hits.push(...r.hits);
  }
  return { total, hits };
}

describe('the index finds exactly what the obvious search finds', () => {
  it('searchAll returns the same trainings, next sessions and distances', () => {
    fc.assert(
      fc.property(fc.array(trainingArb, { maxLength: 40 }), queryArb, (trainings, filters) => {
        const q: SearchQuery = { ...filters, sort: 'relevance', page: 1, pageSize: 10 };
        const got = searchAll(buildIndex(trainings), q, TODAY).map(summary).sort(byId);
        const expected = oracleSearch(trainings, q, TODAY).map(summary).sort(byId);
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('the pages of search cover every match once, and total counts them', () => {
    fc.assert(
      fc.property(fc.array(trainingArb, { maxLength: 30 }), queryArb, sortArb, (trainings, filters, { sort, pageSize }) => {
        const q = { ...filters, sort, pageSize };
        const { total, hits } = allPages(trainings, q);
        const expected = oracleSearch(trainings, { ...q, page: 1 }, TODAY).map(summary).sort(byId);
        expect(total).toBe(expected.length);
        expect(hits.map(summary).sort(byId)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('radius: exactly the trainings a brute-force haversine keeps', () => {
    const point = fc.record({ lat: fc.double({ min: 41, max: 51, noNaN: true }), lon: fc.double({ min: -5, max: 9, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 80 }), point, fc.integer({ min: 1, max: 200 }), fc.boolean(), (points, centre, radiusKm, withText) => {
        const trainings = points.map((p, i) => aTraining({ title: i % 2 ? 'Développeur web' : 'Technicien', lat: p.lat, lon: p.lon }));
        // one training exactly on the centre, one on the radius as far as floats go
        trainings.push(aTraining({ title: 'Développeur web', lat: centre.lat, lon: centre.lon }));
        const q: SearchQuery = { near: { ...centre, radiusKm }, text: withText ? 'web' : undefined, sort: 'distance', page: 1, pageSize: 500 };
        const got = search(buildIndex(trainings), q, TODAY).hits.map((h) => h.training.id).sort();
        const expected = oracleSearch(trainings, q, TODAY).map((h) => h.training.id).sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('radius anywhere on the globe', () => {
  it('across the antimeridian and around the poles too', () => {
    const point = fc.record({ lat: fc.double({ min: -89.9, max: 89.9, noNaN: true }), lon: fc.double({ min: -180, max: 180, noNaN: true }) });
    const centreArb = fc.oneof(
      point,
      fc.record({ lat: fc.double({ min: -60, max: 60, noNaN: true }), lon: fc.constantFrom(179.95, -179.95) }),
      fc.record({ lat: fc.constantFrom(89.5, -89.5), lon: fc.double({ min: -180, max: 180, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(point, { minLength: 1, maxLength: 60 }), centreArb, fc.integer({ min: 1, max: 2000 }), (points, centre, radiusKm) => {
        const trainings = points.map((p) => aTraining({ lat: p.lat, lon: p.lon }));
        // close to the centre across the antimeridian, and across the pole
        trainings.push(aTraining({ lat: centre.lat, lon: 179.99 }), aTraining({ lat: centre.lat, lon: -179.99 }));
        trainings.push(aTraining({ lat: centre.lat > 0 ? 89.95 : -89.95, lon: centre.lon > 0 ? centre.lon - 180 : centre.lon + 180 }));
        const q: SearchQuery = { near: { ...centre, radiusKm }, sort: 'distance', page: 1, pageSize: 100 };
        const got = search(buildIndex(trainings), q, TODAY).hits.map((h) => h.training.id).sort();
        const expected = oracleSearch(trainings, q, TODAY).map((h) => h.training.id).sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('radius boundary', () => {
  it('keeps a training a hair inside the radius and drops one a hair outside', () => {
    fc.assert(
      fc.property(fc.double({ min: -60, max: 60, noNaN: true }), fc.double({ min: -170, max: 170, noNaN: true }), fc.integer({ min: 1, max: 200 }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (lat, lon, radiusKm, bearing) => {
        // walk from the centre along a bearing; bisect the step where the haversine crosses the radius
        const at = (f: number) => ({ lat: lat + f * Math.cos(bearing), lon: lon + f * Math.sin(bearing) });
        let [lo, hi] = [0, 10];
        for (let i = 0; i < 200; i++) {
          const mid = (lo + hi) / 2;
          const p = at(mid);
          if (distanceKm(lat, lon, p.lat, p.lon) <= radiusKm) lo = mid;
          else hi = mid;
        }
        const trainings = [at(lo), at(hi), at(lo * 0.999999), at(hi * 1.000001)].map((p) => aTraining({ lat: p.lat, lon: p.lon }));
        const q: SearchQuery = { near: { lat, lon, radiusKm }, sort: 'distance', page: 1, pageSize: 10 };
        const got = search(buildIndex(trainings), q, TODAY).hits.map((h) => h.training.id).sort();
        const expected = oracleSearch(trainings, q, TODAY).map((h) => h.training.id).sort();
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('orders', () => {
  const nextKey = (h: { nextSession: { startsOn: string } | null }) => h.nextSession?.startsOn ?? '9999-99-99';
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  const titleKey = (t: CatalogueTraining) => [normalize(t.title), t.title, t.id] as const;
  const byTitle = (a: CatalogueTraining, b: CatalogueTraining) => {
    const [x, y] = [titleKey(a), titleKey(b)];
    return cmp(x[0], y[0]) || cmp(x[1], y[1]) || cmp(x[2], y[2]);
  };

  /** The oracle's matches in the documented order, with the scores the engine reported. */
  function expectedOrder(trainings: CatalogueTraining[], q: SearchQuery, score: Map<string, number>): string[] {
    const km = (h: OracleHit) => (q.near ? distanceKm(q.near.lat, q.near.lon, h.training.lat, h.training.lon) : 0);
    const s = (h: OracleHit) => score.get(h.training.id)!;
    const sort = q.sort === 'distance' && !q.near ? 'relevance' : q.sort;
    return oracleSearch(trainings, q, TODAY)
      .sort((a, b) => {
        const title = byTitle(a.training, b.training);
        if (sort === 'relevance') return s(b) - s(a) || cmp(nextKey(a), nextKey(b)) || title;
        if (sort === 'start') return cmp(nextKey(a), nextKey(b)) || s(b) - s(a) || title;
        return km(a) - km(b) || s(b) - s(a) || cmp(nextKey(a), nextKey(b)) || title;
      })
      .map((h) => h.training.id);
  }

  it('are total and follow their keys, across pages', () => {
    fc.assert(
      fc.property(fc.array(trainingArb, { maxLength: 60 }), queryArb, sortArb, (trainings, filters, { sort, pageSize }) => {
        const q = { ...filters, sort, pageSize };
        const { hits } = allPages(trainings, q);
        const score = new Map(hits.map((h) => [h.training.id, h.score]));
        expect(hits.map((h) => h.training.id)).toEqual(expectedOrder(trainings, { ...q, page: 1 }, score));
      }),
      { numRuns: 200 },
    );
  });

  it('break ties by next session, then title, then id, even deep in the pages', () => {
    const trainings = Array.from({ length: 90 }, (_, i) =>
      aTraining({ title: i % 3 ? 'Développeur web' : 'développeur Web', sessions: [aSession({ startsOn: day(i % 7) })] }),
    );
    for (const sort of ['relevance', 'start'] as const) {
      for (const text of ['developpeur', undefined]) {
        const q = { text, sort, pageSize: 4 };
        const { hits } = allPages(trainings, q);
        const score = new Map(hits.map((h) => [h.training.id, h.score]));
        expect(hits.map((h) => h.training.id)).toEqual(expectedOrder(trainings, { ...q, page: 1 }, score));
      }
    }
  });

  it('are deterministic: same catalogue in another order, same answer', () => {
    fc.assert(
      fc.property(fc.array(trainingArb, { maxLength: 30 }), queryArb, sortArb, (trainings, filters, { sort, pageSize }) => {
        const q = { ...filters, sort, pageSize };
        const ids = (ts: CatalogueTraining[]) => allPages(ts, q).hits.map((h) => [h.training.id, h.score]);
        expect(ids([...trainings].reverse())).toEqual(ids(trainings));
      }),
      { numRuns: 100 },
    );
  });
});
