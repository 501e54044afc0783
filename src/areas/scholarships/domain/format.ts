/** French wording of amounts, distances and dates in the explanation. Pure. */

const NNBSP = '\u202f';
const NBSP = '\u00a0';

function group(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, NNBSP);
}

/** "3 828 €", "382,80 €" (cents shown only when there are some), from integer cents. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  return `${sign}${group(whole)}${rest === 0 ? '' : `,${String(rest).padStart(2, '0')}`}${NBSP}€`;
}

/** "1 234" */
export function integer(n: number): string {
  return group(n);
}

/** Cents → euros as a JSON number (3828, 382.8): the output edge only. */
export function centsToEuros(cents: number): number {
  return Math.round(cents) / 100;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** "6 octobre 2025", "1er septembre 2025" */
export function frenchDate(date: string): string {
  const day = Number(date.slice(8, 10));
  return `${day === 1 ? '1er' : day} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(0, 4))}`;
}

export function plural(n: number, singular: string, pluralForm: string): string {
  return `${integer(n)} ${n > 1 ? pluralForm : singular}`;
}
