import { describe, expect, it } from 'vitest';
import { NUL_MESSAGE, SURROGATE_MESSAGE, unstorableFields } from './input-guard.ts';

describe('unstorableFields', () => {
  it('names every field whose value or key holds a NUL character, at any depth, as the validation errors do', () => {
    expect(unstorableFields({ givenName: 'a\u0000b', income: { euros: 1 }, partners: [{ name: 'ok' }, { name: '\u0000' }], 'k\u0000': 1 })).toEqual({
      givenName: NUL_MESSAGE,
      'partners.1.name': NUL_MESSAGE,
      'k\\0': NUL_MESSAGE,
    });
    expect(unstorableFields('\u0000')).toEqual({ requête: NUL_MESSAGE });
  });

  it('names lone UTF-16 surrogates, and lets well-formed text through (emoji, accents, every script)', () => {
    expect(unstorableFields({ title: 'Dossier \ud800', data: { summary: 'x\udc00y' }, ['\udfffk']: 'v' })).toEqual({
      title: SURROGATE_MESSAGE,
      'data.summary': SURROGATE_MESSAGE,
      '\\udfffk': SURROGATE_MESSAGE,
    });
    expect(unstorableFields({ q: 'Lyon', page: '2', name: 'Zoé 😀 👩‍👩‍👧 𝕏 عربى ﷺ', n: 12, ok: true, none: null })).toEqual({});
    expect(unstorableFields(Buffer.from([0, 0xd8, 0]))).toEqual({});
    expect(unstorableFields(undefined)).toEqual({});
  });

  it('walks a deeply nested body without exhausting the stack', () => {
    let deep: unknown = 'fin\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(Object.keys(unstorableFields(deep))).toHaveLength(1);
  });
});
