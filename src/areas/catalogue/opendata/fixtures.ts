/** Test builders for the catalogue read model. Every call gives fresh objects; overrides are shallow. */
import type { CatalogueSession, CatalogueTraining } from '../domain/types.ts';

let counter = 0;
const nextId = (prefix: string): string => `${prefix}-${(++counter).toString().padStart(4, '0')}`;

export function aCatalogueSession(overrides: Partial<CatalogueSession> = {}): CatalogueSession {
  return {
    id: nextId('0b7e3c1a-session'),
    startsOn: '2026-09-14',
    endsOn: '2027-03-12',
    seats: 14,
    seatsLeft: 5,
    status: 'recruiting',
    ...overrides,
  };
}

/** A free, labelled, in-person training in Montreuil with one recruiting session. */
export function aCatalogueTraining(overrides: Partial<CatalogueTraining> = {}): CatalogueTraining {
  return {
    id: nextId('3f2a9c4e-training'),
    title: 'Développeur·se web et web mobile',
    summary: 'Six mois pour apprendre à concevoir et développer des applications web, en mode projet.',
    objectives: 'Développer la partie front-end et back-end d’une application web sécurisée.',
    prerequisites: 'Aucun diplôme requis ; motivation pour le numérique.',
    romeCodes: ['M1805', 'M1855'],
    formacodes: ['31054', '31088'],
    certification: { code: 'RNCP37674', title: 'Développeur web et web mobile', level: 5 },
    durationMonths: 7,
    durationHours: 875,
    modality: 'presentiel',
    isFree: true,
    priceCents: null,
    address: '12 rue de la République',
    postalCode: '93100',
    commune: { code: '93048', name: 'Montreuil', departement: '93', region: '11' },
    lat: 48.8638,
    lon: 2.4485,
    provider: {
      id: '9d1c2b3a-provider',
      name: 'Fabrique numérique de l’Est parisien',
      siret: '73282932000074',
      nda: '11930123493',
      website: 'https://fabrique.example.org',
    },
    contact: { email: 'contact@fabrique.example.org', phone: '01 48 70 00 00' },
    label: { id: '5e6f7a8b-label', status: 'active', grantedOn: '2025-02-01', validUntil: '2028-02-01', statusReason: null },
    sessions: [aCatalogueSession()],
    ...overrides,
  };
}
