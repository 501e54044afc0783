import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScales } from '../../scholarships/scales.ts';
import { addMonths, confirmationProblems, criteriaMet, diagnose, factsOf, scholarshipFact, under26At, type DiagnosisFacts, type ProfileFacts } from './criteria.ts';
import { consistent, explainCriteria, summary } from './explain.ts';
import { CRITERIA, DIPLOMA_LEVELS, GENDERS, SITUATIONS, type Criterion } from './vocabulary.ts';

const scales = loadScales();
const profile: ProfileFacts = {
  birthDate: '2001-03-04',
  gender: 'female',
  diplomaLevel: '3',
  situation: 'neet',
  qpvCode: null,
  zrr: true,
  rqth: null,
  declaredIncomeEuros: null,
  aidChildren: null,
  aidChildrenHigherEducation: null,
};

const arbitraryFacts: fc.Arbitrary<DiagnosisFacts> = fc.record({
  onDate: fc.constant('2026-11-29'),
  age: fc.option(fc.integer({ min: 15, max: 70 }), { nil: null }),
  gender: fc.constantFrom(...GENDERS),
  diplomaLevel: fc.constantFrom(...DIPLOMA_LEVELS),
  situation: fc.constantFrom(...SITUATIONS),
  qpvCode: fc.constantFrom(null, 'QN06901M'),
  zrr: fc.boolean(),
  rqth: fc.constantFrom(null, true, false),
  scholarship: fc.oneof(
    fc.constant({ basis: 'none' as const }),
    fc.record({ basis: fc.constant('declared_income' as const), echelon: fc.constantFrom(null, '0bis' as const, '3' as const, '7' as const), scaleYear: fc.constant('2025-2026') }),
  ),
});
const criterionSet = fc.subarray([...CRITERIA]);

describe('the criteria', () => {
  it('follow the priority publics of DOMAIN.md', () => {
    const facts = factsOf(profile, '2026-11-29', { basis: 'none' });
    expect(facts.age).toBe(25);
    const met = criteriaMet(facts);
    expect(CRITERIA.filter((c) => met[c])).toEqual(['woman', 'under_26', 'low_qualification', 'neet', 'qpv_or_zrr']);
    expect(criteriaMet({ ...facts, situation: 'job_seeker' })).toMatchObject({ neet: true, job_seeker: true });
    expect(criteriaMet({ ...facts, diplomaLevel: '5', situation: 'employed', age: 26 })).toMatchObject({ low_qualification: false, neet: false, under_26: false });
  });
  it('judge "under 26" at the date given: the diagnosis date, or the session start for a wish', () => {
    expect(under26At('2001-03-04', '2027-03-03')).toBe(true);
    expect(under26At('2001-03-04', '2027-03-04')).toBe(false);
    expect(under26At(null, '2027-03-03')).toBe(false);
  });
  it('compute the scholarship-holder flag from the declared income with the scale of the date', () => {
    expect(scholarshipFact(scales, profile, '2026-11-29')).toEqual({ basis: 'none' });
    const poor = scholarshipFact(scales, { ...profile, declaredIncomeEuros: 0, aidChildren: 0, aidChildrenHigherEducation: 0 }, '2026-11-29');
    expect(poor).toEqual({ basis: 'declared_income', echelon: '7', scaleYear: '2025-2026' });
    const rich = scholarshipFact(scales, { ...profile, declaredIncomeEuros: 500_000, aidChildren: 0, aidChildrenHigherEducation: 0 }, '2026-11-29');
    expect(rich).toMatchObject({ echelon: null });
  });
  it('a higher income never gives a higher échelon (property)', () => {
    const rank = (e: string | null) => (e === null ? -1 : ['0bis', '1', '2', '3', '4', '5', '6', '7'].indexOf(e));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 5 }), (a, b, children) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const f = (euros: number) => scholarshipFact(scales, { ...profile, declaredIncomeEuros: euros, aidChildren: children, aidChildrenHigherEducation: 0 }, '2026-11-29');
        const x = f(lo);
        const y = f(hi);
        if (x.basis === 'declared_income' && y.basis === 'declared_income') expect(rank(y.echelon)).toBeLessThanOrEqual(rank(x.echelon));
      }),
    );
  });
});

