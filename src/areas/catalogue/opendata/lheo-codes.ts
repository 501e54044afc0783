/**
 * Our values → the LHEO 2.3 dictionaries (keys restricted by reference/lheo-2.3.xsd).
 * Each mapping says which LHEO table it targets; the labels come from the LHEO documentation.
 */
import type { CatalogueSession, CatalogueTraining, LabelStatus, Modality } from '../domain/types.ts';

/** dict-modalites-enseignement: 0 entièrement présentielle, 1 mixte, 2 entièrement à distance. */
export const MODALITES_ENSEIGNEMENT: Record<Modality, '0' | '1' | '2'> = {
  presentiel: '0',
  hybride: '1',
  distanciel: '2',
};

/** dict-type-parcours: 1 "en groupe" — a GEN session is a cohort (promotion). */
export const PARCOURS_EN_GROUPE = '1';

/** dict-modalites-es: 0 "entrées/sorties à dates fixes" — every GEN session has its own dates. */
export const ENTREES_SORTIES_DATES_FIXES = '0';

/**
 * dict-niveaux, entry level: 1 "sans niveau spécifique". A GEN label requires the training to be open
 * without any diploma, selection being on motivation only.
 */
export const NIVEAU_ENTREE_SANS_NIVEAU = '1';

/**
 * dict-niveaux, exit level. LHEO 2.3 (issue PEL-37, "nouvelle table des niveaux") added keys 11 to 18
 * for levels 1 to 8 of the 2019 national nomenclature (décret 2019-14), the one our certifications use.
 * Returns null outside 1..8 (the element is optional).
 */
export function codeNiveauSortie(level: number): string | null {
  return Number.isInteger(level) && level >= 1 && level <= 8 ? String(10 + level) : null;
}

/**
 * code-public-vise: Formacode "public" codes (table dict-public-vise-formacode-V10, version given in
 * the `ref` attribute as LHEO requires). GEN trainings target job seekers and young people far from
 * employment, and are open to anyone without diploma.
 */
export const PUBLICS_VISES = {
  ref: 'V10',
  codes: [
    '80006', // Demandeur d'emploi
    '81024', // Jeune
    '83056', // Tout public
  ],
} as const;

/** dict-etat-recrutement: 1 ouvert, 2 fermé, 3 suspendu. */
export type EtatRecrutement = '1' | '2' | '3';

/**
 * Recruitment state of a session. A suspended label freezes recruitment (3); a withdrawn or expired
 * label closes it (2), as does a cancelled session. A session still "planned" has no state yet: null, the element is omitted.
 */
export function etatRecrutement(label: LabelStatus, session: CatalogueSession): EtatRecrutement | null {
  if (label === 'suspended') return '3';
  if (label !== 'active') return '2';
  switch (session.status) {
    case 'recruiting':
      return session.seatsLeft > 0 ? '1' : '2';
    case 'running':
    case 'finished':
    case 'cancelled':
      return '2';
    case 'planned':
      return null;
  }
}

/**
 * The training's certification split into the LHEO codes: code-RNCP holds the number only (as the
 * Carif-Oref exports do: "RNCP37674" → "37674"); code-RS likewise, keeping the prefix only when the
 * number alone would be shorter than the 3 characters the schema requires.
 */
export function certificationCodes(code: string): { rncp: string } | { rs: string } | null {
  const m = /^\s*(RNCP|RS)\s*0*(\d{1,8})\s*$/i.exec(code);
  if (!m) return null;
  const kind = m[1]!.toUpperCase();
  const digits = m[2]!;
  if (kind === 'RNCP') return { rncp: digits };
  return { rs: digits.length >= 3 ? digits : `RS${digits}` };
}

/** The NDA as LHEO wants it (11 characters). Unknown or malformed: eleven zeros, as Carif-Oref exports do. */
export function numeroActivite(nda: string | null): string {
  const digits = (nda ?? '').replace(/[\s.-]/g, '');
  return /^\d{11}$/.test(digits) ? digits : '00000000000';
}

/** ISO date (YYYY-MM-DD) → LHEO date (YYYYMMDD); unknown dates use LHEO's 00000000 / 99999999 markers. */
export function lheoDate(iso: string | null | undefined, unknown: '00000000' | '99999999'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  return m ? `${m[1]}${m[2]}${m[3]}` : unknown;
}

/** True when the training can be told "paid" with a usable price. */
export function hasPrice(t: CatalogueTraining): t is CatalogueTraining & { priceCents: number } {
  return !t.isFree && t.priceCents !== null && Number.isFinite(t.priceCents) && t.priceCents > 0;
}
