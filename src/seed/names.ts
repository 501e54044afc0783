import type { Commune } from '../areas/territories/domain/commune.ts';
import type { Rng } from './prng.ts';

/**
 * Fictional but plausible French names, addresses and contact details for demo providers.
 * Websites and e-mails use the reserved `.example` top-level domain and phone numbers the ranges
 * ARCEP keeps for fiction, so the demo never points at a real site, mailbox or line.
 */

/** "de Lille", "d'Amiens", "du Havre", "des Abymes", "de La Rochelle". */
export function ofCity(city: string): string {
  if (city.startsWith('Le ')) return `du ${city.slice(3)}`;
  if (city.startsWith('Les ')) return `des ${city.slice(4)}`;
  if (/^[AEIOUYÉÈÊÂÎÔÛaeiouyéèêâîôû]/.test(city)) return `d'${city}`;
  return `de ${city}`;
}

const ASSOCIATIONS = [
  'Code et Cité', 'Clic Solidaire', 'Numérique en Partage', 'Les Passeurs du Numérique', 'Pixels et Quartiers',
  'Connexions Solidaires', 'Tremplin Numérique', 'Déclic Numérique', 'Octet Solidaire', 'Les Bâtisseurs du Web',
  'Réseaux et Talents', 'Femmes et Code', 'Horizon Numérique', 'Passerelles Digitales', 'Le Fil Numérique',
];
const COOPERATIVES = [
  'Scop Codeurs Associés', 'Scop Les Artisans du Web', 'SCIC Numérique en Commun', 'Coopérative Hublot',
  'SCIC La Fabrique des Possibles', 'Scop Atelier Libre', 'Coopérative Terminal', 'SCIC Territoires Connectés',
];
const THIRD_PLACES = ['La Ruche', 'Le Hangar', 'La Filature', "L'Établi", 'La Serre', 'Le Quai', 'La Coursive', "L'Escale"];
const BRANDS = ['Tremplin', 'Pixel', 'Boussole', 'Sésame', 'Lumen', 'Cap Code', 'Élan', 'Vivier'];

type Pattern = (city: string, rng: Rng) => string;
const PATTERNS: readonly (readonly [Pattern, number])[] = [
  [(c) => `Simplon ${c}`, 2],
  [(c) => `Fabrique numérique ${ofCity(c)}`, 3],
  [(c) => `École du numérique ${ofCity(c)}`, 2],
  [(c) => `Maison du numérique ${ofCity(c)}`, 1],
  [(c) => `Campus numérique ${ofCity(c)}`, 1],
  [(c, r) => `Association ${r.pick(ASSOCIATIONS)} – ${c}`, 3],
  [(c, r) => `${r.pick(COOPERATIVES)} – ${c}`, 2],
  [(c, r) => `Tiers-lieu ${r.pick(THIRD_PLACES)} – ${c}`, 1],
  [(c, r) => `${r.pick(BRANDS)} Academy ${c}`, 1],
];

/** A provider name not yet in `taken` (which it updates). */
export function providerName(rng: Rng, city: string, taken: Set<string>): string {
  for (let attempt = 0; attempt < 6; attempt++) {
    const name = rng.weighted(PATTERNS)(city, rng);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  const base = rng.weighted(PATTERNS)(city, rng);
  for (let n = 2; ; n++) {
    const name = `${base} (antenne ${n})`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** Lower-case ASCII slug: "Fabrique numérique d'Évry" → "fabrique-numerique-d-evry". */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

const STREETS = [
  'rue Victor Hugo', 'avenue Jean Jaurès', 'rue de la République', 'boulevard Gambetta', 'rue Pasteur',
  'place de la Mairie', 'rue du Général de Gaulle', 'rue Jules Ferry', 'avenue de la Gare', 'rue des Écoles',
  'allée des Tilleuls', 'rue Louise Michel', 'rue Olympe de Gouges', 'rue Simone Veil', 'rue Marie Curie',
  "rue de l'Industrie", 'rue du Moulin', 'rue Aimé Césaire', 'impasse des Artisans', 'rue Émile Zola',
  'avenue du 8 Mai 1945', 'rue Lucie Aubrac', 'rue George Sand', 'cours de la Liberté', 'rue Denis Papin',
  'rue Ada Lovelace', 'quai des Arts', 'rue des Tisserands', 'boulevard de la Paix', 'rue Gisèle Halimi',
];
const COMPLEMENTS = ['', '', '', '', ', bâtiment B', ', 2e étage', ', rez-de-chaussée', ', espace Les Ateliers'];

export function streetAddress(rng: Rng): string {
  const number = rng.int(1, 180);
  const bis = rng.chance(0.08) ? ' bis' : '';
  return `${number}${bis} ${rng.pick(STREETS)}${rng.pick(COMPLEMENTS)}`;
}

/** A postal code of the commune (Paris, Lyon, Marseille and others have several). */
export function postalCode(rng: Rng, commune: Commune): string {
  return rng.pick(commune.postalCodes);
}

// ARCEP ranges reserved for audiovisual fiction, by geographic zone (01 Île-de-France … 05 south-west)
const FICTION_PREFIX: Record<string, string> = { '01': '01 99 00', '02': '02 61 91', '03': '03 53 01', '04': '04 65 71', '05': '05 36 49', '06': '06 39 98' };
const ZONE_OF_REGION: Record<string, string> = {
  '11': '01', '24': '02', '28': '02', '52': '02', '53': '02', '27': '03', '32': '03', '44': '03',
  '84': '04', '93': '04', '94': '04', '75': '05', '76': '05',
};
const OCCITANIE_EAST = new Set(['11', '30', '34', '48', '66']);

export function phoneNumber(rng: Rng, commune: Commune): string {
  let zone = ZONE_OF_REGION[commune.region] ?? '06'; // overseas: fictional mobile range
  if (commune.region === '76' && OCCITANIE_EAST.has(commune.departement)) zone = '04';
  const pair = () => String(rng.int(0, 99)).padStart(2, '0');
  return `${FICTION_PREFIX[zone]} ${pair()} ${pair()}`;
}

export function website(slug: string): string {
  return `https://${slug}.example`;
}

const MAILBOXES = ['contact', 'formation', 'recrutement', 'admissions', 'bonjour'];

export function contactEmail(rng: Rng, slug: string): string {
  return `${rng.pick(MAILBOXES)}@${slug}.example`;
}

/**
 * A numéro de déclaration d'activité (11 digits): région code, département, a serial number and
 * the département again, as the DREETS print them ("11 75 12345 75").
 */
export function nda(rng: Rng, commune: Commune): string {
  const dep = commune.departement.startsWith('97') ? commune.departement.slice(1, 3) : commune.departement.replace(/^2[AB]$/, '20');
  return `${commune.region}${dep}${String(rng.int(0, 99_999)).padStart(5, '0')}${dep}`;
}
