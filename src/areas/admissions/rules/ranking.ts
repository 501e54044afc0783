/**
 * The provider's ranking of a session (ADMISSIONS.md §1): each wish gets a pedagogical rank (integer
 * ≥ 1, unique in the session; gaps allowed) or "not ranked" with a reason. Checks for the interface
 * and the CSV import, with the exact lines at fault. Pure.
 */
import { ADMISSION_CONSTRAINT_NAMES } from '../../../db/schema/admissions.ts';

export type ConstraintName = (typeof ADMISSION_CONSTRAINT_NAMES)[number];
export { ADMISSION_CONSTRAINT_NAMES };

export const REASON_MAX = 500;
export const NOTES_MAX = 2000;

export interface RankingEntry {
  wishId: string;
  rank: number | null;
  notRankedReason: string | null;
  notes: string | null;
}

/** Problems of a ranking, keyed by where they are (`entries.3.rank`, `ligne 7`…), in French. */
export type Problems = Record<string, string>;

/** Checks the entries given in the interface: known wishes, once each, a rank or a reason, unique ranks. */
export function rankingProblems(entries: readonly RankingEntry[], rankable: ReadonlySet<string>): Problems {
  const problems: Problems = {};
  const seenWish = new Map<string, number>();
  const seenRank = new Map<number, number>();
  entries.forEach((e, i) => {
    const at = `entries.${i}`;
    if (!rankable.has(e.wishId)) problems[`${at}.wishId`] = 'Cette candidature n’est pas (ou plus) à classer dans cette session.';
    const w = seenWish.get(e.wishId);
    if (w !== undefined) problems[`${at}.wishId`] = `Cette candidature figure déjà à la position ${w + 1}.`;
    else seenWish.set(e.wishId, i);
    const reason = e.notRankedReason?.trim() ?? '';
    if (e.rank === null && !reason) problems[`${at}.rank`] = 'Donnez un rang, ou un motif si la candidature n’est pas classée.';
    if (e.rank !== null && reason) problems[`${at}.rank`] = 'Une candidature classée n’a pas de motif de non-classement.';
    if (e.rank !== null) {
      if (!Number.isInteger(e.rank) || e.rank < 1 || e.rank > 1_000_000) problems[`${at}.rank`] = 'Le rang est un nombre entier à partir de 1.';
      else {
        const r = seenRank.get(e.rank);
        if (r !== undefined) problems[`${at}.rank`] = `Le rang ${e.rank} est déjà donné à la position ${r + 1}.`;
        else seenRank.set(e.rank, i);
      }
    }
    if (reason.length > REASON_MAX) problems[`${at}.notRankedReason`] = `Le motif tient en ${REASON_MAX} caractères au plus.`;
    if ((e.notes?.length ?? 0) > NOTES_MAX) problems[`${at}.notes`] = `Les notes tiennent en ${NOTES_MAX} caractères au plus.`;
  });
  return problems;
}

/** Parses CSV text (RFC 4180 quoting, `;` or `,` chosen from the header line): rows with the line each starts on. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) && firstLine.includes(';') ? ';' : ',';
  const rows: { line: number; cells: string[] }[] = [];
  let line = 1;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let rowStart = 1;
  let i = 0;
  const endRow = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0]!.trim() === '')) rows.push({ line: rowStart, cells });
    cells = [];
    cell = '';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      i++;
      continue;
    }
    if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (c === sep) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else cell += c;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

const normalise = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/[\s-]+/g, '_');

const HEADERS: Record<string, 'wish' | 'rank' | 'reason' | 'notes'> = {
  voeu: 'wish',
  voeux: 'wish',
  rang: 'rank',
  motif_non_classe: 'reason',
  non_classe: 'reason',
  motif: 'reason',
  notes: 'notes',
};

/** The columns of the import file; other columns (names, e-mail) are read by people and ignored here. */
export const CSV_COLUMNS = 'voeu;nom;rang;motif_non_classe;notes';

