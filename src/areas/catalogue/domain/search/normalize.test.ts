import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize, normalizeSlowly, tokenize } from './normalize.ts';

describe('normalize', () => {
  it('lower-cases and strips accents', () => {
    expect(normalize('DÉVELOPPEUR Web')).toBe('developpeur web');
    expect(normalize('Électricité, Noël, ça, où, Île')).toBe('electricite noel ca ou ile');
  });
  it('unfolds ligatures', () => {
    expect(normalize('Œuvre cœur ex æquo')).toBe('oeuvre coeur ex aequo');
  });
  it('turns punctuation, apostrophes and hyphens into single spaces', () => {
    expect(normalize("L'Haÿ-les-Roses")).toBe('l hay les roses');
    expect(normalize('  Concepteur·rice — d’applications (H/F)!  ')).toBe('concepteur rice d applications h f');
  });
  it('folds character by character exactly as the whole-text rule does', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.string({ unit: fc.constantFrom(...'aÀéÈœŒæßẞİı’\'- ,.;:!?()0123456789\u0301\u0327\u00a0\u2009½ﬁ𝐀𝟙🙂ǅ'), maxLength: 30 }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(normalize(t)).toBe(normalizeSlowly(t));
      }),
      { numRuns: 500 },
    );
  });
  it('keeps digits', () => {
    expect(normalize('Niveau 5 / RNCP37674')).toBe('niveau 5 rncp37674');
  });
});

describe('tokenize', () => {
  it('drops stop words and single letters', () => {
    expect(tokenize("Technicien de maintenance et d'assistance en informatique")).toEqual(['technicien', 'maintenance', 'assistance', 'informatique']);
    expect(tokenize('Le développeur web des PME, pour les TPE')).toEqual(['developpeur', 'web', 'pme', 'tpe']);
  });
  it('keeps two-letter words that carry meaning', () => {
    expect(tokenize('IA et UX')).toEqual(['ia', 'ux']);
  });
  it('returns nothing for empty or stop-word-only text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('de la, et les…')).toEqual([]);
  });
});
