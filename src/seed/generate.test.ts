import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidSiret } from '../areas/accounts/domain/siret.ts';
import { territories } from '../areas/territories/referential.ts';
import { addYears, dayNumber, sessionStatusOn } from './calendar.ts';
import { DEMO_SIZE, generateDemoNetwork, type DemoNetwork } from './generate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const romeCodes = new Set((JSON.parse(readFileSync(path.join(root, 'reference/rome.json'), 'utf8')) as { code: string }[]).map((r) => r.code));
const TODAY = '2026-03-10';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const OVERSEAS = ['01', '02', '03', '04', '06'];

let demo: DemoNetwork;
beforeAll(() => {
  demo = generateDemoNetwork({ seed: 2016, today: TODAY, ...DEMO_SIZE });
});

describe('generateDemoNetwork: determinism and counts', () => {
  it('gives the same rows for the same seed and day', () => {
    expect(generateDemoNetwork({ seed: 2016, today: TODAY, ...DEMO_SIZE })).toEqual(demo);
  });
  it('gives other rows for another seed or another day', () => {
    const other = generateDemoNetwork({ seed: 2017, today: TODAY, ...DEMO_SIZE });
    expect(other.organisations[0]!.id).not.toBe(demo.organisations[0]!.id);
    expect(other.trainings.map((t) => t.title)).not.toEqual(demo.trainings.map((t) => t.title));
    const later = generateDemoNetwork({ seed: 2016, today: '2026-09-01', ...DEMO_SIZE });
    expect(later.sessions.map((s) => s.startsOn)).not.toEqual(demo.sessions.map((s) => s.startsOn));
  });
  it('has the requested counts: one label per training, every training with a session', () => {
    expect(demo.organisations).toHaveLength(DEMO_SIZE.providers);
    expect(demo.trainings).toHaveLength(DEMO_SIZE.trainings);
    expect(demo.labels).toHaveLength(DEMO_SIZE.trainings);
    expect(demo.sessions).toHaveLength(DEMO_SIZE.sessions);
    expect(new Set(demo.labels.map((l) => l.trainingId)).size).toBe(DEMO_SIZE.trainings);
    expect(new Set(demo.sessions.map((s) => s.trainingId)).size).toBe(DEMO_SIZE.trainings);
    expect(new Set(demo.trainings.map((t) => t.providerId)).size).toBe(DEMO_SIZE.providers);
  });
  it('references existing parents only', () => {
    const providers = new Set(demo.organisations.map((o) => o.id));
    const trainings = new Set(demo.trainings.map((t) => t.id));
    expect(demo.trainings.every((t) => providers.has(t.providerId))).toBe(true);
    expect(demo.labels.every((l) => trainings.has(l.trainingId))).toBe(true);
    expect(demo.sessions.every((s) => trainings.has(s.trainingId))).toBe(true);
  });
  it('uses unique version-4 UUIDs', () => {
    const ids = [...demo.organisations, ...demo.trainings, ...demo.labels, ...demo.sessions].map((r) => r.id);
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('handles small and empty networks, and rejects impossible ones', () => {
    const tiny = generateDemoNetwork({ seed: 1, today: TODAY, providers: 3, trainings: 2, sessions: 7 });
    expect([tiny.organisations.length, tiny.trainings.length, tiny.sessions.length]).toEqual([3, 2, 7]);
    expect(generateDemoNetwork({ seed: 1, today: TODAY, providers: 0, trainings: 0, sessions: 0 }).organisations).toEqual([]);
    expect(() => generateDemoNetwork({ seed: 1, today: TODAY, providers: 0, trainings: 1, sessions: 0 })).toThrow();
    expect(() => generateDemoNetwork({ seed: 1, today: TODAY, providers: 1, trainings: 0, sessions: 1 })).toThrow();
    expect(() => generateDemoNetwork({ seed: 1, today: TODAY, providers: 1.5, trainings: 0, sessions: 0 })).toThrow();
    expect(() => generateDemoNetwork({ seed: 1, today: '2026-02-30', ...DEMO_SIZE })).toThrow();
  });
});

describe('generateDemoNetwork: providers', () => {
  it('are providers with valid, unique SIRETs and 11-digit NDAs', () => {
    for (const o of demo.organisations) {
      expect(o.kind).toBe('provider');
      expect(isValidSiret(o.siret!), o.siret!).toBe(true);
      expect(o.nda).toMatch(/^[0-9]{11}$/);
    }
    expect(new Set(demo.organisations.map((o) => o.siret)).size).toBe(demo.organisations.length);
  });
  it('have unique names, an address in their commune and a fictional website', () => {
    const communes = territories().communes;
    expect(new Set(demo.organisations.map((o) => o.name)).size).toBe(demo.organisations.length);
    for (const o of demo.organisations) {
      const commune = communes.get(o.communeCode!);
      expect(commune, o.communeCode!).toBeDefined();
      expect(o.address).toMatch(new RegExp(`, (${commune!.postalCodes.join('|')}) ${commune!.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      expect(o.website).toMatch(/^https:\/\/[a-z0-9-]+\.example$/);
    }
  });
  it('stay unique at benchmark scale (5,000 providers)', () => {
    const big = generateDemoNetwork({ seed: 7, today: TODAY, providers: 5_000, trainings: 5_000, sessions: 0 });
    expect(new Set(big.organisations.map((o) => o.siret)).size).toBe(5_000);
    expect(new Set(big.organisations.map((o) => o.name)).size).toBe(5_000);
    expect(big.organisations.every((o) => isValidSiret(o.siret!))).toBe(true);
  });
});

describe('generateDemoNetwork: places', () => {
  it('puts every provider and training in a current commune with a centroid and its own postal code', () => {
    const communes = territories().communes;
    for (const t of demo.trainings) {
      const commune = communes.get(t.communeCode);
      expect(commune, t.communeCode).toBeDefined();
      expect(commune!.lat).not.toBeNull();
      expect(commune!.postalCodes).toContain(t.postalCode);
    }
  });
  it('covers every région, the five overseas départements included', () => {
    const { communes, regions } = territories();
    const providerRegions = new Set(demo.organisations.map((o) => communes.get(o.communeCode!)!.region));
    const trainingRegions = new Set(demo.trainings.map((t) => communes.get(t.communeCode)!.region));
    expect([...providerRegions].sort()).toEqual([...regions.keys()].sort());
    expect([...trainingRegions].sort()).toEqual([...regions.keys()].sort());
    for (const r of OVERSEAS) expect(providerRegions.has(r), r).toBe(true);
  });
  it('follows population: Île-de-France has the most providers, Corse and Mayotte few', () => {
    const { communes } = territories();
    const count = (r: string) => demo.organisations.filter((o) => communes.get(o.communeCode!)!.region === r).length;
    const idf = count('11');
    expect(idf).toBeGreaterThan(count('84'));
    expect(idf / demo.organisations.length).toBeGreaterThan(0.1);
    expect(idf / demo.organisations.length).toBeLessThan(0.3);
    expect(count('94')).toBeLessThan(6);
    expect(count('06')).toBeLessThan(6);
  });
});

describe('generateDemoNetwork: trainings (CHECK constraints and realism)', () => {
  it('satisfy the table constraints', () => {
    for (const t of demo.trainings) {
      expect(['presentiel', 'distanciel', 'hybride']).toContain(t.modality);
      expect(t.certificationLevel).toBeGreaterThanOrEqual(3);
      expect(t.certificationLevel).toBeLessThanOrEqual(8);
      expect(t.durationMonths).toBeGreaterThanOrEqual(3);
      expect(t.durationMonths).toBeLessThanOrEqual(24);
      expect(t.durationHours).toBeGreaterThan(0);
      expect(t.isFree ? t.priceCents === null : t.priceCents! > 0).toBe(true);
      expect(t.communeCode).toMatch(/^[0-9][0-9AB][0-9]{3}$/);
      expect(t.postalCode).toMatch(/^[0-9]{5}$/);
      expect(t.certificationCode.length).toBeLessThanOrEqual(16);
    }
  });
  it('have hours consistent with their length and modality', () => {
    for (const t of demo.trainings) {
      expect(t.durationHours / t.durationMonths).toBeGreaterThanOrEqual(75);
      expect(t.durationHours / t.durationMonths).toBeLessThanOrEqual(155);
      expect(t.durationHours % 7).toBe(0);
    }
  });
  it('use digital ROME codes of the referential, 5-digit Formacodes and RNCP codes', () => {
    for (const t of demo.trainings) {
      expect(t.romeCodes.length).toBeGreaterThan(0);
      for (const c of t.romeCodes) expect(romeCodes.has(c), c).toBe(true);
      for (const c of t.formacodes) expect(c).toMatch(/^[0-9]{5}$/);
      expect(t.certificationCode).toMatch(/^RNCP[0-9]{5}$/);
    }
  });
  it('are mostly free, mostly level 3 to 6, with a few level 7 and every modality', () => {
    const share = (f: (t: DemoNetwork['trainings'][number]) => boolean) => demo.trainings.filter(f).length / demo.trainings.length;
    expect(share((t) => t.isFree)).toBeGreaterThan(0.75);
    expect(share((t) => t.certificationLevel <= 6)).toBeGreaterThan(0.9);
    expect(share((t) => t.certificationLevel === 7)).toBeGreaterThan(0);
    for (const m of ['presentiel', 'distanciel', 'hybride']) expect(share((t) => t.modality === m), m).toBeGreaterThan(0);
  });
  it('read as French text: open without diploma, selection on motivation, certification named', () => {
    for (const t of demo.trainings) {
      expect(t.prerequisites).toMatch(/diplôme/);
      expect(t.prerequisites).toMatch(/motivation/);
      expect(t.objectives).toContain(t.certificationCode);
      expect(t.summary.split('. ').length).toBeGreaterThanOrEqual(3);
      expect(t.contactEmail).toMatch(/^[a-z]+@[a-z0-9-]+\.example$/);
      expect(t.contactPhone).toMatch(/^0[1-6] [0-9]{2} [0-9]{2} [0-9]{2} [0-9]{2}$/);
    }
    expect(demo.trainings.some((t) => t.title.startsWith('Développeur·se web et web mobile'))).toBe(true);
  });
});

describe('generateDemoNetwork: labels', () => {
  it('are active, granted within the last 3 years and valid 3 years', () => {
    const today = dayNumber(TODAY);
    for (const l of demo.labels) {
      expect(l.status).toBe('active');
      expect(dayNumber(l.grantedOn)).toBeLessThanOrEqual(today);
      expect(l.validUntil).toBe(addYears(l.grantedOn, 3));
      expect(dayNumber(l.validUntil)).toBeGreaterThan(today);
    }
  });
});

describe('generateDemoNetwork: sessions', () => {
  it('satisfy the table constraints: 10 to 20 seats, seats taken within, end after start', () => {
    for (const s of demo.sessions) {
      expect(s.seats).toBeGreaterThanOrEqual(10);
      expect(s.seats).toBeLessThanOrEqual(20);
      expect(s.seatsTaken).toBeGreaterThanOrEqual(0);
      expect(s.seatsTaken!).toBeLessThanOrEqual(s.seats);
      expect(dayNumber(s.endsOn)).toBeGreaterThan(dayNumber(s.startsOn));
    }
  });
  it('have a status consistent with their dates, and every status occurs', () => {
    for (const s of demo.sessions) expect(s.status, `${s.startsOn}…${s.endsOn}`).toBe(sessionStatusOn(s.startsOn, s.endsOn, TODAY));
    const statuses = new Set(demo.sessions.map((s) => s.status));
    expect([...statuses].sort()).toEqual(['finished', 'planned', 'recruiting', 'running']);
  });
  it('mostly start within the next 12 months; past ones are a minority and follow the label', () => {
    const today = dayNumber(TODAY);
    const grantOf = new Map(demo.labels.map((l) => [l.trainingId, dayNumber(l.grantedOn)]));
    const months = new Map(demo.trainings.map((t) => [t.id, t.durationMonths]));
    let upcoming = 0;
    for (const s of demo.sessions) {
      const start = dayNumber(s.startsOn);
      expect(start).toBeLessThanOrEqual(today + 366);
      expect(start).toBeGreaterThanOrEqual(grantOf.get(s.trainingId)!);
      if (start > today) upcoming++;
      // the session lasts the training's duration
      const end = dayNumber(s.endsOn);
      expect((end - start) / 30.44).toBeGreaterThan(months.get(s.trainingId)! - 1);
      expect((end - start) / 30.44).toBeLessThan(months.get(s.trainingId)! + 0.5);
    }
    expect(upcoming / demo.sessions.length).toBeGreaterThan(0.7);
    expect(upcoming / demo.sessions.length).toBeLessThan(0.95);
  });
  it('fill up as the start comes near', () => {
    const occupancy = (status: string) => {
      const list = demo.sessions.filter((s) => s.status === status);
      return list.reduce((a, s) => a + s.seatsTaken! / s.seats, 0) / list.length;
    };
    expect(occupancy('recruiting')).toBeGreaterThan(occupancy('planned'));
    expect(occupancy('running')).toBeGreaterThan(occupancy('recruiting'));
    expect(demo.sessions.some((s) => s.status === 'recruiting' && s.seatsTaken === s.seats)).toBe(true);
    expect(demo.sessions.some((s) => s.status === 'recruiting' && s.seatsTaken! < s.seats)).toBe(true);
  });
});
