import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { freshDatabase } from '../../../test/support/database.ts';
import { testApp } from '../../../test/support/app.ts';
import { aidResponse } from './routes.ts';

let app: FastifyInstance;
let dispose: () => Promise<void>;

beforeAll(async () => {
  const fresh = await freshDatabase();
  dispose = fresh.dispose;
  app = await testApp(fresh.database, { clock: () => new Date('2027-01-15T10:00:00Z') });
});

afterAll(async () => {
  await app?.close();
  await dispose?.();
});

const get = (qs: string) => app.inject({ method: 'GET', url: `/api/aid/simulate?${qs}` });

describe('GET /api/aid/simulate', () => {
  it('computes the aid, as documented, without an account', async () => {
    expect(app.routeAccess.get('GET /api/aid/simulate')).toBe('public');
    const res = await get('year=2025-2026&income=30351&points=8');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(aidResponse.parse(body)).toEqual(body);
    expect(body).toMatchObject({ year: '2025-2026', scaleYear: '2025-2026', points: 8, echelon: '3', annualEuros: 3828, monthlyEuros: 382.8, payments: null, totalEuros: null, distanceKm: null, exclusions: [] });
  });

  it('takes the facts, the communes, the exclusions and the training period', async () => {
    const body = (await get('year=2025-2026&income=30351,50&home=69123&training=75056&children=1&childrenHigherEducation=1&trainingStart=2025-10-06&trainingEnd=2026-04-03')).json();
    expect(body).toMatchObject({ points: 8, distanceKm: 392, echelon: '3', payments: 6, totalEuros: 2296.8 });
    expect(body.explanation.join(' ')).toMatch(/30\u202f351,50\u00a0€/);
    const excluded = (await get('year=2025-2026&income=0&disability=true&carer=1&exclusions=apprenticeship-contract,higher-education-grant')).json();
    expect(excluded).toMatchObject({ points: 8, echelon: null, annualEuros: 0, exclusions: ['apprenticeship-contract', 'higher-education-grant'] });
  });

  it('uses the scale in force today when no year is given, and says the fallback', async () => {
    const body = (await get('income=30351&points=8')).json();
    expect(body).toMatchObject({ year: '2026-2027', scaleYear: '2025-2026' });
    expect(body.explanation[0]).toMatch(/15 janvier 2027/);
  });

  it.each([
    ['year=2025-2026&points=8', 'income', /Indiquez le revenu brut global/],
    ['year=2025-2026&income=-5', 'income', /positif ou nul/],
    ['year=2025-2026&income=abc', 'income', /montant en euros/],
    ['year=2025-2026&income=1&points=8.5', 'points', /nombre entier/],
    ['year=2025-2026&income=1&points=-1', 'points', /nombre entier/],
    ['year=2015-2016&income=1', 'year', /Aucun barème avant 2016-2017/],
    ['year=2025-2027&income=1', 'year', /AAAA-AAAA/],
    ['date=2025-02-30&income=1', 'date', /n'est pas une date qui existe/],
    ['year=2025-2026&income=1&home=69123&training=99999', 'training', /« 99999 » n’existe pas/],
    ['year=2025-2026&income=1&home=69123', 'training', /Indiquez aussi la commune du lieu de formation/],
    ['year=2025-2026&income=1&home=69123&training=75056&distanceKm=3', 'distanceKm', /pas les deux/],
    ['year=2025-2026&income=1&points=2&children=1', 'points', /pas les deux/],
    ['year=2025-2026&income=1&exclusions=rsa', 'exclusions', /n'acceptent que/],
    ['year=2025-2026&income=1&trainingStart=2026-01-01&trainingEnd=2025-01-01', 'trainingEnd', /précéder/],
    ['year=2025-2026&income=1&disability=peut-etre', 'disability', /true ou false/],
    ['year=2025-2026&income=1&unknown=1', 'querystring', /unknown/],
  ])('%s → 400 on %s, in French', async (qs, field, message) => {
    const res = await get(qs);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error).toBe('requete_invalide');
    expect(Object.keys(body.fields)).toContain(field);
    expect(body.fields[field]).toMatch(message);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.paths['/api/aid/simulate'].get.summary).toMatch(/aide Grande École du Numérique/);
  });
});
