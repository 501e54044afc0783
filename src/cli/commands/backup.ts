import type { Command } from '../command.ts';
import { parseOptions, UsageError } from '../command.ts';
import { loadConfig } from '../runtime.ts';
import { backupDatabase } from '../../ops/backup.ts';
import { OpsRefusal } from '../../ops/errors.ts';
import { describeDatabase, megabytes, seconds } from '../../ops/format.ts';

export const backupCommand: Command = {
  name: 'backup',
  usage: [
    'fabriques backup --out FICHIER',
    '',
    'Sauvegarde la base configurée dans FICHIER (qui ne doit pas exister) :',
    '  - base embarquée (DATA_DIR) : archive .tar.gz du dossier PGlite — arrêtez le serveur avant ;',
    '  - serveur PostgreSQL (DATABASE_URL) : pg_dump au format custom (-Fc), le service peut tourner.',
    'La sauvegarde se restaure dans le même genre de base (fabriques restore). Pour passer de la base',
    'embarquée à un serveur, utilisez fabriques export / fabriques import.',
  ].join('\n'),
  async run(argv) {
    const o = parseOptions(argv, { out: { type: 'string' } });
    if (!o.out) throw new UsageError('indiquez le fichier à écrire avec --out FICHIER');
    const config = loadConfig();
    try {
      const r = await backupDatabase(config.database, o.out);
      console.log(`Sauvegarde de ${describeDatabase(config.database)} écrite dans ${r.file} (${megabytes(r.bytes)}, ${seconds(r.ms)}).`);
    } catch (e) {
      if (e instanceof OpsRefusal) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  },
};
