/**
 * Offer deadlines (ADMISSIONS.md §2): an offer made on day D by a session that gives `answerDays`
 * days ends at 23:59 on D + answerDays in the session's local time zone (overseas départements
 * included). Pure: the caller gives the instant of the round.
 */

/** IANA time zone of a training place from its commune code (INSEE); metropolitan France by default. */
const OVERSEAS: Record<string, string> = {
  '971': 'America/Guadeloupe',
  '972': 'America/Martinique',
  '973': 'America/Cayenne',
  '974': 'Indian/Reunion',
  '975': 'America/Miquelon',
  '976': 'Indian/Mayotte',
  '977': 'America/St_Barthelemy',
  '978': 'America/Marigot',
  '986': 'Pacific/Wallis',
  '987': 'Pacific/Tahiti',
  '988': 'Pacific/Noumea',
};

export const PARIS = 'Europe/Paris';

export function timeZoneOfCommune(communeCode: string): string {
  return OVERSEAS[communeCode.slice(0, 3)] ?? PARIS;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading of an instant in a time zone, as UTC milliseconds of that reading. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(formatIn(timeZone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
}

/** The instant at which the wall clock of `timeZone` reads `date` (YYYY-MM-DD) at h:m:s. */
export function zonedInstant(date: string, h: number, m: number, s: number, timeZone: string): Date {
  const wanted = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m, s);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const diff = wallClock(guess, timeZone) - wanted;
    if (diff === 0) break;
    guess -= diff;
  }
  return new Date(guess);
}

/** The calendar date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)) + days));
  return d.toISOString().slice(0, 10);
}

/** The calendar date of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Date(wallClock(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * Deadline of an offer made at `madeAt`: 23:59:59 local time, `answerDays` days after the local date
 * of the offer in the session's time zone.
 */
export function offerDeadline(madeAt: Date, answerDays: number, timeZone: string): Date {
  return zonedInstant(addDays(localDate(madeAt, timeZone), answerDays), 23, 59, 59, timeZone);
}

const frenchFormats = new Map<string, Intl.DateTimeFormat>();
/** « mercredi 2 décembre 2026 à 23 h 59 (heure de Paris) » */
export function frenchDeadline(deadline: Date, timeZone: string): string {
  let f = frenchFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    frenchFormats.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(deadline).map((p) => [p.type, p.value]));
  const place = timeZone === PARIS ? 'heure de Paris' : `heure locale, ${timeZone.split('/')[1]!.replace(/_/g, ' ')}`;
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year} à ${parts.hour} h ${parts.minute} (${place})`;
}
