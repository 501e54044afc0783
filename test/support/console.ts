import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Captures what the code under test prints (console.log → out, console.error → err), emptied before
 * each test. For the CLI's tests, which call `main` in the test process.
 */
export function captureConsole(): { out: string[]; err: string[] } {
  const printed = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    printed.out.length = 0;
    printed.err.length = 0;
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
  return printed;
}
