/**
 * W.csv — `candidate,group,rank,flags,status,preference` — read for one job into packed records
 * bucketed by group, then handed out one group at a time in rank order.
 *
 * Why this layout: at 10 million wishes the cost is memory traffic, not arithmetic. Each row becomes
 * one record of 2 Int32 words (call order: candidate<<4 | flag mask, rank) or 4 (round:
 * candidate<<3 | status, rank, flags text, preference), appended to its group's chain of blocks of
 * 128 records: one write stream per row, no copy of the file in file order, no global sort. A group
 * is then gathered into a small scratch (in cache) in rank order — straight to its slot when its
 * ranks are dense, the usual case — and processed and written out before the next one.
 *
 * Line numbers are not stored: the rare errors found after the reading (a rank or candidate twice in
 * a group, a preference twice for a candidate) find their lines by reading the file again (`locate`).
 */
import { MAX_CONSTRAINTS } from '../domain/call-order.ts';
import { ACCEPTED, STATUS_NAMES } from '../domain/status.ts';
import { CsvError, FieldError, readCsv, type CsvHeader, type CsvSink, type CsvSource } from './csv.ts';
import { parseUint, shown, type GroupTable } from './groups.ts';
import { alloc, grow } from './memory.ts';
import { ByteInterner } from './interner.ts';
import { SCAN_RECORD, admissionsAddon, type WishScanner } from './native.ts';

export const WISH_COLUMNS = ['candidate', 'group', 'rank', 'flags', 'status', 'preference'] as const;
export const W_CANDIDATE = 0;
export const W_GROUP = 1;
export const W_RANK = 2;
export const W_FLAGS = 3;
export const W_STATUS = 4;
export const W_PREFERENCE = 5;

/** What a job keeps of each wish. */
export type Layout = 'call-order' | 'round';

const BLOCK = 16; // records per block: the 25k-odd blocks being filled stay within a few MB
const CHUNK_SHIFT = 12; // 4096 blocks per pool chunk
const CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;
const MAX_CANDIDATES_CALL_ORDER = 1 << 27; // candidate<<4 | mask in an Int32
const MAX_CANDIDATES_ROUND = 1 << 28; // candidate<<3 | status

// per-group state, STATE ints per group (two groups per cache line): first block, last block (its
// fill is count mod BLOCK), count, the id of the group's list of constraint names (masks depend
// only on it), and the bytes its rows will take in the output, less what is the same on every row
// (see outputBytes)
const STATE = 8;
const HEAD = 0;
const TAIL = 1;
const COUNT = 2;
const SIGNATURE = 3;
const BYTES = 4;

const STAGE = 256; // rows appended together
const SCAN_ROWS = 1024; // rows split by the native scanner per call
const MASK_TEXTS = 256; // flags texts memoised per signature (more are computed each time)

const SEMICOLON = 59;
const QUOTE = 34;
const SPACE = 32;
const TAB = 9;

const STATUS_BYTES = STATUS_NAMES.map((name) => Buffer.from(name, 'latin1'));

function statusOf(b: Uint8Array, s: number, e: number): number {
  const len = e - s;
  next: for (let code = 0; code < STATUS_BYTES.length; code++) {
    const name = STATUS_BYTES[code]!;
    if (name.length !== len) continue;
    for (let i = 0; i < len; i++) if (b[s + i] !== name[i]) continue next;
    return code;
  }
  return -1;
}

