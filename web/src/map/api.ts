import { ApiError } from '../api/client.ts';

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

export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, {});
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const known = typeof body === 'object' && body !== null && 'message' in body;
    throw new ApiError(response.status, known ? (body as { error: string; message: string }) : {});
  }
  return body as T;
}
