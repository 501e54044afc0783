import { describe, expect, it } from 'vitest';
import { AdmissionQueue } from './admission.ts';

const enter = async (q: AdmissionQueue) => {
  const e = q.enter();
  if (e === null) throw new Error('refused');
  return typeof e === 'function' ? e : await e;
};

describe('the admission queue', () => {
  it('lets the limit in at once, then the others in their order of arrival as requests end', async () => {
    const q = new AdmissionQueue(2);
    const a = await enter(q);
    const b = await enter(q);
    const started: string[] = [];
    const c = enter(q).then((leave) => (started.push('c'), leave));
    const d = enter(q).then((leave) => (started.push('d'), leave));
    await Promise.resolve();
    expect(started).toEqual([]);
    expect(q.queued).toBe(2);
    a();
    const leaveC = await c;
    expect(started).toEqual(['c']);
    // leaving twice frees one place only
    a();
    await Promise.resolve();
    expect(started).toEqual(['c']);
    b();
    await d;
    expect(started).toEqual(['c', 'd']);
    expect(q.inWork).toBe(2);
    leaveC();
    expect(q.inWork).toBe(1);
    expect(q.queued).toBe(0);
  });

  it('keeps the order over many waiting requests', async () => {
    const q = new AdmissionQueue(1);
    const first = await enter(q);
    const order: number[] = [];
    const all = Array.from({ length: 3000 }, (_, i) =>
      enter(q).then((leave) => {
        order.push(i);
        leave();
      }),
    );
    first();
    await Promise.all(all);
    expect(order).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(q.inWork).toBe(0);
  });

  it('refuses at once past maxWaiting requests waiting, and takes them again once the line shortens', async () => {
    const q = new AdmissionQueue(1, 2);
    const first = await enter(q);
    const waiting = [q.enter(), q.enter()];
    expect(waiting.every((w) => w instanceof Promise)).toBe(true);
    expect(q.enter()).toBeNull();
    first();
    const second = await waiting[0]!;
    expect(q.queued).toBe(1);
    expect(q.enter()).toBeInstanceOf(Promise);
    second();
  });

  it('tells when every request has ended (shutdown waits for it), or gives up after the timeout', async () => {
    const q = new AdmissionQueue(1);
    const a = await enter(q);
    const b = enter(q);
    expect(await q.drained(30, 5)).toBe(false);
    const drained = q.drained(2000, 5);
    a();
    (await b)();
    expect(await drained).toBe(true);
  });
});
