import { hash, verify, type Algorithm } from '@node-rs/argon2';

// the package's Algorithm is a const enum; 2 is Argon2id
const ARGON2ID = 2 as Algorithm;

export interface Argon2Cost {
  memoryCost: number;
  timeCost: number;
}

/** argon2id with the configured cost (OWASP minimum: 19 MiB, 2 passes, 1 lane). */
export function hashPassword(password: string, cost: Argon2Cost): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 });
}

let dummy: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown e-mail, identity-provider-only
 * account) a dummy hash is checked anyway, so that the answer takes the same time.
 */
export async function checkPassword(stored: string | null | undefined, password: string, cost: Argon2Cost): Promise<boolean> {
  if (!stored) {
    dummy ??= hashPassword('fabriques-dummy-password', cost);
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
