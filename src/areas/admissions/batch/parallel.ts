/**
 * The two batch jobs on two threads (ADR 0015). W.csv is cut into pieces at line ends; this thread
 * and a worker thread each take the next free piece until none is left, each into its own buckets
 * in shared memory (a thread's "part" is the pieces it read). The worker's candidates are then
 * numbered after this thread's, half by each thread (a candidate in both parts gets this thread's
 * id). The reading counted the bytes each group's rows take (`outputBytes`), so every group's offset
 * in the output is known: the groups, in output order, are cut into runs of about equal wish counts,
 * and each thread takes the next run not taken, gathers its groups from both parts' buckets, runs
 * them and writes their rows into the output's temporary file at the run's offset. Every group sees
 * all its wishes, so the output is the one thread's, byte for byte; each run's size is checked.
 *
 * Anything unusual — a small file, a bad row, a duplicate, a cut inside a quoted field, a worker that
 * fails — falls back to the one-thread job (run.ts), which gives the error with its lines.
 * The automatic responder works across groups and stays on one thread.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { buildModule, compiledModule } from '../../../shared/compiled-module.mjs';
import { STATUS_NAMES } from '../domain/status.ts';
import { readCsvHeader, type CsvHeader } from './csv.ts';
import { readGroups } from './groups.ts';
import { ByteInterner, LONG, type InternerState } from './interner.ts';
import { alloc } from './memory.ts';
import {
  CALL_ORDER_HEADER,
  callOrderGroups,
  callOrderRows,
  cpuMs,
  csvField,
  maxRow,
  ROUND_HEADER,
  roundGroups,
  runCallOrder,
  runRound,
  statusCounts,
  type BatchInput,
  type CallOrderResult,
  type Names,
  type Output,
  type RoundResult,
} from './run.ts';
import { groupCounts, outputBytes, readWishPieces, WISH_COLUMNS, WishBuckets, type BucketPart, type Layout } from './wishes.ts';
import { AtomicFile, type ByteWriter } from './writer.ts';

const TRACE = process.env.FABRIQUES_TRACE === '1';
/** FABRIQUES_TRACE=1: the steps of both threads on stderr, in ms since the process started, with the process's memory. */
export const trace = (what: string) => {
  if (TRACE) console.error(`${(performance.timeOrigin + performance.now() - PROCESS_START).toFixed(0).padStart(6)} ms ${String(Math.round(process.memoryUsage.rss() / 2 ** 20)).padStart(5)} MB ${what}`);
};
const PROCESS_START = Date.now() - process.uptime() * 1000;

export interface ParallelOptions {
  /** Threads to use (2 at most); 1 runs the one-thread job. Default: 2 when the machine has 2 cores. */
  threads?: number;
  /** Smaller files are read by one thread (starting a worker costs a few hundred ms). */
  minBytes?: number;
  /**
   * W.csv is read in this many pieces, each thread taking the next one free: the worker starts later
   * and the two cores may not run at the same speed, so a fixed half would leave one thread waiting.
   */
  pieces?: number;
  /** At most this many pieces for this thread, the worker reading the others (for tests). */
  firstTakes?: number;
}

const DEFAULTS = { minBytes: 32 << 20, pieces: 48 };
/** Runs of groups shared out between the threads after the reading (see writeRuns). */
export const RUNS = 64;

/** What a thread hands the other of the part it read (shared memory, no copy). */
export interface PartState {
  state: Int32Array;
  next: Int32Array;
  chunks: Int32Array[];
  candidates: InternerState;
  flagTexts: InternerState;
  acceptedLine: Int32Array;
  longest: { candidate: number; flags: number };
}

export function partState(t: WishBuckets): PartState {
  return {
    state: t.state,
    next: t.next,
    chunks: t.chunks,
    candidates: t.candidates.state(),
    flagTexts: t.flagTexts.state(),
    acceptedLine: t.acceptedLine,
    longest: { candidate: t.candidates.maxLength(), flags: t.flagTexts.maxLength() },
  };
}

/** The second part's candidates in the common numbering (see BucketPart), filled by both threads. */
export interface Numbering {
  map: Int32Array;
  inFirst: Int32Array;
}

