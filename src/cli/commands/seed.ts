import type { Command } from '../command.ts';
import { parseOptions, positiveInt, UsageError } from '../command.ts';
import { loadConfig, openMigrated } from '../runtime.ts';
import { seedDemo } from '../../seed/insert.ts';
import { parisDate } from '../../shared/clock.ts';

export const seedCommand: Command = {
  name: 'seed',
  usage: [
    'fabriques seed [--providers N] [--trainings N] [--sessions N] [--seed N] [--today AAAA-MM-JJ]',
    '',
    'Crée un réseau de démonstration réaliste et reproductible (structures, formations labellisées, sessions)',
    'si la base ne contient encore aucune formation. Par défaut : ~250 structures, ~400 formations, ~1 000 sessions.',
    '  --providers N   nombre de structures',
    '  --trainings N   nombre de formations',
    '  --sessions N    nombre de sessions',
    '  --seed N        graine du générateur (même graine, même réseau)',
    '  --today DATE    date de référence (défaut : aujourd’hui, heure de Paris)',
  ].join('\n'),
  async run(argv) {
    const o = parseOptions(argv, {
      providers: { type: 'string' },
      trainings: { type: 'string' },
      sessions: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
    });
    const custom = o.providers !== undefined || o.trainings !== undefined || o.sessions !== undefined;
    const trainings = positiveInt('trainings', o.trainings, 400, 200_000);
    const size = custom
      ? {
          providers: positiveInt('providers', o.providers, Math.max(1, Math.round(trainings / 1.6)), 100_000),
          trainings,
          sessions: positiveInt('sessions', o.sessions, trainings * 2.5, 1_000_000),
        }
      : ('demo' as const);
    const seed = positiveInt('seed', o.seed, 2016, 2 ** 31);
    if (o.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.today)) {
      throw new UsageError(`--today doit être une date AAAA-MM-JJ (reçu « ${o.today} »)`);
    }
    const config = loadConfig();
    const database = await openMigrated(config);
    try {
      const result = await seedDemo(database, { today: o.today ?? parisDate(new Date()), size, seed });
      console.log(JSON.stringify(result));
    } finally {
      await database.close();
    }
    return 0;
  },
};