/**
 * Reads an import file against the session's wishes to rank. Every problem names its line: unknown
 * or repeated wish, no rank and no reason, a rank that is not an integer ≥ 1, a rank given twice (both
 * lines), and the wishes the file forgets. Returns the entries, or the problems.
 */
export function readRankingCsv(
  text: string,
  rankable: ReadonlyMap<string, string>,
): { ok: true; entries: RankingEntry[] } | { ok: false; problems: Problems } {
  const rows = parseCsv(text);
  const problems: Problems = {};
  const add = (line: number, message: string) => {
    const key = `ligne ${line}`;
    problems[key] = problems[key] ? `${problems[key]} ${message}` : message;
  };
  if (rows.length === 0) return { ok: false, problems: { fichier: 'Le fichier est vide : il faut une ligne d’en-tête puis une ligne par candidature.' } };
  const header = rows[0]!;
  const columns = header.cells.map((h) => HEADERS[normalise(h)]);
  const col = (name: 'wish' | 'rank' | 'reason' | 'notes') => columns.indexOf(name);
  if (col('wish') < 0 || col('rank') < 0) {
    return { ok: false, problems: { [`ligne ${header.line}`]: `L’en-tête doit nommer au moins les colonnes « voeu » et « rang » (modèle : ${CSV_COLUMNS}).` } };
  }
  const entries: RankingEntry[] = [];
  const wishLine = new Map<string, number>();
  const rankLine = new Map<number, number>();
  for (const row of rows.slice(1)) {
    const get = (name: 'wish' | 'rank' | 'reason' | 'notes') => {
      const i = col(name);
      return i < 0 ? '' : (row.cells[i] ?? '').trim();
    };
    const wishId = get('wish');
    const rankText = get('rank');
    const reason = get('reason');
    const notes = get('notes');
    if (!wishId) {
      add(row.line, 'Colonne « voeu » vide : recopiez l’identifiant du vœu depuis le modèle exporté.');
      continue;
    }
    if (!rankable.has(wishId)) {
      add(row.line, `Le vœu « ${wishId.slice(0, 40)} » n’est pas une candidature à classer de cette session.`);
      continue;
    }
    const earlier = wishLine.get(wishId);
    if (earlier !== undefined) {
      add(row.line, `Cette candidature figure déjà ligne ${earlier}.`);
      continue;
    }
    wishLine.set(wishId, row.line);
    let rank: number | null = null;
    if (rankText === '') {
      if (!reason) add(row.line, 'Rang manquant : donnez un rang, ou un motif dans « motif_non_classe » si la candidature n’est pas classée.');
    } else if (!/^\d{1,7}$/.test(rankText) || Number(rankText) < 1) {
      add(row.line, `Rang « ${rankText.slice(0, 20)} » invalide : un nombre entier à partir de 1 est attendu.`);
    } else if (reason) {
      add(row.line, 'Donnez un rang ou un motif de non-classement, pas les deux.');
    } else {
      rank = Number(rankText);
      const other = rankLine.get(rank);
      if (other !== undefined) {
        add(other, `Le rang ${rank} est donné aussi ligne ${row.line}.`);
        add(row.line, `Le rang ${rank} est donné aussi ligne ${other}.`);
      } else rankLine.set(rank, row.line);
    }
    if (reason.length > REASON_MAX) add(row.line, `Le motif tient en ${REASON_MAX} caractères au plus.`);
    if (notes.length > NOTES_MAX) add(row.line, `Les notes tiennent en ${NOTES_MAX} caractères au plus.`);
    entries.push({ wishId, rank, notRankedReason: rank === null && reason ? reason : null, notes: notes || null });
  }
  const missing = [...rankable].filter(([id]) => !wishLine.has(id));
  if (missing.length > 0) {
    problems.fichier = `${missing.length === 1 ? 'Une candidature manque' : `${missing.length} candidatures manquent`} au fichier : ${missing
      .slice(0, 10)
      .map(([, name]) => name)
      .join(', ')}${missing.length > 10 ? '…' : ''}.`;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, entries };
}

/** A CSV cell, quoted when needed; a leading formula character is neutralised (spreadsheet injection). */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
