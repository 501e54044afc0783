/**
 * Buffered byte output for CSV files of millions of rows, written to a temporary file next to the
 * target and renamed at the end: the target never holds a partial file. The row loops keep `buf` and
 * `pos` in locals and use the put* functions, which return the new position.
 */
import { closeSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LONG } from './interner.ts';

/** Set by the caller in word 0 of a long value that lives in the second arena (a second thread's names). */
export const SECOND_ARENA = 1 << 10;

const QUOTE = 34;

export class ByteWriter {
  buf: Uint8Array = Buffer.allocUnsafe(1 << 21);
  /** The same bytes, for writing up to 12 of them with three unaligned 32-bit stores (see putShort). */
  view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
  pos = 0;
  bytes = 0;

  /** `position`: write from that offset of the file (another thread writes before it), else append. */
  constructor(
    private readonly fd: number,
    private position: number | null = null,
  ) {}

  flush(): void {
    let off = 0;
    while (off < this.pos) {
      const n = writeSync(this.fd, this.buf, off, this.pos - off, this.position);
      off += n;
      if (this.position !== null) this.position += n;
    }
    this.bytes += this.pos;
    this.pos = 0;
  }

  /** Writes from now on at that offset of the file (after flushing what is buffered). */
  seek(position: number): void {
    this.flush();
    this.position = position;
  }

  /** Makes room for n bytes at `pos` (flushing, or growing the buffer for a huge row). */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) {
      this.buf = Buffer.allocUnsafe(n);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    }
  }

  ascii(text: string): void {
    this.room(text.length);
    this.pos += Buffer.from(this.buf.buffer, this.buf.byteOffset, this.buf.length).write(text, this.pos, 'latin1');
  }
}

/** A non-negative integer in decimal. */
export function putInt(buf: Uint8Array, pos: number, n: number): number {
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  let digits = 2;
  for (let x = n; x >= 100; x = Math.floor(x / 10)) digits++;
  let at = pos + digits;
  for (let x = n; ; ) {
    const q = Math.floor(x / 10);
    buf[--at] = 48 + (x - q * 10);
    if (q === 0) break;
    x = q;
  }
  return pos + digits;
}

/**
 * Up to 12 bytes held little-endian in a, b, c: written with 32-bit stores, which may write up to 3
 * bytes past the end (the caller's row room covers them; the next field overwrites them).
 */
export function putShort(view: DataView, pos: number, len: number, a: number, b: number, c: number): number {
  view.setInt32(pos, a, true);
  if (len > 4) view.setInt32(pos + 4, b, true);
  if (len > 8) view.setInt32(pos + 8, c, true);
  return pos + len;
}

/** A field written on many rows (a group id, a status): its bytes, and up to 12 of them as words for putShort. */
export interface Field {
  bytes: Uint8Array;
  words: Int32Array;
}

export function field(bytes: Uint8Array): Field {
  const words = new Int32Array(3);
  if (bytes.length <= 12) for (let k = 0; k < bytes.length; k++) words[k >> 2]! |= bytes[k]! << (8 * (k & 3));
  return { bytes, words };
}

/** A Field at pos. */
export function putField(buf: Uint8Array, view: DataView, pos: number, f: Field): number {
  const len = f.bytes.length;
  if (len <= 12) return putShort(view, pos, len, f.words[0]!, f.words[1]!, f.words[2]!);
  return putBytes(buf, pos, f.bytes);
}

export function putBytes(buf: Uint8Array, pos: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) buf[pos++] = src[i]!;
  return pos;
}

/**
 * A value of ByteInterner.packed() as a CSV field, quoted when it holds `,`, `"`, CR or LF; needs
 * room for 2·length + 2 bytes, and 12 for a short value (putShort). A long value is read from
 * `arena`, or from `arena2` when word 0 has SECOND_ARENA.
 */
export function putPacked(buf: Uint8Array, view: DataView, pos: number, words: Int32Array, id: number, arena: Uint8Array, arena2: Uint8Array = arena): number {
  const w0 = words[4 * id]!;
  if (w0 === (w0 & 0xff)) {
    // short, unquoted: the common case
    const a = words[4 * id + 1]!;
    const b = words[4 * id + 2]!;
    const c = words[4 * id + 3]!;
    return putShort(view, pos, w0, a, b, c);
  }
  const quoted = (w0 >> 8) & 1;
  if (quoted) buf[pos++] = QUOTE;
  if (w0 & LONG) {
    const a = words[4 * id + 1]!;
    const len = words[4 * id + 2]!;
    const from = w0 & SECOND_ARENA ? arena2 : arena;
    for (let k = 0; k < len; k++) {
      const ch = from[a + k]!;
      if (ch === QUOTE) buf[pos++] = QUOTE;
      buf[pos++] = ch;
    }
  } else {
    const len = w0 & 0xff;
    for (let k = 0; k < len; k++) {
      const ch = (words[4 * id + 1 + (k >> 2)]! >>> (8 * (k & 3))) & 0xff;
      if (ch === QUOTE) buf[pos++] = QUOTE;
      buf[pos++] = ch;
    }
  }
  if (quoted) buf[pos++] = QUOTE;
  return pos;
}

/** An output written to a temporary file next to `target`: `commit` renames it, `abort` removes it. */
export class AtomicFile {
  readonly temp: string;
  readonly writer: ByteWriter;
  private fd: number;

  constructor(readonly target: string) {
    removeLeftovers(target);
    this.temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
    this.fd = openSync(this.temp, 'w');
    this.writer = new ByteWriter(this.fd);
  }

  /** Flushes and closes; returns the bytes written. */
  close(): number {
    if (this.fd >= 0) {
      this.writer.flush();
      closeSync(this.fd);
      this.fd = -1;
    }
    return this.writer.bytes;
  }

  commit(): number {
    const bytes = this.close();
    renameSync(this.temp, this.target);
    return bytes;
  }

  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.temp, { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: alive
  }
}

/**
 * Removes the temporary files an earlier job writing `target` left behind when it was killed (its
 * `.O.csv.<pid>….tmp`, and the `O.csv.<pid>.part2.tmp` of versions where the second thread wrote its
 * own file), once their process is gone.
 * Files of a process still running are left alone.
 */
export function removeLeftovers(target: string): string[] {
  const dir = path.dirname(target);
  const base = path.basename(target).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.?${base}\\.(\\d+)(\\..+)?\\.tmp$`);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed; // the job reports an unwritable directory itself
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? NaN);
    if (!Number.isInteger(pid) || pid === process.pid || alive(pid)) continue;
    rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes `target` through a temporary file in the same directory, renamed once complete. */
export function writeAtomically(target: string, write: (w: ByteWriter) => void): number {
  const file = new AtomicFile(target);
  try {
    write(file.writer);
    return file.commit();
  } catch (e) {
    file.abort();
    throw e;
  }
}