/** The numbering, and the worker's candidate names (ByteInterner.compact) for writing rows. */
export interface Mapped extends Numbering {
  names: Int32Array;
}

export interface WorkerJob {
  layout: Layout;
  input: BatchInput;
  wishesPath: string;
  header: CsvHeader;
  /** The pieces of W.csv (see readWishPieces) and the shared counter of pieces taken. */
  bounds: number[];
  next: Int32Array;
  /** The output's temporary file, where the worker writes the runs of groups it takes (writeRuns). */
  outputTemp: string;
  /** The shared counter of runs taken. */
  taken: Int32Array;
  /** Set by the first thread once it has numbered its half of the worker's candidates: 1 done, 2 failed. */
  numbered: Int32Array;
}

/**
 * The groups, in output order, cut into runs of about equal wish counts: run r is groups
 * order[start[r] .. start[r+1]) and its rows take bytes offset[r] .. offset[r+1] of the output (the
 * header comes first). Null when a count overflowed (then one thread).
 */
export interface WritePlan {
  start: Int32Array;
  offset: Float64Array;
  /** Wishes of all the groups. */
  wishes: number;
}

/** The output's header: its columns. */
const headerOf = (layout: Layout) => (layout === 'call-order' ? CALL_ORDER_HEADER : ROUND_HEADER);

export function writePlan(o: Pick<Output, 'layout' | 'order' | 'groups' | 'parts'>, runs: number): WritePlan | null {
  const G = o.order.length;
  const counts = groupCounts(o.parts, o.groups.size);
  let wishes = 0;
  for (let g = 0; g < counts.length; g++) wishes += counts[g]!;
  const start = [0];
  const offset = [headerOf(o.layout).length];
  let done = 0;
  let at = offset[0]!;
  for (let k = 0; k < G; k++) {
    if (k > start[start.length - 1]! && done * runs >= wishes * start.length) {
      start.push(k);
      offset.push(at);
    }
    const g = o.order[k]!;
    const bytes = outputBytes(o.parts, o.layout, g, csvField(o.groups.ids, g).length);
    if (bytes < 0) return null;
    done += counts[g]!;
    at += bytes;
  }
  start.push(G);
  offset.push(at);
  return { start: Int32Array.from(start), offset: Float64Array.from(offset), wishes };
}

/** What a thread did of the runs it took. */
export interface RunsDone {
  bytes: number;
  moved: number;
  offers: number;
  perStatus: Int32Array;
  computeMs: number;
}

/**
 * Takes the next run not taken (`taken[0]`, counted atomically by both threads) until none is left:
 * runs its groups and writes their rows at the run's offset, checking that they take the bytes
 * planned. Each thread ends within about one run of the other, whatever their speed.
 */
export function writeRuns(w: ByteWriter, o: Output, plan: WritePlan, taken: Int32Array): RunsDone {
  const done: RunsDone = { bytes: 0, moved: 0, offers: 0, perStatus: new Int32Array(STATUS_NAMES.length), computeMs: 0 };
  const runs = plan.start.length - 1;
  for (let r: number; (r = Atomics.add(taken, 0, 1)) < runs; ) {
    w.seek(plan.offset[r]!);
    const before = w.bytes;
    if (o.layout === 'call-order') {
      const d = callOrderGroups(w, o, plan.start[r]!, plan.start[r + 1]!);
      done.moved += d.moved;
      done.computeMs += d.computeMs;
    } else {
      const d = roundGroups(w, o, plan.start[r]!, plan.start[r + 1]!, done.perStatus);
      done.offers += d.offers;
      done.computeMs += d.computeMs;
    }
    w.flush();
    if (w.bytes - before !== plan.offset[r + 1]! - plan.offset[r]!) throw new Error('taille écrite inattendue');
  }
  done.bytes = w.bytes;
  return done;
}

/**
 * The second part's candidates from..to in the common numbering (see Mapped): this thread's id when
 * the first part has the candidate (its bit set in `inFirst`), else (first part's count + own id).
 * Both threads number a half at once (ranges cut at a multiple of 32: no word of `inFirst` is
 * written by both). Throws when a candidate holds an accepted offer in both parts (the one-thread
 * job then reports it with its lines).
 */
