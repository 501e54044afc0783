import { describe, expect, it } from 'vitest';
import type { SearchQuery } from '../types.ts';
import { aSession, aTraining } from './fixtures.ts';
import { buildIndex, search } from './index.ts';

const TODAY = '2025-06-15';
const trainings = Array.from({ length: 23 }, (_, i) => aTraining({ title: `Développeur ${String(i).padStart(2, '0')}`, sessions: [aSession({ startsOn: '2025-09-01' })] }));
const q = (page: number, pageSize: number, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text: 'developpeur', sort: 'relevance', page, pageSize, ...extra });

describe('pages', () => {
  const index = buildIndex(trainings);
  it('cut the ordered matches; total counts them all', () => {
    const r = search(index, q(3, 10), TODAY);
    expect(r).toMatchObject({ total: 23, page: 3, pageSize: 10 });
    expect(r.hits.map((h) => h.training.title)).toEqual(['Développeur 20', 'Développeur 21', 'Développeur 22']);
  });
  it('past the end are empty, with the total', () => {
    expect(search(index, q(4, 10), TODAY)).toEqual({ total: 23, page: 4, pageSize: 10, hits: [] });
    expect(search(index, q(2, 10, { text: undefined }), TODAY).hits).toHaveLength(10);
    expect(search(index, q(9, 10, { text: undefined, startFrom: '2025-01-01' }), TODAY).hits).toEqual([]);
  });
});

describe('result cache', () => {
  it('answers the same query on the same day with the same frozen result', () => {
    const index = buildIndex(trainings);
    const first = search(index, q(1, 5), TODAY);
    expect(search(index, q(1, 5), TODAY)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.hits) && Object.isFrozen(first.hits[0])).toBe(true);
    expect(search(index, q(1, 5), '2025-06-16')).not.toBe(first);
  });
  it('gives what a search without cache gives', () => {
    const cached = buildIndex(trainings);
    const uncached = buildIndex(trainings, { resultCache: 0 });
    for (const query of [q(1, 5), q(2, 5), q(1, 5, { sort: 'start' }), q(1, 5, { text: 'dev' })]) {
      search(cached, query, TODAY);
      expect(search(cached, query, TODAY)).toEqual(search(uncached, query, TODAY));
    }
  });
  it('forgets the least recently used pages beyond its capacity', () => {
    const index = buildIndex(trainings, { resultCache: 2 });
    const a = search(index, q(1, 5), TODAY);
    search(index, q(2, 5), TODAY);
    search(index, q(1, 5), TODAY); // a is now the most recent
    search(index, q(3, 5), TODAY); // evicts page 2
    expect(search(index, q(1, 5), TODAY)).toBe(a);
    expect(index.caches.results.entries.size).toBe(2);
  });
});
