import { describe, expect, it } from 'vitest';
import { hashSeed, Rng, WeightedList } from './prng.ts';

describe('seeded PRNG', () => {
  it('repeats the same sequence for the same seed, another for another seed', () => {
    const draw = (seed: number | string) => {
      const r = new Rng(seed);
      return Array.from({ length: 20 }, () => r.uint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('42')).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
    expect(hashSeed('a')).not.toBe(hashSeed('b'));
  });
  it('draws integers within bounds, covering them', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) seen.add(r.int(3, 9));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7, 8, 9]);
  });
  it('makes well-formed, distinct version-4 UUIDs', () => {
    const r = new Rng('ids');
    const ids = Array.from({ length: 20_000 }, () => r.uuid());
    for (const id of ids.slice(0, 500)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('picks by weight', () => {
    const r = new Rng(5);
    const list = new WeightedList(['rare', 'common', 'never'], (x) => (x === 'rare' ? 1 : x === 'common' ? 9 : 0));
    const counts = { rare: 0, common: 0, never: 0 };
    for (let i = 0; i < 10_000; i++) counts[list.pick(r) as keyof typeof counts]++;
    expect(counts.never).toBe(0);
    expect(counts.common / 10_000).toBeGreaterThan(0.87);
    expect(counts.common / 10_000).toBeLessThan(0.93);
    expect(r.weighted([['a', 0], ['b', 1]] as const)).toBe('b');
    expect(() => new WeightedList([], () => 1)).toThrow();
  });
});
