/**
 * The two batch jobs of `fabriques admissions`: the call order of every group, and one offer round,
 * from G.csv and W.csv to one output file. The output goes to a temporary file renamed at the end, so
 * a bad input (found while reading, or while processing a group) leaves no output file.
 */
import { performance } from 'node:perf_hooks';
import { autoRespondKernel } from '../domain/auto-responder.ts';
import { CallOrderScratch, MAX_CONSTRAINTS, callOrderKernel } from '../domain/call-order.ts';
import { offerRoundKernel } from '../domain/round.ts';
import { STATUS_NAMES } from '../domain/status.ts';
import type { CsvSource } from './csv.ts';
import { readGroups, type GroupTable } from './groups.ts';
import { unpack, type ByteInterner } from './interner.ts';
import { CandidateSet, Duplicate, gatherGroup, gatherParts, GroupRows, locate, readWishes, WISH_COLUMNS, type BucketPart, type Layout, type WishBuckets } from './wishes.ts';
import { field, putField, putInt, putPacked, SECOND_ARENA, writeAtomically, type ByteWriter, type Field } from './writer.ts';
import { admissionsAddon, type CallOrderRows } from './native.ts';

const COMMA = 44;
const LF = 10;

export interface BatchInput {
  groups: CsvSource;
  wishes: CsvSource;
  /** Names used in error messages. */
  groupsName: string;
  wishesName: string;
}

export interface Timings {
  /** Threads that did the job (parallel.ts): 1, or 2 when W.csv was read in two parts. */
  threads: number;
  readMs: number;
  /** CPU time (user + system) of the reading, and of everything after it. */
  readCpuMs: number;
  afterReadCpuMs: number;
  /** Gathering each group in rank order and running the engine on it. */
  computeMs: number;
  /** Formatting and writing the output. */
  writeMs: number;
}

export const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;

function load(input: BatchInput, layout: Layout): WishBuckets {
  const groups = readGroups(input.groups, input.groupsName);
  return readWishes(input.wishes, input.wishesName, groups, layout);
}

/** Runs `job`, turning a Duplicate found on the way into the CsvError naming its lines. */
function located<T>(t: WishBuckets, job: () => T): T {
  try {
    return job();
  } catch (e) {
    if (e instanceof Duplicate) throw locate(t, e);
    throw e;
  }
}

export interface CallOrderResult {
  groups: number;
  wishes: number;
  candidates: number;
  /** Wishes whose call rank differs from their rank position. */
  moved: number;
  bytes: number;
  timings: Timings;
}

/**
 * What writing the output of a range of groups needs: the buckets of every part of the file (one,
 * or one per thread) and the names, in the common numbering of candidates.
 */
export interface Output {
  groups: GroupTable;
  order: Int32Array;
  layout: Layout;
  parts: BucketPart[];
  names: Names;
  /** The native writer of the call order's rows over `names` (null: the JavaScript one). */
  rows: CallOrderRows | null;
  /** Round: every flags text (the parts' texts one after the other). */
  flags: Int32Array;
  flagsArena: Uint8Array;
  maxRow: number;
}

/** Candidate names: ids below `first` are the first part's, the others the second part's (id − first). */
export interface Names {
  first: number;
  /** ByteInterner.compact() of the first part's candidates, and their interner's start and arena; then the second part's. */
  compact: Int32Array;
  start: Int32Array;
  arena: Uint8Array;
  compact2: Int32Array;
  start2: Int32Array;
  arena2: Uint8Array;
}

/** Copies the name of candidate c (common numbering) to local[4j..4j+3], in ByteInterner.packed()'s form. */
function copyName(names: Names, c: number, local: Int32Array, j: number): void {
  if (c < names.first) unpack(names.compact, names.start, c, local, j, 0);
  else unpack(names.compact2, names.start2, c - names.first, local, j, SECOND_ARENA);
}

