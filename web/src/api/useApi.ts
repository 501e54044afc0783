import { useEffect, useState } from 'react';
import { ApiError } from './client.ts';

export type ApiState<T> =
  | { status: 'loading'; data?: T; error?: undefined }
  | { status: 'success'; data: T; error?: undefined }
  | { status: 'error'; data?: T; error: ApiError };

/**
 * Runs `load` whenever `key` changes, aborting the previous request. While a new request runs,
 * the previous data stays available (so a list does not blink away between two searches).
 */
export function useApi<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'success', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          status: 'error',
          data: previous.data,
          error: error instanceof ApiError ? error : new ApiError(0, {}),
        }));
      },
    );
    return () => controller.abort();
    // `load` depends on `key` only: the key decides when to load again
  }, [key]);

  return state;
}
