import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedDistance, boundedEditDistance } from './fuzzy.ts';
import { buildVocabulary, expandWord, MIN_PREFIX_LENGTH } from './vocabulary.ts';

/** Textbook optimal string alignment distance. */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

const word = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...'abcdeilmnoprstu'), minLength: min, maxLength: max });

describe('typo tolerance', () => {
  it('allows no typo under 4 characters, 1 from 4 to 7, 2 from 8', () => {
    expect([3, 4, 7, 8, 15].map(allowedDistance)).toEqual([0, 1, 1, 2, 2]);
  });

  it('bounded edit distance agrees with the textbook one', () => {
    fc.assert(
      fc.property(word(0, 12), word(0, 12), fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        const exact = osa(a, b);
        expect(boundedEditDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('counts a swap of two neighbours as one typo', () => {
    expect(boundedEditDistance('mainetnance', 'maintenance', 2)).toBe(1);
  });

  it('expansion finds exactly the words a full scan of the vocabulary finds', () => {
    fc.assert(
      fc.property(fc.array(word(2, 12), { minLength: 1, maxLength: 60 }), word(2, 12), fc.boolean(), (words, typed, asPrefix) => {
        const vocabulary = buildVocabulary(words);
        const { terms } = expandWord(vocabulary, typed, asPrefix);
        const found = new Set([...terms].map((t) => vocabulary.terms[t]));
        const max = allowedDistance(typed.length);
        const expected = new Set(
          vocabulary.terms.filter(
            (w) => w === typed || (asPrefix && typed.length >= MIN_PREFIX_LENGTH && w.startsWith(typed)) || (max > 0 && osa(w, typed) <= max),
          ),
        );
        expect(found).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('rates an exact match above a prefix, and a prefix above a typo', () => {
    const vocabulary = buildVocabulary(['developpeur', 'developpeurs', 'develop']);
    const { terms, qualities } = expandWord(vocabulary, 'develop', true);
    const quality = (w: string) => qualities[[...terms].indexOf(vocabulary.ids.get(w)!)]!;
    expect(quality('develop')).toBe(1);
    expect(quality('developpeur')).toBeLessThan(1);
    const typo = expandWord(vocabulary, 'devlopeur', false);
    expect(typo.qualities[0]!).toBeLessThan(quality('developpeur'));
  });
});
