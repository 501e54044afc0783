/**
 * SIREN (9 digits, a legal unit) and SIRET (14 digits = SIREN + 5-digit NIC, an establishment).
 *
 * Rule (DOMAIN.md): 14 digits and a valid Luhn checksum, except La Poste (SIREN 356000000) whose
 * establishments are numbered so that the sum of the 14 digits is a multiple of 5. La Poste's head
 * office, 356 000 000 00048, predates that numbering and keeps a Luhn checksum; it is accepted too
 * (as INSEE and python-stdnum do).
 */

export const LA_POSTE_SIREN = '356000000';
export const LA_POSTE_HEAD_OFFICE_SIRET = '35600000000048';

const DIGITS = /^[0-9]+$/;

/** Luhn sum mod 10 of a digit string (0 means the checksum is valid). */
function luhnRemainder(digits: string): number {
  let sum = 0;
  // double every second digit starting from the rightmost but one
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10;
}

/** True when the digit string has a valid Luhn checksum (false for an empty or non-digit string). */
export function hasValidLuhn(digits: string): boolean {
  return DIGITS.test(digits) && luhnRemainder(digits) === 0;
}

/** The digit to append to `payload` so that the result passes Luhn. */
export function luhnCheckDigit(payload: string): string {
  if (!DIGITS.test(payload)) throw new Error(`luhnCheckDigit: chiffres attendus, reçu « ${payload} »`);
  const remainder = luhnRemainder(`${payload}0`);
  return String((10 - remainder) % 10);
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** Removes the spaces, dots and non-breaking spaces people type inside a SIREN or SIRET. */
export function compactSiret(input: string): string {
  return input.replace(/[\s.\u00a0\u202f]/g, '');
}

export function isValidSiren(s: string): boolean {
  return s.length === 9 && hasValidLuhn(s);
}

export function isValidSiret(s: string): boolean {
  if (s.length !== 14 || !DIGITS.test(s)) return false;
  if (s.startsWith(LA_POSTE_SIREN) && s !== LA_POSTE_HEAD_OFFICE_SIRET) return digitSum(s) % 5 === 0;
  return luhnRemainder(s) === 0;
}

/** The SIREN (first 9 digits) of a SIRET. */
export function sirenOf(siret: string): string {
  return siret.slice(0, 9);
}

/** A valid SIREN from its first 8 digits (appends the Luhn check digit). */
export function completeSiren(first8: string): string {
  if (first8.length !== 8 || !DIGITS.test(first8)) throw new Error(`completeSiren: 8 chiffres attendus, reçu « ${first8} »`);
  return first8 + luhnCheckDigit(first8);
}

/**
 * A valid SIRET from a SIREN and the first 4 digits of the NIC: the 5th NIC digit is computed
 * (Luhn over the 14 digits, or the La Poste digit-sum rule for SIREN 356000000).
 */
export function buildSiret(siren: string, nicFirst4: string): string {
  if (!isValidSiren(siren)) throw new Error(`buildSiret: SIREN invalide « ${siren} »`);
  if (nicFirst4.length !== 4 || !DIGITS.test(nicFirst4)) throw new Error(`buildSiret: 4 chiffres de NIC attendus, reçu « ${nicFirst4} »`);
  const payload = siren + nicFirst4;
  if (siren === LA_POSTE_SIREN) {
    const last = (5 - (digitSum(payload) % 5)) % 5;
    return payload + String(last);
  }
  return payload + luhnCheckDigit(payload);
}
