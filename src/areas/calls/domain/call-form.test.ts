import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canTransition } from '../../../shared/transitions.ts';
import { CALL_STATUSES, CALL_TRANSITIONS, callFormProblems, gridWeights, submissionWindow, type CallStatus } from './call-form.ts';
import { sampleForm } from './fixtures.ts';

const facts = { regionExists: (c: string) => ['84', '11'].includes(c) };

describe('call lifecycle', () => {
  it('follows draft → open → closed → reviewing → decided, one step at a time', () => {
    const order: CallStatus[] = ['draft', 'open', 'closed', 'reviewing', 'decided'];
    for (const from of CALL_STATUSES) {
      for (const to of CALL_STATUSES) {
        expect(canTransition(CALL_TRANSITIONS, from, to)).toBe(order.indexOf(to) === order.indexOf(from) + 1);
      }
    }
  });
});

describe('call form', () => {
  it('accepts the wave-2 form', () => {
    expect(callFormProblems(sampleForm(), facts)).toEqual({});
  });
  it('refuses dates out of order, inconsistent caps, a bad grid and shares not adding up to 100', () => {
    const f = sampleForm({
      openingDate: '2026-10-01',
      cutOffs: ['2026-09-23', '2026-11-25', '2026-11-25'],
      caps: { perTrainingCents: 7_000_000, perOrganisationCents: 100, maxShareOfBudgetPct: 120 },
      grid: [
        { code: 'a', label: 'A', weight: 0 },
        { code: 'ok_code', label: 'Contenu', weight: 2 },
        { code: 'ok_code', label: 'Doublon', weight: 1 },
      ],
      tranches: [
        { label: 'Signature', sharePct: 50 },
        { label: 'Fin', sharePct: 40 },
      ],
      priorities: { regions: ['99'], romeCodes: ['XX'], publics: [] },
    });
    const p = callFormProblems(f, facts);
    expect(Object.keys(p).sort()).toEqual(
      [
        'form.caps.maxShareOfBudgetPct',
        'form.caps.perOrganisationCents',
        'form.cutOffs.0',
        'form.cutOffs.2',
        'form.grid.0.code',
        'form.grid.0.label',
        'form.grid.0.weight',
        'form.grid.2.code',
        'form.priorities.regions.0',
        'form.priorities.romeCodes.0',
        'form.tranches',
      ].sort(),
    );
    expect(p['form.tranches']).toMatch(/90 %/);
  });
  it('normalises weights to shares adding up to 1', () => {
    const w = gridWeights(sampleForm().grid);
    expect([...w.values()].reduce((s, x) => s + x, 0)).toBeCloseTo(1);
  });
});

describe('submission window', () => {
  const form = sampleForm();
  it('files a submission for the next cut-off, the cut-off day included', () => {
    expect(submissionWindow('open', form, '2026-09-01')).toEqual({ open: true, cutOff: '2026-09-23' });
    expect(submissionWindow('open', form, '2026-09-23')).toEqual({ open: true, cutOff: '2026-09-23' });
    expect(submissionWindow('open', form, '2026-09-24')).toEqual({ open: true, cutOff: '2026-11-25' });
    expect(submissionWindow('open', form, '2027-02-24')).toEqual({ open: true, cutOff: '2027-02-24' });
  });
  it('refuses before the opening, after the last cut-off, and when the call is not open', () => {
    expect(submissionWindow('open', form, '2026-08-31')).toMatchObject({ open: false, code: 'appel_pas_encore_ouvert' });
    expect(submissionWindow('open', form, '2027-02-25')).toMatchObject({ open: false, code: 'date_limite_depassee', message: expect.stringMatching(/24\/02\/2027/) });
    expect(submissionWindow('closed', form, '2026-09-10')).toMatchObject({ open: false, code: 'appel_non_ouvert' });
  });
  it('is open exactly between the opening and the last cut-off, with the smallest cut-off not before today', () => {
    const day = fc.integer({ min: 0, max: 900 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.uniqueArray(day, { minLength: 1, maxLength: 4 }), day, (opening, cuts, today) => {
        const cutOffs = [...cuts].sort();
        const w = submissionWindow('open', { openingDate: opening, cutOffs }, today);
        const expectedOpen = today >= opening && today <= cutOffs.at(-1)!;
        expect(w.open).toBe(expectedOpen);
        if (w.open) {
          expect(w.cutOff >= today).toBe(true);
          expect(cutOffs.filter((c) => c >= today && c < w.cutOff)).toEqual([]);
        }
      }),
    );
  });
});
