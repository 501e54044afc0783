/**
 * The neutral values an erased person's rows take (docs/adr/0013), and the masking of the mentions of
 * that person in other people's texts (mails). Pure.
 */

/** RFC 2606: `.invalid` never resolves, so a placeholder address can never receive a mail. */
export const PLACEHOLDER_DOMAIN = 'anonyme.invalid';

/** A unique, non-routable address standing for an erased one (the column stays unique and lower-case). */
export function placeholderEmail(kind: 'compte' | 'parent' | 'invitation', id: string): string {
  return `${kind}-${id.toLowerCase()}@${PLACEHOLDER_DOMAIN}`;
}

export function isPlaceholderEmail(email: string): boolean {
  return email.endsWith(`@${PLACEHOLDER_DOMAIN}`);
}

/** What an erased account shows where a name is displayed (« Compte supprimé »). */
export const ERASED_NAMES = { givenName: 'Compte', familyName: 'supprimé' } as const;
export const ERASED_PARENT_NAME = 'Parent (effacé)';
/** the free texts the person wrote or that were written about them */
export const ERASED_TEXT = '[effacé]';
export const ERASED_MOTIVE = 'Motif effacé (RGPD)';
/** replaces the person's name, address or phone number in a text written for someone else */
export const ERASED_MENTION = '[personne effacée]';
export const ERASED_FILE_NAME = 'document-efface';
/** the motive of the wish and offer changes an erasure makes */
export const ERASURE_MOTIVE = 'Compte supprimé (effacement des données personnelles)';

export interface PersonValues {
  email: string;
  givenName: string;
  familyName: string;
  phone: string | null;
  /** the names and addresses of the parents who consented for the person (under 15) */
  parentNames: string[];
  parentEmails: string[];
}

const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Phone numbers as people write them: 0612345678, 06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78. */
export function phoneSpellings(phone: string): string[] {
  const digits = phone.replace(/\D/g, '');
  const national = digits.startsWith('33') && digits.length === 11 ? `0${digits.slice(2)}` : digits;
  if (!/^0\d{9}$/.test(national)) return [phone];
  const pairs = national.match(/\d{2}/g)!;
  const rest = pairs.join(' ').slice(1);
  return [...new Set([phone, national, pairs.join(' '), pairs.join('.'), pairs.join('-'), `+33${national.slice(1)}`, `+33 ${rest}`])];
}

/**
 * The strings whose every occurrence in someone else's text is masked: e-mail addresses, full names
 * (both orders) and phone numbers, also HTML-escaped. A first name alone is too common to be masked
 * in others' texts; the person's own texts are replaced whole.
 */
export function mentionsOf(p: PersonValues): string[] {
  const values = [
    p.email,
    `${p.givenName} ${p.familyName}`,
    `${p.familyName} ${p.givenName}`,
    ...(p.phone ? phoneSpellings(p.phone) : []),
    ...p.parentEmails,
    ...p.parentNames.filter((n) => n.trim().includes(' ')),
  ].filter((v) => v.trim().length >= 5);
  return [...new Set(values.flatMap((v) => [v, html(v)]))].sort((a, b) => b.length - a.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every mention (case-insensitive) by ERASED_MENTION; returns the text unchanged if none. */
export function maskMentions(text: string, mentions: readonly string[]): string {
  if (mentions.length === 0) return text;
  const re = new RegExp(mentions.map(escapeRegExp).join('|'), 'giu');
  return text.replace(re, ERASED_MENTION);
}
