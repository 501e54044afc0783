import { describe, expect, it } from 'vitest';
import { buildClasses, classOf, niceLimit } from './choroplethClasses.ts';

describe('choropleth classes', () => {
  it('has only « aucune place » when no département has seats', () => {
    const classes = buildClasses([0, 0, 0]);
    expect(classes).toHaveLength(1);
    expect(classOf(0, classes).label).toBe('Aucune place');
    expect(classOf(3, classes).label).toBe('Aucune place');
  });

  it('cuts the non-zero values at rounded quartiles', () => {
    const values = [0, 0, 0.4, 0.8, 1.2, 1.6, 2.3, 3.1, 4.4, 6.2, 8.8, 12.5];
    const classes = buildClasses(values);
    expect(classes.map((c) => c.tone)).toEqual([0, 1, 2, 3, 4]);
    expect(classes.map((c) => c.label)).toEqual([
      'Aucune place',
      'Moins de 1,3',
      'De 1,3 à moins de 2,7',
      'De 2,7 à moins de 5,8',
      '5,8 et plus',
    ]);
    expect(classOf(0, classes).tone).toBe(0);
    expect(classOf(0.4, classes).tone).toBe(1);
    expect(classOf(1.3, classes).tone).toBe(2);
    expect(classOf(12.5, classes).tone).toBe(4);
    // every value falls in the class whose bounds hold it
    for (const v of values.filter((x) => x > 0)) {
      const c = classOf(v, classes);
      expect(v).toBeGreaterThanOrEqual(c.min);
      if (c.max !== null) expect(v).toBeLessThan(c.max);
    }
  });

  it('merges classes when values are equal, keeping contrasted tones', () => {
    const classes = buildClasses([2, 2, 2, 2]);
    expect(classes.map((c) => [c.label, c.tone])).toEqual([
      ['Aucune place', 0],
      ['Plus de 0', 3],
    ]);
    const two = buildClasses([1, 1, 1, 5, 5, 5]);
    expect(two.map((c) => c.tone)).toEqual([0, 2, 4]);
  });

  it('rounds limits to readable numbers', () => {
    expect(niceLimit(12.7)).toBe(13);
    expect(niceLimit(2.345)).toBe(2.3);
    expect(niceLimit(0.456)).toBe(0.46);
    expect(niceLimit(0.001)).toBe(0.01);
  });
});
