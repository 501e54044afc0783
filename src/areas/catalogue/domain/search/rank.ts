import type { CatalogueIndex } from './build-index.ts';
import { RANK_SPAN } from './day-cache.ts';
import type { Scratch } from './scratch.ts';

/**
 * The orders, as three sort keys per match (smaller first). The last key is unique per training
 * (next session day × RANK_SPAN + title rank), so every order is total and deterministic:
 * - relevance: score ↓, next session start ↑ (none last), title, id;
 * - start: next session start ↑ (none last), score ↓, title, id;
 * - distance: distance ↑, score ↓, next session start ↑, title, id.
 */
export type RankOrder = 'relevance' | 'start' | 'distance';

/** Writes the keys of match i. `dayTitle`: next session day × RANK_SPAN + title rank; `chord2`: grows with the distance. */
export function setSortKeys(sc: Scratch, order: RankOrder, i: number, score: number, dayTitle: number, chord2: number): void {
  if (order === 'relevance') {
    sc.key1[i] = -score;
    sc.key2[i] = dayTitle;
    sc.key3[i] = 0;
  } else if (order === 'start') {
    sc.key1[i] = Math.floor(dayTitle / RANK_SPAN);
    sc.key2[i] = -score;
    sc.key3[i] = dayTitle;
  } else {
    sc.key1[i] = chord2;
    sc.key2[i] = -score;
    sc.key3[i] = dayTitle;
  }
}

/**
 * Positions in the match list of the first k matches in key order, best first, without sorting them
 * all: a bounded heap keeps the k best seen so far (worst on top); most matches are rejected by one
 * comparison with the top.
 */
export function firstK(index: CatalogueIndex, count: number, k: number): Int32Array {
  const { key1, key2, key3 } = index.scratch;
  const before = (a: number, b: number) =>
    key1[a]! < key1[b]! || (key1[a] === key1[b] && (key2[a]! < key2[b]! || (key2[a] === key2[b] && key3[a]! < key3[b]!)));
  const inOrder = (a: number, b: number) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  k = Math.min(k, count);
  if (k <= 0) return new Int32Array(0);
  if (k * 4 >= count) return Int32Array.from(Array.from({ length: count }, (_, i) => i).sort(inOrder).slice(0, k));

  const heap = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    let c = i;
    while (c > 0) {
      const p = (c - 1) >> 1;
      if (!before(heap[p]!, i)) break;
      heap[c] = heap[p]!;
      c = p;
    }
    heap[c] = i;
  }
  let top = heap[0]!;
  let [top1, top2, top3] = [key1[top]!, key2[top]!, key3[top]!];
  for (let x = k; x < count; x++) {
    // not better than the worst kept: skip (the common case, on locals only)
    const k1 = key1[x]!;
    if (k1 > top1) continue;
    if (k1 === top1) {
      const k2 = key2[x]!;
      if (k2 > top2 || (k2 === top2 && key3[x]! >= top3)) continue;
    }
    // replace the worst and sift down
    let c = 0;
    for (;;) {
      const l = 2 * c + 1;
      if (l >= k) break;
      const r = l + 1;
      const worse = r < k && before(heap[l]!, heap[r]!) ? r : l;
      if (!before(x, heap[worse]!)) break;
      heap[c] = heap[worse]!;
      c = worse;
    }
    heap[c] = x;
    top = heap[0]!;
    [top1, top2, top3] = [key1[top]!, key2[top]!, key3[top]!];
  }
  return Int32Array.from(Array.from(heap).sort(inOrder));
}
