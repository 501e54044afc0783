import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScales, parseScale, SCALES_DIR } from './scales.ts';

const text2025 = readFileSync(path.join(SCALES_DIR, 'bareme-2025-2026.json'), 'utf8');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function mutate(change: (f: Record<string, any>) => void): string {
  const f = JSON.parse(text2025);
  change(f);
  return JSON.stringify(f);
}

describe('committed scales', () => {
  it('loads 2016-2017 and 2025-2026, oldest first, in cents', () => {
    const scales = loadScales();
    expect(scales.map((s) => s.year)).toEqual(['2016-2017', '2025-2026']);
    const [s2016, s2025] = scales as [(typeof scales)[0], (typeof scales)[0]];
    expect(s2025.alsoValidFor).toEqual(['2024-2025', '2023-2024']);
    expect(s2025.maxRow).toBe(17);
    expect(s2025.ceilingsCents[0]).toBe(35_086_00);
    expect(s2025.pointsPerDisabilityOrCarer).toBe(4);
    expect(s2016.pointsPerDisabilityOrCarer).toBeNull();
    expect(s2016.distanceBands.map((b) => b.points)).toEqual([0, 1, 2]);
    expect([...s2016.annualCents]).toEqual([1009, 1669, 2513, 3218, 3924, 4505, 4778, 5551].map((e) => e * 100));
  });

  it('has ceilings that fall with the échelon and rise with the points (what the properties rely on)', () => {
    for (const s of loadScales()) {
      for (let p = 0; p <= s.maxRow; p++) {
        for (let e = 0; e < 8; e++) {
          const c = s.ceilingsCents[p * 8 + e]!;
          if (e > 0) expect(c, `${s.year} ${p} pts éch. ${e}`).toBeLessThan(s.ceilingsCents[p * 8 + e - 1]!);
          if (p > 0) expect(c, `${s.year} ${p} pts éch. ${e}`).toBeGreaterThanOrEqual(s.ceilingsCents[(p - 1) * 8 + e]!);
        }
      }
    }
  });
});

describe('validation of a yearly file', () => {
  it.each([
    ['a missing échelon', (f: any) => f.echelons.pop(), /echelons/],
    ['a monthly amount that is not a tenth', (f: any) => (f.echelons[0].monthly_eur = 145.5), /tenth/],
    ['a hole in the distance bands', (f: any) => (f.points_de_charge.student_distance_home_to_study_place[1].from_km = 31), /contiguous/],
    ['a skipped row', (f: any) => f.ceilings.rows.splice(3, 1), /rows must be 0, 1, 2/],
    ['a negative ceiling', (f: any) => (f.ceilings.rows[0]['7'] = -1), /rows\.0\.7/],
    ['a missing ceiling', (f: any) => delete f.ceilings.rows[2]['0bis'], /rows\.2\.0bis/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => parseScale(mutate(change), 'bareme-2025-2026.json')).toThrow(message);
  });

  it('refuses a file named after another year', () => {
    expect(() => parseScale(text2025, 'bareme-2024-2025.json')).toThrow(/holds the scale of 2025-2026/);
  });

  it('reads every bareme-*.json of a folder', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'bareme-'));
    writeFileSync(path.join(dir, 'bareme-2027-2028.json'), mutate((f) => (f.year = '2027-2028')));
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    expect(loadScales(dir).map((s) => s.year)).toEqual(['2027-2028']);
  });
});
