import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('OneAtATime', () => {
  it('runs the tasks of one key one after the other, in order, and those of other keys alongside', async () => {
    const q = new OneAtATime();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string) => async () => {
      running++;
      most = Math.max(most, running);
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      running--;
      return name;
    };
    const a = [q.run('s1', task('a1')), q.run('s1', task('a2')), q.run('s1', task('a3'))];
    const b = q.run('s2', task('b1'));
    expect(await Promise.all([...a, b])).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(log.filter((l) => l.includes(' a'))).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
    expect(most).toBe(2); // a task of s1 and the one of s2 at the same time, never two of s1
    expect(q.size).toBe(0);
  });

  it('goes on after a failed task, and gives its error to its own caller only', async () => {
    const q = new OneAtATime();
    const failed = q.run('s', async () => {
      throw new Error('non');
    });
    const next = q.run('s', async () => 'suite');
    await expect(failed).rejects.toThrow('non');
    expect(await next).toBe('suite');
    await tick();
    expect(q.size).toBe(0);
  });
});
