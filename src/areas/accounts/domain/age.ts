/** Age in whole years on a date (both ISO yyyy-mm-dd). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Under 15, signing up needs a parent's consent (loi Informatique et libertés, art. 45). */
export const DIGITAL_MAJORITY = 15;

export function needsParentalConsent(birthDate: string, today: string): boolean {
  return ageOn(birthDate, today) < DIGITAL_MAJORITY;
}
