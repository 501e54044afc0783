import { api } from '../api/client.ts';
import { useApi } from '../api/useApi.ts';
import { fetchMapData } from './api.ts';
import { loadFranceShapes } from './geoData.ts';

/** Points and per-département figures of the map, for the filters of the URL. */
export function useMapData(query: string) {
  return useApi(`map?${query}`, (signal) => fetchMapData(query, signal));
}

/** Shapes of the France map (fetched once per page load). */
export function useFranceShapes() {
  return useApi('france-shapes', () => loadFranceShapes());
}

export const LIST_PAGE_SIZE = 50;

/** One page of the trainings of the map, with commune and next session, for the text alternative. */
export function useTrainingsPage(query: string, page: number) {
  const params = new URLSearchParams(query);
  params.set('page', String(page));
  params.set('pageSize', String(LIST_PAGE_SIZE));
  const listQuery = params.toString();
  return useApi(`list?${listQuery}`, (signal) => api.searchTrainings(listQuery, signal));
}