export function numberCandidates(first: PartState, second: PartState, layout: Layout, from: number, to: number, into: Numbering): void {
  const firstNames = ByteInterner.view(first.candidates);
  const c0 = first.candidates.size;
  const { arena, start } = second.candidates;
  const { map, inFirst } = into;
  for (let c = from; c < to; c++) {
    const id = firstNames.find(arena, start[c]!, start[c + 1]!);
    map[c] = id >= 0 ? id : c0 + c;
    if (id < 0) continue;
    inFirst[c >>> 5]! |= 1 << (c & 31);
    if (layout === 'round' && second.acceptedLine[c] && first.acceptedLine[id]) throw new Error('offre acceptée dans les deux parties');
  }
}

/** Where the worker's half of the numbering ends and this thread's starts. */
export const numberingCut = (candidates: number) => Math.floor(candidates / 64) * 32;

/** The numbering of the second part's candidates, in shared memory, to be filled by numberCandidates. */
export function emptyMapping(candidates: number): Numbering {
  return { map: alloc(Int32Array, candidates, true), inFirst: alloc(Int32Array, (candidates + 31) >>> 5, true) };
}

/** The flags texts of both parts, the second's ids following the first's. */
function bothFlags(first: InternerState, second: InternerState): { packed: Int32Array; arena: Uint8Array } {
  const a = ByteInterner.view(first).packed();
  const b = ByteInterner.view(second).packed();
  const arena = new Uint8Array(first.start[first.size]! + second.start[second.size]!);
  arena.set(first.arena.subarray(0, first.start[first.size]!));
  arena.set(second.arena.subarray(0, second.start[second.size]!), first.start[first.size]!);
  const packed = new Int32Array(a.length + b.length);
  packed.set(a);
  packed.set(b, a.length);
  // long values of the second part: their arena offsets move after the first part's bytes
  for (let i = a.length; i < packed.length; i += 4) if (packed[i]! & LONG) packed[i + 1]! += first.start[first.size]!;
  return { packed, arena };
}

/** The output over both parts, as either thread sees it. */
export function bothOutput(layout: Layout, groups: ReturnType<typeof readGroups>, order: Int32Array, first: PartState, second: PartState, mapped: Mapped, firstNames: Int32Array): Output {
  const c0 = first.candidates.size;
  const view = (p: PartState, flagsOffset: number, map: Mapped | null): BucketPart => ({
    state: p.state,
    next: p.next,
    chunks: p.chunks,
    candidateMap: map?.map ?? null,
    inFirst: map?.inFirst ?? null,
    candidateBase: map ? c0 : 0,
    flagsOffset,
  });
  const flags = layout === 'round' ? bothFlags(first.flagTexts, second.flagTexts) : { packed: new Int32Array(0), arena: new Uint8Array(0) };
  const names: Names = { first: c0, compact: firstNames, start: first.candidates.start, arena: first.candidates.arena, compact2: mapped.names, start2: second.candidates.start, arena2: second.candidates.arena };
  return {
    groups,
    order,
    layout,
    parts: [view(first, 0, null), view(second, first.flagTexts.size, mapped)],
    names,
    rows: layout === 'call-order' ? callOrderRows(names) : null,
    flags: flags.packed,
    flagsArena: flags.arena,
    maxRow: maxRow(Math.max(first.longest.candidate, second.longest.candidate), groups.ids.maxLength(), Math.max(first.longest.flags, second.longest.flags)),
  };
}

/**
 * The bounds of about `count` pieces of the data rows, each starting after a line end (the first at
 * `dataStart`, the last ending at `size`); fewer when the file has fewer lines.
 */
function pieces(path: string, dataStart: number, size: number, count: number): number[] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    const bounds = [dataStart];
    for (let i = 1; i < count; i++) {
      const cut = cutAfter(fd, buf, Math.max(bounds[bounds.length - 1]!, Math.floor(dataStart + ((size - dataStart) * i) / count)), size);
      if (cut < 0) break;
      if (cut > bounds[bounds.length - 1]!) bounds.push(cut);
    }
    bounds.push(size);
    return bounds;
  } finally {
    closeSync(fd);
  }
}

