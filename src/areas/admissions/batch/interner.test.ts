import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteInterner, unpack } from './interner.ts';
import { ByteWriter, putInt, putPacked, SECOND_ARENA } from './writer.ts';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('byte interner', () => {
  it('gives dense ids, finds and compares values in code point order', () => {
    const t = new ByteInterner();
    const ids = ['b', 'a', 'é', 'b', 'ab'].map((s) => t.intern(bytes(s), 0, bytes(s).length));
    expect(ids).toEqual([0, 1, 2, 0, 3]);
    expect(t.find(bytes('ab'), 0, 2)).toBe(3);
    expect(t.find(bytes('zz'), 0, 2)).toBe(-1);
    expect([0, 1, 2, 3].sort((a, b) => t.compare(a, b)).map((id) => t.text(id))).toEqual(['a', 'ab', 'b', 'é']);
  });

  it('refuses invalid UTF-8 and keeps thousands of values apart', () => {
    const t = new ByteInterner();
    expect(t.intern(new Uint8Array([0x63, 0xff]), 0, 2)).toBeLessThan(0);
    expect(t.size).toBe(0);
    const ids = Array.from({ length: 50_000 }, (_, i) => t.internString(`c${i}`));
    expect(ids.every((id, i) => id === i)).toBe(true);
    const found = Array.from({ length: 50_000 }, (_, i) => t.find(bytes(`c${i}`), 0, bytes(`c${i}`).length));
    expect(found.every((id, i) => id === i)).toBe(true);
  });

  it('packed values are written back as CSV fields, quoted when needed', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 30 }), { maxLength: 20 }), (values) => {
        const t = new ByteInterner();
        values.forEach((v) => t.internString(v));
        const packed = t.packed();
        const buf = new Uint8Array(4096);
        const view = new DataView(buf.buffer);
        values.forEach((v, id) => {
          const end = putPacked(buf, view, 0, packed, id, t.arena);
          const expected = /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
          expect(Buffer.from(buf.subarray(0, end)).toString('utf8')).toBe(expected);
        });
      }),
    );
  });

  it('compact values (8 bytes each) unpack to the same CSV fields as packed ones, short or long, ASCII or not, from either arena', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 9 })), { maxLength: 20 }), fc.boolean(), (values, second) => {
        const t = new ByteInterner();
        values.forEach((v) => t.internString(v));
        const compact = t.compact();
        const words = new Int32Array(4);
        const buf = new Uint8Array(4096);
        const view = new DataView(buf.buffer);
        const other = new Uint8Array(0);
        values.forEach((v, id) => {
          unpack(compact, t.start, id, words, 0, second ? SECOND_ARENA : 0);
          const end = second ? putPacked(buf, view, 0, words, 0, other, t.arena) : putPacked(buf, view, 0, words, 0, t.arena, other);
          const expected = /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
          expect(Buffer.from(buf.subarray(0, end)).toString('utf8')).toBe(expected);
        });
      }),
    );
  });

  it('writes integers in decimal', () => {
    const buf = new Uint8Array(16);
    for (const n of [0, 7, 10, 99, 100, 12345, 2147483647]) {
      const end = putInt(buf, 0, n);
      expect(Buffer.from(buf.subarray(0, end)).toString()).toBe(String(n));
    }
    expect(new ByteWriter(-1).pos).toBe(0);
  });
});
