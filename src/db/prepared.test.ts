import { describe, expect, it } from 'vitest';
import { StatementNames } from './prepared.ts';

describe('the names of repeated statements', () => {
  it('names a text from its third use on, always with the same name, never twice the same name', () => {
    const names = new StatementNames();
    const q = 'select 1 where x = $1';
    expect(names.nameFor(q)).toBeUndefined();
    expect(names.nameFor(q)).toBeUndefined();
    const name = names.nameFor(q);
    expect(name).toMatch(/^fabriques_\d+$/);
    expect(names.nameFor(q)).toBe(name);
    const other = 'select 2 where y = $1';
    names.nameFor(other);
    names.nameFor(other);
    expect(names.nameFor(other)).not.toBe(name);
  });

  it('leaves a refused text unnamed for good, and long texts unnamed', () => {
    const names = new StatementNames();
    const q = 'select 1 where x = $1';
    for (let i = 0; i < 3; i++) names.nameFor(q);
    names.refuse(q);
    for (let i = 0; i < 5; i++) expect(names.nameFor(q)).toBeUndefined();
    const long = `select '${'x'.repeat(20_000)}' where x = $1`;
    for (let i = 0; i < 5; i++) expect(names.nameFor(long)).toBeUndefined();
  });

  it('names at most a thousand texts', () => {
    const names = new StatementNames();
    let named = 0;
    for (let t = 0; t < 1200; t++) for (let i = 0; i < 3; i++) if (names.nameFor(`select ${t} where x = $1`) && i === 2) named++;
    expect(named).toBe(1000);
  });
});
