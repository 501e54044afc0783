/**
 * The committed yearly scales (reference/bourses/bareme-YYYY-YYYY.json, copied from the shared
 * reference data), validated with zod and compiled once per process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compileScale, ECHELONS, type Scale, type ScaleDefinition } from './domain/scale.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SCALES_DIR = path.join(root, 'reference/bourses');

const euros = z.number().int().positive();
const ceilingRow = z.object({ points: z.number().int().min(0), ...Object.fromEntries(ECHELONS.map((e) => [e, euros])) } as {
  points: z.ZodNumber;
} & Record<(typeof ECHELONS)[number], typeof euros>);

/** The part of a yearly file the computation reads (the files hold sources and notes beside it). */
export const scaleFile = z
  .object({
    year: z.string().regex(/^\d{4}-\d{4}$/),
    also_valid_for: z.array(z.string().regex(/^\d{4}-\d{4}$/)).default([]),
    echelons: z
      .array(z.object({ echelon: z.enum(ECHELONS), annual_eur_10_months: euros, monthly_eur: z.number().positive() }))
      .length(ECHELONS.length)
      .refine((xs) => xs.every((x, i) => x.echelon === ECHELONS[i]), 'échelons must be listed 0bis, 1, … 7')
      .refine((xs) => xs.every((x) => Math.round(x.monthly_eur * 100) * 10 === x.annual_eur_10_months * 100), 'monthly amount must be a tenth of the annual one'),
    payment: z.object({ instalments: z.number().int().positive() }),
    points_de_charge: z.object({
      student_distance_home_to_study_place: z
        .array(z.object({ from_km: z.number().int().min(0), to_km_exclusive: z.number().int().positive().nullable(), points: z.number().int().min(0) }))
        .min(1)
        .refine((bs) => bs[0]!.from_km === 0 && bs.every((b, i) => (i === bs.length - 1 ? b.to_km_exclusive === null : b.to_km_exclusive === bs[i + 1]!.from_km)), 'distance bands must be contiguous from 0 km, the last one open'),
      family_each_other_dependent_child_not_in_higher_education: z.number().int().min(0),
      family_each_other_dependent_child_in_higher_education: z.number().int().min(0),
      student_disabled_or_carer: z.object({ points: z.number().int().min(0) }).optional(),
    }),
    ceilings: z.object({
      columns: z.array(z.string()).refine((cs) => cs.join() === ECHELONS.join(), 'columns must be 0bis … 7'),
      rows: z
        .array(ceilingRow)
        .min(1)
        .refine((rows) => rows.every((r, i) => r.points === i), 'ceiling rows must be 0, 1, 2 … points'),
    }),
  })
  .refine((f) => f.payment.instalments === 10, 'the amounts are for 10 monthly payments');

export type ScaleFile = z.infer<typeof scaleFile>;

export function toDefinition(f: ScaleFile): ScaleDefinition {
  const p = f.points_de_charge;
  return {
    year: f.year,
    alsoValidFor: f.also_valid_for,
    annualCents: f.echelons.map((e) => e.annual_eur_10_months * 100),
    ceilingsCents: f.ceilings.rows.map((r) => ECHELONS.map((e) => r[e] * 100)),
    distanceBands: p.student_distance_home_to_study_place.map((b) => ({ fromKm: b.from_km, toKmExclusive: b.to_km_exclusive, points: b.points })),
    pointsPerChild: p.family_each_other_dependent_child_not_in_higher_education,
    pointsPerChildInHigherEducation: p.family_each_other_dependent_child_in_higher_education,
    pointsPerDisabilityOrCarer: p.student_disabled_or_carer?.points ?? null,
    instalments: f.payment.instalments,
  };
}

/** Parses one yearly file's text; throws with the file name and the first problem. */
export function parseScale(text: string, name: string): Scale {
  const parsed = scaleFile.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${name}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  if (`bareme-${parsed.data.year}.json` !== name) throw new Error(`${name}: holds the scale of ${parsed.data.year}`);
  return compileScale(toDefinition(parsed.data));
}

let cached: Scale[] | undefined;

/** Every committed scale, oldest first. */
export function loadScales(dir = SCALES_DIR): Scale[] {
  if (dir === SCALES_DIR && cached) return cached;
  const scales = readdirSync(dir)
    .filter((f) => /^bareme-\d{4}-\d{4}\.json$/.test(f))
    .map((f) => parseScale(readFileSync(path.join(dir, f), 'utf8'), f))
    .sort((a, b) => a.startYear - b.startYear);
  if (scales.length === 0) throw new Error(`no scale in ${dir}`);
  if (dir === SCALES_DIR) cached = scales;
  return scales;
}
