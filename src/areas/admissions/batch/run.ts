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
import { readGroups } from './groups.ts';
import type { ByteInterner } from './interner.ts';
import { Duplicate, gatherGroup, GroupRows, locate, readWishes, WISH_COLUMNS, type Layout, type WishBuckets } from './wishes.ts';
import { putBytes, putInt, putPacked, writeAtomically, type ByteWriter } from './writer.ts';

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
  readMs: number;
  /** CPU time (user + system) of the reading, and of everything after it. */
  readCpuMs: number;
  afterReadCpuMs: number;
  /** Gathering each group in rank order and running the engine on it. */
  computeMs: number;
  /** Formatting and writing the output. */
  writeMs: number;
}

const cpuMs = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1000;

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

/** `call-order`: every wish of the file is ranked, whatever its status. Writes group,candidate,call_rank. */
export function runCallOrder(input: BatchInput, out: string): CallOrderResult {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const t = load(input, 'call-order');
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const groups = t.groups;
  const rows = new GroupRows();
  const seen = new Int32Array(t.candidates.size).fill(-1);
  let called = new Int32Array(1024);
  const rates = new Float64Array(MAX_CONSTRAINTS);
  const scratch = new CallOrderScratch();
  let moved = 0;
  let computeMs = 0;
  const names = t.candidates.packed();
  const arena = t.candidates.arena;
  const maxRow = 2 * (t.candidates.maxLength() + groups.ids.maxLength()) + 32;
  let local = new Int32Array(4096);
  const bytes = located(t, () =>
    writeAtomically(out, (w) => {
      w.ascii('group,candidate,call_rank\n');
      for (let k = 0; k < t.order.length; k++) {
        const c0 = performance.now();
        const g = t.order[k]!;
        gatherGroup(t, g, k, rows, seen);
        const n = rows.n;
        if (called.length < n) called = new Int32Array(Math.max(n, called.length * 2));
        const m = groups.constraintCount[g]!;
        for (let p = 0; p < m; p++) rates[p] = groups.rate[g * MAX_CONSTRAINTS + p]!;
        callOrderKernel(rows.code, 0, n, rates, m, called, 0, undefined, scratch);
        computeMs += performance.now() - c0;
        const groupField = csvField(groups.ids, g);
        // the names first, in a tight loop whose cache misses overlap, then the formatting
        if (local.length < 4 * n) local = new Int32Array(Math.max(4 * n, local.length * 2));
        for (let j = 0; j < n; j++) {
          const c = rows.candidate[called[j]!]!;
          local[4 * j] = names[4 * c]!;
          local[4 * j + 1] = names[4 * c + 1]!;
          local[4 * j + 2] = names[4 * c + 2]!;
          local[4 * j + 3] = names[4 * c + 3]!;
        }
        for (let j = 0; j < n; j++) {
          if (called[j] !== j) moved++;
          if (w.pos + maxRow > w.buf.length) w.room(maxRow);
          const buf = w.buf;
          let at = putBytes(buf, w.pos, groupField);
          buf[at++] = COMMA;
          at = putPacked(buf, at, local, j, arena);
          buf[at++] = COMMA;
          at = putInt(buf, at, j + 1);
          buf[at++] = LF;
          w.pos = at;
        }
      }
    }),
  );
  const t2 = performance.now();
  return {
    groups: groups.size,
    wishes: t.n,
    candidates: t.candidates.size,
    moved,
    bytes,
    timings: { readMs: t1 - t0, computeMs, writeMs: t2 - t1 - computeMs, readCpuMs: cpuMs(cpu0, cpu1), afterReadCpuMs: cpuMs(cpu1, process.cpuUsage()) },
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

const STATUS_BYTES = STATUS_NAMES.map((s) => Buffer.from(s, 'latin1'));

/** A value as the bytes of a CSV field (quoted when needed), for values written once per row of a group. */
function csvField(interner: ByteInterner, id: number): Uint8Array {
  const text = interner.text(id);
  return Buffer.from(interner.quote[id] ? `"${text.replaceAll('"', '""')}"` : text, 'utf8');
}

/** What writeWishRows needs, prepared once. */
interface WishOutput {
  names: Int32Array;
  arena: Uint8Array;
  flags: Int32Array;
  flagsArena: Uint8Array;
  maxRow: number;
  perStatus: Int32Array;
  local: Int32Array;
}

function wishOutput(t: WishBuckets): WishOutput {
  return {
    names: t.candidates.packed(),
    arena: t.candidates.arena,
    flags: t.flagTexts.packed(),
    flagsArena: t.flagTexts.arena,
    maxRow: 2 * (t.candidates.maxLength() + t.groups.ids.maxLength() + t.flagTexts.maxLength()) + 64,
    perStatus: new Int32Array(STATUS_NAMES.length),
    local: new Int32Array(4096),
  };
}

/** Writes rows 0..n−1 of the group in W.csv's columns; `status[at + j]` is row j's status. */
function writeWishRows(w: ByteWriter, o: WishOutput, groupField: Uint8Array, rows: GroupRows, status: Uint8Array, at: number): void {
  const { names, arena, flags, flagsArena, maxRow, perStatus } = o;
  // the names first, in a tight loop whose cache misses overlap, then the formatting
  if (o.local.length < 4 * rows.n) o.local = new Int32Array(Math.max(4 * rows.n, o.local.length * 2));
  const local = o.local;
  for (let j = 0; j < rows.n; j++) {
    const c = rows.candidate[j]!;
    local[4 * j] = names[4 * c]!;
    local[4 * j + 1] = names[4 * c + 1]!;
    local[4 * j + 2] = names[4 * c + 2]!;
    local[4 * j + 3] = names[4 * c + 3]!;
  }
  for (let j = 0; j < rows.n; j++) {
    const s = status[at + j]!;
    perStatus[s]!++;
    if (w.pos + maxRow > w.buf.length) w.room(maxRow);
    const buf = w.buf;
    let p = putPacked(buf, w.pos, local, j, arena);
    buf[p++] = COMMA;
    p = putBytes(buf, p, groupField);
    buf[p++] = COMMA;
    p = putInt(buf, p, rows.rank[j]!);
    buf[p++] = COMMA;
    p = putPacked(buf, p, flags, rows.flags[j]!, flagsArena);
    buf[p++] = COMMA;
    p = putBytes(buf, p, STATUS_BYTES[s]!);
    buf[p++] = COMMA;
    p = putInt(buf, p, rows.preference[j]!);
    buf[p++] = LF;
    w.pos = p;
  }
}

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
  const groups = t.groups;
  const rows = new GroupRows();
  const seen = new Int32Array(t.candidates.size).fill(-1);
  const output = wishOutput(t);
  const perStatus = output.perStatus;
  let offers = 0;
  let autoResponses = 0;
  let computeMs = 0;
  const round = (k: number) => {
    const g = t.order[k]!;
    gatherGroup(t, g, k, rows, seen);
    offers += offerRoundKernel(rows.code, rows.rank, 0, rows.n, groups.offerTarget[g]!, groups.blockCallRank[g]!, rows.code).offers;
    return g;
  };
  const bytes = located(t, () => {
    if (!options.autoResponder) {
      // one pass: each group is gathered, run and written
      return writeAtomically(out, (w) => {
        w.ascii(`${WISH_COLUMNS.join(',')}\n`);
        for (let k = 0; k < t.order.length; k++) {
          const c0 = performance.now();
          const g = round(k);
          computeMs += performance.now() - c0;
          writeWishRows(w, output, csvField(groups.ids, g), rows, rows.code, 0);
        }
      });
    }
    // the responder works across groups: run every group first, keeping statuses in output order
    const status = new Uint8Array(t.n);
    const preference = new Int32Array(t.n);
    const candidate = new Int32Array(t.n);
    for (let k = 0, p = 0; k < t.order.length; k++) {
      const c0 = performance.now();
      round(k);
      computeMs += performance.now() - c0;
      status.set(rows.code.subarray(0, rows.n), p);
      preference.set(rows.preference.subarray(0, rows.n), p);
      candidate.set(rows.candidate.subarray(0, rows.n), p);
      p += rows.n;
    }
    const c1 = performance.now();
    autoResponses = respond(t, candidate, status, preference);
    computeMs += performance.now() - c1;
    return writeAtomically(out, (w) => {
      w.ascii(`${WISH_COLUMNS.join(',')}\n`);
      for (let k = 0, p = 0; k < t.order.length; k++) {
        const g = t.order[k]!;
        gatherGroup(t, g, k, rows, null);
        writeWishRows(w, output, csvField(groups.ids, g), rows, status, p);
        p += rows.n;
      }
    });
  });
  const t2 = performance.now();
  return {
    groups: groups.size,
    wishes: t.n,
    candidates: t.candidates.size,
    offers,
    autoResponses,
    statuses: Object.fromEntries(STATUS_NAMES.map((name, code) => [name, perStatus[code]!])) as RoundResult['statuses'],
    bytes,
    timings: { readMs: t1 - t0, computeMs, writeMs: t2 - t1 - computeMs, readCpuMs: cpuMs(cpu0, cpu1), afterReadCpuMs: cpuMs(cpu1, process.cpuUsage()) },
  };
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
