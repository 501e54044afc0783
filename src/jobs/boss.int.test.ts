import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../test/support/database.ts';
import type { Database } from '../db/client.ts';
import { startJobs, type JobsRuntime } from './boss.ts';

let database: Database;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
});
afterAll(async () => {
  await dispose?.();
});

const fast = { pollingIntervalSeconds: 0.5, cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };

async function until<T>(what: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('délai dépassé');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What each backend must do: run a sent job, retry a failing one, accept a daily schedule, stop. */
async function exercise(jobs: JobsRuntime, prefix: string) {
  const seen: string[] = [];
  let tries = 0;
  await jobs.register({ name: `${prefix}-echo`, handler: async (data: { word: string }) => void seen.push(data.word) });
  await jobs.register({
    name: `${prefix}-flaky`,
    retryLimit: 2,
    retryDelaySeconds: 1,
    handler: async () => {
      tries += 1;
      if (tries < 2) throw new Error('pas encore');
    },
  });
  await jobs.register({ name: `${prefix}-daily`, cron: '15 3 * * *', handler: async () => {} });

  await jobs.send(`${prefix}-echo`, { word: 'bonjour' });
  await jobs.send(`${prefix}-flaky`);
  expect(await until(() => (seen.length > 0 ? seen : undefined))).toEqual(['bonjour']);
  await until(() => (tries >= 2 ? true : undefined));

  // pg-boss 10 returns the time zone as a column its types do not declare
  const schedules = (await jobs.boss.getSchedules()) as unknown as { name: string; cron: string; timezone: string }[];
  expect(schedules.map((s) => [s.name, s.cron, s.timezone])).toContainEqual([`${prefix}-daily`, '15 3 * * *', 'Europe/Paris']);
  await expect(jobs.register({ name: `${prefix}-echo`, handler: async () => {} })).rejects.toThrow(/déjà/);
  await expect(jobs.send('inconnue')).rejects.toThrow(/inconnue/);
}

describe('pg-boss on the database of the tests (through Database.query)', () => {
  it('starts, runs and retries jobs, schedules a daily one, stops, and leaves the database usable', async () => {
    const jobs = await startJobs({ database, ...fast });
    try {
      await exercise(jobs, 'smoke');
    } finally {
      await jobs.stop();
    }
    await jobs.stop(); // twice is harmless
    // the application's own queries still work on the (single-session, for PGlite) database
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from pgboss.queue`);
    expect(row!.n).toBeGreaterThanOrEqual(3);
    // a second start finds pg-boss installed and its jobs registered
    const again = await startJobs({ database, ...fast, jobs: [{ name: 'smoke-echo', handler: async () => {} }] });
    await again.stop();
  });
});

const serverUrl = process.env.TEST_DATABASE_URL;
describe.skipIf(!serverUrl)('pg-boss on PostgreSQL with its own connection string', () => {
  it('runs jobs through its own pool', async () => {
    const schema = `pgboss_test_${randomBytes(4).toString('hex')}`;
    const jobs = await startJobs({ database, connectionString: serverUrl, schema, ...fast });
    try {
      await exercise(jobs, 'own');
    } finally {
      await jobs.stop();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    }
  });
});
