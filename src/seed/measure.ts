/**
 * Times generation and loading of the demo network into an in-memory PGlite.
 *   npx tsx src/seed/measure.ts [demo | benchmark | providers,trainings,sessions]
 */
import { sql } from 'drizzle-orm';
import { migrate, openDatabase } from '../db/client.ts';
import { BENCHMARK_SIZE, DEFAULT_SEED, DEMO_SIZE, generateDemoNetwork, type NetworkSize } from './generate.ts';
import { insertDemoNetwork } from './insert.ts';
import { placeIndex } from './places.ts';

function parseSize(arg: string | undefined): NetworkSize {
  if (arg === undefined || arg === 'demo') return DEMO_SIZE;
  if (arg === 'benchmark') return BENCHMARK_SIZE;
  const [providers, trainings, sessions] = arg.split(',').map(Number);
  return { providers: providers!, trainings: trainings!, sessions: sessions! };
}

const size = parseSize(process.argv[2]);
const ms = (t0: number) => `${Math.round(performance.now() - t0)} ms`;

let t0 = performance.now();
placeIndex();
console.log(`référentiel des communes : ${ms(t0)}`);
t0 = performance.now();
const rows = generateDemoNetwork({ ...size, seed: DEFAULT_SEED, today: new Date().toISOString().slice(0, 10) });
console.log(`génération ${JSON.stringify(size)} : ${ms(t0)}`);

const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
await migrate(database);
t0 = performance.now();
const counts = await insertDemoNetwork(database, rows);
console.log(`insertion PGlite : ${ms(t0)}`, counts);
const [check] = await database.rows<{ n: number }>(sql`select count(*)::int as n from sessions`);
console.log(`sessions en base : ${check?.n}`);
await database.close();
