/**
 * A streaming CSV reader over bytes (RFC 4180: `,` separator, `"` quoting with `""` escapes, LF or
 * CRLF line ends), for files of millions of rows: the file is read in chunks into one buffer and each
 * row is handed to a sink as field offsets in that buffer, so no string is created per row. A UTF-8 BOM and blank
 * lines are skipped. The header names the columns, in any order; every expected column must be there
 * once and no other. Errors name the file, the line and the column.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;

/** A bad file: exit code 2, the message names the file, the line and (when known) the column. */
export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly column: number | null,
    readonly columnName: string | null,
    readonly detail: string,
  ) {
    super(`${file}, ligne ${line}${column !== null ? `, colonne ${column}${columnName ? ` (${columnName})` : ''}` : ''} : ${detail}`);
  }
}

/** Thrown by a sink for a bad field: `column` is the index in the expected columns. */
export class FieldError extends Error {
  constructor(
    message: string,
    readonly column = -1,
  ) {
    super(message);
  }
}

/**
 * Receives the data rows. Field c (index in the expected columns) of a row is
 * bytes[start[c] .. end[c]); quoted fields arrive unescaped (then `bytes` is a scratch copy of the row).
 */
export interface CsvSink {
  row(bytes: Uint8Array, start: Int32Array, end: Int32Array, line: number): void;
  /**
   * Optional, used when the file's columns are in the expected order: takes as many rows of
   * bytes[pos..end) as it can, from line `line` on (one line each), and returns where it stopped,
   * having set `fastRows` to the rows taken; the row it stopped at goes to `row`. A FieldError it
   * throws is on line `fastLine`.
   */
  fast?: ((bytes: Uint8Array, pos: number, end: number, line: number) => number) | null;
  fastRows?: number;
  fastLine?: number;
}

/** Rows left to `row` after `fast` took none, before it is tried again. */
const FAST_PAUSE = 32;

const MAX_COLUMNS = 64;

class Reader {
  line = 1;
  rows = 0;
  headerDone = false;
  /** Where the first data row starts (in the buffer given to parse) once the header is read. */
  dataStart = 0;
  private headerNames: string[] = [];
  private readonly roles = new Int32Array(MAX_COLUMNS);
  private ncols = 0;
  private readonly fs = new Int32Array(MAX_COLUMNS);
  private readonly fe = new Int32Array(MAX_COLUMNS);
  private scratch = new Uint8Array(4096);
  /** Set by slowRow: the line after the row and its number of fields. */
  private slowLine = 0;
  private slowCols = 0;

  constructor(
    private readonly file: string,
    private readonly columns: readonly string[],
    private readonly sink: CsvSink,
  ) {}

  private fail(line: number, fileColumn: number | null, detail: string): CsvError {
    const name = fileColumn !== null && this.headerDone ? (this.headerNames[fileColumn - 1] ?? null) : null;
    return new CsvError(this.file, line, fileColumn, name, detail);
  }

  private extra(line: number, col: number): CsvError {
    return this.fail(line, col + 1, `colonne en trop (${this.ncols} attendues : ${this.headerNames.join(',')})`);
  }

  private missing(line: number, col: number): CsvError {
    return this.fail(line, col + 1, `colonne « ${this.headerNames[col]} » manquante (${col} colonne${col > 1 ? 's' : ''} au lieu de ${this.ncols})`);
  }

  /** Sends a row to the sink, turning its FieldError into a CsvError on the right column. */
  private emit(bytes: Uint8Array, line: number): void {
    try {
      this.sink.row(bytes, this.fs, this.fe, line);
    } catch (e) {
      throw this.fieldFailure(e, line);
    }
    this.rows++;
  }

  private fieldFailure(e: unknown, line: number): unknown {
    if (!(e instanceof FieldError)) return e;
    const fileColumn = e.column >= 0 ? this.roles.subarray(0, this.ncols).indexOf(e.column) + 1 : null;
    return this.fail(line, fileColumn, e.message);
  }

