import { describe, expect, it } from 'vitest';
import { assertTransition, canTransition, defineTransitions } from './transitions.ts';
import { ConflictError } from './errors.ts';

const table = defineTransitions({ draft: ['open'], open: ['closed'], closed: [] });

describe('transition tables', () => {
  it('allows only the listed moves', () => {
    expect(canTransition(table, 'draft', 'open')).toBe(true);
    expect(canTransition(table, 'open', 'draft')).toBe(false);
    expect(canTransition(table, 'closed', 'open')).toBe(false);
  });
  it('refuses a move with a 409 naming both states', () => {
    expect(() => assertTransition(table, 'closed', 'open', { closed: 'clos', open: 'ouvert' })).toThrow(ConflictError);
    expect(() => assertTransition(table, 'closed', 'open', { closed: 'clos', open: 'ouvert' })).toThrow(/« clos » à l’état « ouvert »/);
  });
});
