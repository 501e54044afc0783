import { describe, expect, it } from 'vitest';
import type { CatalogueTraining, SearchQuery } from '../types.ts';
import { aSession, aTraining } from './fixtures.ts';
import { buildIndex, search, searchAll } from './index.ts';

const TODAY = '2025-06-15';
const run = (trainings: CatalogueTraining[], q: Partial<SearchQuery>, today = TODAY) =>
  search(buildIndex(trainings), { sort: 'relevance', page: 1, pageSize: 50, ...q }, today);
const titles = (trainings: CatalogueTraining[], q: Partial<SearchQuery>) => run(trainings, q).hits.map((h) => h.training.title).sort();

const lyon = { code: '69123', name: 'Lyon', departement: '69', region: '84' };
const paris = { code: '75056', name: 'Paris', departement: '75', region: '11' };
const marseille = { code: '13055', name: 'Marseille', departement: '13', region: '93' };

describe('attribute filters', () => {
  const a = aTraining({ title: 'A', commune: lyon, romeCodes: ['M1805'], durationMonths: 6, modality: 'presentiel', isFree: true, certification: { level: 5 } });
  const b = aTraining({ title: 'B', commune: paris, lat: 48.8589, lon: 2.3469, romeCodes: ['M1801', 'M1802'], durationMonths: 12, modality: 'distanciel', isFree: false, priceCents: 300_000, certification: { level: 6 } });
  const c = aTraining({ title: 'C', commune: marseille, lat: 43.2965, lon: 5.3698, romeCodes: ['I1401'], durationMonths: 3, modality: 'hybride', isFree: true, certification: { level: 3 } });
  const all = [a, b, c];

  it('ROME codes: any of them', () => {
    expect(titles(all, { romeCodes: ['M1802'] })).toEqual(['B']);
    expect(titles(all, { romeCodes: ['M1805', 'I1401'] })).toEqual(['A', 'C']);
  });
  it('ROME codes that no training has, or none at all (a job name that resolved to nothing), find nothing', () => {
    expect(titles(all, { romeCodes: ['E1205'] })).toEqual([]);
    expect(titles(all, { romeCodes: [] })).toEqual([]);
  });
  it('region and département', () => {
    expect(titles(all, { region: '84' })).toEqual(['A']);
    expect(titles(all, { departement: '13' })).toEqual(['C']);
    expect(titles(all, { departement: '13', region: '84' })).toEqual([]);
    expect(titles(all, { departement: '2A' })).toEqual([]);
  });
  it('duration in months, bounds included', () => {
    expect(titles(all, { durationMin: 6 })).toEqual(['A', 'B']);
    expect(titles(all, { durationMax: 6 })).toEqual(['A', 'C']);
    expect(titles(all, { durationMin: 4, durationMax: 11 })).toEqual(['A']);
    expect(titles(all, { durationMin: 13 })).toEqual([]);
    expect(titles(all, { durationMax: 2 })).toEqual([]);
  });
  it('modality: any of them; an empty list filters nothing', () => {
    expect(titles(all, { modality: ['distanciel', 'hybride'] })).toEqual(['B', 'C']);
    expect(titles(all, { modality: [] })).toEqual(['A', 'B', 'C']);
  });
  it('free or not', () => {
    expect(titles(all, { isFree: true })).toEqual(['A', 'C']);
    expect(titles(all, { isFree: false })).toEqual(['B']);
  });
  it('certification levels: any of them', () => {
    expect(titles(all, { levels: [3, 4] })).toEqual(['C']);
    expect(titles(all, { levels: [5, 6] })).toEqual(['A', 'B']);
    expect(titles(all, { levels: [8] })).toEqual([]);
  });
  it('combines filters with AND', () => {
    expect(titles(all, { isFree: true, levels: [5, 3], modality: ['hybride'] })).toEqual(['C']);
    expect(titles(all, { text: 'lyon', isFree: false })).toEqual([]);
    expect(titles(all, { text: 'lyon', isFree: true })).toEqual(['A']);
  });
});

