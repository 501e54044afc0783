/**
 * The catalogue as an LHEO 2.3 document (http://lheo.gouv.fr/2.3), the format of the Carif-Oref
 * network. One `formation` per training, holding one `action` (our trainings have one place) with
 * one `session` per session. The output validates against reference/lheo-2.3.xsd.
 */
import type { CatalogueSession, CatalogueTraining } from '../domain/types.ts';
import { euros } from './format.ts';
import {
  ENTREES_SORTIES_DATES_FIXES,
  MODALITES_ENSEIGNEMENT,
  NIVEAU_ENTREE_SANS_NIVEAU,
  PARCOURS_EN_GROUPE,
  PUBLICS_VISES,
  certificationCodes,
  codeNiveauSortie,
  etatRecrutement,
  hasPrice,
  lheoDate,
} from './lheo-codes.ts';
import { adresse, coordonnees, organismeFormateur, organismeResponsable, urlBlock } from './lheo-parts.ts';
import { el, fitText, optEl, xmlAttr, xmlText } from './xml.ts';

export const LHEO_NAMESPACE = 'http://lheo.gouv.fr/2.3';

export interface LheoOptions {
  /** export time, ISO 8601 (goes to the `horodatage-export` attribute) */
  generatedAt: string;
  /** public origin of the site, e.g. "https://fabriques.example.gouv.fr" (links to training pages) */
  baseUrl: string;
}

/** LHEO needs at least one `formation` in `offres`: an empty offer has no valid LHEO document. */
export class EmptyLheoOfferError extends Error {
  constructor() {
    super('Aucune formation à exporter : un document LHEO contient au moins une formation.');
  }
}

// xs:dateTime, which the ISO strings of Date#toISOString satisfy.
const XS_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

// Texts for required elements we hold no data for. Those stating a GEN rule are true of every labelled training.
const TEXT = {
  publicVise:
    "Personnes éloignées de l'emploi, en particulier jeunes sans diplôme ou peu qualifiés, demandeurs d'emploi et personnes en reconversion.",
  conditions: 'Formation ouverte sans condition de diplôme ; sélection sur la motivation.',
  recrutement: 'Sélection sur la motivation, sans condition de diplôme.',
  alternance: "Non précisé : se renseigner auprès de l'organisme de formation.",
} as const;

/** Streams the LHEO document: the prologue, then one chunk per training, then the end tags. */
export function lheoChunks(trainings: readonly CatalogueTraining[], options: LheoOptions): Generator<string, void, undefined> {
  // Checked eagerly, before the first chunk is pulled, so that an HTTP layer can still answer an error.
  if (trainings.length === 0) throw new EmptyLheoOfferError();
  if (!XS_DATE_TIME.test(options.generatedAt)) throw new RangeError(`generatedAt is not an ISO date-time: ${options.generatedAt}`);
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  return (function* () {
    yield `<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="${LHEO_NAMESPACE}" horodatage-export="${xmlAttr(options.generatedAt)}">\n<offres>\n`;
    for (const t of trainings) yield `${formation(t, baseUrl)}\n`;
    yield '</offres>\n</lheo>\n';
  })();
}

/** The whole LHEO document as one string (see `lheoChunks` to stream it). */
export function toLheo(trainings: readonly CatalogueTraining[], options: LheoOptions): string {
  return [...lheoChunks(trainings, options)].join('');
}

/** Blocks repeated inside one formation, built once. */
interface Shared {
  baseUrl: string;
  adresse: string;
  contact: string;
}

function formation(t: CatalogueTraining, baseUrl: string): string {
  const shared: Shared = { baseUrl, adresse: adresse(t), contact: coordonnees({ phone: t.contact.phone, email: t.contact.email }) };
  const title = fitText(t.title, 255) ?? t.id;
  const cert = certificationCodes(t.certification.code);
  const sortie = codeNiveauSortie(t.certification.level);
  return [
    `<formation numero="${xmlAttr(t.id)}">`,
    domaineFormation(t),
    el('intitule-formation', title),
    el('objectif-formation', fitText(t.objectives, 3000) ?? fitText(t.summary, 3000) ?? title),
    el('resultats-attendus', resultatsAttendus(t)),
    el('contenu-formation', fitText(t.summary, 3000) ?? fitText(t.objectives, 3000) ?? title),
    el('certifiante', cert ? '1' : '0'),
    `<contact-formation>${shared.contact}</contact-formation>`,
    el('parcours-de-formation', PARCOURS_EN_GROUPE),
    el('code-niveau-entree', NIVEAU_ENTREE_SANS_NIVEAU),
    cert ? `<certification>${'rncp' in cert ? el('code-RNCP', cert.rncp) : el('code-RS', cert.rs)}</certification>` : '',
    sortie ? el('code-niveau-sortie', sortie) : '',
    urlBlock('url-formation', trainingUrl(baseUrl, t.id)),
    action(t, shared),
    organismeResponsable(t, shared.contact),
    labelExtras(t),
    '</formation>',
  ].join('');
}

