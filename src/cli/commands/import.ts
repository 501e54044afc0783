import type { Command } from '../command.ts';
import { parseOptions, UsageError } from '../command.ts';
import { loadConfig } from '../runtime.ts';
import { migrate, openDatabase } from '../../db/client.ts';
import { importPlatform, readManifest, refuseNonEmpty, verifyFiles } from '../../ops/import.ts';
import { OpsRefusal } from '../../ops/errors.ts';
import { describeDatabase, megabytes, seconds } from '../../ops/format.ts';

export const importCommand: Command = {
  name: 'import',
  usage: [
    'fabriques import --in DOSSIER',
    '',
    'Charge un dossier écrit par fabriques export dans la base configurée (typiquement un serveur PostgreSQL :',
    'DATABASE_URL), après avoir appliqué les migrations. Refuse avant de toucher à quoi que ce soit si un',
    'fichier manque ou a changé, si les versions des migrations diffèrent ou si la base contient déjà des',
    'données. Tout est importé en UNE transaction, contrôlé table par table (lignes et somme de contrôle)',
    'avant validation : l’import est complet ou absent, même interrompu.',
  ].join('\n'),
  async run(argv) {
    const o = parseOptions(argv, { in: { type: 'string' } });
    if (!o.in) throw new UsageError('indiquez le dossier à importer avec --in DOSSIER');
    const config = loadConfig();
    try {
      // refused before the database is even opened: a wrong --in, a missing or changed file
      const manifest = readManifest(o.in);
      const bytes = await verifyFiles(o.in, manifest);
      const database = await openDatabase(config.database);
      try {
        // a target holding data is refused before migrations touch it
        await refuseNonEmpty(database);
        await migrate(database);
        const r = await importPlatform(database, o.in, { verified: { manifest, bytes } });
        console.log(
          `Import dans ${describeDatabase(config.database)} terminé : ${r.tables} tables, ${r.rows.toLocaleString('fr-FR')} lignes ` +
            `(${megabytes(r.bytes)}) en ${seconds(r.ms)}. Les compteurs (séquences) suivent les derniers identifiants.`,
        );
      } finally {
        await database.close();
      }
    } catch (e) {
      if (e instanceof OpsRefusal) throw new UsageError(e.message);
      throw e;
    }
    return 0;
  },
};
