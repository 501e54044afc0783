import type { Command } from '../command.ts';
import { parseOptions } from '../command.ts';
import { loadConfig, openMigrated } from '../runtime.ts';
import { buildServer } from '../../server.ts';
import { CatalogueReadModel } from '../../areas/catalogue/read-model.ts';
import { territories } from '../../areas/territories/referential.ts';
import { seedDemo } from '../../seed/insert.ts';
import { parisDate } from '../../shared/clock.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'démarre la plateforme (API et application web)',
  usage: [
    'fabriques serve',
    '',
    'Applique les migrations, crée le réseau de démonstration au premier démarrage (mode démo),',
    'puis sert l’application web et l’API sur PORT (3000 par défaut).',
    'Réglages : PORT, HOST, DATABASE_URL, DATA_DIR, BASE_URL, SESSION_SECRET, SMTP_URL, OIDC_*, DEMO (voir README).',
  ].join('\n'),
  async run(argv) {
    parseOptions(argv, {});
    const config = loadConfig();
    const database = await openMigrated(config);
    if (config.seedDemo) {
      const r = await seedDemo(database, { today: parisDate(new Date()), size: 'demo', seed: 2016 });
      console.log(r.message);
    }
    const catalogue = new CatalogueReadModel(database, territories());
    await catalogue.refresh();
    const app = await buildServer({ config, database, catalogue });
    const stop = async () => {
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    const address = await app.listen({ port: config.port, host: config.host });
    console.log(`Fabriques est prêt sur ${config.port === 0 ? address : config.baseUrl} (API : /api/docs)`);
    return new Promise<number>(() => {});
  },
};