describe('sources', () => {
  it('a proof beats a validation, which beats a declaration; unmet criteria stay declared (property)', () => {
    fc.assert(
      fc.property(arbitraryFacts, fc.constantFrom('candidate' as const, 'prescriber' as const), criterionSet, criterionSet, (facts, author, confirmed, documented) => {
        const docs = new Map(documented.map((c) => [c, `doc-${c}`] as [Criterion, string]));
        const results = diagnose(facts, { author, confirmed: new Set(confirmed), documents: docs });
        expect(results.map((r) => r.criterion)).toEqual([...CRITERIA]);
        expect(consistent(facts, results)).toBe(true);
        for (const r of results) {
          if (!r.met) expect([r.source, r.documentId]).toEqual(['self_declared', null]);
          else if (docs.has(r.criterion)) expect([r.source, r.documentId]).toEqual(['document', `doc-${r.criterion}`]);
          else if (author === 'prescriber' && confirmed.includes(r.criterion)) expect(r.source).toBe('prescriber_validated');
          else expect(r.source).toBe('self_declared');
        }
      }),
    );
  });
  it('a prescriber confirms only criteria met, and never the scholarship', () => {
    const facts = factsOf(profile, '2026-11-29', { basis: 'declared_income', echelon: '2', scaleYear: '2025-2026' });
    expect(confirmationProblems(facts, ['woman', 'qpv_or_zrr'])).toEqual({});
    expect(confirmationProblems(facts, ['job_seeker']).confirmed).toMatch(/remplis/);
    expect(confirmationProblems(facts, ['scholarship']).confirmed).toMatch(/boursier/);
  });
});

describe('the explanation', () => {
  it('never tells professionals the échelon nor the QPV code (property)', () => {
    fc.assert(
      fc.property(arbitraryFacts, (facts) => {
        const results = diagnose(facts, { author: 'candidate', confirmed: new Set(), documents: new Map() });
        const text = JSON.stringify([explainCriteria(facts, results, 'professional', null), summary(results, 'professional')]);
        expect(text).not.toMatch(/QN06901M|relèveriez|du barème/);
        expect(text).not.toMatch(/\bvous\b/i);
        const own = explainCriteria(facts, results, 'candidate', null);
        expect(own).toHaveLength(CRITERIA.length);
        for (const c of own) expect(c.reason).toMatch(/[.)]$/);
      }),
    );
  });
  it('says when no priority public applies, and lists them otherwise', () => {
    const facts = factsOf({ ...profile, birthDate: '1980-01-01', gender: 'male', diplomaLevel: '7', situation: 'employed', zrr: false }, '2026-11-29', { basis: 'none' });
    const none = diagnose(facts, { author: 'candidate', confirmed: new Set(), documents: new Map() });
    expect(summary(none, 'candidate')).toMatch(/aucun public prioritaire/);
    const two = diagnose({ ...facts, gender: 'female', zrr: true }, { author: 'candidate', confirmed: new Set(), documents: new Map() });
    expect(summary(two, 'professional')).toBe('La personne fait partie de ces 2 publics prioritaires : femme ; et résident·e d’un quartier prioritaire (QPV) ou d’une zone de revitalisation rurale (ZRR).');
  });
});

describe('validity', () => {
  it('is 6 calendar months, ending on the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-11-29T09:00:00Z'), 6).toISOString()).toBe('2027-05-29T09:00:00.000Z');
    expect(addMonths(new Date('2026-08-31T09:00:00Z'), 6).toISOString()).toBe('2027-02-28T09:00:00.000Z');
  });
});
