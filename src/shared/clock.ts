/** Calendar date (YYYY-MM-DD) of an instant in Europe/Paris, the programme's reference time zone. */
export function parisDate(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
