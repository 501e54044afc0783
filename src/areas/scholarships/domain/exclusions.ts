/**
 * Situations that exclude the GEN aid (décret 2017-548; DOMAIN.md learner-aid row): the person is
 * already paid during the training, or holds a higher-education grant (no cumulation).
 */
export const EXCLUSIONS = [
  'job-seeker-allowance',
  'regional-training-pay',
  'apprenticeship-contract',
  'professionalisation-contract',
  'paid-training-leave',
  'higher-education-grant',
] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export function isExclusion(value: string): value is Exclusion {
  return (EXCLUSIONS as readonly string[]).includes(value);
}

/** Short French label of each situation (forms, lists). */
export const EXCLUSION_LABELS: Record<Exclusion, string> = {
  'job-seeker-allowance': 'Allocation ou rémunération de demandeur d’emploi pendant la formation (France Travail)',
  'regional-training-pay': 'Rémunération de stagiaire de la formation professionnelle versée par la région',
  'apprenticeship-contract': 'Formation suivie en contrat d’apprentissage',
  'professionalisation-contract': 'Formation suivie en contrat de professionnalisation',
  'paid-training-leave': 'Formation suivie pendant un congé de formation rémunéré (projet de transition professionnelle, ex-CIF)',
  'higher-education-grant': 'Bourse de l’enseignement supérieur sur critères sociaux',
};

/** Why the situation excludes the aid, as a sentence ending the explanation. */
export const EXCLUSION_REASONS: Record<Exclusion, string> = {
  'job-seeker-allowance': 'une allocation ou une rémunération de demandeur d’emploi est versée pendant la formation : la personne est déjà rémunérée',
  'regional-training-pay': 'une rémunération de la région est versée pendant la formation : la personne est déjà rémunérée',
  'apprenticeship-contract': 'la formation est suivie en contrat d’apprentissage, donc rémunérée',
  'professionalisation-contract': 'la formation est suivie en contrat de professionnalisation, donc rémunérée',
  'paid-training-leave': 'la formation est suivie pendant un congé de formation rémunéré',
  'higher-education-grant': 'l’aide ne se cumule pas avec une bourse de l’enseignement supérieur sur critères sociaux',
};