function domaineFormation(t: CatalogueTraining): string {
  // At most 5 of each (schema); the first Formacode is the main one. The CSV export keeps them all.
  const formacodes = unique(t.formacodes.map((c) => c.trim()).filter((c) => /^\d{5}$/.test(c))).slice(0, 5);
  const romes = unique(t.romeCodes.map((c) => c.trim().toUpperCase()).filter((c) => /^[A-N]\d{4}$/.test(c))).slice(0, 5);
  return `<domaine-formation>${formacodes.map((c) => el('code-FORMACODE', c)).join('')}${romes.map((c) => el('code-ROME', c)).join('')}</domaine-formation>`;
}

function resultatsAttendus(t: CatalogueTraining): string {
  const title = fitText(t.certification.title, 2000);
  const code = fitText(t.certification.code, 50);
  if (title === null && code === null) return 'Attestation de fin de formation.';
  const level = codeNiveauSortie(t.certification.level) ? `, niveau ${t.certification.level}` : '';
  return fitText(`Certification visée : ${title ?? code}${title && code ? ` (${code})` : ''}${level}.`, 3000)!;
}

function action(t: CatalogueTraining, shared: Shared): string {
  const hours = Number.isFinite(t.durationHours) && t.durationHours > 0 ? Math.round(t.durationHours) : null;
  const months = Number.isFinite(t.durationMonths) && t.durationMonths > 0 ? Math.round(t.durationMonths) : null;
  const rythme =
    hours !== null && months !== null
      ? `${hours} heures réparties sur ${months} mois.`
      : hours !== null
        ? `${hours} heures.`
        : months !== null
          ? `${months} mois.`
          : 'Non précisé.';
  const sessions = t.sessions.length > 0 ? t.sessions.map((s) => session(t, s, shared)) : [sessionWithoutDates(shared)];
  return [
    `<action numero="${xmlAttr(t.id)}">`,
    el('rythme-formation', rythme),
    PUBLICS_VISES.codes.map((c) => `<code-public-vise ref="${PUBLICS_VISES.ref}">${c}</code-public-vise>`).join(''),
    el('info-public-vise', TEXT.publicVise),
    el('niveau-entree-obligatoire', '0'),
    el('modalites-alternance', TEXT.alternance),
    el('modalites-enseignement', MODALITES_ENSEIGNEMENT[t.modality]),
    el('conditions-specifiques', fitText(t.prerequisites, 3000) ?? TEXT.conditions),
    el('prise-en-charge-frais-possible', t.isFree ? '0' : '1'),
    `<lieu-de-formation><coordonnees>${shared.adresse}</coordonnees></lieu-de-formation>`,
    el('modalites-entrees-sorties', ENTREES_SORTIES_DATES_FIXES),
    urlBlock('url-action', trainingUrl(shared.baseUrl, t.id)),
    ...sessions,
    el('modalites-recrutement', TEXT.recrutement),
    hasPrice(t) ? optEl('prix-total-TTC', euros(t.priceCents), 10) : '',
    months !== null ? el('duree-indicative', `${months} mois`) : '',
    hours !== null ? el('nombre-heures-total', String(hours)) : '',
    organismeFormateur(t, shared.contact),
    '</action>',
  ].join('');
}

function session(t: CatalogueTraining, s: CatalogueSession, shared: Shared): string {
  const etat = etatRecrutement(t.label.status, s);
  return [
    `<session numero="${xmlAttr(s.id)}">`,
    `<periode>${el('debut', lheoDate(s.startsOn, '00000000'))}${el('fin', lheoDate(s.endsOn, '99999999'))}</periode>`,
    `<adresse-inscription>${shared.adresse}</adresse-inscription>`,
    etat ? el('etat-recrutement', etat) : '',
    extras('session-gen', {
      places: String(Math.max(0, Math.trunc(s.seats))),
      'places-restantes': String(Math.max(0, Math.trunc(s.seatsLeft))),
      statut: s.status,
    }),
    '</session>',
  ].join('');
}

/** LHEO requires a session in every action: a training with none gets one with unknown dates. */
function sessionWithoutDates(shared: Shared): string {
  return [
    '<session>',
    `<periode>${el('debut', '00000000')}${el('fin', '99999999')}</periode>`,
    `<adresse-inscription>${shared.adresse}</adresse-inscription>`,
    '</session>',
  ].join('');
}

/** The GEN label, which LHEO has no element for (statut, date d'attribution, fin de validité). */
function labelExtras(t: CatalogueTraining): string {
  const l = t.label;
  return extras('label-gen', { statut: l.status, 'date-attribution': l.grantedOn, 'date-fin-validite': l.validUntil });
}

/** `<extras info="…">` holding one `<extra info="key">value</extra>` per entry (LHEO's extension point). */
function extras(info: string, values: Record<string, string>): string {
  const items = Object.entries(values).map(([key, value]) => `<extra info="${xmlAttr(key)}">${xmlText(value)}</extra>`);
  return `<extras info="${xmlAttr(info)}">${items.join('')}</extras>`;
}

export function trainingUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/formations/${encodeURIComponent(id)}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
