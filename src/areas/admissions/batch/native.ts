/**
 * The native scanner of W.csv's plain rows (native/wish_scan.cc, ADR 0018), built by `npm ci` with
 * node-gyp. Without it (no compiler on the machine, a failed build) the reading is the same, in
 * JavaScript only, and slower.
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

export interface WishScanAddon {
  Scanner: new (groupArena: Uint8Array, groupStart: Int32Array, groups: number, statuses: readonly string[]) => WishScanner;
  RECORD: number;
}

export const SCAN_RECORD = 9;

let addon: WishScanAddon | null | undefined;

/** The addon, or null when it was not built. */
export function wishScanAddon(): WishScanAddon | null {
  if (addon === undefined) {
    try {
      addon = createRequire(import.meta.url)('../../../../build/Release/wish_scan.node') as WishScanAddon;
      if (addon.RECORD !== SCAN_RECORD) addon = null;
    } catch {
      addon = null;
    }
  }
  return addon;
}
