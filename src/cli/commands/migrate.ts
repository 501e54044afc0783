import type { Command } from '../command.ts';
import { parseOptions } from '../command.ts';
import { loadConfig, openMigrated } from '../runtime.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'fabriques migrate\n\nApplique les migrations enregistrées (src/db/migrations) à la base configurée\n(PGlite dans DATA_DIR, ou le serveur de DATABASE_URL). Sans effet si elles sont déjà appliquées.',
  async run(argv) {
    parseOptions(argv, {});
    const config = loadConfig();
    const database = await openMigrated(config);
    await database.close();
    console.log(`Migrations appliquées (${config.database.kind === 'pg' ? 'serveur PostgreSQL' : 'PGlite ' + config.database.dataDir}).`);
    return 0;
  },
};
