/**
 * Seeded synthetic admissions files for the benchmark: N candidates with 10 wishes each over N/40
 * groups (popularity skewed, half of the wishes in the candidate's region), 22 % scholarship holders,
 * 30 % women, residents = same region as the group; most groups constrain scholarship and residents,
 * a few add women or constrain less; some groups block-call. First day of the season: every wish
 * waiting; 60 % of the candidates ordered all their wishes (preference 1..10), the others none.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from './support.ts';
import path from 'node:path';

export interface GeneratedFiles {
  groups: string;
  wishes: string;
  groupCount: number;
  wishCount: number;
  bytes: number;
}

const REGIONS = 13;
const WISHES_PER_CANDIDATE = 10;

/** Picks an index from cumulative weights cum[from..to) (binary search). */
function pick(cum: Float64Array, from: number, to: number, u: number): number {
  const base = from > 0 ? cum[from - 1]! : 0;
  const x = base + u * (cum[to - 1]! - base);
  let lo = from;
  let hi = to - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

class TextOut {
  private parts: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(private readonly fd: number) {}
  push(s: string): void {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    const buf = Buffer.from(this.parts.join(''), 'utf8');
    writeSync(this.fd, buf);
    this.bytes += buf.length;
    this.parts = [];
    this.size = 0;
  }
}

export function generateAdmissions(dir: string, candidates: number, seed = 2016): GeneratedFiles {
  const rnd = mulberry32(seed);
  const G = Math.max(WISHES_PER_CANDIDATE, Math.round(candidates / 40));
  const perCandidate = WISHES_PER_CANDIDATE;
  const n = candidates * perCandidate;

  // groups sorted by region, with skewed popularity; cumulative weights per region
  const groupRegion = new Int32Array(G);
  for (let g = 0; g < G; g++) groupRegion[g] = g % REGIONS;
  const byRegion = Int32Array.from({ length: G }, (_, g) => g).sort((a, b) => groupRegion[a]! - groupRegion[b]! || a - b);
  const cum = new Float64Array(G);
  const regionStart = new Int32Array(REGIONS + 1);
  let acc = 0;
  for (let k = 0; k < G; k++) {
    acc += Math.exp(2.5 * rnd());
    cum[k] = acc;
    regionStart[groupRegion[byRegion[k]!]! + 1] = k + 1;
  }
  for (let r = 1; r <= REGIONS; r++) regionStart[r] = Math.max(regionStart[r]!, regionStart[r - 1]!);

  // wishes: groups chosen per candidate (distinct), then ranks as a random permutation per group
  const wishGroup = new Int32Array(n);
  const candidateRegion = new Uint8Array(candidates);
  const candidateFlags = new Uint8Array(candidates); // 1 scholarship, 4 woman
  const ordered = new Uint8Array(candidates);
  const size = new Int32Array(G);
  for (let c = 0; c < candidates; c++) {
    const region = Math.floor(rnd() * REGIONS);
    candidateRegion[c] = region;
    candidateFlags[c] = (rnd() < 0.22 ? 1 : 0) | (rnd() < 0.3 ? 4 : 0);
    ordered[c] = rnd() < 0.6 ? 1 : 0;
    const base = c * perCandidate;
    for (let j = 0; j < perCandidate; j++) {
      let g: number;
      for (;;) {
        const local = rnd() < 0.5 && regionStart[region + 1]! > regionStart[region]!;
        const k = local ? pick(cum, regionStart[region]!, regionStart[region + 1]!, rnd()) : pick(cum, 0, G, rnd());
        g = byRegion[k]!;
        let seen = false;
        for (let i = base; i < base + j; i++) if (wishGroup[i] === g) seen = true;
        if (!seen) break;
      }
      wishGroup[base + j] = g;
      size[g]!++;
    }
  }
  const start = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) start[g + 1] = start[g]! + size[g]!;
  const ranks = new Int32Array(n);
  for (let g = 0; g < G; g++) {
    const a = start[g]!;
    const len = size[g]!;
    for (let i = 0; i < len; i++) ranks[a + i] = i + 1;
    for (let i = len - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = ranks[a + i]!;
      ranks[a + i] = ranks[a + j]!;
      ranks[a + j] = t;
    }
  }
  const cursor = start.slice(0, G);

  // G.csv
  const groupsPath = path.join(dir, 'G.csv');
  let fd = openSync(groupsPath, 'w');
  const gout = new TextOut(fd);
  gout.push('group,offer_target,block_call_rank,constraints\n');
  for (let g = 0; g < G; g++) {
    const target = Math.max(1, Math.round(size[g]! * (0.06 + 0.1 * rnd())));
    const block = rnd() < 0.05 ? target * 2 : 0;
    const u = rnd();
    const scholarship = 10 + Math.floor(rnd() * 21);
    const resident = 50 + Math.floor(rnd() * 46);
    const constraints =
      u < 0.85
        ? `scholarship:${scholarship};resident:${resident}`
        : u < 0.92
          ? `scholarship:${scholarship};resident:${resident};women:30`
          : u < 0.97
            ? `scholarship:${scholarship}`
            : '';
    gout.push(`g${g},${target},${block},${constraints}\n`);
  }
  gout.flush();
  closeSync(fd);

  // W.csv, candidate by candidate
  const wishesPath = path.join(dir, 'W.csv');
  fd = openSync(wishesPath, 'w');
  const wout = new TextOut(fd);
  wout.push('candidate,group,rank,flags,status,preference\n');
  const prefs = new Int32Array(perCandidate);
  for (let c = 0; c < candidates; c++) {
    for (let j = 0; j < perCandidate; j++) prefs[j] = j + 1;
    for (let j = perCandidate - 1; j > 0; j--) {
      const k = Math.floor(rnd() * (j + 1));
      const t = prefs[j]!;
      prefs[j] = prefs[k]!;
      prefs[k] = t;
    }
    const f = candidateFlags[c]!;
    for (let j = 0; j < perCandidate; j++) {
      const g = wishGroup[c * perCandidate + j]!;
      const rank = ranks[cursor[g]!++]!;
      const resident = groupRegion[g] === candidateRegion[c];
      const flags = [f & 1 ? 'scholarship' : '', resident ? 'resident' : '', f & 4 ? 'women' : ''].filter(Boolean).join(';');
      wout.push(`c${c},g${g},${rank},${flags},waiting,${ordered[c] ? prefs[j] : 0}\n`);
    }
  }
  wout.flush();
  closeSync(fd);
  return { groups: groupsPath, wishes: wishesPath, groupCount: G, wishCount: n, bytes: gout.bytes + wout.bytes };
}