  /** The sink's `fast` rows from pos (see CsvSink); returns where they end. */
  private fastRows(buf: Uint8Array, pos: number, end: number): number {
    let next: number;
    try {
      next = this.sink.fast!(buf, pos, end, this.line);
    } catch (e) {
      throw this.fieldFailure(e, this.sink.fastLine!);
    }
    const taken = this.sink.fastRows!;
    if (taken === 0) this.pause = FAST_PAUSE;
    this.rows += taken;
    this.line += taken;
    return next;
  }

  /** Whether the sink's `fast` applies: it has one and the columns are in the expected order. */
  private fastOn = false;
  private pause = 0;

  /**
   * Parses the complete rows of buf[start..end); returns where the first row not parsed starts
   * (at `eof`, every byte is consumed). Rows without quotes take the fast path: field offsets in buf.
   */
  parse(buf: Uint8Array, start: number, end: number, eof: boolean): number {
    const fs = this.fs;
    const fe = this.fe;
    const roles = this.roles;
    const ncols = this.ncols;
    let pos = start;
    let line = this.line;
    while (pos < end) {
      if (this.fastOn) {
        if (this.pause === 0) {
          this.line = line;
          pos = this.fastRows(buf, pos, end);
          line = this.line;
          if (pos >= end) break;
        } else {
          this.pause--;
        }
      }
      const rowStart = pos;
      const rowLine = line;
      const first = buf[pos];
      if (first === LF) {
        pos++;
        line++;
        continue;
      }
      if (first === CR) {
        if (pos + 1 >= end) {
          if (!eof) break;
          pos++;
          continue;
        }
        if (buf[pos + 1] === LF) {
          pos += 2;
          line++;
          continue;
        }
      }
      if (!this.headerDone) {
        const next = this.slowRow(buf, pos, end, eof, rowLine, true);
        if (next < 0) break;
        this.line = this.slowLine;
        this.startData(rowLine);
        this.dataStart = next;
        return this.parse(buf, next, end, eof);
      }
      let col = 0;
      let i = pos;
      let s = pos;
      let slow = false;
      for (;;) {
        while (i < end) {
          const c = buf[i];
          if (c === COMMA || c === LF || c === QUOTE) break;
          i++;
        }
        if (i >= end && !eof) {
          this.line = rowLine;
          return rowStart;
        }
        if (i < end && buf[i] === QUOTE) {
          slow = true;
          break;
        }
        if (col >= ncols) throw this.extra(line, col);
        const role = roles[col]!;
        fs[role] = s;
        col++;
        if (i < end && buf[i] === COMMA) {
          fe[role] = i;
          i++;
          s = i;
          continue;
        }
        let e = i;
        if (e > s && buf[e - 1] === CR) e--;
        fe[role] = e;
        if (i < end) {
          pos = i + 1;
          line++;
        } else {
          pos = end;
        }
        break;
      }
      if (slow) {
        const next = this.slowRow(buf, rowStart, end, eof, rowLine, false);
        if (next < 0) {
          this.line = rowLine;
          return rowStart;
        }
        pos = next;
        line = this.slowLine;
        if (this.slowCols < ncols) throw this.missing(rowLine, this.slowCols);
        this.emit(this.scratch, rowLine);
        continue;
      }
      if (col < ncols) throw this.missing(rowLine, col);
      this.emit(buf, rowLine);
    }
    this.line = line;
    return pos;
  }

