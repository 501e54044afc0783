import { wordsFor } from './bitset.ts';

/**
 * Work arrays of one index, allocated once and reused by every query (a query never allocates per
 * training). Queries run one at a time on the event loop, so sharing them is safe. Marks use a
 * stamp that grows with each use instead of clearing arrays.
 */
export interface Scratch {
  stamp: number;
  member: Int32Array;
  position: Int32Array;
  wordMark: Int32Array;
  wordBest: Float64Array;
  distance: Float64Array;
  candidates: Int32Array;
  candidateScore: Float64Array;
  candidateMark: Int32Array;
  candidateBest: Float64Array;
  matches: Int32Array;
  matchScore: Float64Array;
  matchNext: Int32Array;
  key1: Float64Array;
  key2: Float64Array;
  key3: Float64Array;
  mask: Uint32Array;
  allowed: Uint32Array;
  work: Uint32Array;
}

export function createScratch(trainings: number): Scratch {
  const n = trainings;
  const words = wordsFor(n);
  return {
    stamp: 0,
    member: new Int32Array(n),
    position: new Int32Array(n),
    wordMark: new Int32Array(n),
    wordBest: new Float64Array(n),
    distance: new Float64Array(n),
    candidates: new Int32Array(n),
    candidateScore: new Float64Array(n),
    candidateMark: new Int32Array(n),
    candidateBest: new Float64Array(n),
    matches: new Int32Array(n),
    matchScore: new Float64Array(n),
    matchNext: new Int32Array(n),
    key1: new Float64Array(n),
    key2: new Float64Array(n),
    key3: new Float64Array(n),
    mask: new Uint32Array(words),
    allowed: new Uint32Array(words),
    work: new Uint32Array(words),
  };
}

/** A new mark value; marks are reset only when the stamp would overflow. */
export function newStamp(s: Scratch): number {
  if (s.stamp >= 0x3fffffff) {
    s.member.fill(0);
    s.wordMark.fill(0);
    s.candidateMark.fill(0);
    s.stamp = 0;
  }
  return ++s.stamp;
}
