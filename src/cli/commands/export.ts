import type { Command } from '../command.ts';
import { parseOptions, UsageError } from '../command.ts';
import { loadConfig } from '../runtime.ts';
import { openDatabase } from '../../db/client.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { exportPlatform } from '../../ops/export.ts';
import { OpsRefusal } from '../../ops/errors.ts';
import { describeDatabase, megabytes, seconds } from '../../ops/format.ts';

export const exportCommand: Command = {
  name: 'export',
  usage: [
    'fabriques export --out DOSSIER',
    '',
    'Écrit dans DOSSIER (nouveau ou vide) toutes les données de la base configurée : un fichier JSON Lines',
    'par table (tables/NNN-nom.jsonl, dans l’ordre des références) et manifest.json (version des migrations,',
    'nombre de lignes, somme de contrôle du contenu et SHA-256 de chaque fichier). Lecture en une transaction',
    'cohérente : le service peut tourner sur un serveur ; arrêtez-le pour la base embarquée.',
    'Usage type : passer de la base embarquée (DATA_DIR, sans DATABASE_URL) à un serveur PostgreSQL',
    '(DATABASE_URL=… fabriques import --in DOSSIER).',
  ].join('\n'),
  async run(argv) {
    const o = parseOptions(argv, { out: { type: 'string' } });
    if (!o.out) throw new UsageError('indiquez le dossier à écrire avec --out DOSSIER');
    const config = loadConfig();
    if (config.database.kind === 'pglite' && !existsSync(path.join(config.database.dataDir, 'PG_VERSION'))) {
      throw new UsageError(`aucune base embarquée dans ${config.database.dataDir} : vérifiez DATA_DIR (ou DATABASE_URL pour un serveur)`);
    }
    const database = await openDatabase(config.database);
    try {
      const r = await exportPlatform(database, o.out);
      console.log(
        `Export de ${describeDatabase(config.database)} écrit dans ${r.dir} : ${r.manifest.tables.length} tables, ` +
          `${r.rows.toLocaleString('fr-FR')} lignes, ${megabytes(r.bytes)}, ${seconds(r.ms)} (${r.manifest.migration.count} migrations).`,
      );
    } catch (e) {
      if (e instanceof OpsRefusal) throw new UsageError(e.message);
      throw e;
    } finally {
      await database.close();
    }
    return 0;
  },
};
