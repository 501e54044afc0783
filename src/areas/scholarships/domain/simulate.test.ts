import { describe, expect, it } from 'vitest';
import { InputError } from '../../../shared/errors.ts';
import { loadScales } from '../scales.ts';
import type { Commune } from '../../territories/domain/commune.ts';
import { communeDistance } from './distance.ts';
import { EXCLUSIONS } from './exclusions.ts';
import { academicStartYearOf, scaleForYear } from './scale.ts';
import { simulateAid, type AidRequest } from './simulate.ts';

const scales = loadScales();
const base: AidRequest = { year: '2025-2026', incomeCents: 30_351_00, points: 8 };
const noFacts = { distanceKm: 0, children: 0, childrenInHigherEducation: 0, disabilityOrCarer: 0 };

function fieldsOf(request: AidRequest): Record<string, string> {
  try {
    simulateAid(scales, request);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).fields;
  }
  throw new Error('expected an InputError');
}

describe('scale in force', () => {
  it('takes the academic year of a date: 1 September starts it, 31 August ends it', () => {
    expect(academicStartYearOf('2025-09-01')).toBe(2025);
    expect(academicStartYearOf('2026-08-31')).toBe(2025);
    expect(academicStartYearOf('2026-01-15')).toBe(2025);
  });

  it.each([
    ['2025-2026', '2025-2026', 'own'],
    ['2016-2017', '2016-2017', 'own'],
    ['2024-2025', '2025-2026', 'same-values'],
    ['2023-2024', '2025-2026', 'same-values'],
    ['2019-2020', '2016-2017', 'latest-earlier'],
    ['2022-2023', '2016-2017', 'latest-earlier'],
    ['2026-2027', '2025-2026', 'latest-earlier'],
    ['2040-2041', '2025-2026', 'latest-earlier'],
  ])('%s → scale %s (%s)', (year, scaleYear, kind) => {
    const r = simulateAid(scales, { ...base, year });
    expect([r.year, r.scaleYear, r.scaleChoice]).toEqual([year, scaleYear, kind]);
    expect(scaleForYear(scales, Number(year.slice(0, 4))).kind).toBe(kind);
  });

  it('says a fallback in the explanation', () => {
    const r = simulateAid(scales, { ...base, year: '2026-2027' });
    expect(r.explanation.join(' ')).toMatch(/barème de cette année n’est pas publié.*dernier barème publié avant elle.*2025-2026/);
    const same = simulateAid(scales, { ...base, year: '2024-2025' });
    expect(same.explanation.join(' ')).toMatch(/2025-2026, dont les plafonds et les montants valent aussi pour 2024-2025/);
  });

  it('with a date, uses its academic year and says so', () => {
    const r = simulateAid(scales, { incomeCents: 30_351_00, points: 8, date: '2027-03-15' });
    expect([r.year, r.scaleYear]).toEqual(['2026-2027', '2025-2026']);
    expect(r.explanation[0]).toBe('Le 15 mars 2027 appartient à l’année universitaire 2026-2027, du 1er septembre 2026 au 31 août 2027.');
  });

  it('without year nor date, uses the start of the training (décret 2017-548: rules in force at the start)', () => {
    const r = simulateAid(scales, { incomeCents: 30_351_00, points: 8, training: { start: '2017-05-02', end: '2017-11-01' } });
    expect([r.year, r.scaleYear]).toEqual(['2016-2017', '2016-2017']);
    expect(r.echelon).toBe('2'); // 2016-17, 8 points: échelon 3 up to 30 350 €, échelon 2 up to 34 360 €
    expect(r.explanation[0]).toMatch(/^La formation commence le 2 mai 2017 : les règles de l’année universitaire 2016-2017/);
  });

  it('the 2016-2017 scale has its own amounts and ceilings', () => {
    // 8 points in 2016-17: échelon 3 up to 30 350 €, échelon 2 up to 34 360 €
    expect(simulateAid(scales, { ...base, year: '2016-2017', incomeCents: 30_350_00 }).echelon).toBe('3');
    const r = simulateAid(scales, { ...base, year: '2016-2017', incomeCents: 30_351_00 });
    expect([r.echelon, r.annualCents]).toEqual(['2', 2513_00]);
  });

  it('refuses a year before 2016-2017 with a clear error', () => {
    expect(fieldsOf({ ...base, year: '2015-2016' }).year).toMatch(/Aucun barème avant 2016-2017/);
    expect(fieldsOf({ incomeCents: 0, points: 0, date: '2016-08-31' }).date).toMatch(/Aucun barème avant 2016-2017/);
    expect(fieldsOf({ incomeCents: 0, points: 0, training: { start: '2015-10-01', end: '2016-03-01' } }).trainingStart).toMatch(/Aucun barème/);
  });

  it('refuses an unknown year', () => {
    for (const year of ['2025-2027', '2025', '25-26', 'abcd-efgh', '2026-2025']) {
      expect(fieldsOf({ ...base, year }).year, year).toMatch(/AAAA-AAAA/);
    }
    expect(fieldsOf({ incomeCents: 0, points: 0 }).year).toMatch(/Précisez/);
    expect(fieldsOf({ ...base, date: '2025-02-30', year: undefined }).date).toMatch(/doit exister/);
    expect(fieldsOf({ ...base, date: '2025-10-01' }).date).toMatch(/pas les deux/);
  });
});

