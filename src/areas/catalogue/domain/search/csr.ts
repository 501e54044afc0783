/** Compressed sparse rows: the members of group g are items[start[g] .. start[g + 1]). */
export interface Csr {
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** A Csr from one list per member. */
export function fromLists(lists: readonly (readonly number[])[]): Csr {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, m) => (start[m + 1] = start[m]! + l.length));
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((l, m) => items.set(l, start[m]!));
  return { start, items };
}

