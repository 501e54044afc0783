/**
 * `fabriques admissions …` on its own, without the other commands: the entry bin/fabriques.mjs
 * compiles to one JavaScript file (shared/compiled-module.mjs), so the national batch jobs start in
 * ~0.1 s instead of the ~0.5 s of the TypeScript runner. Same behaviour as through src/cli.ts.
 */
import { runCommand } from './command.ts';
import { admissionsCommand } from './commands/admissions.ts';

export const run = (argv: string[]): Promise<number> => runCommand(admissionsCommand, argv);
