import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from '../config-error.ts';

/** A CLI misuse: exit code 2 and one line saying what to fix. */
export class UsageError extends Error {}

export interface Command {
  name: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

/** A command as the entry point lists it: its module is loaded only to run it (or show its usage). */
export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

/**
 * Runs a command as `fabriques <name> …` does: its usage for --help, else the command; returns the
 * exit code (0 ok, 1 failure, 2 misuse with one line saying what to fix).
 */
export async function runCommand(command: Command, argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`fabriques ${command.name} : ${e.message}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    console.error(`fabriques ${command.name} : échec — ${(e as Error).message}`);
    return 1;
  }
}

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing with French messages; --help is handled by the caller. */
export function parseOptions<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const msg = (e as Error).message;
    const unknown = /Unknown option '([^']+)'/.exec(msg);
    if (unknown) throw new UsageError(`option inconnue ${unknown[1]} (voir --help)`);
    const missing = /Option '([^']+)' argument missing/.exec(msg);
    if (missing) throw new UsageError(`l'option ${missing[1]!.split(',').pop()!.trim()} attend une valeur`);
    throw new UsageError(msg);
  }
}

export function positiveInt(name: string, value: string | undefined, fallback: number, max = 10_000_000): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new UsageError(`--${name} doit être un entier entre 1 et ${max} (reçu « ${value} »)`);
  }
  return Number(value);
}
