import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';

/**
 * The personal values the tests know: every e-mail address and phone number (by pattern), the demo
 * accounts' names, and the names, addresses and phone numbers written in the test sources (values of
 * givenName, familyName, parentName, email, phone… keys). The log scan looks for them.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const EMAIL_PATTERN = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
export const PHONE_PATTERN = /(?<![\d.])(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?![\d])/;

const KEYS = /\b(givenName|familyName|parentName|fullName|email|parentEmail|contactEmail|phone|contactPhone)\s*:\s*'([^'\n]{3,80})'/g;

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/(\.test\.ts|\.e2e\.ts|test-support\.ts)$/.test(name) || p.includes(`${path.sep}test${path.sep}`)) out.push(p);
  }
  return out;
}

export interface PersonalMarkers {
  /** exact values (names): searched as whole words, case-sensitive */
  values: string[];
  patterns: RegExp[];
}

export function personalMarkers(): PersonalMarkers {
  const values = new Set<string>();
  for (const a of DEMO_ACCOUNTS) for (const v of [a.email, a.givenName, a.familyName]) values.add(v);
  for (const file of [...sources(path.join(root, 'src')), ...sources(path.join(root, 'test')), ...sources(path.join(root, 'e2e'))]) {
    if (file.endsWith('personal-markers.ts')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(KEYS)) {
      const [key, v] = [m[1]!, m[2]!.trim()];
      // a value built at run time (`${…}`), an invalid address or number given to test a refusal is not a marker
      if (v.includes('${') || v.length < 3) continue;
      if (/email/i.test(key) && !v.includes('@')) continue;
      if (/phone/i.test(key) && !/\d{2}/.test(v)) continue;
      values.add(v);
    }
  }
  return { values: [...values].sort(), patterns: [EMAIL_PATTERN, PHONE_PATTERN] };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The personal values found in a text (line by line), with their line number. */
export function findPersonalValues(text: string, markers: PersonalMarkers): { line: number; found: string }[] {
  const words = markers.values.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${markers.values.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'u') : null;
  const hits: { line: number; found: string }[] = [];
  text.split('\n').forEach((line, i) => {
    for (const re of [...markers.patterns, ...(words ? [words] : [])]) {
      const m = re.exec(line);
      if (m) hits.push({ line: i + 1, found: m[0] });
    }
  });
  return hits;
}
