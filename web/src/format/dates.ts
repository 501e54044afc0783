// Dates of the API are calendar dates (YYYY-MM-DD): format them without any time zone shift.

const LONG = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

function toUtcDate(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

/** "12 mars 2028", "1er juin 2026" */
export function formatDate(isoDate: string): string {
  const date = toUtcDate(isoDate);
  if (!date) return isoDate;
  const text = LONG.format(date);
  return date.getUTCDate() === 1 ? text.replace(/^1 /, '1er ') : text;
}

/** "du 3 mars au 12 septembre 2026" */
export function formatDateRange(startIso: string, endIso: string): string {
  return `du ${formatDate(startIso)} au ${formatDate(endIso)}`;
}
