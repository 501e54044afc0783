import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Database } from '../src/db/client.ts';
import { freshDatabase } from './support/database.ts';
import { testApp, TestClient } from './support/app.ts';
import { testConfig } from './support/config.ts';
import { buildServer } from '../src/server.ts';
import { CatalogueReadModel } from '../src/areas/catalogue/read-model.ts';
import { territories } from '../src/areas/territories/referential.ts';
import { LOG_DIR_VARIABLE, testLogFile } from './support/logs.ts';
import { findPersonalValues, personalMarkers } from './support/personal-markers.ts';

let database: Database;
let dispose: () => Promise<void>;
let app: FastifyInstance;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  app = await testApp(database);
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

describe('the log capture of the test suite', () => {
  it('writes the servers’ request logs to the run’s directory, without the personal data of the requests', async () => {
    const dir = process.env[LOG_DIR_VARIABLE];
    expect(dir, 'set by vitest.config.ts globalSetup').toBeTruthy();
    const marker = `/api/trainings/${crypto.randomUUID()}`;
    // personal values in the query string, the body, a cookie and an authorization header
    const email = 'kwerlandix@exemple.fr';
    await app.inject({ method: 'GET', url: `${marker}?email=${email}&phone=0612345678`, headers: { cookie: 'fabriques-session=secret-cookie-value', authorization: 'Bearer secret-bearer' } });
    await new TestClient(app).call('POST', '/api/auth/sign-in', { email, password: 'une phrase jamais servie' });
    const file = testLogFile(dir!);
    expect(existsSync(file)).toBe(true);
    const text = readFileSync(file, 'utf8');
    const mine = text.split('\n').filter((l) => l.includes(marker));
    expect(mine.length, 'the request of this test is logged').toBeGreaterThan(0);
    expect(text).not.toContain(email);
    expect(text).not.toContain('0612345678');
    expect(text).not.toContain('secret-cookie-value');
    expect(text).not.toContain('secret-bearer');
    expect(findPersonalValues(text, personalMarkers())).toEqual([]);
  });

  it('a server started with LOG_DIR (as `fabriques serve` spawned by a test inherits it) copies its log lines there', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-logdir-'));
    try {
      const config = testConfig({ LOG_DIR: dir, LOG_LEVEL: 'info' });
      expect(config.logDir).toBe(dir);
      const catalogue = new CatalogueReadModel(database, territories());
      await catalogue.refresh();
      const server = await buildServer({ config, database, catalogue });
      const marker = `/api/trainings/${crypto.randomUUID()}`;
      await server.inject({ method: 'GET', url: `${marker}?email=kwerlandix@exemple.fr` });
      await server.close();
      const text = readFileSync(path.join(dir, `server-${process.pid}.log`), 'utf8');
      expect(text).toContain(marker);
      expect(text).not.toContain('kwerlandix');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a personal value written to a log (the scan is not blind)', () => {
    const markers = personalMarkers();
    const line = JSON.stringify({ level: 30, msg: 'inscription de Camille Diallo', mail: 'camille.diallo@exemple.fr' });
    expect(findPersonalValues(line, markers).map((h) => h.found)).toEqual(expect.arrayContaining(['camille.diallo@exemple.fr', 'Camille']));
    expect(findPersonalValues(JSON.stringify({ msg: 'rappel au 06 12 34 56 78' }), markers).length).toBeGreaterThan(0);
    expect(findPersonalValues(JSON.stringify({ level: 30, reqId: 'req-1', req: { method: 'GET', path: '/api/trainings' }, responseTime: 0.61234567 }), markers)).toEqual([]);
  });
});
