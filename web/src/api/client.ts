import type {
  ApiErrorBody,
  CommuneSuggestion,
  OpenDataIndex,
  Referentials,
  SearchResponse,
  TrainingDetail,
} from './types.ts';

/** A non-2xx answer of the API (or no answer at all: status 0). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;

  constructor(status: number, body: Partial<ApiErrorBody>) {
    super(body.message ?? defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? 'erreur';
    this.fields = body.fields ?? {};
  }
}

function defaultMessage(status: number): string {
  if (status === 0) return 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.';
  if (status === 404) return 'Cette ressource est introuvable.';
  if (status === 503) return 'Le service est momentanément indisponible. Réessayez dans quelques minutes.';
  return 'Une erreur inattendue est survenue. Réessayez dans quelques instants.';
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
    throw new ApiError(response.status, isErrorBody(body) ? body : {});
  }
  return body as T;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && 'message' in body;
}

export const api = {
  /** `query` is a query string with the parameter names of the API (see search/searchQuery.ts). */
  searchTrainings: (query: string, signal?: AbortSignal) =>
    getJson<SearchResponse>(`/api/trainings${query ? `?${query}` : ''}`, signal),
  training: (id: string, signal?: AbortSignal) =>
    getJson<TrainingDetail>(`/api/trainings/${encodeURIComponent(id)}`, signal),
  referentials: (signal?: AbortSignal) => getJson<Referentials>('/api/referentials', signal),
  communes: (q: string, limit = 10, signal?: AbortSignal) =>
    getJson<CommuneSuggestion[]>(`/api/communes?${new URLSearchParams({ q, limit: String(limit) })}`, signal),
  openData: (signal?: AbortSignal) => getJson<OpenDataIndex>('/api/open-data', signal),
};
