import { ConfigError } from './config.ts';
import { UsageError, type Command } from './cli/command.ts';
import { migrateCommand } from './cli/commands/migrate.ts';
import { seedCommand } from './cli/commands/seed.ts';
import { serveCommand } from './cli/commands/serve.ts';
import { aidCommand } from './cli/commands/aid.ts';
import { admissionsCommand } from './cli/commands/admissions.ts';
import { backupCommand } from './cli/commands/backup.ts';
import { restoreCommand } from './cli/commands/restore.ts';
import { exportCommand } from './cli/commands/export.ts';
import { importCommand } from './cli/commands/import.ts';

const commands: Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  aidCommand,
  admissionsCommand,
  backupCommand,
  restoreCommand,
  exportCommand,
  importCommand,
];

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'fabriques <commande> [options]',
    '',
    'Commandes :',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'fabriques <commande> --help affiche l’aide d’une commande.',
  ].join('\n');
}

/** Entry point of `npx fabriques`: returns the exit code (0 ok, 1 failure, 2 misuse). */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`fabriques : commande inconnue « ${name} ». Commandes : ${commands.map((c) => c.name).join(', ')} (voir --help).`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`fabriques ${name} : ${e.message}`);
      return 2;
    }
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    console.error(`fabriques ${name} : échec — ${(e as Error).message}`);
    return 1;
  }
}