/** The byte after the first line end at or after `at` (the start of the next piece), or −1 if none. */
function cutAfter(fd: number, buf: Buffer, at: number, size: number): number {
  for (let pos = at; pos < size; pos += buf.length) {
    const got = readSync(fd, buf, 0, buf.length, pos);
    const lf = buf.subarray(0, got).indexOf(10);
    if (lf >= 0) return pos + lf + 1 < size ? pos + lf + 1 : -1;
    if (got === 0) break;
  }
  return -1;
}

type Message = { type: 'parsed'; part: PartState; mapping: Numbering } | { type: 'mapped'; names: Int32Array } | { type: 'done'; result: WorkerResult } | { type: 'failed'; message: string };

export type WorkerResult = RunsDone;

/** The worker's messages, one at a time; a failure or an exit rejects. */
class Channel {
  private queue: Message[] = [];
  private waiting: ((m: Message) => void) | null = null;
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (m: Message) => this.push(m));
    worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
    worker.on('exit', (code) => this.fail(new Error(`le fil de travail s’est arrêté (code ${code})`)));
  }

  private push(m: Message) {
    if (m.type === 'failed') return this.fail(new Error(m.message));
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else this.queue.push(m);
  }

  private rejecter: ((e: Error) => void) | null = null;

  private fail(e: Error) {
    this.failure ??= e;
    this.rejecter?.(e);
  }

  next<T extends Message['type']>(type: T): Promise<Extract<Message, { type: T }>> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued as Extract<Message, { type: T }>);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = (m) => (m.type === type ? resolve(m as Extract<Message, { type: T }>) : reject(new Error(`message ${m.type} inattendu`)));
      this.rejecter = reject;
    });
  }
}

function threadsFor(input: BatchInput, options: ParallelOptions): { path: string; size: number } | null {
  const threads = options.threads ?? Math.min(2, availableParallelism());
  const path = input.wishes.path;
  if (threads < 2 || !path) return null;
  const size = statSync(path).size;
  return size >= (options.minBytes ?? DEFAULTS.minBytes) ? { path, size } : null;
}

interface Attempt {
  groups: ReturnType<typeof readGroups>;
  output: Output;
  plan: WritePlan;
  taken: Int32Array;
  channel: Channel;
  file: AtomicFile;
  readMs: number;
  readCpuMs: number;
}

/**
 * Reads both parts and exchanges them; returns null (after cleaning up) when the job must run on one
 * thread. `file` receives this thread's groups.
 */
async function start(input: BatchInput, out: string, layout: Layout, options: ParallelOptions, t0: number, cpu0: NodeJS.CpuUsage): Promise<Attempt | null> {
  const big = threadsFor(input, options);
  if (!big) return null;
  let header: CsvHeader;
  try {
    header = readCsvHeader(big.path, input.wishesName, WISH_COLUMNS);
  } catch {
    return null; // a bad header: the one-thread job reports it
  }
  const entry = new URL('./parallel-worker.ts', import.meta.url);
  const compiled = compiledModule(entry);
  const bounds = pieces(big.path, header.dataStart, big.size, options.pieces ?? DEFAULTS.pieces);
  if (bounds.length < 3) return null;
  const next = alloc(Int32Array, 1, true);
  const file = new AtomicFile(out);
  const taken = alloc(Int32Array, 1, true);
  const numbered = alloc(Int32Array, 1, true);
  const job: WorkerJob = { layout, input, wishesPath: big.path, header, bounds, next, outputTemp: file.temp, taken, numbered };
  const signal = (state: number) => {
    Atomics.store(numbered, 0, state);
    Atomics.notify(numbered, 0);
  };
  // the worker compiled to one JavaScript file starts in ~70 ms; through tsx in ~0.5 s (then the
  // compiled one is built for the next jobs, in esbuild's own process while this thread reads)
  const building = compiled ? null : buildModule(entry);
  const worker = compiled
    ? new Worker(compiled, { workerData: { job } })
    : new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: { entry: entry.href, job } });
  const channel = new Channel(worker);
  try {
    trace('main start');
    const groups = readGroups(input.groups, input.groupsName);
    const first = readWishPieces(input.wishes, input.wishesName, groups, layout, header, bounds, next, options.firstTakes);
    trace('main parsed');
    const { part: second, mapping } = await channel.next('parsed');
    trace('worker parsed');
    const mine = partState(first);
    const names = first.candidates.compact(true);
    worker.postMessage({ type: 'part', part: mine, names });
    const readMs = performance.now() - t0;
    const readCpuMs = cpuMs(cpu0, process.cpuUsage());
    // the worker numbers the first half of its candidates, this thread the second
    numberCandidates(mine, second, layout, numberingCut(second.candidates.size), second.candidates.size, mapping);
    signal(1);
    const mapped: Mapped = { ...mapping, names: (await channel.next('mapped')).names };
    trace('mapped');
    const output = bothOutput(layout, groups, first.order, mine, second, mapped, names);
    const plan = writePlan(output, RUNS);
    if (!plan) throw new Error('taille de sortie hors limites');
    await building;
    return { groups, output, plan, taken, channel, file, readMs, readCpuMs };
  } catch {
    signal(2);
    file.abort();
    await building;
    await worker.terminate();
    return null;
  }
}