/** The output of a file read by this thread alone; `native` false: written without the native module. */
function singleOutput(t: WishBuckets, native = true): Output {
  const flags = t.layout === 'round' ? t.flagTexts.packed() : new Int32Array(0);
  const names: Names = { first: t.candidates.size, compact: t.candidates.compact(), start: t.candidates.start, arena: t.candidates.arena, compact2: new Int32Array(0), start2: new Int32Array(0), arena2: new Uint8Array(0) };
  return {
    groups: t.groups,
    order: t.order,
    layout: t.layout,
    parts: [t],
    names,
    rows: t.layout === 'call-order' && native ? callOrderRows(names) : null,
    flags,
    flagsArena: t.flagTexts.arena,
    maxRow: maxRow(t.candidates.maxLength(), t.groups.ids.maxLength(), t.layout === 'round' ? t.flagTexts.maxLength() : 0),
  };
}

/** The native writer of the call order's rows, when the native module is built. */
export function callOrderRows(names: Names): CallOrderRows | null {
  const addon = admissionsAddon();
  return addon ? new addon.CallOrderRows(names.first, names.compact, names.start, names.arena, names.compact2, names.start2, names.arena2) : null;
}

/** Room for one output row: every field doubled (quotes), plus numbers and separators. */
export function maxRow(candidate: number, group: number, flags: number): number {
  return 2 * (candidate + group + flags) + 64;
}

/** Runs the call order of groups order[from..to) and writes their rows. */
export function callOrderGroups(w: ByteWriter, o: Output, from: number, to: number): { moved: number; computeMs: number } {
  const groups = o.groups;
  const rows = new GroupRows();
  const seen = new CandidateSet();
  let called = new Int32Array(1024);
  const rates = new Float64Array(MAX_CONSTRAINTS);
  const scratch = new CallOrderScratch();
  let moved = 0;
  let computeMs = 0;
  const { names, maxRow } = o;
  let local = new Int32Array(4096);
  for (let k = from; k < to; k++) {
    const c0 = performance.now();
    const g = o.order[k]!;
    gatherParts(o.parts, o.layout, g, rows, seen);
    const n = rows.n;
    if (called.length < n) called = new Int32Array(Math.max(n, called.length * 2));
    const m = groups.constraintCount[g]!;
    for (let p = 0; p < m; p++) rates[p] = groups.rate[g * MAX_CONSTRAINTS + p]!;
    callOrderKernel(rows.code, 0, n, rates, m, called, 0, undefined, scratch);
    computeMs += performance.now() - c0;
    const groupField = field(csvField(groups.ids, g));
    for (let j = 0; j < n; j++) if (called[j] !== j) moved++;
    if (o.rows) {
      // native: the names prefetched a few rows ahead
      for (let j = 0; j < n; ) {
        [w.pos, j] = o.rows.write(w.buf, w.pos, groupField.bytes, rows.candidate, called, j, n);
        if (j < n) w.room(maxRow);
      }
      continue;
    }
    // the names first, in a tight loop whose cache misses overlap, then the formatting
    if (local.length < 4 * n) local = new Int32Array(Math.max(4 * n, local.length * 2));
    for (let j = 0; j < n; j++) copyName(names, rows.candidate[called[j]!]!, local, j);
    for (let j = 0; j < n; j++) {
      if (w.pos + maxRow > w.buf.length) w.room(maxRow);
      const buf = w.buf;
      const view = w.view;
      let at = putField(buf, view, w.pos, groupField);
      buf[at++] = COMMA;
      at = putPacked(buf, view, at, local, j, names.arena, names.arena2);
      buf[at++] = COMMA;
      at = putInt(buf, at, j + 1);
      buf[at++] = LF;
      w.pos = at;
    }
  }
  return { moved, computeMs };
}

export const CALL_ORDER_HEADER = 'group,candidate,call_rank\n';

/** `call-order`: every wish of the file is ranked, whatever its status. Writes group,candidate,call_rank. */
export function runCallOrder(input: BatchInput, out: string, options: { native?: boolean } = {}): CallOrderResult {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const t = load(input, 'call-order');
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const o = singleOutput(t, options.native ?? true);
  let done = { moved: 0, computeMs: 0 };
  const bytes = located(t, () =>
    writeAtomically(out, (w) => {
      w.ascii(CALL_ORDER_HEADER);
      done = callOrderGroups(w, o, 0, t.order.length);
    }),
  );
  const t2 = performance.now();
  return {
    groups: t.groups.size,
    wishes: t.n,
    candidates: t.candidates.size,
    moved: done.moved,
    bytes,
    timings: { threads: 1, readMs: t1 - t0, computeMs: done.computeMs, writeMs: t2 - t1 - done.computeMs, readCpuMs: cpuMs(cpu0, cpu1), afterReadCpuMs: cpuMs(cpu1, process.cpuUsage()) },
  };
}

