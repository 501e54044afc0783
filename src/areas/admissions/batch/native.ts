/**
 * The admissions engine's native module (native/, ADR 0018), built by `npm ci` with node-gyp: the
 * scanner of W.csv's plain rows and the writer of the call order's rows. Without it (no compiler on
 * the machine, a failed build) the jobs give the same files, in JavaScript only, and slower.
 */
import { createRequire } from 'node:module';

export interface WishScanner {
  /**
   * Splits and checks the plain rows of bytes[from..to), at most maxRows: returns how many it took,
   * SCAN_RECORD ints per row in `out` (row start, group, rank, status, preference, candidate start
   * and end, flags start and end; a start of −1: the same text as the row before) and, at
   * out[maxRows · SCAN_RECORD], the position after the last row taken.
   */
  scan(bytes: Uint8Array, from: number, to: number, out: Int32Array, maxRows: number): number;
}

/** The rows of the call order's output for one group at a time, names read from ByteInterner.compact() tables. */
export interface CallOrderRows {
  /**
   * Writes `group,candidate,call_rank` for call ranks from+1..n (candidate[called[j]] for rank j + 1)
   * at out[pos..]; returns the position after the last row written and the next row, stopping early
   * when the next row might not fit.
   */
  write(out: Uint8Array, pos: number, group: Uint8Array, candidate: Int32Array, called: Int32Array, from: number, n: number): [number, number];
}

export interface AdmissionsAddon {
  Scanner: new (groupArena: Uint8Array, groupStart: Int32Array, groups: number, statuses: readonly string[]) => WishScanner;
  RECORD: number;
  CallOrderRows: new (first: number, compact: Int32Array, start: Int32Array, arena: Uint8Array, compact2: Int32Array, start2: Int32Array, arena2: Uint8Array) => CallOrderRows;
}

export const SCAN_RECORD = 9;

let addon: AdmissionsAddon | null | undefined;

/** The addon, or null when it was not built. */
export function admissionsAddon(): AdmissionsAddon | null {
  if (addon === undefined) {
    try {
      addon = createRequire(import.meta.url)('../../../../build/Release/admissions.node') as AdmissionsAddon;
      if (addon.RECORD !== SCAN_RECORD) addon = null;
    } catch {
      addon = null;
    }
  }
  return addon;
}
