import { describe, expect, it } from 'vitest';
import { EMPTY_FILTERS, countActiveFilters, parseSearch, serializeMapQuery, serializeSearch } from './searchQuery.ts';

describe('search query in the URL', () => {
  it('is empty for an empty search', () => {
    expect(serializeSearch(EMPTY_FILTERS)).toBe('');
  });

  it('round-trips every filter with the API parameter names', () => {
    const query =
      'q=d%C3%A9veloppeur+web&job=M1805&region=84&departement=69&commune=69123&radius=50&startFrom=2026-01-01&startTo=2026-06-30&durationMin=3&durationMax=12&modality=presentiel%2Chybride&free=true&level=4%2C5&placesLeft=true&sort=distance&page=3&pageSize=10';
    const filters = parseSearch(new URLSearchParams(query));
    expect(filters).toMatchObject({
      q: 'développeur web',
      commune: '69123',
      radius: '50',
      modality: ['presentiel', 'hybride'],
      level: ['4', '5'],
      free: 'true',
      placesLeft: true,
      sort: 'distance',
      page: 3,
    });
    expect(serializeSearch(filters)).toBe(query);
  });

  it('drops the radius without a commune, the default sort and page 1', () => {
    const filters = { ...EMPTY_FILTERS, q: 'data', radius: '30', sort: 'relevance' as const, page: 1 };
    expect(serializeSearch(filters)).toBe('q=data');
  });

  it('writes lists in a stable order whatever the order of the clicks', () => {
    const filters = { ...EMPTY_FILTERS, modality: ['hybride', 'presentiel'], level: ['6', '4'] };
    expect(serializeSearch(filters)).toBe('modality=presentiel%2Chybride&level=4%2C6');
  });

  it('keeps unexpected values so that the server can explain them', () => {
    const filters = parseSearch(new URLSearchParams('durationMin=deux&startFrom=demain'));
    expect(serializeSearch(filters)).toBe('startFrom=demain&durationMin=deux');
  });

  it('gives the map the filters without sort and paging', () => {
    const filters = parseSearch(new URLSearchParams('q=cyber&commune=75056&sort=distance&page=2'));
    expect(serializeMapQuery(filters)).toBe('q=cyber&commune=75056');
  });

  it('counts the filters beside the text and the place', () => {
    const filters = parseSearch(new URLSearchParams('q=x&commune=75056&modality=hybride&free=true&placesLeft=true'));
    expect(countActiveFilters(filters)).toBe(3);
  });
});
