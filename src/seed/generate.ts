import type { Commune } from '../areas/territories/domain/commune.ts';
import { buildSiret, completeSiren, LA_POSTE_SIREN } from '../areas/accounts/domain/siret.ts';
import type { labels, organisations, sessions, trainings } from '../db/schema/index.ts';
import type { Modality, SessionStatus } from '../db/schema/catalogue.ts';
import { addMonthsToDay, addYears, dayNumber, isoDate, isoWeekday, RECRUITING_WINDOW_DAYS, sessionStatusAt } from './calendar.ts';
import {
  HOURS_PER_MONTH,
  TRAINING_TEMPLATES,
  trainingObjectives,
  trainingPrerequisites,
  trainingSummary,
  trainingTitle,
  type TrainingTemplate,
} from './catalogue-content.ts';
import { contactEmail, nda, ofCity, phoneNumber, postalCode, providerName, slugify, streetAddress, website } from './names.ts';
import { placeIndex } from './places.ts';
import { Rng, WeightedList } from './prng.ts';

/**
 * A deterministic, realistic demo network: labelled providers spread over every région (overseas
 * included) in proportion to population, their trainings, one active label per training and dated
 * sessions. Pure: the same seed and `today` give the same rows; no clock, no Math.random.
 */

export interface NetworkSize {
  providers: number;
  trainings: number;
  sessions: number;
}

export const DEMO_SIZE: NetworkSize = { providers: 250, trainings: 400, sessions: 1_000 };
export const BENCHMARK_SIZE: NetworkSize = { providers: 5_000, trainings: 20_000, sessions: 100_000 };
/** the year the Grande École du Numérique labelled its first trainings */
export const DEFAULT_SEED = 2016;

export interface GenerateOptions extends NetworkSize {
  seed: number | string;
  /** reference date (YYYY-MM-DD) that session and label dates are placed around */
  today: string;
}

type WithId<T> = T & { id: string };
export type OrganisationRow = WithId<typeof organisations.$inferInsert>;
export type TrainingRow = WithId<typeof trainings.$inferInsert>;
export type LabelRow = WithId<typeof labels.$inferInsert>;
export type SessionRow = WithId<typeof sessions.$inferInsert>;

export interface DemoNetwork {
  organisations: OrganisationRow[];
  trainings: TrainingRow[];
  labels: LabelRow[];
  sessions: SessionRow[];
}

interface Site {
  commune: Commune;
  postalCode: string;
  street: string;
}

interface Provider {
  id: string;
  slug: string;
  site: Site;
  /** templates this provider already runs */
  templates: Set<string>;
}

const SIREN_FIRST_DIGITS = ['3', '4', '5', '7', '8', '9'];
const MODALITIES: readonly (readonly [Modality, number])[] = [
  ['presentiel', 60],
  ['hybride', 30],
  ['distanciel', 10],
];
const SHARE_FREE = 0.85;
const SHARE_ANTENNA = 0.15;
/** label decisions are taken in waves: mid-February, mid-June and mid-October */
const WAVE_MONTHS = ['02', '06', '10'];
const LABEL_YEARS = 3;

function checkSize(o: GenerateOptions): void {
  for (const k of ['providers', 'trainings', 'sessions'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) throw new Error(`${k} doit être un entier positif ou nul (reçu ${o[k]})`);
  }
  if (o.trainings > 0 && o.providers === 0) throw new Error('Des formations demandent au moins une structure');
  if (o.sessions > 0 && o.trainings === 0) throw new Error('Des sessions demandent au moins une formation');
  dayNumber(o.today);
}

