// Database loss and return, on the real `fabriques serve` over a throw-away PostgreSQL cluster: while
// the database server is stopped, every API call that needs it answers 503 with the French message
// and the code base_indisponible (never a 500, never a crash); when it comes back, the same process
// serves again on its own — the same session cookie works — without any restart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/db/client.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-accounts.ts';
import { SKIP_OWN_CLUSTER, startCluster, type Cluster } from './cluster.ts';
import { seedNetwork } from './dataset.ts';
import { HttpClient, startServe, type ServerProcess } from './server.ts';

if (SKIP_OWN_CLUSTER) console.warn(`database-loss: ignoré — ${SKIP_OWN_CLUSTER}`);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!!SKIP_OWN_CLUSTER)('the database server stops, then comes back', () => {
  let cluster: Cluster;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await startCluster();
    const database = await openDatabase({ kind: 'pg', url: cluster.url });
    await migrate(database);
    await seedNetwork(database);
    await database.close();
    server = await startServe({ DATABASE_URL: cluster.url });
  });

  afterAll(async () => {
    await server?.stop();
    cluster?.destroy();
  });

  it('answers 503 base_indisponible while it is away and recovers by itself', async () => {
    const operator = new HttpClient(server.base);
    await operator.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD);
    expect((await operator.call('GET', '/api/account')).status).toBe(200);
    expect((await operator.call('GET', '/api/admissions/rounds')).status).toBe(200);
    const pid = server.child.pid;

    cluster.stop();
    const health = await new HttpClient(server.base).call('GET', '/api/health');
    expect(health.status, JSON.stringify(health.body)).toBe(503);
    expect(health.body).toEqual({ status: 'degraded', database: 'indisponible', error: 'base_indisponible', message: expect.stringMatching(/base de données/) });
    const calls: [string, 'GET' | 'POST', string, unknown?][] = [
      ['health, with a session cookie', 'GET', '/api/health'],
      ['session read', 'GET', '/api/account'],
      ['operator list', 'GET', '/api/admissions/rounds'],
      ['state change', 'POST', '/api/admissions/rounds'],
    ];
    for (const [what, method, url, body] of calls) {
      const r = await operator.call(method, url, body);
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(503);
      expect(r.body).toEqual({ error: 'base_indisponible', message: expect.stringMatching(/^La base de données est momentanément indisponible/) });
    }
    const stranger = await new HttpClient(server.base).call('POST', '/api/auth/sign-in', { email: 'operateur@demo.fabriques.fr', password: DEMO_PASSWORD });
    expect(stranger.status).toBe(503);
    expect(stranger.body.error).toBe('base_indisponible');
    // what needs no database still answers (without a session cookie: reading a session needs it)
    expect((await new HttpClient(server.base).call('GET', '/api/version')).status).toBe(200);
    expect((await new HttpClient(server.base).call('GET', '/api/trainings?q=web')).status).toBe(200);
    // it stays down a while: the background jobs and the mail worker must not end the process
    await sleep(4_000);
    expect((await operator.call('GET', '/api/account')).status).toBe(503);
    expect(server.child.exitCode).toBeNull();

    cluster.start();
    const deadline = Date.now() + 30_000;
    let back = await operator.call('GET', '/api/health');
    while (back.status !== 200 && Date.now() < deadline) {
      await sleep(250);
      back = await operator.call('GET', '/api/health');
    }
    expect(back).toEqual({ status: 200, body: { status: 'ok', database: 'ok' } });
    // the same session, the same process: nothing was restarted
    expect((await operator.call('GET', '/api/account')).status).toBe(200);
    const round = await operator.call('POST', '/api/admissions/rounds');
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    expect(server.child.pid).toBe(pid);
    expect(server.child.exitCode).toBeNull();
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  });
});
