/**
 * Runs the tasks given for one key one after the other, in the order they came, in this process.
 *
 * Not a lock: the database's row lock stays the guarantee (several processes may run). It only keeps
 * a second task for the same key from taking a database connection just to wait on that row lock:
 * under load a few such waits could hold most of the pool while every other request waits for it.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // forget the key once nothing more waits behind this task
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
