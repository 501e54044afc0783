/** A complete proposal and call form, for tests (unit, integration, browser, benchmark). */
import { defaultCallForm, type CallForm } from './call-form.ts';
import type { ProposalData, TrainingDraft } from './proposal.ts';

export function sampleForm(overrides: Partial<CallForm> = {}): CallForm {
  return { ...defaultCallForm('2026-09-01', ['2026-09-23', '2026-11-25', '2027-02-24']), ...overrides };
}

export function sampleTraining(n = 1, overrides: Partial<TrainingDraft> = {}): TrainingDraft {
  return {
    title: `Développeur·se web et web mobile ${n}`,
    summary: 'Une formation intensive pour devenir développeur·se web, ouverte sans diplôme.',
    objectives: 'Concevoir et développer des applications web accessibles.',
    prerequisites: 'Aucun diplôme requis ; motivation et curiosité.',
    romeCodes: ['M1805'],
    formacodes: ['31054'],
    certificationCode: 'RNCP37674',
    certificationTitle: 'Développeur web et web mobile',
    certificationLevel: 5,
    durationMonths: 7,
    durationHours: 900,
    modality: 'presentiel',
    communeCode: '69123',
    address: '12 rue de la République',
    postalCode: '69002',
    isFree: true,
    priceCents: null,
    contactEmail: 'contact@fabrique.example',
    contactPhone: null,
    seatsPerSession: 14,
    sessionsPerYear: 2,
    commitments: { womenPct: 40, neetPct: 60, qpvPct: 25, lowQualifiedJobSeekersPerSession: 10, freeForJobSeekers: true },
    budget: { totalCents: 8_000_000, regionCents: 1_000_000, privateCents: 500_000, ownCents: 500_000, requestedCents: 6_000_000 },
    ...overrides,
  };
}

export function sampleData(form: CallForm = sampleForm()): ProposalData {
  return {
    summary: 'Une fabrique numérique ancrée dans le quartier, avec des employeurs partenaires engagés.',
    partners: [{ name: 'Numérique Rhône SAS', siret: '73282932000074', internships: 6, mentors: 3, jury: true, hires: 4, note: null }],
    declarations: form.eligibility.declarations.map((d) => d.code),
  };
}
