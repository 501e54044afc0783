/**
 * Interns byte strings (ids read from a CSV buffer) to dense integers 0..size−1 without creating a JS
 * string per row: open addressing on a hash, the table holding [id + 1, hash] side by side (one cache
 * line per probe), the distinct values kept once in a byte arena.
 */

import { alloc, grow, like } from './memory.ts';

export interface InternerState {
  size: number;
  arena: Uint8Array;
  start: Int32Array;
  quote: Uint8Array;
  table: Int32Array;
  mask: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
/** Flag of ByteInterner.packed(): the value is in the arena. */
export const LONG = 1 << 9;
/** Low byte of word 0 in ByteInterner.compact() for a value in the arena (inline values: their length, 0–7). */
const COMPACT_LONG = 8;

/**
 * Value `id` of a `compact()` table (of the interner whose `start` is given) as words[4j..4j+3] in
 * `packed()`'s form; `flags` (SECOND_ARENA or 0) is added to a value read from the arena.
 */
export function unpack(compact: Int32Array, start: Int32Array, id: number, words: Int32Array, j: number, flags: number): void {
  const w0 = compact[2 * id]!;
  if ((w0 & 0xff) < COMPACT_LONG) {
    const w1 = compact[2 * id + 1]!;
    words[4 * j] = w0 & 0xff;
    words[4 * j + 1] = (w0 >>> 8) | (w1 << 24);
    words[4 * j + 2] = w1 >>> 8;
    words[4 * j + 3] = 0;
  } else {
    const a = start[id]!;
    words[4 * j] = (w0 & 0x100) | LONG | flags;
    words[4 * j + 1] = a;
    words[4 * j + 2] = start[id + 1]! - a;
  }
}

export class ByteInterner {
  size = 0;
  /** Distinct values back to back; value i is arena[start[i] .. start[i+1]). */
  arena: Uint8Array;
  start: Int32Array;
  /** 1 when the value must be quoted in a CSV field. */
  quote: Uint8Array;
  private table: Int32Array; // [id + 1, hash] per slot, id + 1 = 0: empty
  private mask = (1 << 11) - 1;

  /** `shared`: in memory other threads can read (see `view`). */
  constructor(shared = false) {
    this.arena = alloc(Uint8Array, 1 << 12, shared);
    this.start = alloc(Int32Array, 1 << 10, shared);
    this.quote = alloc(Uint8Array, 1 << 10, shared);
    this.table = alloc(Int32Array, 2 << 11, shared);
  }

  /** What another thread needs to read this interner (shared memory, no copy). */
  state(): InternerState {
    return { size: this.size, arena: this.arena, start: this.start, quote: this.quote, table: this.table, mask: this.mask };
  }

  /** A read-only view of another thread's interner: find, equals, text, packed. */
  static view(s: InternerState): ByteInterner {
    const v = new ByteInterner();
    v.size = s.size;
    v.arena = s.arena;
    v.start = s.start;
    v.quote = s.quote;
    v.table = s.table;
    v.mask = s.mask;
    return v;
  }

