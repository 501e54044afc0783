/**
 * Typo tolerance rules and their building blocks: the allowed edit distance for a typed word, a
 * bounded Damerau (optimal string alignment) distance, and hashes of deletion neighbourhoods
 * (SymSpell): two words within distance d always share a string obtained by deleting at most d
 * characters from each, so candidates are found by hash look-ups, never by scanning a vocabulary.
 */

/** Shortest word corrected at all, and longest (longer words are only matched exactly or by prefix). */
export const MIN_FUZZY_LENGTH = 4;
export const MAX_FUZZY_LENGTH = 20;

/** Edit distance tolerated for a typed word: 0 under 4 characters, 1 for 4–7, 2 from 8. */
export function allowedDistance(length: number): number {
  if (length < MIN_FUZZY_LENGTH || length > MAX_FUZZY_LENGTH) return 0;
  return length >= 8 ? 2 : 1;
}

/**
 * Deletions indexed for a vocabulary word of this length: enough for every typed word whose allowed
 * distance could reach it (a typed word of length q reaches words of length q ± distance).
 */
export function indexedDeletions(length: number): number {
  if (length < MIN_FUZZY_LENGTH - 1 || length > MAX_FUZZY_LENGTH + 2) return 0;
  return length >= 6 ? 2 : 1;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a hash of `word` with the characters at positions skipA and skipB left out (−1: none). */
export function hashWithout(word: string, skipA: number, skipB: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    if (i === skipA || i === skipB) continue;
    h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  }
  return h >>> 0;
}

/** Calls `emit` with the hash of every string made of `word` minus at most `deletions` (≤ 2) characters. */
export function forEachDeletionHash(word: string, deletions: number, emit: (hash: number) => void): void {
  emit(hashWithout(word, -1, -1));
  if (deletions < 1) return;
  const n = word.length;
  for (let i = 0; i < n; i++) emit(hashWithout(word, i, -1));
  if (deletions < 2) return;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) emit(hashWithout(word, i, j));
}

let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as const;

/**
 * Optimal string alignment distance (insertions, deletions, substitutions, adjacent transpositions)
 * between a and b, or max + 1 as soon as it is known to exceed max.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rows[0].length <= lb) rows = [new Int32Array(lb + 1), new Int32Array(lb + 1), new Int32Array(lb + 1)];
  let prev2 = rows[0];
  let prev = rows[1];
  let cur = rows[2];
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = prev[lb]!;
  return d > max ? max + 1 : d;
}
