import { describe, expect, it } from 'vitest';
import { ERASED_MENTION, isPlaceholderEmail, maskMentions, mentionsOf, phoneSpellings, placeholderEmail } from './anonymise.ts';

describe('anonymisation values', () => {
  it('gives a unique, lower-case, non-routable address', () => {
    const e = placeholderEmail('compte', 'A1B2C3D4-0000-4000-8000-000000000001');
    expect(e).toBe('compte-a1b2c3d4-0000-4000-8000-000000000001@anonyme.invalid');
    expect(isPlaceholderEmail(e)).toBe(true);
    expect(isPlaceholderEmail('camille@exemple.fr')).toBe(false);
  });

  it('knows how a French phone number is written', () => {
    expect(phoneSpellings('06 47 21 38 95')).toEqual(expect.arrayContaining(['0647213895', '06 47 21 38 95', '06.47.21.38.95', '+33647213895', '+33 6 47 21 38 95']));
    expect(phoneSpellings('+33 6 47 21 38 95')).toContain('0647213895');
  });

  it('masks the full name, the address and the phone number in someone else’s text, HTML included, and nothing else', () => {
    const mentions = mentionsOf({ email: 'lea.o@exemple.fr', givenName: 'Léa', familyName: "O'Neil", phone: '0612345678', parentNames: [], parentEmails: [] });
    const text = "Léa O'Neil (lea.o@exemple.fr, 06 12 34 56 78) — L&#39;équipe salue Léa O&#39;Neil ; Léa Dupont reste.";
    expect(maskMentions(text, mentions)).toBe(`${ERASED_MENTION} (${ERASED_MENTION}, ${ERASED_MENTION}) — L&#39;équipe salue ${ERASED_MENTION} ; Léa Dupont reste.`);
    expect(maskMentions('LÉA O’NEIL', mentions)).toBe('LÉA O’NEIL');
    expect(maskMentions("LÉA O'NEIL", mentions)).toBe(ERASED_MENTION);
  });
});