export function generateDemoNetwork(options: GenerateOptions): DemoNetwork {
  checkSize(options);
  const rng = new Rng(`${options.seed}:content`);
  const ids = new Rng(`${options.seed}:ids`);
  const places = placeIndex();
  const today = dayNumber(options.today);
  const out: DemoNetwork = { organisations: [], trainings: [], labels: [], sessions: [] };

  // Providers: one per région first (so every région, overseas included, is on the map), then by population.
  const providers: Provider[] = [];
  const names = new Set<string>();
  const sirens = new Set<string>([LA_POSTE_SIREN]);
  const spreadFirst = options.providers >= places.regions.length;
  for (let i = 0; i < options.providers; i++) {
    const commune = places.pickCommune(rng, spreadFirst && i < places.regions.length ? places.regions[i] : undefined);
    const site: Site = { commune, postalCode: postalCode(rng, commune), street: streetAddress(rng) };
    const name = providerName(rng, commune.name, names);
    let siren: string;
    do siren = completeSiren(rng.pick(SIREN_FIRST_DIGITS) + String(rng.int(0, 9_999_999)).padStart(7, '0'));
    while (sirens.has(siren));
    sirens.add(siren);
    const provider: Provider = { id: ids.uuid(), slug: slugify(name), site, templates: new Set() };
    providers.push(provider);
    out.organisations.push({
      id: provider.id,
      kind: 'provider',
      name,
      siret: buildSiret(siren, `000${rng.int(1, 9)}`),
      nda: nda(rng, commune),
      communeCode: commune.code,
      address: `${site.street}, ${site.postalCode} ${commune.name}`,
      website: website(provider.slug),
    });
  }

  // Trainings: every provider runs at least one (when there are enough); larger providers run more.
  const owners: Provider[] = providers.slice(0, Math.min(providers.length, options.trainings));
  if (options.trainings > owners.length) {
    const bySize = new WeightedList(providers, () => 1 + Math.floor(rng.next() * rng.next() * 8));
    while (owners.length < options.trainings) owners.push(bySize.pick(rng));
  }
  const templates = new WeightedList(TRAINING_TEMPLATES, (t) => t.weight);
  const waves = labelWaves(options.today);
  const durations: number[] = [];
  const grants: number[] = [];
  for (const provider of owners) {
    let template: TrainingTemplate = templates.pick(rng);
    for (let retry = 0; retry < 3 && provider.templates.has(template.key); retry++) template = templates.pick(rng);
    provider.templates.add(template.key);
    const site = rng.chance(SHARE_ANTENNA) ? antenna(rng, provider.site.commune) : provider.site;
    const modality = rng.weighted(MODALITIES);
    const months = rng.int(template.months[0], template.months[1]);
    const [lo, hi] = HOURS_PER_MONTH[modality];
    const hours = Math.max(7, Math.round((months * rng.int(lo, hi)) / 7) * 7);
    const isFree = rng.chance(SHARE_FREE);
    const id = ids.uuid();
    out.trainings.push({
      id,
      providerId: provider.id,
      title: trainingTitle(rng, template),
      summary: trainingSummary(rng, template, ofCity(site.commune.name)),
      objectives: trainingObjectives(template),
      prerequisites: trainingPrerequisites(rng, template),
      romeCodes: [...template.romeCodes],
      formacodes: [...template.formacodes],
      certificationCode: template.certification.code,
      certificationTitle: template.certification.title,
      certificationLevel: template.certification.level,
      durationMonths: months,
      durationHours: hours,
      modality,
      communeCode: site.commune.code,
      address: site.street,
      postalCode: site.postalCode,
      isFree,
      priceCents: isFree ? null : rng.int(24, 130) * 5_000,
      contactEmail: contactEmail(rng, provider.slug),
      contactPhone: phoneNumber(rng, site.commune),
    });
    const wave = rng.pick(waves);
    const granted = Math.min(today, dayNumber(wave) + rng.int(0, 20));
    const grantedOn = isoDate(granted);
    out.labels.push({ id: ids.uuid(), trainingId: id, status: 'active', grantedOn, validUntil: addYears(grantedOn, LABEL_YEARS) });
    durations.push(months);
    grants.push(granted);
  }

  // Sessions: at least one per training (when there are enough), the rest spread at random.
  const counts = new Array<number>(out.trainings.length).fill(0);
  for (let s = 0; s < options.sessions; s++) counts[s < counts.length ? s : rng.int(0, counts.length - 1)]! += 1;
  out.trainings.forEach((training, i) => {
    for (let k = 0; k < counts[i]!; k++) {
      out.sessions.push({ id: ids.uuid(), trainingId: training.id, ...sessionDates(rng, today, durations[i]!, grants[i]!) });
    }
  });
  return out;
}

/** A second site of a provider: another commune of the same département, weighted by population. */
function antenna(rng: Rng, home: Commune): Site {
  const commune = placeIndex().pickInDepartement(rng, home.departement);
  return { commune, postalCode: postalCode(rng, commune), street: streetAddress(rng) };
}

/** Decision dates of the waves whose 3-year labels are still valid on `today` (with a 20-day margin). */
function labelWaves(today: string): string[] {
  const t = dayNumber(today);
  const year = Number(today.slice(0, 4));
  const waves: string[] = [];
  for (let y = year - LABEL_YEARS; y <= year; y++) {
    for (const m of WAVE_MONTHS) {
      const wave = `${y}-${m}-15`;
      if (dayNumber(wave) <= t && dayNumber(addYears(wave, LABEL_YEARS)) > t + 20) waves.push(wave);
    }
  }
  return waves.length > 0 ? waves : [today];
}

/** Moves a day to a Monday inside [lo, hi] (forward first), or leaves it when none fits. */
function toMonday(day: number, lo: number, hi: number): number {
  const forward = day + ((8 - isoWeekday(day)) % 7);
  if (forward <= hi) return forward;
  const backward = day - (isoWeekday(day) - 1);
  return backward >= lo ? backward : day;
}

interface SessionDates {
  startsOn: string;
  endsOn: string;
  seats: number;
  seatsTaken: number;
  status: SessionStatus;
}

/**
 * Mostly upcoming sessions over the next 12 months; some running, a few finished (never before the
 * label). The status follows from the dates; seats fill up as the start comes near.
 * Dates are day numbers: `t` is today, `granted` the label's grant day.
 */
function sessionDates(rng: Rng, t: number, months: number, granted: number): SessionDates {
  const span = addMonthsToDay(t, months) - t; // about the session length
  let start: number | undefined;
  const kind = rng.next();
  if (kind < 0.05) {
    const hi = t - span - 31; // ends before today
    if (hi >= granted) start = toMonday(rng.int(granted, hi), granted, hi);
  } else if (kind < 0.17) {
    const lo = Math.max(granted, t - span + 31); // still running today
    if (lo <= t) start = toMonday(rng.int(lo, t), lo, t);
  }
  start ??= toMonday(t + rng.int(1, 365), t + 1, t + 365);
  const end = addMonthsToDay(start, months) - 1;
  const status = sessionStatusAt(start, end, t);
  const seats = 10 + Math.round((rng.next() + rng.next()) * 5);
  let seatsTaken: number;
  if (status === 'planned') seatsTaken = rng.chance(0.7) ? 0 : rng.int(0, Math.floor(seats / 5));
  else if (status === 'recruiting') {
    const progress = 1 - (start - t) / RECRUITING_WINDOW_DAYS;
    seatsTaken = Math.min(seats, Math.round(seats * progress * (0.6 + 0.6 * rng.next())));
  } else seatsTaken = Math.max(0, seats - rng.int(0, 2));
  return { startsOn: isoDate(start), endsOn: isoDate(end), seats, seatsTaken, status };
}
