import { testConfig } from '../../../test/support/config.ts';
import { testLogger } from '../../../test/support/logs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { freshDatabase } from '../../../test/support/database.ts';
import { buildServer } from '../../server.ts';
import { CatalogueReadModel } from './read-model.ts';
import { territories } from '../territories/referential.ts';
import { generateDemoNetwork } from '../../seed/generate.ts';
import { insertDemoNetwork } from '../../seed/insert.ts';
import { distanceKm } from '../territories/domain/geo.ts';
import { validateLheo } from './opendata/lheo-validate.ts';
import { searchQuerystring, searchResponse } from './http-schemas.ts';
import { searchTrainings } from './service.ts';
import type { Database } from '../../db/client.ts';

const TODAY = '2026-11-29';
let app: FastifyInstance;
let database: Database;
let dispose: () => Promise<void>;
let model: CatalogueReadModel;

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  const rows = generateDemoNetwork({ seed: 42, providers: 40, trainings: 80, sessions: 200, today: TODAY });
  await insertDemoNetwork(database, rows);
  model = new CatalogueReadModel(database, territories());
  await model.refresh();
  app = await buildServer({
    config: testConfig(),
    database,
    catalogue: model,
    clock: () => new Date(`${TODAY}T10:00:00Z`),
    logger: testLogger(),
  });
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const get = (url: string) => app.inject({ method: 'GET', url });

describe('health and version', () => {
  it('reports the database status and the version', async () => {
    expect((await get('/api/health')).json()).toEqual({ status: 'ok', database: 'ok' });
    const v = await get('/api/version');
    expect(v.statusCode).toBe(200);
    expect(v.json().name).toBe('fabriques');
  });
});

