/**
 * Classes of the « places pour 10 000 habitants » choropleth: one class for « aucune place », then
 * up to four classes cut at the quartiles of the non-zero values, rounded to readable numbers.
 * Each class has a tone 0–4 (CSS classes fab-choro-0 … fab-choro-4, a sequential DSFR blue scale).
 * Pure functions: unit-tested in choroplethClasses.test.ts.
 */

export interface ChoroplethClass {
  /** lower bound (inclusive); the first class is exactly 0 */
  min: number;
  /** upper bound (exclusive), or null for the last class */
  max: number | null;
  tone: number;
  label: string;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** Rounds a class limit to something a reader can keep in mind (1 decimal below 10, integers above). */
export function niceLimit(value: number): number {
  if (value >= 10) return Math.round(value);
  if (value >= 1) return Math.round(value * 10) / 10;
  return Math.max(0.01, Math.round(value * 100) / 100);
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Tones of n positive classes spread over 1–4, so that few classes still contrast. */
function tones(n: number): number[] {
  if (n === 1) return [3];
  if (n === 2) return [2, 4];
  if (n === 3) return [1, 3, 4];
  return [1, 2, 3, 4];
}

export function buildClasses(values: readonly number[]): ChoroplethClass[] {
  const zero: ChoroplethClass = { min: 0, max: 0, tone: 0, label: 'Aucune place' };
  const positive = values.filter((v) => Number.isFinite(v) && v > 0).sort((a, b) => a - b);
  if (positive.length === 0) return [zero];
  const limits: number[] = [];
  for (const q of [0.25, 0.5, 0.75]) {
    const limit = niceLimit(quantile(positive, q));
    // keep a limit only if it leaves values on both sides and no empty class below it
    const previous = limits.at(-1) ?? 0;
    const below = positive.some((v) => v >= previous && v < limit);
    const above = positive.some((v) => v >= limit);
    if (limit > previous && below && above) limits.push(limit);
  }
  const bounds = [0, ...limits];
  const toneOf = tones(bounds.length);
  const classes = bounds.map((min, i): ChoroplethClass => {
    const max = limits[i] ?? null;
    let label: string;
    if (i === 0) label = max === null ? 'Plus de 0' : `Moins de ${formatNumber(max)}`;
    else if (max === null) label = `${formatNumber(min)} et plus`;
    else label = `De ${formatNumber(min)} à moins de ${formatNumber(max)}`;
    return { min, max, tone: toneOf[i]!, label };
  });
  return [zero, ...classes];
}

/** The class of a value (values ≤ 0 or not finite fall in « aucune place »). */
export function classOf(value: number, classes: readonly ChoroplethClass[]): ChoroplethClass {
  if (!(value > 0)) return classes[0]!;
  for (let i = classes.length - 1; i >= 1; i--) {
    if (value >= classes[i]!.min) return classes[i]!;
  }
  return classes[0]!;
}
