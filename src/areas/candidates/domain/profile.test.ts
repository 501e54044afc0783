import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkProfile, normalisePhone, qpvDepartement, type ProfileInput } from './profile.ts';

const departements = new Set(['69', '75', '2A', '971', '13']);
const communes: Record<string, string> = { '69123': '69', '75056': '75', '2A004': '2A', '97105': '971' };
const ctx = {
  today: '2026-11-29',
  accountBirthDate: '1990-05-17' as string | null,
  communeDepartement: (c: string) => communes[c],
  departementExists: (d: string) => departements.has(d),
};
const base: ProfileInput = {
  givenName: ' Camille ',
  familyName: 'Diallo',
  communeCode: '69123',
  gender: 'female',
  diplomaLevel: 'none',
  situation: 'neet',
  zrr: false,
  consents: { profile: true, health: false, income: false },
};

describe('QPV codes (2024 list)', () => {
  it('read the département from the 3 characters after QN', () => {
    expect(qpvDepartement('QN06901M')).toBe('69');
    expect(qpvDepartement('QN02A01A')).toBe('2A');
    expect(qpvDepartement('QN97101B')).toBe('971');
    expect(qpvDepartement('QP069001')).toBeNull();
    expect(qpvDepartement('QN0690M')).toBeNull();
  });
  it('are normalised, checked against the commune’s département, and the 2015 codes are refused', () => {
    const ok = checkProfile({ ...base, qpvCode: ' qn06901m ' }, ctx);
    expect(ok.ok && ok.value.qpvCode).toBe('QN06901M');
    const corsica = checkProfile({ ...base, communeCode: '2A004', qpvCode: 'QN02A01A' }, ctx);
    expect(corsica.ok).toBe(true);
    const wrong = checkProfile({ ...base, qpvCode: 'QN07501A' }, ctx);
    expect(!wrong.ok && wrong.fields.qpvCode).toMatch(/département 75/);
    const old = checkProfile({ ...base, qpvCode: 'QP069001' }, ctx);
    expect(!old.ok && old.fields.qpvCode).toMatch(/2015/);
    const nowhere = checkProfile({ ...base, qpvCode: 'QN09901A' }, ctx);
    expect(!nowhere.ok && nowhere.fields.qpvCode).toMatch(/n’existe pas/);
  });
});

describe('phone numbers', () => {
  it('normalise French numbers and keep international ones', () => {
    expect(normalisePhone('+33 6 12 34 56 78')).toBe('06 12 34 56 78');
    expect(normalisePhone('06.12.34.56.78')).toBe('06 12 34 56 78');
    expect(normalisePhone('+32 470 12 34 56')).toBe('+32470123456');
    expect(normalisePhone('12')).toBeNull();
    expect(normalisePhone('00 00 00 00 00')).toBeNull();
  });
  it('any 9 digits after 0[1-9] give the same number written two ways', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.stringMatching(/^[0-9]{8}$/), (first, rest) => {
        expect(normalisePhone(`+33${first}${rest}`)).toBe(normalisePhone(`0${first}${rest}`));
      }),
    );
  });
});

describe('the profile check', () => {
  it('asks the profile consent, and the health and income consents for their data', () => {
    const r = checkProfile({ ...base, rqth: true, income: { euros: 1000, children: 0, childrenHigherEducation: 0 }, consents: { profile: false, health: false, income: false } }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.fields).sort()).toEqual(['consents.profile', 'income.euros', 'rqth']);
    const given = checkProfile({ ...base, rqth: false, income: { euros: 1000, children: 2, childrenHigherEducation: 1 }, consents: { profile: true, health: true, income: true } }, ctx);
    expect(given.ok && [given.value.rqth, given.value.declaredIncomeEuros, given.value.aidChildren]).toEqual([false, 1000, 2]);
  });
  it('trims names, refuses a changed birth date, sets a missing one', () => {
    const r = checkProfile(base, ctx);
    expect(r.ok && r.value.givenName).toBe('Camille');
    const changed = checkProfile({ ...base, birthDate: '1991-01-01' }, ctx);
    expect(!changed.ok && changed.fields.birthDate).toMatch(/ne se modifie pas/);
    const set = checkProfile({ ...base, birthDate: '2003-02-01' }, { ...ctx, accountBirthDate: null });
    expect(set.ok && set.value.birthDate).toBe('2003-02-01');
    const future = checkProfile({ ...base, birthDate: '2030-01-01' }, { ...ctx, accountBirthDate: null });
    expect(!future.ok && future.fields.birthDate).toMatch(/futur/);
  });
  it('refuses a commune that is not current', () => {
    const r = checkProfile({ ...base, communeCode: '69999' }, ctx);
    expect(!r.ok && r.fields.communeCode).toMatch(/commune actuelle/);
  });
});
