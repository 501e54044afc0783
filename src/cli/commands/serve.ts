import type { Command } from '../command.ts';
import { parseOptions } from '../command.ts';
import { loadConfig, openMigrated } from '../runtime.ts';
import { buildServer } from '../../server.ts';
import { CatalogueReadModel } from '../../areas/catalogue/read-model.ts';
import { territories } from '../../areas/territories/referential.ts';
import { seedDemo } from '../../seed/insert.ts';
import { parisDate, systemClock } from '../../shared/clock.ts';
import { startJobs } from '../../jobs/boss.ts';
import { mailJobs } from '../../mail/jobs.ts';
import { accountsJobs } from '../../areas/accounts/jobs.ts';
import { accountsContext } from '../../areas/accounts/context.ts';
import { startMailWorker } from '../../mail/worker.ts';
import { labelsJobs } from '../../areas/labels/jobs.ts';
import { admissionsJobs } from '../../areas/admissions/jobs.ts';
import { privacyJobs } from '../../areas/privacy/jobs.ts';
import { loadScales } from '../../areas/scholarships/scales.ts';

export const serveCommand: Command = {
  name: 'serve',
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
    // background work: pg-boss jobs, and the mail outbox (sent through SMTP_URL, or kept in demo mode)
    const jobs = await startJobs({
      database,
      connectionString: config.database.kind === 'pg' ? config.database.url : undefined,
      jobs: [
        ...mailJobs(database),
        ...accountsJobs(database, accountsContext(database, config, systemClock).sessions),
        // labels expire at the end of their 3 years (daily)
        ...labelsJobs({ database, clock: systemClock, geo: catalogue.geo, catalogue, baseUrl: config.baseUrl }),
        // the daily offer round at 06:00; at 05:30 the sessions move along their dates and accepted offers become enrolments (admissions)
        ...admissionsJobs({ database, clock: systemClock, geo: catalogue.geo, scales: loadScales(), baseUrl: config.baseUrl, catalogue }),
        // retention periods of personal data (RGPD), every day at 03:50
        ...privacyJobs({ database, clock: systemClock, baseUrl: config.baseUrl }),
      ],
      log: app.log,
    });
    const mail = startMailWorker({ database, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log });
    const stop = async () => {
      await app.close();
      // requests whose client has gone may still be running: the database closes after them
      await app.admission.drained(10_000);
      await mail.stop();
      await jobs.stop();
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