export interface RoundResult {
  groups: number;
  wishes: number;
  candidates: number;
  /** Offers made by this round. */
  offers: number;
  /** Statuses changed by the automatic responder. */
  autoResponses: number;
  /** Wishes per status after the round. */
  statuses: Record<(typeof STATUS_NAMES)[number], number>;
  bytes: number;
  timings: Timings;
}

const STATUS_FIELDS = STATUS_NAMES.map((s) => field(Buffer.from(s, 'latin1')));

/** A value as the bytes of a CSV field (quoted when needed), for values written once per row of a group. */
export function csvField(interner: ByteInterner, id: number): Uint8Array {
  const text = interner.text(id);
  return Buffer.from(interner.quote[id] ? `"${text.replaceAll('"', '""')}"` : text, 'utf8');
}

/** Writes rows 0..n−1 of the group in W.csv's columns; `status[at + j]` is row j's status, counted in perStatus. */
function writeWishRows(w: ByteWriter, o: Output, local: Int32Array, groupField: Field, rows: GroupRows, status: Uint8Array, at: number, perStatus: Int32Array): void {
  const { names, flags, flagsArena, maxRow } = o;
  // the names first, in a tight loop whose cache misses overlap, then the formatting
  for (let j = 0; j < rows.n; j++) copyName(names, rows.candidate[j]!, local, j);
  for (let j = 0; j < rows.n; j++) {
    const s = status[at + j]!;
    perStatus[s]!++;
    if (w.pos + maxRow > w.buf.length) w.room(maxRow);
    const buf = w.buf;
    const view = w.view;
    let p = putPacked(buf, view, w.pos, local, j, names.arena, names.arena2);
    buf[p++] = COMMA;
    p = putField(buf, view, p, groupField);
    buf[p++] = COMMA;
    p = putInt(buf, p, rows.rank[j]!);
    buf[p++] = COMMA;
    p = putPacked(buf, view, p, flags, rows.flags[j]!, flagsArena);
    buf[p++] = COMMA;
    p = putField(buf, view, p, STATUS_FIELDS[s]!);
    buf[p++] = COMMA;
    p = putInt(buf, p, rows.preference[j]!);
    buf[p++] = LF;
    w.pos = p;
  }
}

/** Scratch for writing a group's rows, grown to the largest group. */
class Local {
  words = new Int32Array(4096);
  ensure(n: number): Int32Array {
    if (this.words.length < 4 * n) this.words = new Int32Array(Math.max(4 * n, this.words.length * 2));
    return this.words;
  }
}

/** Runs one round (no responder) on groups order[from..to) and writes their rows. */
export function roundGroups(w: ByteWriter, o: Output, from: number, to: number, perStatus: Int32Array): { offers: number; computeMs: number } {
  const rows = new GroupRows();
  const seen = new CandidateSet();
  const local = new Local();
  let offers = 0;
  let computeMs = 0;
  for (let k = from; k < to; k++) {
    const c0 = performance.now();
    const g = o.order[k]!;
    gatherParts(o.parts, o.layout, g, rows, seen);
    offers += offerRoundKernel(rows.code, rows.rank, 0, rows.n, o.groups.offerTarget[g]!, o.groups.blockCallRank[g]!, rows.code).offers;
    computeMs += performance.now() - c0;
    writeWishRows(w, o, local.ensure(rows.n), field(csvField(o.groups.ids, g)), rows, rows.code, 0, perStatus);
  }
  return { offers, computeMs };
}

export const ROUND_HEADER = `${WISH_COLUMNS.join(',')}\n`;

/**
 * `round`: one offer round; `rank` is the call rank. With `autoResponder`, candidates who ordered all
 * their live wishes then have their offers answered (ADMISSIONS.md §2). Writes W.csv's columns.
 */
