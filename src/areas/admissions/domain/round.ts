/**
 * One offer round of one session (ADMISSIONS.md §2): a pure function of (wishes with statuses, the
 * session's offer target and block call rank) → new statuses.
 *
 * `free = max(0, offerTarget − wishes holding an accepted or pending offer)`; the waiting wishes are
 * walked in call order and one gets an offer when `free > 0` or when its call rank ≤ blockCallRank,
 * each offer doing `free −= 1`. Other statuses are left as they are.
 */
import { invalid } from './invalid.ts';
import { ACCEPTED, OFFERED, WAITING, statusCode, statusName, type Status } from './status.ts';

export interface RoundSession {
  /** Seats plus the optional overbooking margin, an integer ≥ 0. */
  readonly offerTarget: number;
  /** Every waiting wish with call rank ≤ this is offered at once; 0 = none. */
  readonly blockCallRank: number;
}

export interface RoundCounts {
  /** Wishes holding an accepted or pending offer before the round. */
  holders: number;
  /** free before the round. */
  free: number;
  /** Offers made by the round. */
  offers: number;
}

/**
 * The kernel. Wishes start..end−1 of `status`/`callRank` are one session's, sorted by ascending call
 * rank. New statuses go to `out` (which may be `status` itself); only waiting wishes that get an
 * offer change.
 */
export function offerRoundKernel(
  status: Uint8Array,
  callRank: Int32Array,
  start: number,
  end: number,
  offerTarget: number,
  blockCallRank: number,
  out: Uint8Array,
): RoundCounts {
  let holders = 0;
  for (let j = start; j < end; j++) {
    const s = status[j]!;
    if (s === OFFERED || s === ACCEPTED) holders++;
  }
  const freeBefore = Math.max(0, offerTarget - holders);
  let free = freeBefore;
  let offers = 0;
  for (let j = start; j < end; j++) {
    if (status[j] !== WAITING) continue;
    if (free > 0 || callRank[j]! <= blockCallRank) {
      out[j] = OFFERED;
      free--;
      offers++;
    } else {
      break; // call ranks ascend: every later wish is beyond the block call too, and nothing is free
    }
  }
  return { holders, free: freeBefore, offers };
}

export interface RoundWish {
  /** 1-based call rank in the session, unique. */
  readonly callRank: number;
  readonly status: Status;
}

/** Checks a session's parameters (integers ≥ 0). */
export function validateSession(session: RoundSession): void {
  if (!Number.isInteger(session.offerTarget) || session.offerTarget < 0) {
    throw invalid('offerTarget', `entier ≥ 0 attendu (reçu ${session.offerTarget})`);
  }
  if (!Number.isInteger(session.blockCallRank) || session.blockCallRank < 0) {
    throw invalid('blockCallRank', `entier ≥ 0 attendu (reçu ${session.blockCallRank})`);
  }
}

/**
 * One round for one session from plain values (for the product code): the new status of each wish,
 * in the order of `wishes`. Call ranks must be integers ≥ 1, unique in the session.
 */
export function offerRound(session: RoundSession, wishes: readonly RoundWish[]): { statuses: Status[]; counts: RoundCounts } {
  validateSession(session);
  const n = wishes.length;
  for (const w of wishes) {
    if (!Number.isInteger(w.callRank) || w.callRank < 1 || w.callRank > 0x7fffffff) {
      throw invalid('callRank', `rang d'appel invalide : ${w.callRank} (entier ≥ 1 attendu)`);
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => wishes[a]!.callRank - wishes[b]!.callRank);
  const callRank = Int32Array.from(order, (i) => wishes[i]!.callRank);
  const status = Uint8Array.from(order, (i) => statusCode(wishes[i]!.status));
  for (let j = 1; j < n; j++) {
    if (callRank[j] === callRank[j - 1]) throw invalid('callRank', `rang d'appel ${callRank[j]} donné deux fois`);
  }
  const sorted = status.slice();
  const counts = offerRoundKernel(status, callRank, 0, n, session.offerTarget, session.blockCallRank, sorted);
  const out = new Uint8Array(n);
  order.forEach((i, j) => (out[i] = sorted[j]!));
  return { statuses: Array.from(out, statusName), counts };
}
