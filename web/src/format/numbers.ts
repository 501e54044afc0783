const INTEGER = new Intl.NumberFormat('fr-FR');
const EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 2 });
const WHOLE_EUROS = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });

/** "12 345" with the French thousands separator */
export function formatInteger(value: number): string {
  return INTEGER.format(value);
}

/** "1 500 €" (cents only when there are some) */
export function formatPrice(cents: number): string {
  return (cents % 100 === 0 ? WHOLE_EUROS : EUROS).format(cents / 100);
}

/** "1 formation", "12 formations" */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${formatInteger(count)} ${count > 1 ? pluralForm : singular}`;
}
