import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli.ts';

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('fabriques (entry point)', () => {
  it('lists the commands, and each one listed loads and shows its own usage', async () => {
    expect(await main(['--help'])).toBe(0);
    const names = out
      .join('\n')
      .split('\n')
      .map((l) => /^ {2}(\S+) {2,}\S/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined);
    expect(names).toEqual(['serve', 'migrate', 'seed', 'aid', 'admissions', 'backup', 'restore', 'export', 'import']);
    for (const name of names) {
      out = [];
      expect(await main([name, '--help'])).toBe(0);
      expect(out.join('\n')).toContain(`fabriques ${name}`);
    }
  });

  it('refuses an unknown command with exit code 2 and the list of commands', async () => {
    expect(await main(['serv'])).toBe(2);
    expect(err.join('\n')).toContain('commande inconnue « serv »');
    expect(err.join('\n')).toContain('serve, migrate');
  });
});
