/**
 * G.csv — `group,offer_target,block_call_rank,constraints` — as a small columnar table: group ids
 * interned to 0..G−1, constraints as flag-name ids and rates (at most 4 per group, priority order).
 */
import { MAX_CONSTRAINTS, type Constraint } from '../domain/call-order.ts';
import { FieldError, readCsv, type CsvSink, type CsvSource } from './csv.ts';
import { ByteInterner } from './interner.ts';
import { grow } from './memory.ts';

export const GROUP_COLUMNS = ['group', 'offer_target', 'block_call_rank', 'constraints'] as const;
const G_GROUP = 0;
const G_TARGET = 1;
const G_BLOCK = 2;
const G_CONSTRAINTS = 3;
const MAX_INT = 0x7fffffff;

/** Digits only, ≤ 2^31 − 1; −1 otherwise. */
export function parseUint(b: Uint8Array, s: number, e: number): number {
  if (s === e || e - s > 10) return -1;
  let v = 0;
  for (let i = s; i < e; i++) {
    const d = b[i]! - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v > MAX_INT ? -1 : v;
}

/** A field's value for an error message, on one line. */
export function shown(b: Uint8Array, s: number, e: number): string {
  const text = Buffer.from(b.buffer, b.byteOffset + s, Math.min(e - s, 60))
    .toString('utf8')
    .replace(/[\r\n]+/g, ' ');
  return e - s > 60 ? `${text}…` : text;
}

export class GroupTable {
  readonly ids = new ByteInterner();
  /** Every flag name some group constrains. */
  readonly flagNames = new ByteInterner();
  offerTarget = new Int32Array(1024);
  blockCallRank = new Int32Array(1024);
  constraintCount = new Uint8Array(1024);
  /** [g·4 + p]: flag name id of constraint p of group g, and its rate. */
  constraintFlag = new Int32Array(1024 * MAX_CONSTRAINTS);
  rate = new Uint8Array(1024 * MAX_CONSTRAINTS);
  line = new Int32Array(1024);
  columnOf: Int32Array = new Int32Array(GROUP_COLUMNS.length);

  constructor(readonly file: string) {}

  get size(): number {
    return this.ids.size;
  }

  constraints(g: number): Constraint[] {
    return Array.from({ length: this.constraintCount[g]! }, (_, p) => ({
      name: this.flagNames.text(this.constraintFlag[g * MAX_CONSTRAINTS + p]!),
      rate: this.rate[g * MAX_CONSTRAINTS + p]!,
    }));
  }

  private sorted: Int32Array | null = null;

  /**
   * Group ids in the output's order: byte order of their ids (= code point order, UTF-8). The ids
   * are sorted as JS strings (a native sort) when that order is the same, i.e. when no id has a
   * character beyond U+FFFF (UTF-16 would put it before U+E000–U+FFFF); else byte by byte.
   */
  order(): Int32Array {
    if (this.sorted) return this.sorted;
    const n = this.size;
    const texts = Array.from({ length: n }, (_, g) => this.ids.text(g));
    if (texts.some((x) => /[\uD800-\uDFFF]/.test(x))) {
      this.sorted = Int32Array.from({ length: n }, (_, g) => g).sort((a, b) => this.ids.compare(a, b));
    } else {
      const byText = new Map(texts.map((x, g) => [x, g]));
      this.sorted = Int32Array.from(texts.sort(), (x) => byText.get(x)!);
    }
    return this.sorted;
  }

  ensure(capacity: number): void {
    if (capacity <= this.offerTarget.length) return;
    const c = Math.max(capacity, this.offerTarget.length * 2);
    this.offerTarget = grow(this.offerTarget, c);
    this.blockCallRank = grow(this.blockCallRank, c);
    this.constraintCount = grow(this.constraintCount, c);
    this.constraintFlag = grow(this.constraintFlag, c * MAX_CONSTRAINTS);
    this.rate = grow(this.rate, c * MAX_CONSTRAINTS);
    this.line = grow(this.line, c);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

class GroupSink implements CsvSink {
  private rows = 0;

  constructor(private readonly t: GroupTable) {}

  row(b: Uint8Array, fs: Int32Array, fe: Int32Array, line: number): void {
    const t = this.t;
    let s = fs[G_GROUP]!;
    let e = fe[G_GROUP]!;
    if (s === e) throw new FieldError('identifiant de groupe vide', G_GROUP);
    const g = t.ids.intern(b, s, e);
    if (g < 0) throw new FieldError('identifiant qui n’est pas de l’UTF-8 valide', G_GROUP);
    // ids are handed out in row order: an id below the rows already read is a group seen before
    if (g < this.rows) throw new FieldError(`groupe « ${t.ids.text(g)} » déjà défini ligne ${t.line[g]}`, G_GROUP);
    const target = parseUint(b, fs[G_TARGET]!, fe[G_TARGET]!);
    if (target < 0) throw new FieldError(`« ${shown(b, fs[G_TARGET]!, fe[G_TARGET]!)} » n’est pas un entier ≥ 0`, G_TARGET);
    const block = parseUint(b, fs[G_BLOCK]!, fe[G_BLOCK]!);
    if (block < 0) throw new FieldError(`« ${shown(b, fs[G_BLOCK]!, fe[G_BLOCK]!)} » n’est pas un entier ≥ 0`, G_BLOCK);
    s = fs[G_CONSTRAINTS]!;
    e = fe[G_CONSTRAINTS]!;
    t.ensure(g + 1);
    if (!this.plainConstraints(b, s, e, g)) {
      const constraints = parseConstraints(b, s, e);
      t.constraintCount[g] = constraints.length;
      constraints.forEach((c, p) => {
        t.constraintFlag[g * MAX_CONSTRAINTS + p] = t.flagNames.internString(c.name);
        t.rate[g * MAX_CONSTRAINTS + p] = c.rate;
      });
    }
    t.offerTarget[g] = target;
    t.blockCallRank[g] = block;
    t.line[g] = line;
    this.rows++;
  }

  private readonly item = new Int32Array(3 * MAX_CONSTRAINTS); // name start, name end, rate

  /**
   * The usual constraints field, read from its bytes: `name:rate` items of ASCII without spaces,
   * separated by single `;`, at most MAX_CONSTRAINTS, rates 0–100, no name twice. Anything else
   * (spaces to trim, empty items, an error to report) returns false before changing anything, and
   * parseConstraints reads the field. Saves a string and a regular expression per group.
   */
  private plainConstraints(b: Uint8Array, s: number, e: number, g: number): boolean {
    const item = this.item;
    let count = 0;
    for (let i = s; i < e; ) {
      if (count === MAX_CONSTRAINTS) return false;
      const from = i;
      while (i < e && b[i] !== COLON && b[i] !== SEMICOLON) {
        const c = b[i]!;
        if (c <= SPACE || c >= 0x7f) return false;
        i++;
      }
      if (i === from || i === e || b[i] !== COLON) return false;
      const nameEnd = i++;
      let rate = 0;
      let digits = 0;
      while (i < e && b[i] !== SEMICOLON) {
        const d = b[i]! - 48;
        if (d < 0 || d > 9 || ++digits > 3) return false;
        rate = rate * 10 + d;
        i++;
      }
      if (digits === 0 || rate > 100) return false;
      if (i < e && ++i === e) return false; // a trailing `;`: an empty item
      item[3 * count] = from;
      item[3 * count + 1] = nameEnd;
      item[3 * count + 2] = rate;
      count++;
    }
    const t = this.t;
    for (let p = 0; p < count; p++) {
      for (let q = 0; q < p; q++) if (sameBytes(b, item[3 * p]!, item[3 * p + 1]!, item[3 * q]!, item[3 * q + 1]!)) return false;
    }
    t.constraintCount[g] = count;
    for (let p = 0; p < count; p++) {
      t.constraintFlag[g * MAX_CONSTRAINTS + p] = t.flagNames.intern(b, item[3 * p]!, item[3 * p + 1]!);
      t.rate[g * MAX_CONSTRAINTS + p] = item[3 * p + 2]!;
    }
    return true;
  }
}

const COLON = 58;
const SEMICOLON = 59;
const SPACE = 32;

function sameBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let i = 0; i < e1 - s1; i++) if (b[s1 + i] !== b[s2 + i]) return false;
  return true;
}

/** `name:rate;…` in priority order, empty for none; names are trimmed, empty items skipped. */
export function parseConstraints(b: Uint8Array, s: number, e: number): Constraint[] {
  let text: string;
  try {
    text = utf8.decode(b.subarray(s, e));
  } catch {
    throw new FieldError('texte qui n’est pas de l’UTF-8 valide', G_CONSTRAINTS);
  }
  const items = text
    .split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  if (items.length > MAX_CONSTRAINTS) throw new FieldError(`au plus ${MAX_CONSTRAINTS} contraintes par groupe (reçu ${items.length})`, G_CONSTRAINTS);
  const out: Constraint[] = [];
  for (const item of items) {
    const colon = item.indexOf(':');
    if (colon < 0) throw new FieldError(`« ${item} » : nom:taux attendu (ex. scholarship:20;resident:90)`, G_CONSTRAINTS);
    const name = item.slice(0, colon).trim();
    const rate = item.slice(colon + 1).trim();
    if (name === '') throw new FieldError(`« ${item} » : nom de contrainte vide`, G_CONSTRAINTS);
    if (!/^\d{1,3}$/.test(rate) || Number(rate) > 100) throw new FieldError(`taux de « ${name} » : entier de 0 à 100 attendu (reçu « ${rate} »)`, G_CONSTRAINTS);
    if (out.some((c) => c.name === name)) throw new FieldError(`contrainte « ${name} » en double`, G_CONSTRAINTS);
    out.push({ name, rate: Number(rate) });
  }
  return out;
}

export function readGroups(source: CsvSource, file: string): GroupTable {
  const t = new GroupTable(file);
  t.columnOf = readCsv(source, file, GROUP_COLUMNS, new GroupSink(t)).columnOf;
  return t;
}

