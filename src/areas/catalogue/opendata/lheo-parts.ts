/**
 * Reusable LHEO 2.3 blocks (adresse, coordonnees, organismes). Every function returns a string of
 * XML whose element order and lengths follow reference/lheo-2.3.xsd.
 */
import type { CatalogueTraining } from '../domain/types.ts';
import { decimal } from './format.ts';
import { numeroActivite } from './lheo-codes.ts';
import { cleanXmlChars, el, fitText, truncate, xmlAttr } from './xml.ts';

/** Placeholder for a required text we do not know, as Carif-Oref exports write it. */
const UNKNOWN = '-';

/**
 * Splits a street address into at most `maxLines` lines of at most `width` characters, on word
 * boundaries when possible (LHEO `ligne`: 1 to 4 lines of 1 to 50 characters).
 */
export function addressLines(address: string, width = 50, maxLines = 4): string[] {
  const words = cleanXmlChars(address)
    .split(/[\n,]+/)
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part !== '');
  const lines: string[] = [];
  for (const part of words) {
    let current = '';
    for (const word of part.split(' ')) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if ([...candidate].length <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      current = word;
      // A single word longer than a line is hard-wrapped.
      while ([...current].length > width) {
        const chars = [...current];
        lines.push(chars.slice(0, width).join(''));
        current = chars.slice(width).join('');
      }
    }
    if (current !== '') lines.push(current);
  }
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines - 1);
  kept.push(truncate(lines.slice(maxLines - 1).join(' '), width));
  return kept;
}

/** The training place as an LHEO `adresse` (postal data, INSEE codes, centroid). */
export function adresse(t: CatalogueTraining): string {
  const lines = addressLines(t.address);
  const postal = t.postalCode.trim();
  const parts: string[] = ['<adresse>'];
  for (const line of lines.length > 0 ? lines : [UNKNOWN]) parts.push(el('ligne', line));
  // codepostal is required and exactly 5 characters; "00000" marks an unknown one.
  parts.push(el('codepostal', /^\d{5}$/.test(postal) ? postal : '00000'));
  parts.push(el('ville', fitText(t.commune.name, 50) ?? UNKNOWN));
  if (/^(\d{2,3}|2[AB])$/.test(t.commune.departement)) parts.push(el('departement', t.commune.departement));
  if (/^[0-9][0-9AB][0-9]{3}$/.test(t.commune.code)) parts.push(el('code-INSEE-commune', t.commune.code));
  if (/^\d{2}$/.test(t.commune.region)) parts.push(el('region', t.commune.region));
  parts.push(el('pays', 'FR'));
  if (Number.isFinite(t.lat) && Number.isFinite(t.lon)) {
    parts.push(`<geolocalisation>${el('latitude', decimal(t.lat))}${el('longitude', decimal(t.lon))}</geolocalisation>`);
  }
  parts.push('</adresse>');
  return parts.join('');
}

/** French mobile numbers (06, 07, +33 6, +33 7) go to `portable`, the others to `telfixe`. */
function telephone(phone: string | null): string {
  const number = fitText(phone, 25);
  if (number === null) return '';
  const compact = number.replace(/[\s.()-]/g, '');
  const mobile = /^(0|\+33|0033)[67]\d{8}$/.test(compact);
  return `<${mobile ? 'portable' : 'telfixe'}>${el('numtel', number)}</${mobile ? 'portable' : 'telfixe'}>`;
}

function courriel(email: string | null): string {
  const value = fitText(email, 160);
  return value !== null && [...value].length >= 3 ? el('courriel', value) : '';
}

function web(url: string | null): string {
  const value = fitText(url, 400);
  return value !== null && [...value].length >= 3 ? `<web>${el('urlweb', value)}</web>` : '';
}

/** `coordonnees` (all children optional, in schema order: telfixe | portable, courriel, web). */
export function coordonnees(c: { phone?: string | null; email?: string | null; website?: string | null }): string {
  return `<coordonnees>${telephone(c.phone ?? null)}${courriel(c.email ?? null)}${web(c.website ?? null)}</coordonnees>`;
}

/** A one-element `<urlweb>` wrapper such as `url-formation` or `url-action`. */
export function urlBlock(name: string, url: string): string {
  const value = fitText(url, 400);
  return value === null ? '' : `<${name}>${el('urlweb', value)}</${name}>`;
}

function siret(value: string): string {
  const digits = value.replace(/\s/g, '');
  return /^\d{14}$/.test(digits) ? digits : '00000000000000';
}

/** The provider as `organisme-formation-responsable` (NDA, SIRET, names, website, contact = a `coordonnees` block). */
export function organismeResponsable(t: CatalogueTraining, contact: string): string {
  const p = t.provider;
  const name = fitText(p.name, 250) ?? UNKNOWN;
  return [
    `<organisme-formation-responsable numero="${xmlAttr(p.id)}">`,
    el('numero-activite', numeroActivite(p.nda)),
    `<SIRET-organisme-formation>${el('SIRET', siret(p.siret))}</SIRET-organisme-formation>`,
    el('nom-organisme', name),
    el('raison-sociale', name),
    `<coordonnees-organisme>${coordonnees({ website: p.website })}</coordonnees-organisme>`,
    `<contact-organisme>${contact}</contact-organisme>`,
    '</organisme-formation-responsable>',
  ].join('');
}

/** The same provider as `organisme-formateur`: GEN trainings are run by the labelled provider itself. */
export function organismeFormateur(t: CatalogueTraining, contact: string): string {
  const p = t.provider;
  return [
    '<organisme-formateur>',
    `<SIRET-formateur>${el('SIRET', siret(p.siret))}</SIRET-formateur>`,
    // required, 0 to 250 characters
    el('raison-sociale-formateur', fitText(p.name, 250) ?? ''),
    `<contact-formateur>${contact}</contact-formateur>`,
    '</organisme-formateur>',
  ].join('');
}
