/**
 * Explanations (ADMISSIONS.md §3): why a candidate's call rank differs from their pedagogical rank,
 * and where a waiting wish stands. Recomputed on demand from the audited snapshot (ranking, flags,
 * rates): O(n · m · log n) for a whole session.
 */
import { callOrderKernel, CallOrderScratch, flagMask, sortRanking, validateConstraints, type Constraint, type RankedCandidate } from './call-order.ts';
import { ACCEPTED, DECLINED, OFFERED, WAITING, statusCode, type Status } from './status.ts';

export interface CallExplanation<Id> {
  readonly id: Id;
  /** Pedagogical rank as given by the provider. */
  readonly rank: number;
  /** 1-based position in the ranking (equals `rank` when the ranks have no gaps). */
  readonly rankPosition: number;
  readonly callRank: number;
  /** rankPosition − callRank: > 0 called earlier than the ranking alone would, < 0 later. */
  readonly moved: number;
  /** Constraints binding at the step this candidate was called (minimum rate not yet met). */
  readonly bindingAtCall: readonly string[];
  /** Those of them the candidate holds: what made them pass better-ranked candidates, if any. */
  readonly heldBinding: readonly string[];
  /** Better-ranked candidates called after this one. */
  readonly overtook: number;
  /** Worse-ranked candidates called before this one… */
  readonly overtakenBy: number;
  /** …and, per constraint, how many of them hold it. */
  readonly overtakenByFlag: Readonly<Record<string, number>>;
}

class Fenwick {
  private readonly tree: Int32Array;
  constructor(n: number) {
    this.tree = new Int32Array(n + 1);
  }
  add(i: number): void {
    for (i++; i < this.tree.length; i += i & -i) this.tree[i]!++;
  }
  /** Sum over positions < i. */
  before(i: number): number {
    let s = 0;
    for (; i > 0; i -= i & -i) s += this.tree[i]!;
    return s;
  }
}

