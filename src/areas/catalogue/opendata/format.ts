/** Number formats shared by the open-data exports (machine-readable: decimal point, no grouping). */

/** Euros with a decimal point and two decimals, from integer cents: 123450 → "1234.50". */
export function euros(cents: number): string {
  const c = Math.round(cents);
  const sign = c < 0 ? '-' : '';
  const abs = Math.abs(c);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A finite number in plain decimal notation (never "1e-7"); "" for NaN or ±Infinity. */
export function decimal(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/\.?0+$/, '');
}