describe('sessions and dates', () => {
  const past = aSession({ startsOn: '2025-01-10', seatsLeft: 5 });
  const today = aSession({ startsOn: TODAY, seatsLeft: 0 });
  const autumn = aSession({ startsOn: '2025-10-01', seatsLeft: 3 });
  const spring = aSession({ startsOn: '2026-03-01', seatsLeft: 12 });
  const t = aTraining({ title: 'T', sessions: [past, today, autumn, spring] });
  const none = aTraining({ title: 'Sans session' });
  const onlyPast = aTraining({ title: 'Passée', sessions: [aSession({ startsOn: '2024-09-01' })] });
  const all = [t, none, onlyPast];
  const nextOf = (q: Partial<SearchQuery>) => run(all, q).hits.find((h) => h.training.title === 'T')?.nextSession?.startsOn;

  it('next session = first one starting today or later; null when none', () => {
    expect(nextOf({})).toBe(TODAY);
    const hits = run(all, {}).hits;
    expect(hits.find((h) => h.training.title === 'Sans session')!.nextSession).toBeNull();
    expect(hits.find((h) => h.training.title === 'Passée')!.nextSession).toBeNull();
  });
  it('without any date or seat filter, trainings without upcoming session still match', () => {
    expect(run(all, {}).total).toBe(3);
  });
  it('date window: a session must start in it (bounds included); past sessions never count', () => {
    expect(titles(all, { startFrom: '2025-09-01' })).toEqual(['T']);
    expect(nextOf({ startFrom: '2025-09-01' })).toBe('2025-10-01');
    expect(nextOf({ startFrom: '2025-10-01', startTo: '2025-10-01' })).toBe('2025-10-01');
    expect(titles(all, { startFrom: '2025-10-02', startTo: '2026-02-28' })).toEqual([]);
    expect(titles(all, { startFrom: '2024-01-01', startTo: '2025-06-14' })).toEqual([]);
    expect(nextOf({ startTo: '2025-12-31' })).toBe(TODAY);
    expect(titles(all, { startFrom: '2026-01-01', startTo: '2025-12-31' })).toEqual([]);
  });
  it('places left: an upcoming session (in the window if any) with a free seat', () => {
    expect(titles(all, { placesLeft: true })).toEqual(['T']);
    expect(nextOf({ placesLeft: true })).toBe('2025-10-01');
    expect(nextOf({ placesLeft: true, startFrom: '2025-11-01' })).toBe('2026-03-01');
    const full = aTraining({ title: 'Complète', sessions: [aSession({ startsOn: '2025-09-01', seatsLeft: 0 })] });
    expect(titles([full], { placesLeft: true })).toEqual([]);
    expect(titles([full], { placesLeft: true, startFrom: '2025-07-01' })).toEqual([]);
  });
  it('the day moves: yesterday’s upcoming session is past today', () => {
    const idx = buildIndex(all);
    const q: SearchQuery = { sort: 'relevance', page: 1, pageSize: 10, startFrom: '2025-01-01' };
    expect(search(idx, q, '2025-10-01').hits.map((h) => h.nextSession?.startsOn)).toEqual(['2025-10-01']);
    expect(search(idx, q, '2025-10-02').hits.map((h) => h.nextSession?.startsOn)).toEqual(['2026-03-01']);
    expect(search(idx, q, '2026-03-02').total).toBe(0);
  });
  it('searchAll reports the same next sessions', () => {
    const q: SearchQuery = { sort: 'relevance', page: 1, pageSize: 10, placesLeft: true };
    expect(searchAll(buildIndex(all), q, TODAY).map((h) => h.nextSession?.startsOn)).toEqual(['2025-10-01']);
  });
});

describe('around a commune', () => {
  const lyonT = aTraining({ title: 'Lyon', lat: 45.758, lon: 4.835 });
  const villeurbanne = aTraining({ title: 'Villeurbanne', lat: 45.7719, lon: 4.8902 }); // ~4.6 km
  const grenoble = aTraining({ title: 'Grenoble', lat: 45.1885, lon: 5.7245 }); // ~94 km
  const all = [lyonT, villeurbanne, grenoble];
  const near = (radiusKm: number) => ({ lat: 45.758, lon: 4.835, radiusKm });

  it('keeps the trainings within the radius, with their distance in whole km', () => {
    const r = run(all, { near: near(30), sort: 'distance' });
    expect(r.hits.map((h) => [h.training.title, h.distanceKm])).toEqual([
      ['Lyon', 0],
      ['Villeurbanne', 4],
    ]);
    expect(run(all, { near: near(100) }).total).toBe(3);
    expect(run(all, { near: near(4) }).total).toBe(1);
  });
  it('has no distance without a commune', () => {
    expect(run(all, {}).hits.every((h) => h.distanceKm === null)).toBe(true);
  });
});
