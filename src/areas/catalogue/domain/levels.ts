/** Levels of the national nomenclature of certifications (décret 2019-14), as the public reads them. */
export const LEVEL_LABELS: Record<number, string> = {
  3: 'Niveau 3 (CAP, BEP)',
  4: 'Niveau 4 (baccalauréat)',
  5: 'Niveau 5 (bac + 2)',
  6: 'Niveau 6 (bac + 3, bac + 4)',
  7: 'Niveau 7 (bac + 5)',
  8: 'Niveau 8 (doctorat)',
};
