import { EXCLUSIONS, type Exclusion } from './types.ts';

/** What the visitor typed, as text (the API checks and explains). */
export interface AidDraft {
  year: string;
  income: string;
  distanceMode: 'communes' | 'km';
  home: string;
  training: string;
  distanceKm: string;
  children: string;
  childrenHigherEducation: string;
  disability: boolean;
  carer: boolean;
  exclusions: Exclusion[];
  trainingStart: string;
  trainingEnd: string;
}

/** Start year of the academic year (1 September – 31 August) of a day. */
export function academicStartYear(day: Date): number {
  return day.getMonth() >= 8 ? day.getFullYear() : day.getFullYear() - 1;
}

/** 2016-2017 (first year of the aid) to next year, newest first. */
export function academicYears(today: Date): string[] {
  const years: string[] = [];
  for (let y = academicStartYear(today) + 1; y >= 2016; y--) years.push(`${y}-${y + 1}`);
  return years;
}

export function emptyDraft(today: Date): AidDraft {
  const y = academicStartYear(today);
  return {
    year: `${y}-${y + 1}`,
    income: '',
    distanceMode: 'communes',
    home: '',
    training: '',
    distanceKm: '',
    children: '0',
    childrenHigherEducation: '0',
    disability: false,
    carer: false,
    exclusions: [],
    trainingStart: '',
    trainingEnd: '',
  };
}

/** The query string of GET /api/aid/simulate: empty optional fields are left out. */
export function aidQuery(d: AidDraft): string {
  const p = new URLSearchParams();
  p.set('year', d.year);
  p.set('income', d.income.replace(/\s/g, ''));
  if (d.distanceMode === 'communes') {
    if (d.home) p.set('home', d.home);
    if (d.training) p.set('training', d.training);
  } else if (d.distanceKm.trim() !== '') {
    p.set('distanceKm', d.distanceKm.trim());
  }
  p.set('children', d.children.trim() || '0');
  p.set('childrenHigherEducation', d.childrenHigherEducation.trim() || '0');
  if (d.disability) p.set('disability', 'true');
  if (d.carer) p.set('carer', 'true');
  const exclusions = EXCLUSIONS.filter((x) => d.exclusions.includes(x));
  if (exclusions.length > 0) p.set('exclusions', exclusions.join(','));
  if (d.trainingStart) p.set('trainingStart', d.trainingStart);
  if (d.trainingEnd) p.set('trainingEnd', d.trainingEnd);
  return p.toString();
}

/** Ids of the fields, keyed by the API's parameter names (its 400 answers use them). */
export const AID_FIELD_IDS: Record<string, string> = {
  year: 'aid-year',
  income: 'aid-income',
  home: 'aid-home',
  training: 'aid-training',
  distanceKm: 'aid-distanceKm',
  children: 'aid-children',
  childrenHigherEducation: 'aid-childrenHigherEducation',
  disability: 'aid-situations-0',
  carer: 'aid-situations-1',
  exclusions: 'aid-exclusions-0',
  trainingStart: 'aid-trainingStart',
  trainingEnd: 'aid-trainingEnd',
};

export const AID_FIELD_NAMES: Record<string, string> = {
  year: 'Année universitaire',
  income: 'Revenu brut global',
  home: 'Commune du domicile',
  training: 'Commune du lieu de formation',
  distanceKm: 'Distance',
  children: 'Enfants à charge',
  childrenHigherEducation: 'Enfants dans l’enseignement supérieur',
  disability: 'Handicap',
  carer: 'Aidant',
  exclusions: 'Situation pendant la formation',
  trainingStart: 'Début de la formation',
  trainingEnd: 'Fin de la formation',
  querystring: 'Requête',
};

export const EXCLUSION_LABELS: Record<Exclusion, string> = {
  'job-seeker-allowance': 'Je perçois une allocation ou une rémunération de demandeur d’emploi pendant la formation (France Travail)',
  'regional-training-pay': 'Je perçois une rémunération de stagiaire de la formation professionnelle versée par la région',
  'apprenticeship-contract': 'Je suis la formation en contrat d’apprentissage',
  'professionalisation-contract': 'Je suis la formation en contrat de professionnalisation',
  'paid-training-leave': 'Je suis la formation pendant un congé de formation rémunéré (projet de transition professionnelle)',
  'higher-education-grant': 'Je perçois une bourse de l’enseignement supérieur sur critères sociaux',
};
