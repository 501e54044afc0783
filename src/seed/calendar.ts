import type { SessionStatus } from '../db/schema/catalogue.ts';

/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD) as whole days since 1970-01-01, in pure integer
 * arithmetic (proleptic Gregorian calendar): never the process clock or time zone, and fast enough
 * for hundreds of thousands of sessions.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number (H. Hinnant's civil_from_days). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Day number of an ISO date; throws on a malformed or impossible date. */
export function dayNumber(iso: string): number {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`Date invalide « ${iso} » (format attendu AAAA-MM-JJ)`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) throw new Error(`Date invalide « ${iso} »`);
  return daysFromCivil(y, mo, d);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function isoDate(day: number): string {
  const { year, month, day: d } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(d)}`;
}

/** Adds whole months to a day number; the day is clamped to the end of a shorter month (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsToDay(day: number, months: number): number {
  const c = civilFromDays(day);
  const index = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return daysFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
}

export function addDays(iso: string, days: number): string {
  return isoDate(dayNumber(iso) + days);
}

export function addMonths(iso: string, months: number): string {
  return isoDate(addMonthsToDay(dayNumber(iso), months));
}

export function addYears(iso: string, years: number): string {
  return addMonths(iso, 12 * years);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Sessions open their recruitment about four months before they start. */
export const RECRUITING_WINDOW_DAYS = 120;

/** Session status on day `today` from day numbers (see sessionStatusOn). */
export function sessionStatusAt(start: number, end: number, today: number): SessionStatus {
  if (today > end) return 'finished';
  if (today >= start) return 'running';
  return start - today <= RECRUITING_WINDOW_DAYS ? 'recruiting' : 'planned';
}

/**
 * The status a session should have on `today` from its dates alone: finished after its end,
 * running between start and end (inclusive), recruiting within the recruiting window before it
 * starts, planned before that.
 */
export function sessionStatusOn(startsOn: string, endsOn: string, today: string): SessionStatus {
  return sessionStatusAt(dayNumber(startsOn), dayNumber(endsOn), dayNumber(today));
}