/**
 * Waits for the worker's groups (written by it into the file, from the offset) and checks their size;
 * null (cleaned up) when the job must run on one thread.
 */
async function finish(a: Attempt): Promise<WorkerResult | null> {
  try {
    trace('main groups done');
    const done = await a.channel.next('done');
    trace('worker done');
    if (done.result.bytes + a.file.writer.bytes !== a.plan.offset[a.plan.offset.length - 1]) throw new Error('taille écrite inattendue');
    return done.result;
  } catch {
    a.file.abort();
    return null;
  } finally {
    await a.channel.worker.terminate();
  }
}

/**
 * The two-thread job: this thread writes the header, then both threads take runs of groups until none
 * is left; null (everything cleaned up) when the job must run on one thread.
 */
async function onTwoThreads(input: BatchInput, out: string, layout: Layout, options: ParallelOptions) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const a = await start(input, out, layout, options, t0, cpu0);
  if (!a) return null;
  let done: RunsDone;
  try {
    a.file.writer.ascii(headerOf(layout));
    a.file.writer.flush(); // counted even if the worker takes every run
    done = writeRuns(a.file.writer, a.output, a.plan, a.taken);
  } catch {
    a.file.abort();
    await finish(a);
    return null;
  }
  const theirs = await finish(a);
  if (!theirs) return null;
  const bytes = a.file.commit() + theirs.bytes;
  const perStatus = done.perStatus.map((n, s) => n + theirs.perStatus[s]!);
  const elapsed = performance.now() - t0;
  return {
    moved: done.moved + theirs.moved,
    offers: done.offers + theirs.offers,
    perStatus,
    common: {
      groups: a.groups.size,
      wishes: a.plan.wishes,
      candidates: distinctCandidates(a),
      bytes,
      timings: { threads: 2, readMs: a.readMs, computeMs: done.computeMs, writeMs: elapsed - a.readMs - done.computeMs, readCpuMs: a.readCpuMs, afterReadCpuMs: cpuMs(cpu0, process.cpuUsage()) - a.readCpuMs },
    },
  };
}

/** `call-order` on two threads when the file is big enough (else, or on any problem, on one). */
export async function runCallOrderParallel(input: BatchInput, out: string, options: ParallelOptions = {}): Promise<CallOrderResult> {
  const r = await onTwoThreads(input, out, 'call-order', options);
  if (!r) return runCallOrder(input, out);
  return { ...r.common, moved: r.moved };
}

/** `round` (without the automatic responder) on two threads when the file is big enough. */
export async function runRoundParallel(input: BatchInput, out: string, options: { autoResponder: boolean } & ParallelOptions): Promise<RoundResult> {
  if (options.autoResponder) return runRound(input, out, options);
  const r = await onTwoThreads(input, out, 'round', options);
  if (!r) return runRound(input, out, options);
  return { ...r.common, offers: r.offers, autoResponses: 0, statuses: statusCounts(r.perStatus) };
}

/** Candidates of both parts, each once: the second part's new ones have ids ≥ the first part's count. */
function distinctCandidates(a: Attempt): number {
  const map = a.output.parts[1]!.candidateMap!;
  const c0 = a.output.names.first;
  let fresh = 0;
  for (let c = 0; c < map.length; c++) if (map[c]! >= c0) fresh++;
  return c0 + fresh;
}