export function runRound(input: BatchInput, out: string, options: { autoResponder: boolean }): RoundResult {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const t = load(input, 'round');
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const o = singleOutput(t);
  const perStatus = new Int32Array(STATUS_NAMES.length);
  let offers = 0;
  let autoResponses = 0;
  let computeMs = 0;
  const bytes = located(t, () => {
    if (!options.autoResponder) {
      // one pass: each group is gathered, run and written
      return writeAtomically(out, (w) => {
        w.ascii(ROUND_HEADER);
        ({ offers, computeMs } = roundGroups(w, o, 0, t.order.length, perStatus));
      });
    }
    // the responder works across groups: run every group first, keeping statuses in output order
    const groups = t.groups;
    const rows = new GroupRows();
    const seen = new CandidateSet();
    const status = new Uint8Array(t.n);
    const preference = new Int32Array(t.n);
    const candidate = new Int32Array(t.n);
    for (let k = 0, p = 0; k < t.order.length; k++) {
      const c0 = performance.now();
      const g = t.order[k]!;
      gatherGroup(t, g, rows, seen);
      offers += offerRoundKernel(rows.code, rows.rank, 0, rows.n, groups.offerTarget[g]!, groups.blockCallRank[g]!, rows.code).offers;
      computeMs += performance.now() - c0;
      status.set(rows.code.subarray(0, rows.n), p);
      preference.set(rows.preference.subarray(0, rows.n), p);
      candidate.set(rows.candidate.subarray(0, rows.n), p);
      p += rows.n;
    }
    const c1 = performance.now();
    autoResponses = respond(t, candidate, status, preference);
    computeMs += performance.now() - c1;
    const local = new Local();
    return writeAtomically(out, (w) => {
      w.ascii(ROUND_HEADER);
      for (let k = 0, p = 0; k < t.order.length; k++) {
        const g = t.order[k]!;
        gatherGroup(t, g, rows, null);
        writeWishRows(w, o, local.ensure(rows.n), field(csvField(groups.ids, g)), rows, status, p, perStatus);
        p += rows.n;
      }
    });
  });
  const t2 = performance.now();
  return {
    groups: t.groups.size,
    wishes: t.n,
    candidates: t.candidates.size,
    offers,
    autoResponses,
    statuses: statusCounts(perStatus),
    bytes,
    timings: { threads: 1, readMs: t1 - t0, computeMs, writeMs: t2 - t1 - computeMs, readCpuMs: cpuMs(cpu0, cpu1), afterReadCpuMs: cpuMs(cpu1, process.cpuUsage()) },
  };
}

export function statusCounts(perStatus: Int32Array): RoundResult['statuses'] {
  return Object.fromEntries(STATUS_NAMES.map((name, code) => [name, perStatus[code]!])) as RoundResult['statuses'];
}

/**
 * The automatic responder over all wishes (indexed by output position): groups them by candidate,
 * checks that a candidate's non-zero preferences are distinct, and answers. Returns the changes.
 */
function respond(t: WishBuckets, candidate: Int32Array, status: Uint8Array, preference: Int32Array): number {
  const C = t.candidates.size;
  const n = candidate.length;
  const start = new Int32Array(C + 1);
  for (let p = 0; p < n; p++) start[candidate[p]! + 1]!++;
  for (let c = 0; c < C; c++) start[c + 1]! += start[c]!;
  const cursor = start.slice(0, C);
  const order = new Int32Array(n);
  for (let p = 0; p < n; p++) order[cursor[candidate[p]!]!++] = p;
  let changes = 0;
  for (let c = 0; c < C; c++) {
    const a = start[c]!;
    const b = start[c + 1]!;
    if (b - a <= 64) {
      for (let j = a + 1; j < b; j++) {
        const v = preference[order[j]!]!;
        if (v === 0) continue;
        for (let i = a; i < j; i++) if (preference[order[i]!] === v) throw new Duplicate('preference', c, -1, v);
      }
    } else {
      const values = Int32Array.from(order.subarray(a, b), (p) => preference[p]!).sort();
      for (let j = 1; j < values.length; j++) if (values[j] !== 0 && values[j] === values[j - 1]) throw new Duplicate('preference', c, -1, values[j]!);
    }
    changes += autoRespondKernel(order, a, b, status, preference, status);
  }
  return changes;
}
