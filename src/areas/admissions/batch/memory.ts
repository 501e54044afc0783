/**
 * Typed arrays for the batch engine: grown by doubling, and allocated in shared memory
 * (SharedArrayBuffer) when a file is read in parts by several threads, so that each thread reads the
 * others' buckets without a copy.
 */
type Typed = Int32Array | Uint8Array;

/**
 * A zeroed array of `length` elements, in memory other threads can see (a SharedArrayBuffer) when
 * `shared` — the buckets of a file read in parts by several threads.
 */
export function alloc<T extends Typed>(kind: { new (n: number): T; new (b: ArrayBufferLike): T; BYTES_PER_ELEMENT: number }, length: number, shared: boolean): T {
  return shared ? new kind(new SharedArrayBuffer(length * kind.BYTES_PER_ELEMENT)) : new kind(length);
}

/** An empty array of the same kind as `a` (shared when it is). */
export function like<T extends Typed>(a: T, length: number): T {
  return alloc(a.constructor as never, length, a.buffer instanceof SharedArrayBuffer) as T;
}

export function grow<T extends Typed>(a: T, capacity: number): T {
  const bigger = like(a, capacity);
  bigger.set(a.length > capacity ? a.subarray(0, capacity) : a);
  return bigger;
}
