/**
 * Monthly payments for a training period (DOMAIN.md "Aid": paid monthly for each month of training,
 * at most 10 per academic year). Pure; dates are YYYY-MM-DD strings, the end date is inclusive.
 *
 * A "month of training" is a started month counted from the start date (6 Oct → 5 Nov, 6 Nov → 5 Dec…):
 * a training from 6 Oct 2025 to 3 Apr 2026 has 6. Each month belongs to the academic year of its first
 * day, and each academic year pays at most `maxPerYear` of them.
 */
import { academicStartYearOf, daysInMonth } from './scale.ts';

/** Longest period accepted, in months (the label allows 3 to 24). */
export const MAX_TRAINING_MONTHS = 60;

export interface YearPayments {
  startYear: number;
  /** months of training starting in this academic year */
  months: number;
  /** of which paid (≤ maxPerYear) */
  paid: number;
}

export interface PaymentCount {
  months: number;
  payments: number;
  years: YearPayments[];
}

/** The date `k` months after `date`, its day clamped to the month's length (31 Jan + 1 → 28/29 Feb). */
export function addMonths(date: string, k: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + k;
  const year = y + Math.floor(m / 12);
  const month = (m % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Started months of training between two dates (end inclusive); 0 when end < start. */
export function trainingMonths(start: string, end: string): number {
  let k = 0;
  while (k <= MAX_TRAINING_MONTHS && addMonths(start, k) <= end) k++;
  return k;
}

export function monthlyPayments(start: string, end: string, maxPerYear: number): PaymentCount {
  const years: YearPayments[] = [];
  const months = trainingMonths(start, end);
  for (let k = 0; k < months; k++) {
    const startYear = academicStartYearOf(addMonths(start, k));
    let year = years[years.length - 1];
    if (!year || year.startYear !== startYear) {
      year = { startYear, months: 0, paid: 0 };
      years.push(year);
    }
    year.months++;
    if (year.paid < maxPerYear) year.paid++;
  }
  return { months, payments: years.reduce((s, y) => s + y.paid, 0), years };
}
