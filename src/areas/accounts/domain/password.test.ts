import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDictionaryPassword, passwordProblem, TOO_COMMON, weakPasswordDictionary } from './password.ts';

describe('the French weak-password dictionary', () => {
  it('is loaded from its data file: thousands of folded words, first names, places, keyboard rows', () => {
    const words = weakPasswordDictionary();
    expect(words.size).toBeGreaterThan(3000);
    for (const w of ['motdepasse', 'azerty', 'soleil', 'jetaime', 'marseille', 'camille', 'nicolas', 'doudou', 'chouchou', 'qsdfghjklm', 'psg', 'dupont']) {
      expect(words.has(w), w).toBe(true);
    }
    // folded: lower case, letters only, no accents, no comment lines
    for (const w of words) expect(w).toMatch(/^[a-z]{3,}$/);
    // loaded once
    expect(weakPasswordDictionary()).toBe(words);
  });

  it.each([
    'Marseille13!',
    'Azerty123456!',
    'Soleil2024!!!',
    'MotDePasse2026',
    'P@ssw0rd12345',
    'J3t41m3m0n4m0ur',
    'jetaimemarie2023',
    'Camille.2005.06.12',
    'Nicolas-13052005',
    'Élodie1987!!',
    'chouchou-chouchou',
    'qsdfghjklm1234',
    'allezlesbleus98',
    'bienvenue@2025',
    'Dupont Martin 75',
  ])('refuses « %s » as too common, with a French message', (password) => {
    expect(isDictionaryPassword(password)).toBe(true);
    expect(passwordProblem(password)).toBe(TOO_COMMON);
    expect(TOO_COMMON).toMatch(/trop courant/);
  });

  it.each([
    'une longue phrase de passe 42',
    'ma fusée part demain',
    'nouvelle phrase de passe solide',
    'un chat sur le toit de Lyon',
    'des évaluations très justes',
    'Zx9!kq#Lm2vB',
    'cheval batterie agrafe correcte',
  ])('accepts « %s » (a phrase of several words, or random characters)', (password) => {
    expect(isDictionaryPassword(password)).toBe(false);
    expect(passwordProblem(password)).toBeNull();
  });

  it('refuses any dictionary word dressed up with digits, symbols and capitals (property)', () => {
    const words = [...weakPasswordDictionary()];
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.stringMatching(/^[0-9!?.*#_-]{0,8}$/),
        fc.stringMatching(/^[0-9!?.*#_-]{0,8}$/),
        fc.boolean(),
        (word, before, after, capital) => {
          const w = capital ? word[0]!.toUpperCase() + word.slice(1) : word;
          expect(isDictionaryPassword(`${before}${w}${after}`)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps the other rules: length, repeated characters, digits only, own name or address', () => {
    expect(passwordProblem('court')).toMatch(/au moins 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/répète/);
    expect(passwordProblem('123456789012')).toMatch(/chiffres/);
    expect(passwordProblem('zéphyrine cascade verte', { names: ['Zéphyrine'] })).toMatch(/votre nom/);
    expect(passwordProblem('kwerlandix du grand nord', { email: 'kwerlandix@exemple.fr' })).toMatch(/adresse e-mail/);
  });
});
