import { describe, expect, it } from 'vitest';
import { captureConsole } from '../test/support/console.ts';
import { main } from './cli.ts';

const { out, err } = captureConsole();

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
      out.length = 0;
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
