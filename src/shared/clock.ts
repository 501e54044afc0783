const parisFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });
let memo = { minute: Number.NaN, date: '' };

/** Calendar date (YYYY-MM-DD) of an instant in Europe/Paris, the programme's reference time zone. */
export function parisDate(now: Date): string {
  // formatting with a time zone is costly and every public request asks: reuse it within a minute
  // (Paris offsets are whole hours, so a date never changes inside a UTC minute)
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== memo.minute) memo = { minute, date: parisFormat.format(now) };
  return memo.date;
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
