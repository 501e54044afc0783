/**
 * npm run bench:aid — GEN aid computations per second on 1,000,000 random households: points de
 * charge from the facts, échelon from the 2025-2026 ceilings, annual amount. The pure functions are
 * called directly (what a batch of decisions or the admissions' scholarship flag would do); then,
 * for reference, the explained simulation (the CLI's and the API's) on 100,000 households.
 */
import { performance } from 'node:perf_hooks';
import { loadScales } from '../src/areas/scholarships/scales.ts';
import { annualCentsOf, householdEchelonIndex } from '../src/areas/scholarships/domain/echelon.ts';
import { mulberry32 } from './support.ts';
import { simulateAid } from '../src/areas/scholarships/domain/simulate.ts';

const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);
const RUNS = 3;

// households in flat typed arrays: no object per household, nothing allocated while timing
const rnd = mulberry32(2017);
const income = new Float64Array(HOUSEHOLDS);
const distance = new Int32Array(HOUSEHOLDS);
const children = new Int32Array(HOUSEHOLDS);
const higherEducation = new Int32Array(HOUSEHOLDS);
const situations = new Int32Array(HOUSEHOLDS);
for (let i = 0; i < HOUSEHOLDS; i++) {
  income[i] = Math.floor(rnd() * rnd() * 110_000) * 100; // whole euros, more low incomes than high
  const r = rnd();
  distance[i] = r < 0.6 ? Math.floor(rnd() * 30) : r < 0.9 ? 30 + Math.floor(rnd() * 220) : r < 0.98 ? 250 + Math.floor(rnd() * 1000) : 3500 + Math.floor(rnd() * 15_000);
  children[i] = Math.floor(rnd() * rnd() * 5);
  higherEducation[i] = Math.floor(rnd() * rnd() * 3);
  situations[i] = rnd() < 0.08 ? (rnd() < 0.1 ? 2 : 1) : 0;
}

const scale = loadScales().find((s) => s.year === '2025-2026')!;

function run(): { ms: number; checksum: number } {
  const start = performance.now();
  let total = 0;
  for (let i = 0; i < HOUSEHOLDS; i++) {
    const e = householdEchelonIndex(scale, income[i]!, distance[i]!, children[i]!, higherEducation[i]!, situations[i]!);
    total += annualCentsOf(scale, e);
  }
  return { ms: performance.now() - start, checksum: total };
}

run(); // warm-up: let the JIT compile the hot path
const runs = Array.from({ length: RUNS }, run);
const checksums = new Set(runs.map((r) => r.checksum));
if (checksums.size !== 1) throw new Error('the runs disagree');
const median = runs.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
const perSecond = Math.round((HOUSEHOLDS / median) * 1000);
const fmt = (n: number) => n.toLocaleString('en-US');
console.log(`aid computations: ${fmt(perSecond)} per second (${fmt(HOUSEHOLDS)} households, median of ${RUNS} runs)`);
console.log(`  total of the annual amounts: ${fmt(Math.round(runs[0]!.checksum / 100))} € (the same in every run)`);

const EXPLAINED = Math.min(100_000, HOUSEHOLDS);
const scales = loadScales();
const t0 = performance.now();
for (let i = 0; i < EXPLAINED; i++) {
  simulateAid(scales, {
    year: '2025-2026',
    incomeCents: income[i]!,
    facts: { distanceKm: distance[i]!, children: children[i]!, childrenInHigherEducation: higherEducation[i]!, disabilityOrCarer: situations[i]! },
  });
}
const explainedPerSecond = Math.round((EXPLAINED / (performance.now() - t0)) * 1000);
console.log(`explained simulations (simulateAid, with the French explanation): ${fmt(explainedPerSecond)} per second (${fmt(EXPLAINED)} households)`);