  /** The id of bytes[s..e), −1 when absent. */
  find(bytes: Uint8Array, s: number, e: number): number {
    const h = hash(bytes, s, e);
    const table = this.table;
    const mask = this.mask;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot]!;
      if (entry === 0) return -1;
      if (table[2 * slot + 1] === h && this.equals(entry - 1, bytes, s, e)) return entry - 1;
    }
  }

  /**
   * The id of bytes[s..e), added when absent. Returns −1 − (the would-be id) when the value is new
   * and not valid UTF-8 (it is then not added).
   */
  intern(bytes: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5;
    let high = 0;
    for (let i = s; i < e; i++) {
      const c = bytes[i]!;
      high |= c;
      h = Math.imul(h ^ c, 0x01000193);
    }
    h = mix(h);
    const table = this.table;
    const mask = this.mask;
    let slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      const entry = table[2 * slot]!;
      if (entry === 0) break;
      if (table[2 * slot + 1] === h && this.equals(entry - 1, bytes, s, e)) return entry - 1;
    }
    if (high & 0x80 && !validUtf8(bytes, s, e)) return -1 - this.size;
    const id = this.size;
    if (id + 2 > this.start.length) this.growIds((id + 2) * 2);
    const at = this.start[id]!;
    const len = e - s;
    if (at + len > this.arena.length) this.arena = grow(this.arena, Math.max((at + len) * 2, this.arena.length * 2));
    const arena = this.arena;
    let q = 0;
    for (let i = 0; i < len; i++) {
      const c = bytes[s + i]!;
      arena[at + i] = c;
      if (c === COMMA || c === QUOTE || c === CR || c === LF) q = 1;
    }
    this.start[id + 1] = at + len;
    this.quote[id] = q;
    this.size = id + 1;
    table[2 * slot] = id + 1;
    table[2 * slot + 1] = h;
    if (this.size * 2 > this.mask + 1) this.rehash((this.mask + 1) * 2);
    return id;
  }

  /** Interns a JS string (for small inputs: constraint names). */
  internString(value: string): number {
    const bytes = Buffer.from(value, 'utf8');
    return this.intern(bytes, 0, bytes.length);
  }

  text(id: number): string {
    return Buffer.from(this.arena.buffer, this.arena.byteOffset + this.start[id]!, this.start[id + 1]! - this.start[id]!).toString('utf8');
  }

  /** Byte-wise (= code point) order of two values. */
  compare(a: number, b: number): number {
    const arena = this.arena;
    let i = this.start[a]!;
    let j = this.start[b]!;
    const ea = this.start[a + 1]!;
    const eb = this.start[b + 1]!;
    for (; i < ea && j < eb; i++, j++) {
      const d = arena[i]! - arena[j]!;
      if (d !== 0) return d;
    }
    return ea - i - (eb - j);
  }

  /** True when value `id` is bytes[s..e). */
  equals(id: number, bytes: Uint8Array, s: number, e: number): boolean {
    const a = this.start[id]!;
    if (this.start[id + 1]! - a !== e - s) return false;
    const arena = this.arena;
    for (let i = s, j = a; i < e; i++, j++) if (arena[j] !== bytes[i]) return false;
    return true;
  }

  /** Length of the longest value (for sizing output rows). */
  maxLength(): number {
    let max = 0;
    for (let id = 0; id < this.size; id++) max = Math.max(max, this.start[id + 1]! - this.start[id]!);
    return max;
  }

  /**
   * Every value as a 16-byte record, for writing millions of them in random order with one memory
   * access each: word 0 = length | quote << 8; words 1–3 = the bytes (little-endian) when the length
   * is ≤ 12, else word 0 has bit 9 (LONG) set and words 1–2 = arena offset and length.
   */
  packed(shared = false): Int32Array {
    const out = alloc(Int32Array, this.size * 4, shared);
    const { arena, start, quote } = this;
    for (let id = 0; id < this.size; id++) {
      const a = start[id]!;
      const len = start[id + 1]! - a;
      if (len > 12) {
        out[4 * id] = (quote[id]! << 8) | LONG;
        out[4 * id + 1] = a;
        out[4 * id + 2] = len;
        continue;
      }
      out[4 * id] = len | (quote[id]! << 8);
      for (let k = 0; k < len; k++) out[4 * id + 1 + (k >> 2)]! |= arena[a + k]! << (8 * (k & 3));
    }
    return out;
  }

  /**
   * Every value in 8 bytes, for candidate names (millions of them, read in random order as rows are
   * written: half the memory of `packed`, so more of it stays in cache). A value of at most 7 bytes
   * that needs no quotes is inline: word 0 = length | bytes 0–2 << 8, word 1 = bytes 3–6
   * (little-endian). Any other value has word 0 = COMPACT_LONG | quote << 8 and is read from the
   * arena through `start`. `unpack` gives a value in `packed`'s form.
   */
  compact(shared = false): Int32Array {
    const out = alloc(Int32Array, this.size * 2, shared);
    const { arena, start, quote } = this;
    for (let id = 0; id < this.size; id++) {
      const a = start[id]!;
      const len = start[id + 1]! - a;
      if (len >= COMPACT_LONG || quote[id]) {
        out[2 * id] = COMPACT_LONG | (quote[id]! << 8);
        continue;
      }
      let w0 = len;
      let w1 = 0;
      for (let k = 0; k < len; k++) {
        if (k < 3) w0 |= arena[a + k]! << (8 * (k + 1));
        else w1 |= arena[a + k]! << (8 * (k - 3));
      }
      out[2 * id] = w0;
      out[2 * id + 1] = w1;
    }
    return out;
  }

  private growIds(capacity: number): void {
    this.start = grow(this.start, capacity);
    this.quote = grow(this.quote, capacity);
  }

  private rehash(slots: number): void {
    const old = this.table;
    const table = like(old, 2 * slots);
    const mask = slots - 1;
    for (let i = 0; i < old.length; i += 2) {
      const entry = old[i]!;
      if (entry === 0) continue;
      const h = old[i + 1]!;
      let slot = h & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = entry;
      table[2 * slot + 1] = h;
    }
    this.table = table;
    this.mask = mask;
  }
}

function hash(bytes: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let i = s; i < e; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return mix(h);
}

/** murmur3's finaliser: FNV-1a alone leaves the low bits (the table slot) badly spread on short ids. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function validUtf8(bytes: Uint8Array, s: number, e: number): boolean {
  try {
    decoder.decode(bytes.subarray(s, e));
    return true;
  } catch {
    return false;
  }
}
