import type { CatalogueSession, CatalogueTraining } from '../types.ts';

let sequence = 0;
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString().padStart(12, '0')}`;

/** A session for tests: planned, 12 seats all free, starting on `startsOn`. */
export function aSession(overrides: Partial<CatalogueSession> = {}): CatalogueSession {
  const id = uuid(++sequence);
  const startsOn = overrides.startsOn ?? '2025-09-01';
  return { id, startsOn, endsOn: overrides.endsOn ?? addMonths(startsOn, 6), seats: 12, seatsLeft: 12, status: 'planned', ...overrides };
}

type TrainingOverrides = Partial<Omit<CatalogueTraining, 'commune' | 'certification' | 'provider'>> & {
  commune?: Partial<CatalogueTraining['commune']>;
  certification?: Partial<CatalogueTraining['certification']>;
  provider?: Partial<CatalogueTraining['provider']>;
};

/** A labelled training in Lyon for tests; nested objects (commune, certification, provider) merge. */
export function aTraining(overrides: TrainingOverrides = {}): CatalogueTraining {
  const n = ++sequence;
  const { commune, certification, provider, ...rest } = overrides;
  return {
    id: uuid(n),
    title: `Formation ${n}`,
    summary: 'Une formation courte et certifiante.',
    objectives: 'Acquérir les compétences attendues.',
    prerequisites: 'Aucun diplôme requis.',
    romeCodes: [],
    formacodes: ['31054'],
    certification: { code: 'RNCP00000', title: 'Titre professionnel', level: 5, ...certification },
    durationMonths: 6,
    durationHours: 800,
    modality: 'presentiel',
    isFree: true,
    priceCents: null,
    address: '1 rue de la République',
    postalCode: '69001',
    commune: { code: '69123', name: 'Lyon', departement: '69', region: '84', ...commune },
    lat: 45.758,
    lon: 4.835,
    provider: { id: uuid(n + 500_000), name: 'Fabrique', siret: '35600000000048', nda: null, website: null, ...provider },
    contact: { email: 'contact@example.org', phone: null },
    label: { id: uuid(n + 900_000), status: 'active', grantedOn: '2024-01-15', validUntil: '2027-01-15', statusReason: null },
    sessions: [],
    ...rest,
  };
}

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}
