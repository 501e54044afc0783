import type { Command } from '../command.ts';
import { parseOptions, UsageError } from '../command.ts';
import { loadConfig } from '../runtime.ts';
import { restoreDatabase } from '../../ops/backup.ts';
import { OpsRefusal } from '../../ops/errors.ts';
import { describeDatabase, megabytes, seconds } from '../../ops/format.ts';

export const restoreCommand: Command = {
  name: 'restore',
  usage: [
    'fabriques restore --in FICHIER [--force]',
    '',
    'Restaure FICHIER (écrit par fabriques backup) dans la base configurée, du même genre :',
    '  - base embarquée (DATA_DIR) : arrêtez le serveur avant ; avec --force, l’ancienne base est',
    '    gardée à côté (dossier …avant-restauration-…) ;',
    '  - serveur PostgreSQL (DATABASE_URL) : pg_restore en une seule transaction (tout ou rien).',
    '  --force   remplace une base qui contient déjà des données',
  ].join('\n'),
  async run(argv) {
    const o = parseOptions(argv, { in: { type: 'string' }, force: { type: 'boolean' } });
    if (!o.in) throw new UsageError('indiquez la sauvegarde à restaurer avec --in FICHIER');
    const config = loadConfig();
    try {
      const r = await restoreDatabase(config.database, o.in, { force: o.force === true });
      console.log(`Sauvegarde ${r.file} (${megabytes(r.bytes)}) restaurée dans ${describeDatabase(config.database)} en ${seconds(r.ms)}.`);
      if (r.keptAside) console.log(`L’ancienne base est gardée dans ${r.keptAside} (supprimez-la quand vous n’en avez plus besoin).`);
    } catch (e) {
      if (e instanceof OpsRefusal) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  },
};