/** Decimal digits of a non-negative integer. */
function digits(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** Bytes of value bytes[s..e) as a CSV field written by writer.ts: quoted (quotes doubled) when `quote`. */
function fieldBytes(quote: number, b: Uint8Array, s: number, e: number): number {
  if (!quote) return e - s;
  let n = e - s + 2;
  for (let i = s; i < e; i++) if (b[i] === QUOTE) n++;
  return n;
}

/** The wishes of one file, bucketed by group. */
export class WishBuckets implements BucketPart {
  readonly words: number;
  readonly candidates: ByteInterner;
  /** Flags texts, written back verbatim by the round. */
  readonly flagTexts = new ByteInterner();
  /** Round: line of each candidate's accepted wish (0 = none). */
  acceptedLine: Int32Array;
  readonly candidateMap = null;
  readonly inFirst = null;
  readonly candidateBase = 0;
  readonly flagsOffset = 0;
  /** Constrained flag names of flags text t: flagNameList[flagListStart[t] .. flagListStart[t+1]). */
  flagListStart = new Int32Array(64);
  flagNameList = new Int32Array(64);
  private flagListUsed = 0;
  columnOf: Int32Array = new Int32Array(WISH_COLUMNS.length);
  n = 0;

  // block pool: block b holds records chunks[b >> CHUNK_SHIFT][((b & CHUNK_MASK)·BLOCK + i)·words]
  readonly chunks: Int32Array[] = [];
  next: Int32Array;
  blocks = 0;
  /** Per group, side by side: first block, last block, count, constraint signature. */
  readonly state: Int32Array;
  /** Group ids in output order: byte (= code point) order of their ids. */
  readonly order: Int32Array;

  constructor(
    readonly file: string,
    readonly source: CsvSource,
    readonly groups: GroupTable,
    readonly layout: Layout,
    /** In shared memory, for a file read in parts by several threads (see parallel.ts). */
    readonly shared = false,
  ) {
    this.words = layout === 'call-order' ? 2 : 4;
    this.candidates = new ByteInterner(shared);
    this.acceptedLine = alloc(Int32Array, 1024, shared);
    this.next = alloc(Int32Array, 1024, shared);
    const G = groups.size;
    this.state = alloc(Int32Array, G * STATE, shared);
    const signatures = new Map<string, number>();
    for (let g = 0; g < G; g++) {
      this.state[g * STATE + HEAD] = -1;
      this.state[g * STATE + TAIL] = -1;
      const names = Array.from(groups.constraintFlag.subarray(g * MAX_CONSTRAINTS, g * MAX_CONSTRAINTS + groups.constraintCount[g]!)).join(',');
      if (!signatures.has(names)) {
        signatures.set(names, signatures.size);
        this.signatureGroup.push(g);
      }
      this.state[g * STATE + SIGNATURE] = signatures.get(names)!;
    }
    this.order = groups.order();
  }

  /** Starts a new block at the end of group g's chain; returns its number. */
  newBlock(g: number): number {
    const b = this.blocks++;
    if (b >> CHUNK_SHIFT >= this.chunks.length) this.chunks.push(alloc(Int32Array, (CHUNK_MASK + 1) * BLOCK * this.words, this.shared));
    if (b >= this.next.length) this.next = grow(this.next, this.next.length * 2);
    this.next[b] = -1;
    const st = g * STATE;
    if (this.state[st + TAIL]! < 0) this.state[st + HEAD] = b;
    else this.next[this.state[st + TAIL]!] = b;
    this.state[st + TAIL] = b;
    return b;
  }

  count(g: number): number {
    return this.state[g * STATE + COUNT]!;
  }

  /** Splits a new flags text into the flag names some group constrains (trimmed; others ignored). */
  addFlagList(t: number, b: Uint8Array, s: number, e: number): void {
    const names = this.groups.flagNames;
    if (this.flagListStart.length < t + 2) this.flagListStart = grow(this.flagListStart, (t + 2) * 2);
    let used = this.flagListUsed;
    for (let a = s; a <= e; ) {
      let z = a;
      while (z < e && b[z] !== SEMICOLON) z++;
      let i = a;
      let j = z;
      while (i < j && (b[i] === SPACE || b[i] === TAB)) i++;
      while (j > i && (b[j - 1] === SPACE || b[j - 1] === TAB)) j--;
      const f = j > i ? names.find(b, i, j) : -1;
      if (f >= 0) {
        if (used === this.flagNameList.length) this.flagNameList = grow(this.flagNameList, used * 2);
        this.flagNameList[used++] = f;
      }
      a = z + 1;
    }
    this.flagListUsed = used;
    this.flagListStart[t + 1] = used;
  }

  /** A group having each constraint signature. */
  private readonly signatureGroup: number[] = [];
  /** Memo of masks: [signature · MASK_TEXTS + flags text] = mask + 1 (0: not computed). */
  private maskMemo = new Uint8Array(0);

  /** The constraints of group g (of signature `sig`) that flags text t holds, memoised. */
  maskOf(t: number, sig: number, g: number): number {
    if (t >= MASK_TEXTS) return this.mask(t, g);
    const at = sig * MASK_TEXTS + t;
    if (at >= this.maskMemo.length) this.maskMemo = grow(this.maskMemo, Math.max(at + 1, this.maskMemo.length * 2, MASK_TEXTS));
    const memo = this.maskMemo[at]!;
    if (memo !== 0) return memo - 1;
    const mask = this.mask(t, this.signatureGroup[sig]!);
    this.maskMemo[at] = mask + 1;
    return mask;
  }

  /** The constraints of group g that flags text t holds (bit p = constraint p). */
  mask(t: number, g: number): number {
    const gt = this.groups;
    const m = gt.constraintCount[g]!;
    const base = g * MAX_CONSTRAINTS;
    let mask = 0;
    for (let j = this.flagListStart[t]!; j < this.flagListStart[t + 1]!; j++) {
      const f = this.flagNameList[j]!;
      for (let p = 0; p < m; p++) if (gt.constraintFlag[base + p] === f) mask |= 1 << p;
    }
    return mask;
  }
}

class WishSink implements CsvSink {
  // files are often sorted by candidate or by group: compare with the previous row before hashing
  private lastCandidate = -1;
  private lastGroup = -1;
  private lastFlags = -1;
  private readonly maxCandidates: number;
  private readonly round: boolean;

  constructor(
    private readonly t: WishBuckets,
    native: boolean,
  ) {
    this.round = t.layout === 'round';
    this.maxCandidates = this.round ? MAX_CANDIDATES_ROUND : MAX_CANDIDATES_CALL_ORDER;
    const addon = native ? admissionsAddon() : null;
    this.scanner = addon ? new addon.Scanner(t.groups.ids.arena, t.groups.ids.start, t.groups.size, STATUS_NAMES) : null;
    this.scanned = new Int32Array(this.scanner ? SCAN_ROWS * SCAN_RECORD + 1 : 0);
    this.fast = this.scanner ? this.scanRows.bind(this) : null;
  }

  readonly fast: CsvSink['fast'];

  row(b: Uint8Array, fs: Int32Array, fe: Int32Array, line: number): void {
    const t = this.t;
    const candidate = this.candidateAt(b, fs[W_CANDIDATE]!, fe[W_CANDIDATE]!);
    let s = fs[W_GROUP]!;
    let e = fe[W_GROUP]!;
    let g = this.lastGroup;
    if (g < 0 || !t.groups.ids.equals(g, b, s, e)) {
      g = t.groups.ids.find(b, s, e);
      if (g < 0) throw new FieldError(`groupe « ${shown(b, s, e)} » absent de ${t.groups.file}`, W_GROUP);
      this.lastGroup = g;
    }
    s = fs[W_RANK]!;
    e = fe[W_RANK]!;
    const rank = parseUint(b, s, e);
    if (rank < 1) throw new FieldError(`« ${shown(b, s, e)} » n’est pas un rang (entier ≥ 1)`, W_RANK);
    const flags = this.flagsAt(b, fs[W_FLAGS]!, fe[W_FLAGS]!);
    s = fs[W_STATUS]!;
    e = fe[W_STATUS]!;
    const status = statusOf(b, s, e);
    if (status < 0) throw new FieldError(`statut « ${shown(b, s, e)} » inconnu (attendu : ${STATUS_NAMES.join(', ')})`, W_STATUS);
    s = fs[W_PREFERENCE]!;
    e = fe[W_PREFERENCE]!;
    const preference = parseUint(b, s, e);
    if (preference < 0) throw new FieldError(`« ${shown(b, s, e)} » n’est pas une préférence (entier ≥ 0, 0 = aucune)`, W_PREFERENCE);
    this.add(candidate, g, rank, flags, status, preference, line);
  }

  /**
   * The rows of buf[pos..end) that the native scanner takes (plain rows, see native/wish_scan.cc),
   * from line `line` on; returns where it stopped, having set `fastRows`. A row it refuses is left
   * to `row`, which applies every rule; the rules that need this reading's state (candidates, flags
   * texts, accepted offers) are the same calls as in `row`, and a FieldError they throw is on line
   * `fastLine`.
   */
  private scanRows(buf: Uint8Array, pos: number, end: number, line: number): number {
    const scanner = this.scanner!;
    const out = this.scanned;
    let taken = 0;
    for (;;) {
      const n = scanner.scan(buf, pos, end, out, SCAN_ROWS);
      for (let k = 0, r = 0; k < n; k++, r += SCAN_RECORD) {
        const at = line + taken + k;
        this.fastLine = at;
        const cs = out[r + 5]!;
        const candidate = cs < 0 ? this.lastCandidate : this.candidateAt(buf, cs, out[r + 6]!);
        const fs = out[r + 7]!;
        const flags = fs < 0 ? this.lastFlags : this.flagsAt(buf, fs, out[r + 8]!);
        this.add(candidate, out[r + 1]!, out[r + 2]!, flags, out[r + 3]!, out[r + 4]!, at);
      }
      taken += n;
      pos = out[SCAN_ROWS * SCAN_RECORD]!;
      if (n < SCAN_ROWS) break;
    }
    this.fastRows = taken;
    return pos;
  }

  /** Set by `fast`: the rows it took, and the line of the row being added. */
  fastRows = 0;
  fastLine = 0;
  private readonly scanner: WishScanner | null;
  private readonly scanned: Int32Array;

  /** The candidate id of bytes[s..e) (checked, interned). */
  private candidateAt(b: Uint8Array, s: number, e: number): number {
    const t = this.t;
    let candidate = this.lastCandidate;
    if (candidate < 0 || !t.candidates.equals(candidate, b, s, e)) {
      if (s === e) throw new FieldError('identifiant de candidat vide', W_CANDIDATE);
      candidate = t.candidates.intern(b, s, e);
      if (candidate < 0) throw new FieldError('identifiant qui n’est pas de l’UTF-8 valide', W_CANDIDATE);
      if (candidate >= this.maxCandidates) throw new FieldError(`plus de ${this.maxCandidates} candidats : fichier trop grand pour un seul calcul`, W_CANDIDATE);
      this.lastCandidate = candidate;
      this.candidateBytes = fieldBytes(t.candidates.quote[candidate]!, b, s, e);
    }
    return candidate;
  }

  /** The flags text id of bytes[s..e) (interned, its constrained names listed when new). */
  private flagsAt(b: Uint8Array, s: number, e: number): number {
    const t = this.t;
    let flags = this.lastFlags;
    if (flags < 0 || !t.flagTexts.equals(flags, b, s, e)) {
      const before = t.flagTexts.size;
      flags = t.flagTexts.intern(b, s, e);
      if (flags < 0) throw new FieldError('texte qui n’est pas de l’UTF-8 valide', W_FLAGS);
      if (flags === before) t.addFlagList(flags, b, s, e);
      this.lastFlags = flags;
      this.flagsBytes = fieldBytes(t.flagTexts.quote[flags]!, b, s, e);
    }
    return flags;
  }

  /** Stages a checked row for its group's bucket. */
  private add(candidate: number, g: number, rank: number, flags: number, status: number, preference: number, line: number): void {
    const t = this.t;
    if (this.round && status === ACCEPTED) {
      if (candidate >= t.acceptedLine.length) t.acceptedLine = grow(t.acceptedLine, Math.max(candidate + 1, t.acceptedLine.length * 2));
      const other = t.acceptedLine[candidate]!;
      if (other !== 0) throw new FieldError(`le candidat « ${t.candidates.text(candidate)} » a déjà une offre acceptée ligne ${other} (une seule possible)`, W_STATUS);
      t.acceptedLine[candidate] = line;
    }

    // staged: the appends of a batch of rows are done together, so that their cache misses overlap
    const k = this.staged;
    this.stageGroup[k] = g;
    this.stageW0[k] = this.round ? (candidate << 3) | status : (candidate << 4) | t.maskOf(flags, t.state[g * STATE + SIGNATURE]!, g);
    this.stageRank[k] = rank;
    this.stageFlags[k] = flags;
    this.stagePreference[k] = preference;
    this.stageBytes[k] = this.round ? this.candidateBytes + digits(rank) + this.flagsBytes + STATUS_BYTES[status]!.length + digits(preference) : this.candidateBytes;
    this.staged = k + 1;
    if (k + 1 === STAGE) this.flush();
  }

  private staged = 0;
  private readonly stageGroup = new Int32Array(STAGE);
  private readonly stageW0 = new Int32Array(STAGE);
  private readonly stageRank = new Int32Array(STAGE);
  private readonly stageFlags = new Int32Array(STAGE);
  private readonly stagePreference = new Int32Array(STAGE);
  private readonly stageBytes = new Int32Array(STAGE);
  /** Output bytes of the last candidate and flags texts (see outputBytes). */
  private candidateBytes = 0;
  private flagsBytes = 0;

  /** Appends the staged rows to their groups' last blocks. */
  flush(): void {
    const t = this.t;
    const state = t.state;
    const words = t.words;
    for (let k = 0; k < this.staged; k++) {
      const g = this.stageGroup[k]!;
      const st = g * STATE;
      const count = state[st + COUNT]!;
      const f = count & (BLOCK - 1);
      const block = f === 0 ? t.newBlock(g) : state[st + TAIL]!;
      const chunk = t.chunks[block >> CHUNK_SHIFT]!;
      const at = ((block & CHUNK_MASK) * BLOCK + f) * words;
      chunk[at] = this.stageW0[k]!;
      chunk[at + 1] = this.stageRank[k]!;
      if (words === 4) {
        chunk[at + 2] = this.stageFlags[k]!;
        chunk[at + 3] = this.stagePreference[k]!;
      }
      state[st + COUNT] = count + 1;
      state[st + BYTES] = (state[st + BYTES]! + this.stageBytes[k]!) | 0;
    }
    t.n += this.staged;
    this.staged = 0;
  }
}

/** For tests: without the native scanner (the same reading, slower), and in chunks of another size. */
export interface ReadOptions {
  native?: boolean;
  chunkSize?: number;
}

export function readWishes(source: CsvSource, file: string, groups: GroupTable, layout: Layout, options: ReadOptions = {}): WishBuckets {
  const t = new WishBuckets(file, source, groups, layout);
  const sink = new WishSink(t, options.native ?? true);
  t.columnOf = readCsv(source, file, WISH_COLUMNS, sink, options.chunkSize).columnOf;
  sink.flush();
  return t;
}

/**
 * Reads pieces of a file shared out between threads (see parallel.ts): piece p is the rows starting
 * in bytes [bounds[p], bounds[p+1]); each thread takes the next piece not taken (`next[0]`, counted
 * atomically) until none is left, so a thread started late or running slower simply takes fewer.
 * `most`: at most that many pieces for this thread (tests use it to decide which thread reads what).
 */
export function readWishPieces(source: CsvSource, file: string, groups: GroupTable, layout: Layout, header: CsvHeader, bounds: readonly number[], next: Int32Array, most = Infinity): WishBuckets {
  const t = new WishBuckets(file, source, groups, layout, true);
  const sink = new WishSink(t, true);
  for (let taken = 0, p: number; taken < most && (p = Atomics.add(next, 0, 1)) < bounds.length - 1; taken++) {
    t.columnOf = readCsv(source, file, WISH_COLUMNS, sink, undefined, { from: bounds[p]!, to: bounds[p + 1]!, header }).columnOf;
  }
  sink.flush();
  return t;
}

// ---------------------------------------------------------------------------------------------
// One group at a time

/** A problem whose lines are found by reading the file again (see `locate`). */
export class Duplicate extends Error {
  constructor(
    readonly kind: 'rank' | 'candidate' | 'preference',
    readonly candidate: number,
    readonly group: number,
    readonly value: number,
  ) {
    super(kind);
  }
}

/** One group's wishes in rank order (scratch, reused from group to group). */
export class GroupRows {
  n = 0;
  candidate = new Int32Array(1024);
  rank = new Int32Array(1024);
  /** Call order: the flag mask; round: the status. */
  code = new Uint8Array(1024);
  flags = new Int32Array(1024);
  preference = new Int32Array(1024);
  private perm = new Int32Array(1024);
  private blocks = new Int32Array(256);
  /** Read from each block of a group before its records (see place); kept so the reads are not dropped. */
  touched = 0;

  /** Scratch for the blocks of a group's part. */
  blockList(n: number): Int32Array {
    if (this.blocks.length < n) this.blocks = new Int32Array(Math.max(n, this.blocks.length * 2));
    return this.blocks;
  }

  ensure(n: number): void {
    if (this.candidate.length >= n) return;
    const c = Math.max(n, this.candidate.length * 2);
    this.candidate = new Int32Array(c);
    this.rank = new Int32Array(c);
    this.code = new Uint8Array(c);
    this.flags = new Int32Array(c);
    this.preference = new Int32Array(c);
    this.perm = new Int32Array(c);
  }

  /** Reorders rows 0..n−1 by rank (groups whose ranks have gaps). */
  sortByRank(): number {
    const n = this.n;
    const perm = this.perm;
    const rank = this.rank;
    for (let j = 0; j < n; j++) perm[j] = j;
    const sorted = perm.subarray(0, n).sort((x, y) => rank[x]! - rank[y]!);
    for (let j = 1; j < n; j++) if (rank[sorted[j]!] === rank[sorted[j - 1]!]) return sorted[j]!;
    for (const column of [this.candidate, this.rank, this.code, this.flags, this.preference]) {
      const copy = column.slice(0, n);
      for (let j = 0; j < n; j++) column[j] = copy[sorted[j]!]!;
    }
    return -1;
  }
}

/**
 * What gathering a group needs of one part of a file's buckets: this thread's, or another thread's
 * (shared memory) when the file was read in parts.
 */
export interface BucketPart {
  state: Int32Array;
  next: Int32Array;
  chunks: Int32Array[];
  /**
   * Candidate ids of this part → ids in the numbering of all parts (null: the same): `candidateBase`
   * + id, except for the candidates an earlier part also has (bit id of `inFirst` set), whose id is
   * `candidateMap[id]`. The bits (a few hundred KB, in cache) spare a read of the map (MB, a cache
   * miss per wish) for the usual file, where few candidates are in both parts.
   */
  candidateMap: Int32Array | null;
  inFirst: Int32Array | null;
  candidateBase: number;
  /** Added to this part's flags text ids (round): the texts of all parts are numbered one after the other. */
  flagsOffset: number;
}

/**
 * The candidates of the group being gathered, to find one given twice: a small open-addressing set
 * (a few KB, in cache) cleared for each group. A mark per candidate in an array of all candidates
 * would cost a cache miss per wish at 1M candidates.
 */
export class CandidateSet {
  private table = new Int32Array(1024); // candidate + 1, 0: empty
  private bits = 10;

  /** Empties the set for a group of n wishes (a table of at least 2n slots). */
  clear(n: number): void {
    let bits = 6;
    while (1 << bits < 2 * n) bits++;
    if (this.table.length < 1 << bits) this.table = new Int32Array(1 << bits);
    else this.table.fill(0, 0, 1 << bits);
    this.bits = bits;
  }

  /** Adds candidate c; false when it was already there. */
  add(c: number): boolean {
    const mask = (1 << this.bits) - 1;
    const table = this.table;
    for (let slot = Math.imul(c, 0x9e3779b1) >>> (32 - this.bits); ; slot = (slot + 1) & mask) {
      const v = table[slot]!;
      if (v === 0) {
        table[slot] = c + 1;
        return true;
      }
      if (v === c + 1) return false;
    }
  }
}

/**
 * Reads group g's wishes into `rows` in rank order. Throws Duplicate on a rank given twice and, when
 * `seen` is given, on a candidate given twice.
 */
export function gatherGroup(t: WishBuckets, g: number, rows: GroupRows, seen: CandidateSet | null): void {
  gatherParts([t], t.layout, g, rows, seen);
}

/** gatherGroup over the parts of a file read by several threads (candidate ids in the common numbering). */
export function gatherParts(parts: readonly BucketPart[], layout: Layout, g: number, rows: GroupRows, seen: CandidateSet | null): void {
  const st = g * STATE;
  let n = 0;
  for (const part of parts) n += part.state[st + COUNT]!;
  rows.n = n;
  if (n === 0) return;
  rows.ensure(n);
  // ranks are usually 1..n: each row goes straight to its slot; otherwise (gaps) rows are sorted after
  rows.rank.fill(0, 0, n);
  seen?.clear(n);
  if (!place(parts, layout, g, rows, seen, true)) {
    // the first pass stopped part-way: read every row again, in file order
    seen?.clear(n);
    place(parts, layout, g, rows, seen, false);
    const dup = rows.sortByRank();
    if (dup >= 0) throw new Duplicate('rank', rows.candidate[dup]!, g, rows.rank[dup]!);
  }
}

/**
 * Reads the group's records into rows: in rank slots when `bySlot` (returns false as soon as a rank
 * is above the count: not 1..n; the caller then reads them again in file order, `bySlot` false).
 */
function place(parts: readonly BucketPart[], layout: Layout, g: number, rows: GroupRows, seen: CandidateSet | null, bySlot: boolean): boolean {
  const st = g * STATE;
  const n = rows.n;
  const { candidate, rank, code, flags, preference } = rows;
  const round = layout === 'round';
  const words = round ? 4 : 2;
  let j = 0;
  for (const part of parts) {
    const count = part.state[st + COUNT]!;
    if (count === 0) continue;
    const map = part.candidateMap;
    const inFirst = part.inFirst;
    const base = part.candidateBase;
    const flagsOffset = part.flagsOffset;
    const tail = part.state[st + TAIL]!;
    const tailFill = ((count - 1) & (BLOCK - 1)) + 1;
    // the chain first, reading each block's first record on the way: those reads do not wait for
    // one another, so their cache misses overlap, and the records below are then in cache
    const blocks = rows.blockList(Math.ceil(count / BLOCK));
    let chained = 0;
    let touched = 0;
    for (let block = part.state[st + HEAD]!; block >= 0; block = part.next[block]!) {
      blocks[chained++] = block;
      touched |= part.chunks[block >> CHUNK_SHIFT]![(block & CHUNK_MASK) * BLOCK * words]!;
    }
    rows.touched = touched;
    for (let k = 0; k < chained; k++) {
      const block = blocks[k]!;
      const chunk = part.chunks[block >> CHUNK_SHIFT]!;
      const last = block === tail ? tailFill : BLOCK;
      let at = (block & CHUNK_MASK) * BLOCK * words;
      for (let i = 0; i < last; i++, at += words, j++) {
        const w0 = chunk[at]!;
        const r = chunk[at + 1]!;
        let c = round ? w0 >>> 3 : w0 >>> 4;
        if (map !== null) c = (inFirst![c >>> 5]! >>> (c & 31)) & 1 ? map[c]! : base + c;
        if (seen && !seen.add(c)) throw new Duplicate('candidate', c, g, 0);
        let slot = j;
        if (bySlot) {
          if (r > n) return false;
          slot = r - 1;
          if (rank[slot] !== 0) throw new Duplicate('rank', c, g, r);
        }
        candidate[slot] = c;
        rank[slot] = r;
        if (round) {
          code[slot] = w0 & 7;
          flags[slot] = chunk[at + 2]! + flagsOffset;
          preference[slot] = chunk[at + 3]!;
        } else {
          code[slot] = w0 & 15;
        }
      }
    }
  }
  return true;
}

/**
 * The bytes group g's rows take in the output, summed over the parts: what the reading counted for
 * each row (see WishSink), plus on each row the group's field and the separators, and for the call
 * order the call ranks 1..n. Lets two threads write their groups into one file at once, each at its
 * own offset (parallel.ts). −1 when a part's count overflowed (the caller then runs on one thread).
 */
export function outputBytes(parts: readonly BucketPart[], layout: Layout, g: number, groupField: number): number {
  let n = 0;
  let bytes = 0;
  for (const part of parts) {
    n += part.state[g * STATE + COUNT]!;
    const counted = part.state[g * STATE + BYTES]!;
    if (counted < 0) return -1;
    bytes += counted;
  }
  if (layout === 'round') return bytes + n * (groupField + 6); // 5 commas and the line end
  // call order: group,candidate,call_rank — the ranks 1..n
  let rankDigits = 0;
  for (let d = 1, from = 1; from <= n; d++, from *= 10) rankDigits += d * (Math.min(n, from * 10 - 1) - from + 1);
  return bytes + n * (groupField + 3) + rankDigits;
}

/** Wishes per group summed over the parts (for sharing the groups between threads). */
export function groupCounts(parts: readonly BucketPart[], groups: number): Int32Array {
  const counts = new Int32Array(groups);
  for (const part of parts) for (let g = 0; g < groups; g++) counts[g]! += part.state[g * STATE + COUNT]!;
  return counts;
}

/**
 * Finds the lines of a Duplicate by reading the file again and returns the CsvError to report (on
 * the second line, naming the first).
 */
export function locate(t: WishBuckets, d: Duplicate): CsvError {
  const lines: number[] = [];
  const groups = t.groups;
  const sink: CsvSink = {
    row(b, fs, fe, line) {
      if (d.kind !== 'preference' && !groups.ids.equals(d.group, b, fs[W_GROUP]!, fe[W_GROUP]!)) return;
      if (d.kind === 'rank' && parseUint(b, fs[W_RANK]!, fe[W_RANK]!) !== d.value) return;
      if (d.kind !== 'rank' && !t.candidates.equals(d.candidate, b, fs[W_CANDIDATE]!, fe[W_CANDIDATE]!)) return;
      if (d.kind === 'preference' && parseUint(b, fs[W_PREFERENCE]!, fe[W_PREFERENCE]!) !== d.value) return;
      lines.push(line);
    },
  };
  readCsv(t.source, t.file, WISH_COLUMNS, sink);
  const [first = 0, second = first] = lines;
  const column = d.kind === 'rank' ? W_RANK : d.kind === 'candidate' ? W_CANDIDATE : W_PREFERENCE;
  const group = () => groups.ids.text(d.group);
  const detail =
    d.kind === 'rank'
      ? `rang ${d.value} déjà donné ligne ${first} dans le groupe « ${group()} »`
      : d.kind === 'candidate'
        ? `candidat « ${t.candidates.text(d.candidate)} » déjà présent ligne ${first} dans le groupe « ${group()} »`
        : `préférence ${d.value} déjà donnée ligne ${first} par le candidat « ${t.candidates.text(d.candidate)} »`;
  return new CsvError(t.file, second, t.columnOf[column]!, WISH_COLUMNS[column]!, detail);
}
