import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excerpt } from './excerpt.ts';

describe('excerpt', () => {
  it('keeps a short text as it is', () => {
    expect(excerpt('Apprenez à coder.', 200)).toBe('Apprenez à coder.');
  });
  it('cuts a long text on a word boundary and marks the cut', () => {
    expect(excerpt('Apprenez à créer des sites web accessibles, du maquettage à la mise en ligne.', 30)).toBe('Apprenez à créer des sites…');
  });
  it('never exceeds the limit and always starts like the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 10, max: 300 }), (s, max) => {
        const e = excerpt(s, max);
        expect(e.length).toBeLessThanOrEqual(Math.max(max, s.length <= max ? s.length : 0));
        if (s.length > max) expect(e.endsWith('…')).toBe(true);
        expect(s.startsWith(e.replace(/…$/, ''))).toBe(true);
      }),
    );
  });
});
