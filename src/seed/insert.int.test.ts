import { DEMO_ORGANISATIONS } from './demo-accounts.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.ts';
import { freshDatabase } from '../../test/support/database.ts';
import { DEMO_SIZE, generateDemoNetwork } from './generate.ts';
import { chunkSize, insertDemoNetwork, MAX_BIND_PARAMETERS, seedDemo, type DemoCounts } from './insert.ts';

const TODAY = '2026-03-10';

async function counts(database: Database) {
  const [row] = await database.rows<DemoCounts>(sql`
    select (select count(*)::int from organisations) as organisations, (select count(*)::int from trainings) as trainings,
           (select count(*)::int from labels) as labels, (select count(*)::int from sessions) as sessions`);
  return row!;
}

describe('chunkSize', () => {
  it('never exceeds the bind-parameter limit', () => {
    for (const columns of [1, 5, 7, 21, 40, 200, 70_000]) {
      const rows = chunkSize(columns, Number.MAX_SAFE_INTEGER);
      expect(rows).toBeGreaterThanOrEqual(1);
      if (columns <= MAX_BIND_PARAMETERS) expect(rows * columns).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
    }
    expect(chunkSize(7)).toBeLessThanOrEqual(1_000);
  });
});

// One database for the whole file: opening PGlite is the slow part.
describe('seedDemo and insertDemoNetwork (PGlite, or the real server in CI)', () => {
  let database: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ database, dispose } = await freshDatabase());
  });
  afterAll(async () => {
    await dispose();
  });
  const empty = { organisations: 0, trainings: 0, labels: 0, sessions: 0 };
  const extra = () => generateDemoNetwork({ seed: 'extra', today: TODAY, providers: 20, trainings: 30, sessions: 2_500 });

  it('inserts all or nothing: a bad row in the last chunk rolls the whole load back', async () => {
    const rows = extra();
    rows.sessions[2_400] = { ...rows.sessions[2_400]!, seatsTaken: 99 }; // breaks sessions_seats_check, third chunk
    await expect(insertDemoNetwork(database, rows)).rejects.toThrow();
    expect(await counts(database)).toEqual(empty);
  });

  it('seeds the demo network when there is no training, once even when called twice at the same time', async () => {
    const results = await Promise.all([seedDemo(database, { today: TODAY, size: 'demo' }), seedDemo(database, { today: TODAY })]);
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    const first = results.find((r) => r.seeded)!;
    expect(first.counts).toEqual({ organisations: DEMO_SIZE.providers + Object.keys(DEMO_ORGANISATIONS).length, trainings: DEMO_SIZE.trainings, labels: DEMO_SIZE.trainings, sessions: DEMO_SIZE.sessions });
    expect(await counts(database)).toEqual(first.counts);
    expect(first.message).toMatch(/chargées/);
  });

  it('does nothing the second time, and says so', async () => {
    const second = await seedDemo(database, { today: TODAY, size: 'demo' });
    expect(second.seeded).toBe(false);
    expect(second.counts).toEqual(empty);
    expect(second.message).toMatch(/déjà/);
    expect((await counts(database)).trainings).toBe(DEMO_SIZE.trainings);
  });

  it('stores the rows as generated (arrays, dates, nulls)', async () => {
    const rows = generateDemoNetwork({ seed: 2016, today: TODAY, ...DEMO_SIZE });
    const t = rows.trainings.find((x) => !x.isFree)!;
    const [stored] = await database.rows<{ rome_codes: string[]; formacodes: string[]; price_cents: number; title: string }>(
      sql`select rome_codes, formacodes, price_cents, title from trainings where id = ${t.id}`,
    );
    expect(stored).toEqual({ rome_codes: t.romeCodes, formacodes: t.formacodes, price_cents: t.priceCents, title: t.title });
    const s = rows.sessions[0]!;
    const [session] = await database.rows<{ starts_on: string; ends_on: string; status: string }>(
      sql`select starts_on::text, ends_on::text, status from sessions where id = ${s.id}`,
    );
    expect(session).toEqual({ starts_on: s.startsOn, ends_on: s.endsOn, status: s.status });
    const [free] = await database.rows<{ n: number }>(sql`select count(*)::int as n from trainings where is_free and price_cents is null`);
    expect(free!.n).toBe(rows.trainings.filter((x) => x.isFree).length);
  });

  it('loads a network spanning several chunks', async () => {
    const before = await counts(database);
    const inserted = await insertDemoNetwork(database, extra());
    expect(inserted).toEqual({ organisations: 20, trainings: 30, labels: 30, sessions: 2_500 });
    const after = await counts(database);
    expect(after.sessions - before.sessions).toBe(2_500);
    expect(after.trainings - before.trainings).toBe(30);
  });
});
