import { api } from './client.ts';
import type { Referentials } from './types.ts';

// Referentials change with a deployment, not during a visit: load them once per page load.
let cached: Promise<Referentials> | undefined;

export function loadReferentials(): Promise<Referentials> {
  cached ??= api.referentials().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
