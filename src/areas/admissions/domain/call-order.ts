/**
 * Call order of one ranking group (ADMISSIONS.md §1): the provider's ranking reordered so that, at
 * every prefix, the minimum rates of the constrained publics are met, the highest-priority one first.
 *
 * At step k (1-based), with `c_p` of the k−1 already called holding flag p, constraint p is binding
 * when `100·c_p < q_p·k`; the next called is, among those not yet called, the one whose binding flags
 * read in priority order are lexicographically greatest, ties to the best rank.
 *
 * Implementation: one queue per flag pattern (2^m ≤ 16 queues), each already in rank order; a step
 * compares the queue heads only, so a group of n candidates costs O(n · 2^m) with typed arrays and no
 * allocation per step. Flags are bitmasks: bit p = constraint p, p in priority order.
 *
 * Pure: no I/O, no clock, no randomness; same input → same output.
 */
import { invalid } from './invalid.ts';

export const MAX_CONSTRAINTS = 4;

/** A constrained public of a session: its flag name and minimum rate (integer percentage 0–100). */
export interface Constraint {
  readonly name: string;
  readonly rate: number;
}

/**
 * REVERSED[m][mask]: the m low bits of mask reversed, so that constraint 0 becomes the most
 * significant bit. Then "lexicographically greater in priority order" is "numerically greater".
 */
const REVERSED: Uint8Array[] = Array.from({ length: MAX_CONSTRAINTS + 1 }, (_, m) => {
  const table = new Uint8Array(1 << MAX_CONSTRAINTS);
  for (let mask = 0; mask < table.length; mask++) {
    let r = 0;
    for (let p = 0; p < m; p++) if (mask & (1 << p)) r |= 1 << (m - 1 - p);
    table[mask] = r;
  }
  return table;
});

/** Reusable work space of the kernel (one per thread of work; the kernel is not re-entrant on it). */
export class CallOrderScratch {
  queue = new Int32Array(1024);
  readonly head = new Int32Array(1 << MAX_CONSTRAINTS);
  readonly end = new Int32Array(1 << MAX_CONSTRAINTS);
  readonly called = new Float64Array(MAX_CONSTRAINTS);
  readonly rates = new Float64Array(MAX_CONSTRAINTS);

  ensure(n: number): void {
    if (this.queue.length < n) this.queue = new Int32Array(Math.max(n, this.queue.length * 2));
  }
}

const sharedScratch = new CallOrderScratch();

/**
 * The kernel. `masks[maskStart + i]`, i < n, are the flags of the candidate at position i of the
 * ranking (best rank first). Writes to `out[outStart + k]` the ranking position of the candidate
 * called (k+1)-th. When `binding` is given, `binding[outStart + k]` receives the constraints binding at
 * that step (bit p = constraint p). `rates` are the m minimum rates in priority order (validated by
 * the caller: integers 0–100, m ≤ 4). Flag bits ≥ m are ignored.
 */
export function callOrderKernel(
  masks: ArrayLike<number>,
  maskStart: number,
  n: number,
  rates: ArrayLike<number>,
  m: number,
  out: Int32Array,
  outStart: number,
  binding?: Uint8Array,
  scratch: CallOrderScratch = sharedScratch,
): void {
  if (m === 0 || n <= 1) {
    for (let k = 0; k < n; k++) out[outStart + k] = k;
    if (binding) binding.fill(0, outStart, outStart + n);
    return;
  }
  const patterns = 1 << m;
  const all = patterns - 1;
  const reversed = REVERSED[m]!;
  scratch.ensure(n);
  const { queue, head, end, called, rates: q } = scratch;

  // Counting sort of the ranking by flag pattern: each queue stays in rank order.
  end.fill(0);
  for (let i = 0; i < n; i++) end[reversed[masks[maskStart + i]! & all]!]!++;
  let acc = 0;
  for (let s = 0; s < patterns; s++) {
    const count = end[s]!;
    head[s] = acc;
    end[s] = acc;
    acc += count;
  }
  for (let i = 0; i < n; i++) queue[end[reversed[masks[maskStart + i]! & all]!]!++] = i;

  for (let p = 0; p < m; p++) {
    called[p] = 0;
    q[p] = rates[p]!;
  }
  const top = m - 1;
  for (let k = 1; k <= n; k++) {
    // binding constraints, as a key mask (constraint p at bit m-1-p)
    let b = 0;
    for (let p = 0; p < m; p++) if (100 * called[p]! < q[p]! * k) b |= 1 << (top - p);
    let bestPattern = -1;
    let bestKey = -1;
    let bestPos = n;
    for (let s = 0; s < patterns; s++) {
      const h = head[s]!;
      if (h === end[s]!) continue;
      const key = s & b;
      const pos = queue[h]!;
      if (key > bestKey || (key === bestKey && pos < bestPos)) {
        bestKey = key;
        bestPos = pos;
        bestPattern = s;
      }
    }
    head[bestPattern]!++;
    out[outStart + k - 1] = bestPos;
    for (let p = 0; p < m; p++) if (bestPattern & (1 << (top - p))) called[p]!++;
    if (binding) binding[outStart + k - 1] = reversed[b]!; // reversing m bits twice gives constraint bits back
  }
}

