/** Fixed-size sets of training numbers, 32 per word: filters combine with a few hundred word operations. */

export const wordsFor = (size: number): number => (size + 31) >>> 5;

export function bitsetOf(size: number, has: (d: number) => boolean): Uint32Array {
  const set = new Uint32Array(wordsFor(size));
  for (let d = 0; d < size; d++) if (has(d)) set[d >>> 5]! |= 1 << (d & 31);
  return set;
}

export const hasBit = (set: Uint32Array, d: number): boolean => (set[d >>> 5]! & (1 << (d & 31))) !== 0;

export function popcount(set: Uint32Array): number {
  let total = 0;
  for (let i = 0; i < set.length; i++) {
    let v = set[i]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    total += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return total;
}

/** Writes the members of `set`, ascending, into `out`; returns how many. */
export function members(set: Uint32Array, out: Int32Array): number {
  let n = 0;
  for (let w = 0; w < set.length; w++) {
    let v = set[w]!;
    while (v !== 0) {
      const low = v & -v;
      out[n++] = (w << 5) + (31 - Math.clz32(low));
      v ^= low;
    }
  }
  return n;
}