describe('points de charge from the facts', () => {
  const points = (facts: Partial<typeof noFacts>, year = '2025-2026') => simulateAid(scales, { year, incomeCents: 0, facts: { ...noFacts, ...facts } }).points;

  it('distance bands: 0 below 30 km, 1 to 249, 2 to 3 499, 3 to 12 999, 4 beyond (2025-26)', () => {
    expect([0, 29, 30, 249, 250, 3499, 3500, 12_999, 13_000, 20_000].map((distanceKm) => points({ distanceKm }))).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('2016-2017 stops at 2 points for 250 km and more, and has no disability or carer points', () => {
    expect([29, 30, 250, 20_000].map((distanceKm) => points({ distanceKm }, '2016-2017'))).toEqual([0, 1, 2, 2]);
    expect(points({ disabilityOrCarer: 2 }, '2016-2017')).toBe(0);
    const r = simulateAid(scales, { year: '2016-2017', incomeCents: 0, facts: { ...noFacts, disabilityOrCarer: 1 } });
    expect(r.explanation.join(' ')).toMatch(/ne donne pas de points pour cela/);
  });

  it('2 points per other child, 4 per child in higher education, 4 per disability or carer situation', () => {
    expect(points({ children: 3 })).toBe(6);
    expect(points({ childrenInHigherEducation: 2 })).toBe(8);
    expect(points({ disabilityOrCarer: 1 })).toBe(4);
    expect(points({ disabilityOrCarer: 2 })).toBe(8);
    expect(points({ distanceKm: 400, children: 1, childrenInHigherEducation: 1, disabilityOrCarer: 1 })).toBe(12);
  });

  it('explains every fact and the total', () => {
    const r = simulateAid(scales, { year: '2025-2026', incomeCents: 30_351_00, facts: { distanceKm: 392, children: 1, childrenInHigherEducation: 1, disabilityOrCarer: 0 } });
    expect(r.points).toBe(8);
    expect(r.echelon).toBe('3');
    expect(r.explanation).toContain('Distance déclarée du domicile au lieu de formation : 392 km, soit 2 points (de 250 à 3\u202f499 km).');
    expect(r.explanation).toContain('Autres enfants à charge du foyer fiscal, hors enseignement supérieur : 1 × 2 points = 2 points.');
    expect(r.explanation).toContain('Total : 8 points de charge.');
    expect(r.explanation).toContain('Avec 8 points, ce revenu ne dépasse pas le plafond de l’échelon 3 (32\u202f171\u00a0€) mais dépasse celui de l’échelon 4 (28\u202f005\u00a0€) : échelon 3.');
  });

  it('says when the income is above every ceiling, and when the 17-point row applies', () => {
    const none = simulateAid(scales, { ...base, incomeCents: 66_262_00 });
    expect(none.echelon).toBeNull();
    expect(none.explanation.join(' ')).toMatch(/dépasse le plafond de l’échelon 0 bis \(66\u202f261\u00a0€\).*pas d’aide/);
    const many = simulateAid(scales, { ...base, points: 25, incomeCents: 0 });
    expect(many.echelon).toBe('7');
    expect(many.explanation.join(' ')).toMatch(/s’arrête à 17 points/);
  });
});

describe('communes', () => {
  const communes = new Map<string, Commune>([
    ['69123', { code: '69123', name: 'Lyon', departement: '69', region: '84', postalCodes: [], population: 1, lat: 45.758, lon: 4.835 }],
    ['75056', { code: '75056', name: 'Paris', departement: '75', region: '11', postalCodes: [], population: 1, lat: 48.8589, lon: 2.3469 }],
    ['01001', { code: '01001', name: 'Sans centre', departement: '01', region: '84', postalCodes: [], population: 1, lat: null, lon: null }],
  ]);

  it('measures the straight line between centroids, rounded down', () => {
    expect(communeDistance(communes, '69123', '75056')).toEqual({ km: 392, home: { code: '69123', name: 'Lyon' }, training: { code: '75056', name: 'Paris' } });
  });

  it('refuses an unknown or malformed commune, and one without a position', () => {
    expect(() => communeDistance(communes, '99999', '75056')).toThrow(/« 99999 » n’existe pas/);
    expect(() => communeDistance(communes, '69123', 'Lyon')).toThrow(/code INSEE/);
    expect(() => communeDistance(communes, '01001', '75056')).toThrow(/position .* inconnue/);
    try {
      communeDistance(communes, '99999', '99998');
    } catch (e) {
      expect(Object.keys((e as InputError).fields)).toEqual(['home', 'training']);
    }
  });
});

describe('exclusions (décret 2017-548)', () => {
  it.each(EXCLUSIONS)('%s: no échelon, no amount, the reason explained', (exclusion) => {
    const r = simulateAid(scales, { ...base, incomeCents: 0, exclusions: [exclusion], training: { start: '2025-10-01', end: '2026-03-31' } });
    expect([r.echelon, r.annualCents, r.monthlyCents, r.totalCents, r.payments?.payments]).toEqual([null, 0, 0, 0, 0]);
    expect(r.exclusions).toEqual([exclusion]);
    expect(r.explanation.join(' ')).toMatch(/Exclusion \(décret n° 2017-548\)/);
    expect(r.explanation.join(' ')).toMatch(/ne peut donc pas être accordée/);
  });

  it('lists each reason once', () => {
    const r = simulateAid(scales, { ...base, exclusions: ['paid-training-leave', 'higher-education-grant', 'paid-training-leave'] });
    expect(r.exclusions).toEqual(['paid-training-leave', 'higher-education-grant']);
  });

  it('refuses an unknown reason', () => {
    expect(fieldsOf({ ...base, exclusions: ['rsa'] }).exclusions).toMatch(/inconnue « rsa »/);
  });
});

describe('monthly payments', () => {
  it('one per started month of training, at the monthly amount', () => {
    const r = simulateAid(scales, { ...base, training: { start: '2025-10-06', end: '2026-04-03' } });
    expect([r.payments?.months, r.payments?.payments, r.totalCents]).toEqual([6, 6, 6 * 382_80]);
    expect(r.explanation.join(' ')).toMatch(/6 mensualités de 382,80\u00a0€, soit 2\u202f296,80\u00a0€ au total/);
  });

  it('at most 10 per academic year', () => {
    const r = simulateAid(scales, { ...base, training: { start: '2025-09-01', end: '2026-08-31' } });
    expect([r.payments?.months, r.payments?.payments]).toEqual([12, 10]);
    expect(r.explanation.join(' ')).toMatch(/10 en 2025-2026 sur 12 mois ; au plus 10 par année universitaire/);
  });

  it('none without an échelon', () => {
    const r = simulateAid(scales, { ...base, incomeCents: 90_000_00, training: { start: '2025-10-06', end: '2026-04-03' } });
    expect([r.payments?.payments, r.totalCents]).toEqual([0, 0]);
  });

  it('refuses a period that ends before it starts, or too long', () => {
    expect(fieldsOf({ ...base, training: { start: '2026-01-01', end: '2025-12-31' } }).trainingEnd).toMatch(/précéder/);
    expect(fieldsOf({ ...base, training: { start: '2020-01-01', end: '2026-12-31' } }).trainingEnd).toMatch(/60 mois/);
    expect(fieldsOf({ ...base, training: { start: '2026-13-01', end: '2026-12-31' } }).trainingStart).toMatch(/AAAA-MM-JJ/);
  });
});

describe('bad inputs', () => {
  it.each([
    [{ incomeCents: -1 }, 'income', /positif ou nul/],
    [{ incomeCents: 1.5 }, 'income', /centimes/],
    [{ incomeCents: Number.NaN }, 'income', /positif ou nul/],
    [{ incomeCents: 1e15 }, 'income', /dépasser/],
    [{ points: 8.5 }, 'points', /nombre entier/],
    [{ points: -1 }, 'points', /nombre entier/],
    [{ points: 8, facts: noFacts }, 'points', /pas les deux/],
    [{ points: undefined, facts: { ...noFacts, distanceKm: 12.5 } }, 'distanceKm', /nombre entier de km/],
    [{ points: undefined, facts: { ...noFacts, children: -1 } }, 'children', /nombre entier/],
    [{ points: undefined, facts: { ...noFacts, childrenInHigherEducation: 31 } }, 'childrenHigherEducation', /entre 0 et 30/],
    [{ points: undefined, facts: { ...noFacts, disabilityOrCarer: 3 } }, 'disabilityOrCarer', /0, 1 ou 2/],
  ] as [Partial<AidRequest>, string, RegExp][])('%o → %s', (patch, field, message) => {
    expect(fieldsOf({ ...base, ...patch })[field]).toMatch(message);
  });

  it('reports every bad field at once', () => {
    expect(Object.keys(fieldsOf({ year: 'x', incomeCents: -5, points: -1 })).sort()).toEqual(['income', 'points', 'year']);
  });
});
