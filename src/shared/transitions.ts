import { ConflictError } from './errors.ts';

/**
 * A lifecycle as a table: for each state, the states it may move to. Every state change of the
 * platform goes through one of these tables (and writes an audit row in the same transaction).
 */
export type TransitionTable<S extends string> = { readonly [K in S]: readonly S[] };

export function defineTransitions<S extends string>(table: { readonly [K in S]: readonly NoInfer<S>[] }): TransitionTable<S> {
  return table;
}

export function canTransition<S extends string>(table: TransitionTable<S>, from: S, to: S): boolean {
  return table[from]?.includes(to) ?? false;
}

/** Throws a 409 with a French message naming both states when the move is not in the table. */
export function assertTransition<S extends string>(
  table: TransitionTable<S>,
  from: S,
  to: S,
  labels: Partial<Record<S, string>> = {},
): void {
  if (!canTransition(table, from, to)) {
    const name = (s: S) => labels[s] ?? s;
    throw new ConflictError(`Passage impossible de l’état « ${name(from)} » à l’état « ${name(to)} ».`, 'transition_interdite');
  }
}
