/** ISO dates as comparable integers: "2025-09-01" → 20250901 (no Date objects on the hot path). */
export function dayNumber(iso: string): number {
  return (
    (iso.charCodeAt(0) - 48) * 10_000_000 +
    (iso.charCodeAt(1) - 48) * 1_000_000 +
    (iso.charCodeAt(2) - 48) * 100_000 +
    (iso.charCodeAt(3) - 48) * 10_000 +
    (iso.charCodeAt(5) - 48) * 1_000 +
    (iso.charCodeAt(6) - 48) * 100 +
    (iso.charCodeAt(8) - 48) * 10 +
    (iso.charCodeAt(9) - 48)
  );
}

/** After every real date: "no upcoming session" sorts last. */
export const NO_DAY = 99_999_999;
