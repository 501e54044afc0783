/**
 * Sign-in throttling, decided from the count of recent failures for a key (an account or a client
 * address): the first attempts are free, then each one waits longer, then the key is blocked.
 */
export interface ThrottlePolicy {
  /** failures allowed before any delay */
  freeFailures: number;
  /** delay of the first slowed attempt, doubled at each further failure */
  delayUnitMs: number;
  maxDelayMs: number;
  /** failures after which the key is blocked */
  blockAfter: number;
  blockMinutes: number;
  /** failures older than this are forgotten */
  windowMinutes: number;
}

export const ACCOUNT_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  delayUnitMs: 250,
  maxDelayMs: 4000,
  blockAfter: 10,
  blockMinutes: 15,
  windowMinutes: 15,
};

/** A shared address (a school, a France Travail agency) makes many more honest attempts. */
export const ADDRESS_POLICY: ThrottlePolicy = { ...ACCOUNT_POLICY, freeFailures: 20, blockAfter: 100 };

/** Sign-ups: at most 10 an hour from one client address (every attempt counts). */
export const SIGN_UP_POLICY: ThrottlePolicy = { ...ACCOUNT_POLICY, blockAfter: 10, blockMinutes: 60, windowMinutes: 60 };

/** Password reset requests: at most 5 an hour per address and per client (every request counts). */
export const RESET_POLICY: ThrottlePolicy = { ...ACCOUNT_POLICY, freeFailures: 5, blockAfter: 5, blockMinutes: 60, windowMinutes: 60 };

/** How long to wait before checking the password, after `failures` recent failures. */
export function delayBeforeAttempt(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.delayUnitMs * 2 ** (failures - policy.freeFailures), policy.maxDelayMs);
}

export function blocksAfter(policy: ThrottlePolicy, failures: number): boolean {
  return failures >= policy.blockAfter;
}
