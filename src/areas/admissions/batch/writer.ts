/**
 * Buffered byte output for CSV files of millions of rows, written to a temporary file next to the
 * target and renamed at the end: the target never holds a partial file. The row loops keep `buf` and
 * `pos` in locals and use the put* functions, which return the new position.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LONG } from './interner.ts';

const QUOTE = 34;

export class ByteWriter {
  buf: Uint8Array = Buffer.allocUnsafe(1 << 21);
  pos = 0;
  bytes = 0;

  constructor(private readonly fd: number) {}

  flush(): void {
    let off = 0;
    while (off < this.pos) off += writeSync(this.fd, this.buf, off, this.pos - off);
    this.bytes += this.pos;
    this.pos = 0;
  }

  /** Makes room for n bytes at `pos` (flushing, or growing the buffer for a huge row). */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
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

export function putBytes(buf: Uint8Array, pos: number, src: Uint8Array): number {
  for (let i = 0; i < src.length; i++) buf[pos++] = src[i]!;
  return pos;
}

/**
 * A value of ByteInterner.packed() as a CSV field, quoted when it holds `,`, `"`, CR or LF; needs
 * room for 2·length + 2 bytes.
 */
export function putPacked(buf: Uint8Array, pos: number, words: Int32Array, id: number, arena: Uint8Array): number {
  const w0 = words[4 * id]!;
  if (w0 === (w0 & 0xff)) {
    // short, unquoted: the common case
    const a = words[4 * id + 1]!;
    const b = words[4 * id + 2]!;
    const c = words[4 * id + 3]!;
    for (let k = 0; k < w0; k++) buf[pos++] = ((k < 4 ? a : k < 8 ? b : c) >>> (8 * (k & 3))) & 0xff;
    return pos;
  }
  const quoted = (w0 >> 8) & 1;
  if (quoted) buf[pos++] = QUOTE;
  if (w0 & LONG) {
    const a = words[4 * id + 1]!;
    const len = words[4 * id + 2]!;
    for (let k = 0; k < len; k++) {
      const ch = arena[a + k]!;
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

/** Writes `target` through a temporary file in the same directory, renamed once complete. */
export function writeAtomically(target: string, write: (w: ByteWriter) => void): number {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  const fd = openSync(temp, 'w');
  let done = false;
  try {
    const w = new ByteWriter(fd);
    write(w);
    w.flush();
    closeSync(fd);
    done = true;
    renameSync(temp, target);
    return w.bytes;
  } catch (e) {
    if (!done) closeSync(fd);
    rmSync(temp, { force: true });
    throw e;
  }
}
