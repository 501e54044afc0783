import { csrfToken, refreshSession, setSessionAccount } from '../session/store.ts';
import { ApiError, errorOf } from './client.ts';

export type Method = 'POST' | 'PUT' | 'DELETE';

/**
 * A state-changing call to the API: JSON body, and the session's anti-CSRF token in `x-csrf-token`
 * (the server refuses a POST/PUT/DELETE of a signed-in person without it). Resolves with the JSON
 * answer (undefined for 204); rejects with an ApiError carrying the French messages of the server.
 */
export async function apiSend<T = unknown>(method: Method, url: string, body?: unknown): Promise<T> {
  return send<T>(method, url, body, false);
}

async function send<T>(method: Method, url: string, body: unknown, retried: boolean): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, {});
  }
  const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  const error = errorOf(response, payload);
  // the session ended (expired, closed from another device): the page shows the sign-in invitation
  if (error.status === 401 && token) setSessionAccount(null);
  // the session changed in another tab (new token): ask for the current one, then try once more
  if (error.status === 403 && !retried && /CSRF/.test(error.message)) {
    await refreshSession();
    return send<T>(method, url, body, true);
  }
  throw error;
}
