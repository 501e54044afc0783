import { getJson } from '../api/client.ts';

/** GET /api/trainings/map (docs/api-contract.md). */
export type MapPoint = [id: string, lat: number, lon: number, title: string, seatsLeft: number];

export interface DepartementStat {
  code: string;
  name: string;
  seats: number;
  population: number;
  seatsPer10k: number;
}

export interface MapData {
  total: number;
  points: MapPoint[];
  departements: DepartementStat[];
}

/** `query`: the filter part of the query string (see filters.ts). */
export async function fetchMapData(query: string, signal?: AbortSignal): Promise<MapData> {
  return getJson<MapData>(`/api/trainings/map${query ? `?${query}` : ''}`, signal);
}
