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
  /** seconds to wait before trying again (429, 503), from the Retry-After header */
  readonly retryAfterSeconds: number | null;

  constructor(status: number, body: Partial<ApiErrorBody>, retryAfterSeconds: number | null = null) {
    super(body.message ?? defaultMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = body.error ?? 'erreur';
    this.fields = body.fields ?? {};
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function defaultMessage(status: number): string {
  if (status === 0) return 'Le service ne répond pas. Vérifiez votre connexion puis réessayez.';
  if (status === 401) return 'Votre session a pris fin : connectez-vous de nouveau.';
  if (status === 403) return 'Votre rôle ne permet pas cette action.';
  if (status === 404) return 'Cette ressource est introuvable.';
  if (status === 429) return 'Trop de tentatives : patientez avant de réessayer.';
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
    throw errorOf(response, body);
  }
  return body as T;
}

/** The ApiError of a non-2xx answer, with its French message and field messages. */
export function errorOf(response: Response, body: unknown): ApiError {
  const retryAfter = Number(response.headers.get('retry-after'));
  return new ApiError(response.status, isErrorBody(body) ? body : {}, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null);
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