  /**
   * One row with quotes: every field is copied (unescaped) into the scratch buffer. Returns the
   * position after the row, or −1 when the row is not complete in buf and more data may come.
   */
  private slowRow(buf: Uint8Array, pos: number, end: number, eof: boolean, rowLine: number, header: boolean): number {
    if (this.scratch.length < end - pos + 16) this.scratch = new Uint8Array(Math.max(end - pos + 16, this.scratch.length * 2));
    const scratch = this.scratch;
    const fs = this.fs;
    const fe = this.fe;
    let line = rowLine;
    let o = 0;
    let col = 0;
    let i = pos;
    for (;;) {
      if (col >= (header ? MAX_COLUMNS : this.ncols)) {
        if (header) throw this.fail(line, col + 1, `plus de ${MAX_COLUMNS} colonnes dans l’en-tête`);
        throw this.extra(line, col);
      }
      const fieldLine = line;
      const from = o;
      let term: number;
      if (i < end && buf[i] === QUOTE) {
        i++;
        for (;;) {
          if (i >= end) {
            if (!eof) return -1;
            throw this.fail(fieldLine, col + 1, 'guillemet ouvrant sans guillemet fermant');
          }
          const c = buf[i]!;
          if (c === QUOTE) {
            if (i + 1 >= end && !eof) return -1;
            if (i + 1 < end && buf[i + 1] === QUOTE) {
              scratch[o++] = QUOTE;
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === LF) line++;
          scratch[o++] = c;
          i++;
        }
        if (i >= end) {
          if (!eof) return -1;
          term = -1;
        } else {
          const c = buf[i]!;
          if (c === COMMA || c === LF) {
            term = c;
            i++;
          } else if (c === CR && i + 1 < end && buf[i + 1] === LF) {
            term = LF;
            i += 2;
          } else if (c === CR && i + 1 >= end) {
            if (!eof) return -1;
            term = -1;
            i++;
          } else {
            throw this.fail(line, col + 1, 'caractère après le guillemet fermant (un champ entre guillemets doit être suivi de « , » ou d’une fin de ligne)');
          }
        }
      } else {
        const s = i;
        while (i < end) {
          const c = buf[i];
          if (c === COMMA || c === LF) break;
          if (c === QUOTE) throw this.fail(line, col + 1, 'guillemet au milieu d’un champ (mettez le champ entre guillemets et doublez le guillemet)');
          i++;
        }
        let e = i;
        if (i >= end) {
          if (!eof) return -1;
          term = -1;
        } else {
          term = buf[i]!;
          i++;
        }
        if (term !== COMMA && e > s && buf[e - 1] === CR) e--;
        for (let k = s; k < e; k++) scratch[o++] = buf[k]!;
      }
      const slot = header ? col : this.roles[col]!;
      fs[slot] = from;
      fe[slot] = o;
      col++;
      if (term === COMMA) continue;
      if (term === LF) line++;
      this.slowLine = line;
      this.slowCols = col;
      return i;
    }
  }

  /** After the header row: checks its names and maps each column to its expected index. */
  private startData(line: number): void {
    const names = Array.from({ length: this.slowCols }, (_, c) =>
      Buffer.from(this.scratch.buffer, this.scratch.byteOffset + this.fs[c]!, this.fe[c]! - this.fs[c]!)
        .toString('utf8')
        .trim(),
    );
    const expected = this.columns.join(',');
    const seen = new Set<string>();
    names.forEach((name, i) => {
      const role = this.columns.indexOf(name);
      if (seen.has(name)) throw new CsvError(this.file, line, i + 1, name, `colonne « ${name} » en double`);
      if (role < 0) throw new CsvError(this.file, line, i + 1, name, `colonne inconnue « ${name} » (en-tête attendu : ${expected})`);
      seen.add(name);
      this.roles[i] = role;
    });
    const missing = this.columns.find((c) => !seen.has(c));
    if (missing !== undefined) {
      throw new CsvError(this.file, line, names.length + 1, missing, `colonne « ${missing} » manquante dans l’en-tête (attendu : ${expected})`);
    }
    this.headerNames = names;
    this.ncols = names.length;
    this.headerDone = true;
    this.checkFast();
  }

  private checkFast(): void {
    let ordered = this.ncols === this.columns.length;
    for (let i = 0; i < this.ncols; i++) if (this.roles[i] !== i) ordered = false;
    this.fastOn = ordered && typeof this.sink.fast === 'function';
  }

  /** Starts after a header read beforehand (a part of a file split between threads). */
  useHeader(h: CsvHeader): void {
    this.roles.set(h.roles);
    this.headerNames = h.names;
    this.ncols = h.names.length;
    this.headerDone = true;
    this.checkFast();
  }

  header(dataStart: number): CsvHeader {
    return { roles: this.roles.slice(0, this.ncols), names: this.headerNames, dataStart };
  }

  finish(): void {
    if (!this.headerDone) throw new CsvError(this.file, this.line, null, null, `fichier vide : un en-tête est attendu (${this.columns.join(',')})`);
  }

  result(): CsvRead {
    const columnOf = new Int32Array(this.columns.length);
    for (let i = 0; i < this.ncols; i++) columnOf[this.roles[i]!] = i + 1;
    return { rows: this.rows, columnOf };
  }
}

export interface CsvSource {
  /** A file to stream… */
  path?: string;
  /** …or bytes already in memory. */
  bytes?: Uint8Array;
}

/** A header read on its own: the column roles and where the data rows start (in bytes). */
export interface CsvHeader {
  roles: Int32Array;
  names: string[];
  dataStart: number;
}

/** A part of a file: the rows starting in bytes [from, to), the header being already known. */
export interface CsvRange {
  from: number;
  to: number;
  header: CsvHeader;
}

export interface CsvRead {
  rows: number;
  /** For each expected column, its 1-based position in the file (for error messages). */
  columnOf: Int32Array;
}

const BOM = [0xef, 0xbb, 0xbf];

/** Stops a header-only reading at the first data row. */
class HeaderRead extends Error {}

/**
 * Reads and checks the header of a file alone (throws CsvError on a bad one); `dataStart` is the
 * byte offset just after it, where a thread reading the first part of the file starts.
 */
export function readCsvHeader(path: string, file: string, columns: readonly string[]): CsvHeader {
  const fd = openSync(path, 'r');
  try {
    let size = 1 << 16;
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const got = readSync(fd, buf, 0, size, 0);
      const eof = got < size;
      const reader = new Reader(file, columns, {
        row() {
          throw new HeaderRead();
        },
      });
      const from = got >= 3 && buf[0] === BOM[0] && buf[1] === BOM[1] && buf[2] === BOM[2] ? 3 : 0;
      // parse() returns after the header once it cannot see a whole data row; a HeaderRead means it could
      let next: number;
      try {
        next = reader.parse(buf, from, got, eof);
      } catch (e) {
        if (!(e instanceof HeaderRead)) throw e;
        next = -1;
      }
      if (reader.headerDone) {
        reader.finish();
        return reader.header(reader.dataStart);
      }
      if (eof) {
        reader.finish();
        return reader.header(next);
      }
      size *= 4;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a CSV file (or bytes) with a header into `sink`. `file` is the name used in error messages.
 * Throws CsvError on a bad file.
 */
export function readCsv(source: CsvSource, file: string, columns: readonly string[], sink: CsvSink, chunkSize = 1 << 20, range?: CsvRange): CsvRead {
  const reader = new Reader(file, columns, sink);
  if (range) reader.useHeader(range.header);
  const bomAt = (b: Uint8Array, n: number) => (n >= 3 && b[0] === BOM[0] && b[1] === BOM[1] && b[2] === BOM[2] ? 3 : 0);
  if (source.bytes) {
    const end = range ? range.to : source.bytes.length;
    reader.parse(source.bytes, range ? range.from : bomAt(source.bytes, source.bytes.length), end, true);
    reader.finish();
    return reader.result();
  }
  const fd = openSync(source.path!, 'r');
  try {
    const size = fstatSync(fd).size;
    let at = range ? range.from : 0;
    const stop = range ? Math.min(range.to, size) : size;
    const total = stop - at;
    // one reused chunk: fresh memory costs page faults, a small buffer stays in cache; and the same
    // one for each part of a file a thread reads (see readWishPieces)
    const want = Math.max(1024, Math.min(chunkSize, total + 16));
    let buf = spare !== null && spare.length >= want && spare.length <= 2 * want ? spare : Buffer.allocUnsafe(want);
    spare = null;
    let filled = 0;
    let pos = 0;
    let eof = false;
    let first = !range;
    while (!eof) {
      if (pos > 0) {
        buf.copyWithin(0, pos, filled);
        filled -= pos;
        pos = 0;
      }
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const got = at < stop ? readSync(fd, buf, filled, Math.min(buf.length - filled, stop - at), at) : 0;
      at += got;
      if (got === 0) eof = true;
      filled += got;
      if (first && (filled >= 3 || eof)) {
        first = false;
        pos = bomAt(buf, filled);
      }
      pos = reader.parse(buf, pos, filled, eof);
    }
    reader.finish();
    spare = buf;
    return reader.result();
  } finally {
    closeSync(fd);
  }
}

/** The chunk of the last file read, for the next one (none while a reading uses it). */
let spare: Buffer | null = null;