/** Explains the whole call order of a session; the result is in call order. */
export function explainCallOrder<Id>(ranking: readonly RankedCandidate<Id>[], constraints: readonly Constraint[]): CallExplanation<Id>[] {
  validateConstraints(constraints);
  const sorted = sortRanking(ranking);
  const n = sorted.length;
  const m = constraints.length;
  const masks = Uint8Array.from(sorted, (c) => flagMask(c.flags, constraints));
  const order = new Int32Array(n);
  const binding = new Uint8Array(n);
  callOrderKernel(masks, 0, n, constraints.map((c) => c.rate), m, order, 0, binding, new CallOrderScratch());

  const names = (bits: number) => constraints.filter((_, p) => bits & (1 << p)).map((c) => c.name);
  const all = new Fenwick(n);
  const byFlag = constraints.map(() => new Fenwick(n));
  const calledWithFlag = new Int32Array(m);
  const result: CallExplanation<Id>[] = [];
  for (let k = 0; k < n; k++) {
    const pos = order[k]!;
    const betterCalledBefore = all.before(pos);
    const overtakenByFlag: Record<string, number> = {};
    for (let p = 0; p < m; p++) overtakenByFlag[constraints[p]!.name] = calledWithFlag[p]! - byFlag[p]!.before(pos);
    const c = sorted[pos]!;
    result.push({
      id: c.id,
      rank: c.rank,
      rankPosition: pos + 1,
      callRank: k + 1,
      moved: pos - k,
      bindingAtCall: names(binding[k]!),
      heldBinding: names(binding[k]! & masks[pos]!),
      overtook: pos - betterCalledBefore,
      overtakenBy: k - betterCalledBefore,
      overtakenByFlag,
    });
    all.add(pos);
    for (let p = 0; p < m; p++) {
      if (masks[pos]! & (1 << p)) {
        byFlag[p]!.add(pos);
        calledWithFlag[p]!++;
      }
    }
  }
  return result;
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const list = (names: readonly string[]) => names.map((x) => `« ${x} »`).join(' et ');

/** A constraint that moved a candidate: earlier (they hold it, its rate was not met) or later (others holding it passed them). */
export interface CallMove {
  readonly name: string;
  readonly effect: 'earlier' | 'later';
  /** earlier: better-ranked candidates passed; later: worse-ranked candidates holding it who passed */
  readonly candidates: number;
}

/** Which constraints moved a candidate's call rank away from their place in the ranking, and how. */
export function callMoves(e: CallExplanation<unknown>): CallMove[] {
  const moves: CallMove[] = [];
  if (e.overtook > 0) for (const name of e.heldBinding) moves.push({ name, effect: 'earlier', candidates: e.overtook });
  for (const [name, count] of Object.entries(e.overtakenByFlag)) if (count > 0) moves.push({ name, effect: 'later', candidates: count });
  return moves;
}

/** One or two French sentences for the candidate's page; `label` names a constraint in French. */
export function describeCall(e: CallExplanation<unknown>, label: (name: string) => string = (name) => name): string {
  const head = `Rang dans le classement : ${e.rank} ; rang d’appel : ${e.callRank}.`;
  const parts: string[] = [head];
  if (e.overtook > 0) {
    parts.push(
      `Appelé·e avant ${plural(e.overtook, 'candidat·e mieux classé·e', 'candidat·es mieux classé·es')} : au moment de votre appel, le taux minimum ${list(e.heldBinding.map(label))} n’était pas atteint et vous en faites partie.`,
    );
  }
  if (e.overtakenBy > 0) {
    const why = Object.entries(e.overtakenByFlag)
      .filter(([, count]) => count > 0)
      .map(([name, count]) => `${count} au titre de « ${label(name)} »`)
      .join(', ');
    parts.push(
      `${plural(e.overtakenBy, 'candidat·e classé·e après vous a été appelé·e', 'candidat·es classé·es après vous ont été appelé·es')} avant vous pour respecter les taux minimaux de la session${why ? ` (${why})` : ''}.`,
    );
  }
  if (e.overtook === 0 && e.overtakenBy === 0) parts.push('Les taux minimaux n’ont pas modifié votre place.');
  return parts.join(' ');
}

export interface SessionPosition {
  /** The highest call rank that received an offer in this session (0: none yet). */
  readonly lastOfferedCallRank: number;
  /** For each wish (same order as the input): 1-based place among the waiting wishes, 0 if not waiting. */
  readonly waitingPlace: Int32Array;
}

/**
 * Where the waiting wishes of a session stand: their place in the waiting list and the last call rank
 * offered (wishes now offered, accepted or declined all received an offer).
 */
export function sessionPositions(wishes: readonly { readonly callRank: number; readonly status: Status }[]): SessionPosition {
  let lastOfferedCallRank = 0;
  const waiting: number[] = [];
  wishes.forEach((w, i) => {
    const s = statusCode(w.status);
    if (s === OFFERED || s === ACCEPTED || s === DECLINED) lastOfferedCallRank = Math.max(lastOfferedCallRank, w.callRank);
    if (s === WAITING) waiting.push(i);
  });
  waiting.sort((a, b) => wishes[a]!.callRank - wishes[b]!.callRank);
  const waitingPlace = new Int32Array(wishes.length);
  waiting.forEach((i, place) => (waitingPlace[i] = place + 1));
  return { lastOfferedCallRank, waitingPlace };
}

export function describeWaiting(callRank: number, place: number, lastOfferedCallRank: number): string {
  const last = lastOfferedCallRank > 0 ? `le dernier rang d’appel ayant reçu une proposition est ${lastOfferedCallRank}` : 'aucune proposition n’a encore été faite';
  return `Rang d’appel ${callRank}, ${place}${place === 1 ? 're' : 'e'} place sur la liste d’attente ; dans cette session, ${last}.`;
}
