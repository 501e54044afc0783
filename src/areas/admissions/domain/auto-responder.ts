/**
 * The optional automatic responder (ADMISSIONS.md §2), for a candidate who ordered all their wishes
 * (preference 1 = best, 0 = not ordered): accepts the offer with the best preference, declines the
 * pending offers of worse preference (an earlier acceptance of worse preference is released, i.e.
 * declined) and withdraws the waiting wishes of worse preference; better-preference waiting wishes stay.
 *
 * "Ordered all their wishes" is read on the live wishes (waiting, offered, accepted): the declined and
 * withdrawn ones are over and their preference does not matter. Preferences of a candidate are unique.
 */
import { invalid } from './invalid.ts';
import { ACCEPTED, DECLINED, OFFERED, WAITING, WITHDRAWN, statusCode, statusName, type Status } from './status.ts';

/**
 * The kernel. `wishes[start..end)` are the wish indices of one candidate; `status` and `preference`
 * are indexed by wish index. New statuses go to `out` (which may be `status` itself). Returns the
 * number of wishes whose status changed (0 when the responder does not apply).
 */
export function autoRespondKernel(
  wishes: Int32Array,
  start: number,
  end: number,
  status: Uint8Array,
  preference: Int32Array,
  out: Uint8Array,
): number {
  let best = -1;
  let bestPreference = 0;
  for (let j = start; j < end; j++) {
    const w = wishes[j]!;
    const s = status[w]!;
    if (s !== WAITING && s !== OFFERED && s !== ACCEPTED) continue;
    const p = preference[w]!;
    if (p <= 0) return 0; // a live wish not ordered: the responder is off for this candidate
    if ((s === OFFERED || s === ACCEPTED) && (best < 0 || p < bestPreference)) {
      best = w;
      bestPreference = p;
    }
  }
  if (best < 0) return 0;
  let changes = 0;
  for (let j = start; j < end; j++) {
    const w = wishes[j]!;
    const s = status[w]!;
    let next = s;
    if (w === best) next = ACCEPTED;
    else if (s === OFFERED || s === ACCEPTED) next = DECLINED;
    else if (s === WAITING && preference[w]! > bestPreference) next = WITHDRAWN;
    if (next !== s) changes++;
    out[w] = next;
  }
  return changes;
}

export interface PreferredWish {
  readonly status: Status;
  /** The candidate's own order of the wish, 1 = best, 0 = not ordered. */
  readonly preference: number;
}

/** Throws unless every preference is an integer ≥ 0 and the non-zero ones are distinct. */
export function validatePreferences(wishes: readonly PreferredWish[]): void {
  const seen = new Set<number>();
  for (const w of wishes) {
    if (!Number.isInteger(w.preference) || w.preference < 0) {
      throw invalid('preference', `préférence invalide : ${w.preference} (entier ≥ 0 attendu)`);
    }
    if (w.preference === 0) continue;
    if (seen.has(w.preference)) throw invalid('preference', `préférence ${w.preference} donnée deux fois`);
    seen.add(w.preference);
  }
}

/** The responder for one candidate's wishes, from plain values: their new statuses, in the same order. */
export function autoRespond(wishes: readonly PreferredWish[]): Status[] {
  validatePreferences(wishes);
  const n = wishes.length;
  const status = Uint8Array.from(wishes, (w) => statusCode(w.status));
  const preference = Int32Array.from(wishes, (w) => w.preference);
  const out = status.slice();
  autoRespondKernel(Int32Array.from({ length: n }, (_, i) => i), 0, n, status, preference, out);
  return Array.from(out, statusName);
}
