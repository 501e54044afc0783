/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the demo generator needs.
 * Same seed, same sequence, on every platform: no Math.random, no clock.
 */

/** 32-bit FNV-1a hash of a seed given as a number or a string. */
export function hashSeed(seed: number | string): number {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number | string) {
    this.state = hashSeed(seed);
  }

  /** Next unsigned 32-bit integer (mulberry32). */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick: liste vide');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks an item by its weight (weights ≥ 0, at least one > 0). */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** A random version-4 UUID built from this generator (RFC 9562 layout). */
  uuid(): string {
    const a = this.uint32();
    const b = ((this.uint32() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
    const c = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10
    const d = this.uint32();
    return `${hex8(a)}-${hex4(b >>> 16)}-${hex4(b & 0xffff)}-${hex4(c >>> 16)}-${hex4(c & 0xffff)}${hex8(d)}`;
  }
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex4 = (n: number) => HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;
const hex8 = (n: number) => hex4(n >>> 16) + hex4(n & 0xffff);

/** Items with cumulative weights, for fast repeated weighted picks (binary search). */
export class WeightedList<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  readonly total: number;

  constructor(items: readonly T[], weight: (item: T) => number) {
    this.items = items;
    this.cumulative = new Float64Array(items.length);
    let total = 0;
    items.forEach((item, i) => {
      total += Math.max(0, weight(item));
      this.cumulative[i] = total;
    });
    if (items.length === 0 || total <= 0) throw new Error('WeightedList: aucun élément de poids positif');
    this.total = total;
  }

  pick(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}
