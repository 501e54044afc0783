import { runCommand, type CommandEntry } from './cli/command.ts';

/**
 * The commands, each loaded only when it runs: `fabriques admissions …` must not pay for the web
 * server's modules (loading all of them took ~1.5 s before any work).
 */
const commands: CommandEntry[] = [
  { name: 'serve', summary: 'démarre la plateforme (API et application web)', load: async () => (await import('./cli/commands/serve.ts')).serveCommand },
  { name: 'migrate', summary: 'applique les migrations SQL à la base de données', load: async () => (await import('./cli/commands/migrate.ts')).migrateCommand },
  { name: 'seed', summary: 'remplit une base vide avec le réseau de démonstration', load: async () => (await import('./cli/commands/seed.ts')).seedCommand },
  { name: 'aid', summary: 'simule l’aide Grande École du Numérique (échelon et montants, avec l’explication)', load: async () => (await import('./cli/commands/aid.ts')).aidCommand },
  { name: 'admissions', summary: 'ordre d’appel et tour de propositions à partir de fichiers CSV', load: async () => (await import('./cli/commands/admissions.ts')).admissionsCommand },
  { name: 'backup', summary: 'sauvegarde la base de données dans un fichier (à restaurer avec restore)', load: async () => (await import('./cli/commands/backup.ts')).backupCommand },
  { name: 'restore', summary: 'restaure une sauvegarde écrite par backup (refuse une base non vide sans --force)', load: async () => (await import('./cli/commands/restore.ts')).restoreCommand },
  { name: 'export', summary: 'exporte toute la plateforme dans un format portable (vers un serveur avec import)', load: async () => (await import('./cli/commands/export.ts')).exportCommand },
  { name: 'import', summary: 'importe un export dans une base neuve et vide (tout ou rien)', load: async () => (await import('./cli/commands/import.ts')).importCommand },
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
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    console.error(`fabriques : commande inconnue « ${name} ». Commandes : ${commands.map((c) => c.name).join(', ')} (voir --help).`);
    return 2;
  }
  return runCommand(await entry.load(), rest);
}
