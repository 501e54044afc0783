import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition } from '../../../shared/transitions.ts';
import { acceptanceRefusal, maxShareCents, missingForSubmission, PROPOSAL_TRANSITIONS, thresholdWarnings } from './proposal.ts';
import { sampleData, sampleForm, sampleTraining } from './fixtures.ts';

const form = sampleForm();
const facts = { communeExists: (c: string) => c === '69123' || c === '75056', otherRequestedCents: 0, attachmentKinds: ['budget' as const] };
const proposal = { title: 'Fabrique du numérique de Lyon', data: sampleData(form) };

describe('proposal lifecycle', () => {
  it('is read-only once submitted, may be withdrawn until decided', () => {
    expect(canTransition(PROPOSAL_TRANSITIONS, 'draft', 'submitted')).toBe(true);
    expect(canTransition(PROPOSAL_TRANSITIONS, 'submitted', 'draft')).toBe(false);
    expect(canTransition(PROPOSAL_TRANSITIONS, 'in_review', 'withdrawn')).toBe(true);
    expect(canTransition(PROPOSAL_TRANSITIONS, 'decided', 'withdrawn')).toBe(false);
    expect(canTransition(PROPOSAL_TRANSITIONS, 'withdrawn', 'draft')).toBe(false);
  });
});

describe('what a proposal lacks to be submitted', () => {
  it('finds nothing missing in a complete proposal', () => {
    expect(missingForSubmission(proposal, [sampleTraining(1), sampleTraining(2)], form, facts)).toEqual([]);
  });

  it('lists every missing piece of an empty draft, field by field, in French', () => {
    const missing = missingForSubmission({ title: '', data: {} }, [{}], form, { ...facts, attachmentKinds: [] });
    const fields = missing.map((m) => m.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'title',
        'summary',
        'trainings.0.title',
        'trainings.0.romeCodes',
        'trainings.0.communeCode',
        'trainings.0.commitments.womenPct',
        'trainings.0.commitments.lowQualifiedJobSeekersPerSession',
        'trainings.0.commitments.freeForJobSeekers',
        'trainings.0.budget.totalCents',
        'trainings.0.budget.requestedCents',
        'partners',
        'declarations.open_without_diploma',
        'attachments.budget',
      ]),
    );
    expect(missing.every((m) => m.message.length > 10)).toBe(true);
  });

  it('enforces the hard eligibility criteria of the call', () => {
    const t = sampleTraining(1, { commitments: { womenPct: 40, neetPct: 60, qpvPct: 20, lowQualifiedJobSeekersPerSession: 8, freeForJobSeekers: false } });
    const fields = missingForSubmission(proposal, [t], form, facts).map((m) => m.field);
    expect(fields).toEqual(['trainings.0.commitments.lowQualifiedJobSeekersPerSession', 'trainings.0.commitments.freeForJobSeekers']);
  });

  it('checks the caps: per training, share of the budget, per organisation across the call', () => {
    const over = sampleTraining(1, { budget: { totalCents: 9_000_000, regionCents: 1_000_000, privateCents: 0, ownCents: 0, requestedCents: 8_000_000 } });
    const m = missingForSubmission(proposal, [over], form, facts);
    expect(m.map((x) => x.message).join('\n')).toMatch(/plafond par formation/);
    expect(m.map((x) => x.message).join('\n')).toMatch(/80 % du budget/);
    const org = missingForSubmission(proposal, [sampleTraining(1), sampleTraining(2)], form, { ...facts, otherRequestedCents: 7_000_000 });
    expect(org).toEqual([{ field: 'trainings', message: expect.stringMatching(/plafond par organisme \(180 000 €\)/) }]);
  });

  it('wants the budget exactly covered by its sources', () => {
    const t = sampleTraining(1, { budget: { totalCents: 8_000_000, regionCents: 0, privateCents: 0, ownCents: 0, requestedCents: 6_000_000 } });
    expect(missingForSubmission(proposal, [t], form, facts).map((m) => m.field)).toEqual(['trainings.0.budget.totalCents']);
  });

  it('checks partners’ SIRET and commitments', () => {
    const data = { ...sampleData(form), partners: [{ name: 'X', siret: '12345678901234' }, { name: 'Y', jury: true }] };
    expect(missingForSubmission({ ...proposal, data }, [sampleTraining()], form, facts).map((m) => m.field)).toEqual(['partners.0.siret', 'partners.0']);
  });
});

describe('label thresholds', () => {
  it('warns when a commitment is below 30 % women or 50 % NEET / low-qualified', () => {
    const t = sampleTraining(1, { commitments: { womenPct: 29, neetPct: 50, qpvPct: 0, lowQualifiedJobSeekersPerSession: 10, freeForJobSeekers: true } });
    expect(thresholdWarnings([t]).map((w) => w.field)).toEqual(['trainings.0.commitments.womenPct']);
    expect(thresholdWarnings([sampleTraining()])).toEqual([]);
  });
});

describe('acceptance caps', () => {
  const caps = form.caps;
  it('refuses beyond the organisation cap or the envelope', () => {
    expect(acceptanceRefusal({ requestedCents: 7_000_000, caps, acceptedForOrganisationCents: 11_000_000, acceptedInCallCents: 0, envelopeCents: 10 ** 9 })).toBeNull();
    expect(acceptanceRefusal({ requestedCents: 7_000_000, caps, acceptedForOrganisationCents: 11_000_001, acceptedInCallCents: 0, envelopeCents: 10 ** 9 })).toMatch(/plafond par organisme/);
    expect(acceptanceRefusal({ requestedCents: 100, caps, acceptedForOrganisationCents: 0, acceptedInCallCents: 999, envelopeCents: 1_000 })).toMatch(/enveloppe/);
  });
  it('never lets a share of the budget round up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 10 }), fc.integer({ min: 1, max: 100 }), (total, pct) => {
        const m = maxShareCents(total, pct);
        expect(Number.isInteger(m)).toBe(true);
        expect(m * 100 <= total * pct).toBe(true);
        expect((m + 1) * 100 > total * pct).toBe(true);
      }),
    );
  });
});
