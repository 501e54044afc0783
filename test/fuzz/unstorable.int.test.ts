// What the fuzzing found first: characters PostgreSQL cannot store (NUL, lone UTF-16 surrogates) sent in a
// query string, a JSON body or a jsonb-bound field answered 500. They are refused with a field-level 400
// (src/http/input-guard.ts), and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { hashPassword } from '../../src/areas/accounts/passwords.ts';
import { DEMO_PASSWORD, insertDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../src/seed/generate.ts';
import { insertNetworkRows } from '../../src/seed/insert.ts';
import { freshDatabase } from '../support/database.ts';
import { testApp, TestClient } from '../support/app.ts';
import { GOOD_PROFILE } from '../authz-matrix-world.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 5, providers: 2, trainings: 2, sessions: 2, today: '2026-11-29' });
  const hash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, hash);
  });
  app = await testApp(database);
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const signedIn = async (email: string) => {
  const c = new TestClient(app);
  expect((await c.signIn(email, DEMO_PASSWORD)).statusCode).toBe(200);
  return c;
};
const rowsOf = async (table: string) => (await database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('characters the database cannot store', () => {
  it('are refused field by field in a JSON body, at any depth, and nothing is written', async () => {
    const c = await signedIn('candidate@demo.fabriques.fr');
    const [profiles, audits] = [await rowsOf('candidate_profiles'), await rowsOf('audit')];
    const nul = await c.call('PUT', '/api/candidate/profile', { ...GOOD_PROFILE, givenName: 'Cam\u0000ille' });
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ error: 'requete_invalide', fields: { givenName: expect.stringMatching(/caractère nul/) } });
    const lone = await c.call('PUT', '/api/candidate/profile', { ...GOOD_PROFILE, familyName: 'Di\ud800allo', income: { euros: 1, children: 0, childrenHigherEducation: 0 } });
    expect(lone.statusCode).toBe(400);
    expect(lone.json().fields).toEqual({ familyName: expect.stringMatching(/Unicode invalide/) });
    expect([await rowsOf('candidate_profiles'), await rowsOf('audit')]).toEqual([profiles, audits]);
    // the same profile without them is saved
    expect((await c.call('PUT', '/api/candidate/profile', { ...GOOD_PROFILE, givenName: 'Camille 😀' })).statusCode).toBe(200);
  });

  it('are refused in a query string and a path parameter (they used to reach SQL and fail there)', async () => {
    const op = await signedIn('operateur@demo.fabriques.fr');
    const byName = await op.call('GET', '/api/organisations?name=a%00b');
    expect(byName.statusCode).toBe(400);
    expect(byName.json().fields).toEqual({ name: expect.stringMatching(/caractère nul/) });
    expect((await op.call('GET', '/api/labels?q=%00')).statusCode).toBe(400);
    const anonymous = new TestClient(app);
    expect((await anonymous.call('POST', '/api/auth/sign-in', { email: 'a\u0000b@exemple.fr', password: 'x' })).json().fields).toEqual({ email: expect.stringMatching(/caractère nul/) });
    expect((await anonymous.call('GET', '/api/trainings/%00')).statusCode).toBe(400);
    expect((await anonymous.call('GET', '/api/trainings?q=d%C3%A9veloppeur')).statusCode).toBe(200);
  });
});