/** Throws an InputError unless there are at most 4 constraints, with distinct names and integer rates 0–100. */
export function validateConstraints(constraints: readonly Constraint[]): void {
  if (constraints.length > MAX_CONSTRAINTS) {
    throw invalid('constraints', `au plus ${MAX_CONSTRAINTS} contraintes par session (reçu ${constraints.length})`);
  }
  const seen = new Set<string>();
  for (const c of constraints) {
    if (c.name === '') throw invalid('constraints', 'nom de contrainte vide');
    if (seen.has(c.name)) throw invalid('constraints', `contrainte « ${c.name} » en double`);
    seen.add(c.name);
    if (!Number.isInteger(c.rate) || c.rate < 0 || c.rate > 100) {
      throw invalid('constraints', `taux de « ${c.name} » : entier de 0 à 100 attendu (reçu ${c.rate})`);
    }
  }
}

/** Call order from flag masks given in rank order: returns the ranking positions in call order. */
export function callOrderOfMasks(masks: ArrayLike<number>, rates: readonly number[]): Int32Array {
  validateConstraints(rates.map((rate, p) => ({ name: `#${p + 1}`, rate })));
  const out = new Int32Array(masks.length);
  callOrderKernel(masks, 0, masks.length, rates, rates.length, out, 0, undefined, new CallOrderScratch());
  return out;
}

/** The flag mask of a candidate for a session: bit p when they hold constraint p; other flags are ignored. */
export function flagMask(flags: Iterable<string>, constraints: readonly Constraint[]): number {
  let mask = 0;
  for (const flag of flags) {
    const p = constraints.findIndex((c) => c.name === flag);
    if (p >= 0) mask |= 1 << p;
  }
  return mask;
}

export interface RankedCandidate<Id> {
  readonly id: Id;
  /** Pedagogical rank, an integer ≥ 1, unique in the session (gaps allowed). */
  readonly rank: number;
  /** Flags held at the snapshot; those the session does not constrain are ignored. */
  readonly flags: Iterable<string>;
}

export interface CalledCandidate<Id> {
  readonly id: Id;
  readonly rank: number;
  /** 1-based position in the call order. */
  readonly callRank: number;
  /** The constrained flags held (bit p = constraint p), kept with the order for audit. */
  readonly mask: number;
}

/** Sorts a ranking by rank, rejecting ranks that are not integers ≥ 1 or appear twice. */
export function sortRanking<T extends { readonly rank: number }>(ranking: readonly T[]): T[] {
  for (const r of ranking) {
    if (!Number.isInteger(r.rank) || r.rank < 1) throw invalid('ranking', `rang invalide : ${r.rank} (entier ≥ 1 attendu)`);
  }
  const sorted = [...ranking].sort((a, b) => a.rank - b.rank);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.rank === sorted[i - 1]!.rank) throw invalid('ranking', `rang ${sorted[i]!.rank} donné deux fois`);
  }
  return sorted;
}

/**
 * The call order of a session from plain values (for the product code): candidates in call order with
 * their call ranks 1..n.
 */
export function callOrder<Id>(ranking: readonly RankedCandidate<Id>[], constraints: readonly Constraint[]): CalledCandidate<Id>[] {
  validateConstraints(constraints);
  const sorted = sortRanking(ranking);
  const masks = Uint8Array.from(sorted, (c) => flagMask(c.flags, constraints));
  const order = new Int32Array(sorted.length);
  callOrderKernel(masks, 0, sorted.length, constraints.map((c) => c.rate), constraints.length, order, 0, undefined, new CallOrderScratch());
  return Array.from(order, (pos, k) => ({ id: sorted[pos]!.id, rank: sorted[pos]!.rank, callRank: k + 1, mask: masks[pos]! }));
}
