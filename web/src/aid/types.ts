// Types of GET /api/aid/simulate (src/areas/scholarships/routes.ts).

export type Echelon = '0bis' | '1' | '2' | '3' | '4' | '5' | '6' | '7';

export const EXCLUSIONS = [
  'job-seeker-allowance',
  'regional-training-pay',
  'apprenticeship-contract',
  'professionalisation-contract',
  'paid-training-leave',
  'higher-education-grant',
] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export interface AidResult {
  year: string;
  scaleYear: string;
  points: number;
  echelon: Echelon | null;
  annualEuros: number;
  monthlyEuros: number;
  distanceKm: number | null;
  payments: number | null;
  totalEuros: number | null;
  exclusions: Exclusion[];
  explanation: string[];
}
