import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from './support/database.ts';
import { testApp, TestClient } from './support/app.ts';
import { AUTHZ_MATRIX, type Expected } from './authz-matrix.ts';
import type { Database } from '../src/db/client.ts';
import { describeAccess } from '../src/areas/accounts/domain/access.ts';
import { ROLE_REFUSED } from '../src/areas/accounts/authz-plugin.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, insertDemoAccounts } from '../src/seed/demo-accounts.ts';
import { generateDemoNetwork } from '../src/seed/generate.ts';
import { insertNetworkRows } from '../src/seed/insert.ts';
import { hashPassword } from '../src/areas/accounts/passwords.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;

/** One demo account per role (the provider account acts for its first organisation). */
const ROLE_ACCOUNTS: Record<string, string> = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.memberships[0]!.role, a.email]));
const ROLES = Object.keys(ROLE_ACCOUNTS);
const ownOrganisation: Record<string, string> = {};

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 3, providers: 3, trainings: 4, sessions: 6, today: '2026-11-29' });
  const hash = await hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, hash);
  });
  app = await testApp(database);
  await app.ready();
  for (const role of ROLES) {
    const me = (await new TestClient(app).signIn(ROLE_ACCOUNTS[role]!, DEMO_PASSWORD)).json();
    ownOrganisation[role] = me.memberships[0].organisationId ?? '00000000-0000-4000-8000-000000000000';
  }
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const declared = () => new Map([...app.routeAccess].filter(([k]) => k.includes(' /api/')));
const render = (e: Expected) => (typeof e === 'string' ? e : [...e].sort().join(','));

describe('the authorisation matrix', () => {
  it('has exactly one entry per API route, equal to the route’s own declaration', () => {
    const routes = declared();
    const missing = [...routes.keys()].filter((k) => !(k in AUTHZ_MATRIX));
    const stale = Object.keys(AUTHZ_MATRIX).filter((k) => !routes.has(k));
    expect(missing, 'routes without an entry in test/authz-matrix.ts').toEqual([]);
    expect(stale, 'entries of test/authz-matrix.ts without a route').toEqual([]);
    for (const [key, access] of routes) {
      const actual = describeAccess(access).split(',').sort().join(',');
      expect(`${key} → ${actual}`).toBe(`${key} → ${render(AUTHZ_MATRIX[key]!)}`);
    }
  });

  it('documents every API route in the OpenAPI document', () => {
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`)));
    expect([...declared().keys()].filter((k) => !documented.has(k))).toEqual([]);
  });

  it('answers every route × role as the matrix says: 401 without a session, 403 for a role that may not', async () => {
    const who = ['anonymous', ...ROLES];
    const failures: string[] = [];
    let calls = 0;
    const clients = new Map<string, TestClient>();
    for (const key of declared().keys()) {
      const expected = AUTHZ_MATRIX[key];
      if (!expected) continue; // reported by the first test
      const [method, pattern] = key.split(' ') as [string, string];
      for (const role of who) {
        // one signed-in client per role, a fresh one for the calls that end sessions
        const endsSession = /sign-out|password/.test(pattern);
        let client = clients.get(role);
        if (!client || endsSession) {
          client = new TestClient(app);
          if (role !== 'anonymous') await client.signIn(ROLE_ACCOUNTS[role]!, DEMO_PASSWORD);
          if (!endsSession) clients.set(role, client);
        }
        // signing out everywhere (or a new password) ends the role's cached session too
        if (endsSession) clients.delete(role);
        const url = pattern
          .replace(':id', role === 'anonymous' ? '00000000-0000-4000-8000-000000000000' : ownOrganisation[role]!)
          .replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000001');
        const res = await client.call(method as 'GET', url, method === 'GET' || method === 'DELETE' ? undefined : {});
        calls++;
        const allowed = expected === 'public' || (role !== 'anonymous' && (expected === 'signed-in' || (expected as readonly string[]).includes(role)));
        const status = res.statusCode;
        // an allowed role may still be refused by the object's own rule (e.g. not an admin), never by the layer
        const layerRefused = status === 401 || (status === 403 && res.json().error === ROLE_REFUSED);
        const ok = allowed ? !layerRefused && status < 500 : role === 'anonymous' ? status === 401 : status === 403 && layerRefused;
        if (!ok) failures.push(`${key} as ${role}: ${status} (${allowed ? 'allowed' : 'denied'} expected)`);
      }
    }
    expect(failures).toEqual([]);
    expect(calls).toBe(declared().size * who.length);
    console.log(`authorisation matrix: ${declared().size} routes × ${who.length} roles = ${calls} calls checked`);
  });

  it('answers 404 for an organisation of another organisation of the same kind (no existence leak)', async () => {
    const provider = new TestClient(app);
    const me = (await provider.signIn(ROLE_ACCOUNTS.provider!, DEMO_PASSWORD)).json();
    const [, second] = me.memberships as { organisationId: string }[];
    const op = new TestClient(app);
    await op.signIn(ROLE_ACCOUNTS.operator!, DEMO_PASSWORD);
    const list = (await op.call('GET', '/api/organisations?kind=provider&pageSize=100')).json() as { results: { id: string }[] };
    const foreign = list.results.map((r) => r.id).filter((id) => id !== me.memberships[0].organisationId && id !== second?.organisationId);
    expect(foreign.length).toBeGreaterThan(0);
    for (const id of foreign) {
      for (const sub of ['', '/members', '/invitations']) {
        expect((await provider.call('GET', `/api/organisations/${id}${sub}`)).statusCode).toBe(404);
      }
    }
  });
});
