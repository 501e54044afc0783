/**
 * The columns of the open-data CSV: one row per session (the training's columns repeated), and one
 * row with empty session columns for a training that has no session yet.
 * Names are stable (snake_case, French): changing one breaks the reusers of the file.
 */
import type { CatalogueSession, CatalogueTraining } from '../domain/types.ts';
import { euros } from './format.ts';

/** A cell before encoding: text is protected against formula injection, numbers are written as is. */
export type CsvValue = string | number | boolean | null;

interface Column {
  name: string;
  description: string;
  value: (t: CatalogueTraining, s: CatalogueSession | null) => CsvValue;
}

const COLUMNS: readonly Column[] = [
  { name: 'formation_id', description: 'Identifiant de la formation labellisée (stable).', value: (t) => t.id },
  { name: 'session_id', description: 'Identifiant de la session ; vide si la formation n’a pas encore de session.', value: (_, s) => s?.id ?? null },
  { name: 'intitule', description: 'Intitulé de la formation.', value: (t) => t.title },
  { name: 'organisme_nom', description: 'Nom de l’organisme de formation (la fabrique).', value: (t) => t.provider.name },
  { name: 'organisme_siret', description: 'SIRET de l’organisme de formation (14 chiffres).', value: (t) => t.provider.siret },
  { name: 'codes_rome', description: 'Codes ROME des métiers visés, séparés par « | ».', value: (t) => t.romeCodes.join('|') },
  { name: 'formacodes', description: 'Codes Formacode du domaine de formation, séparés par « | » ; le premier est le principal.', value: (t) => t.formacodes.join('|') },
  { name: 'certification_code', description: 'Code de la certification visée au RNCP ou au répertoire spécifique (ex. RNCP37674, RS5487).', value: (t) => t.certification.code },
  { name: 'certification_intitule', description: 'Intitulé de la certification visée.', value: (t) => t.certification.title },
  { name: 'certification_niveau', description: 'Niveau de la certification dans le cadre national des certifications professionnelles (3 à 8).', value: (t) => t.certification.level },
  { name: 'duree_mois', description: 'Durée de la formation, en mois.', value: (t) => t.durationMonths },
  { name: 'duree_heures', description: 'Durée de la formation, en heures.', value: (t) => t.durationHours },
  { name: 'modalite', description: 'Modalité : presentiel, distanciel ou hybride.', value: (t) => t.modality },
  { name: 'gratuite', description: 'true si la formation est gratuite pour l’apprenant·e, false sinon.', value: (t) => t.isFree },
  {
    name: 'prix_euros',
    description: 'Prix TTC pour un·e apprenant·e qui paie, en euros avec un point décimal (ex. 1250.00) ; vide si gratuite.',
    value: (t) => (t.priceCents === null ? null : euros(t.priceCents)),
  },
  { name: 'adresse', description: 'Adresse du lieu de formation (voie).', value: (t) => t.address },
  { name: 'code_postal', description: 'Code postal du lieu de formation.', value: (t) => t.postalCode },
  { name: 'commune_code_insee', description: 'Code INSEE (COG) de la commune du lieu de formation.', value: (t) => t.commune.code },
  { name: 'commune_nom', description: 'Nom de la commune du lieu de formation.', value: (t) => t.commune.name },
  { name: 'departement_code', description: 'Code INSEE du département.', value: (t) => t.commune.departement },
  { name: 'region_code', description: 'Code INSEE de la région.', value: (t) => t.commune.region },
  { name: 'latitude', description: 'Latitude du centre de la commune (WGS 84, degrés décimaux).', value: (t) => t.lat },
  { name: 'longitude', description: 'Longitude du centre de la commune (WGS 84, degrés décimaux).', value: (t) => t.lon },
  { name: 'label_date_attribution', description: 'Date d’attribution du label GEN (AAAA-MM-JJ).', value: (t) => t.label.grantedOn },
  { name: 'label_date_fin_validite', description: 'Date de fin de validité du label GEN (AAAA-MM-JJ) ; le label vaut 3 ans.', value: (t) => t.label.validUntil },
  { name: 'session_date_debut', description: 'Date de début de la session (AAAA-MM-JJ).', value: (_, s) => s?.startsOn ?? null },
  { name: 'session_date_fin', description: 'Date de fin de la session (AAAA-MM-JJ).', value: (_, s) => s?.endsOn ?? null },
  {
    name: 'session_statut',
    description: 'État de la session : planned (prévue), recruiting (recrutement ouvert), running (en cours), finished (terminée), cancelled (annulée : label retiré).',
    value: (_, s) => s?.status ?? null,
  },
  { name: 'session_places', description: 'Nombre de places de la session.', value: (_, s) => s?.seats ?? null },
  { name: 'session_places_restantes', description: 'Places encore disponibles (places moins propositions acceptées).', value: (_, s) => s?.seatsLeft ?? null },
];

/** Name and French description of each column, in file order (for the « données ouvertes » page). */
export const CSV_COLUMNS: ReadonlyArray<{ readonly name: string; readonly description: string }> = COLUMNS.map(({ name, description }) => ({
  name,
  description,
}));

export const CSV_HEADER: readonly string[] = COLUMNS.map((c) => c.name);

/** The raw values of one row, in column order. */
export function csvRowValues(t: CatalogueTraining, s: CatalogueSession | null): CsvValue[] {
  return COLUMNS.map((c) => c.value(t, s));
}