describe('GET /api/trainings', () => {
  it('finds every labelled training when nothing is asked, with a count and pages', async () => {
    const [{ n }] = (await database.rows<{ n: number }>(sql`select count(distinct training_id)::int as n from labels where status = 'active'`)) as [{ n: number }];
    const first = (await get('/api/trainings?pageSize=50')).json();
    expect(first.total).toBe(n);
    expect(first.results).toHaveLength(Math.min(50, n));
    const second = (await get('/api/trainings?pageSize=50&page=2')).json();
    const ids = new Set([...first.results, ...second.results].map((r: { id: string }) => r.id));
    expect(ids.size).toBe(first.results.length + second.results.length);
  });

  it('answers exactly what the documented schema and the plain use case say', async () => {
    for (const qs of ['pageSize=50', 'q=web&commune=69123&radius=100&sort=distance', 'placesLeft=true&page=2']) {
      const body = (await get(`/api/trainings?${qs}`)).json();
      expect(searchResponse.parse(body)).toEqual(body);
      const params = searchQuerystring.parse(Object.fromEntries(new URLSearchParams(qs)));
      expect(body).toEqual(JSON.parse(JSON.stringify(searchTrainings(model, params, TODAY))));
    }
  });

  it('matches text without accents nor case, and with a small typo', async () => {
    const any = model.trainings[0]!;
    const word = any.title.split(/\s+/).find((w) => w.length >= 6)!;
    const plain = word.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
    const withTypo = plain.slice(0, 2) + plain.slice(3); // one letter dropped
    for (const q of [plain, withTypo]) {
      const r = (await get(`/api/trainings?q=${encodeURIComponent(q)}&pageSize=50`)).json();
      expect(r.total, q).toBeGreaterThan(0);
      expect(r.results.map((x: { id: string }) => x.id)).toContain(any.id);
    }
  });

  it('searches around a commune: exactly the trainings within the radius, sorted by distance', async () => {
    const t = model.trainings[3]!;
    const radius = 80;
    const r = (await get(`/api/trainings?commune=${t.commune.code}&radius=${radius}&sort=distance&pageSize=50`)).json();
    const expected = model.trainings.filter((x) => distanceKm(t.lat, t.lon, x.lat, x.lon) <= radius).map((x) => x.id);
    expect(r.total).toBe(expected.length);
    expect(r.near).toEqual({ commune: { code: t.commune.code, name: t.commune.name }, radiusKm: radius });
    const d = r.results.map((x: { distanceKm: number }) => x.distanceKm);
    expect(d).toEqual([...d].sort((a, b) => a - b));
    expect(Math.max(...d)).toBeLessThanOrEqual(radius);
  });

  it('filters by département, modality, cost and places left', async () => {
    const t = model.trainings[0]!;
    const r = (await get(`/api/trainings?departement=${t.commune.departement}&modality=${t.modality}&free=${t.isFree}&placesLeft=true&pageSize=50`)).json();
    for (const x of r.results) {
      expect(x.commune.departement).toBe(t.commune.departement);
      expect(x.modality).toBe(t.modality);
      expect(x.isFree).toBe(t.isFree);
      expect(x.nextSession.seatsLeft).toBeGreaterThan(0);
    }
  });

  it.each([
    ['commune=99999', 'commune'],
    ['commune=ABCDE', 'commune'],
    ["commune=1'%20OR%20'1'='1", 'commune'],
    ['commune=69123&radius=-5', 'radius'],
    ['radius=10', 'radius'],
    ['startFrom=2026-13-01', 'startFrom'],
    ['startFrom=2026-02-30', 'startFrom'],
    ['startFrom=demain', 'startFrom'],
    ['pageSize=100000', 'pageSize'],
    ['page=0', 'page'],
    ['modality=teleportation', 'modality'],
    ['level=12', 'level'],
    ['sort=distance', 'sort'],
    ['departement=2C', 'departement'],
    ['startFrom=2027-05-01&startTo=2027-01-01', 'startTo'],
    ['unknown=1', 'requête'],
  ])('answers 400 with a French message on the field for %s', async (qs, field) => {
    const r = await get(`/api/trainings?${qs}`);
    expect(r.statusCode).toBe(400);
    const body = r.json();
    expect(body.error).toBe('requete_invalide');
    expect(Object.keys(body.fields ?? {}).join(',')).toContain(field === 'requête' ? '' : field);
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
  });

  it('treats SQL-looking text as text: no error, nothing changed', async () => {
    const before = await database.rows<{ n: number }>(sql`select count(*)::int as n from trainings`);
    const r = await get(`/api/trainings?q=${encodeURIComponent("'; drop table trainings; --")}`);
    expect(r.statusCode).toBe(200);
    expect(await database.rows(sql`select count(*)::int as n from trainings`)).toEqual(before);
  });

  it('sets security headers', async () => {
    const r = await get('/api/trainings');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self';");
    expect(csp).toMatch(/style-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBeDefined();
    expect(r.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(r.headers['permissions-policy']).toBe('camera=(), microphone=(), geolocation=(), payment=()');
    // the same headers on an error answer
    const missing = await get('/api/trainings/00000000-0000-0000-0000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(String(missing.headers['content-security-policy'])).toContain("script-src 'self';");
    expect(missing.headers['permissions-policy']).toContain('camera=()');
  });
});

describe('GET /api/trainings/:id', () => {
  it('shows a training with its sessions and label', async () => {
    const t = model.trainings[1]!;
    const r = (await get(`/api/trainings/${t.id}`)).json();
    expect(r.title).toBe(t.title);
    expect(r.sessions).toHaveLength(t.sessions.length);
    expect(r.label.status).toBe('active');
    expect(r.provider.siret).toMatch(/^\d{14}$/);
  });
  it.each(['00000000-0000-4000-8000-000000000000', 'not-a-uuid'])('answers 404 for %s', async (id) => {
    const r = await get(`/api/trainings/${id}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toMatch(/introuvable/);
  });
});

describe('map, referentials, communes', () => {
  it('gives every matching training as a point and seats per 10,000 inhabitants for every département', async () => {
    const r = (await get('/api/trainings/map')).json();
    expect(r.total).toBe(model.trainings.length);
    expect(r.points).toHaveLength(model.trainings.length);
    expect(r.departements.length).toBe(101);
    expect(r.departements.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['971', '972', '973', '974', '976', '2A']));
  });
  it('completes commune names without accents and by postal code', async () => {
    expect((await get('/api/communes?q=saint-etienne&limit=3')).json()[0].code).toBe('42218');
    expect((await get('/api/communes?q=69001')).json()[0].code).toBe('69123');
    expect((await get('/api/communes?q=a')).statusCode).toBe(400);
  });
  it('lists régions, départements, jobs and levels', async () => {
    const r = (await get('/api/referentials')).json();
    expect(r.regions).toHaveLength(18);
    expect(r.jobs.map((j: { code: string }) => j.code)).toContain('M1805');
  });
});

describe('open data', () => {
  it('serves the CSV, the GeoJSON and an LHEO 2.3 document that validates against the schema', async () => {
    const csv = await get('/api/open-data/trainings.csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split(/\r?\n/);
    expect(lines.length).toBeGreaterThan(model.trainings.length);
    const geo = (await get('/api/open-data/trainings.geojson')).json();
    expect(geo.features).toHaveLength(model.trainings.length);
    const xml = await get('/api/open-data/lheo.xml');
    const v = await validateLheo(xml.body);
    expect(v.errors).toEqual([]);
    expect(v.valid).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('documents the public routes', async () => {
    const doc = (await get('/api/docs/json')).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/trainings', '/api/trainings/{id}', '/api/open-data/lheo.xml', '/api/health']));
  });
});

describe('database away', () => {
  it('answers 503 with a clear message, never a stack trace', async () => {
    const { database: other, dispose: d2 } = await freshDatabase();
    const m = new CatalogueReadModel(other, territories());
    const a = await buildServer({ config: testConfig({ BASE_URL: 'http://localhost' }), database: other, catalogue: m, logger: testLogger() });
    await d2();
    const r = await a.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(503);
    expect(r.json().message).toMatch(/base de données/);
    await a.close();
  });
});
