/**
 * npm run bench:catalogue — 20,000 trainings and 100,000 sessions in the embedded database (as
 * `npm start` runs), then autocannon on loopback: mixed realistic searches, then /api/version.
 * Prints req/s, p50, p99 and the ratio; then the first-load JavaScript weight of the search page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { fabriques, freePort, startServer, stop, mulberry32 } from './support.ts';
import { firstLoadJs } from './first-load-js.ts';

const TRAININGS = Number(process.env.BENCH_TRAININGS ?? 20_000);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 100_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

/** Several hundred distinct searches a public would type: text, job, around a commune, dates. */
function queries(n: number): string[] {
  const rnd = mulberry32(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const texts = ['développeur web', 'developpeur', 'devloppeur web', 'technicien', 'réseaux', 'data', 'cybersécurité', 'design ux', 'maintenance informatique', 'intégrateur', 'community manager', 'fibre optique', 'support', 'cloud', 'médiateur numérique', 'java', 'python', 'application mobile', 'administrateur système', 'analyste'];
  const jobs = ['M1805', 'M1801', 'M1802', 'I1401', 'E1104', 'M1810', 'développeur', 'technicien maintenance', 'réseaux'];
  const communes = ['75056', '69123', '13055', '31555', '59350', '33063', '44109', '67482', '35238', '34172', '06088', '97411', '97209', '97105', '97302', '63113', '21231', '76540', '80021', '87085', '29019', '2A004'];
  const out = new Set<string>();
  while (out.size < n) {
    const p = new URLSearchParams();
    if (rnd() < 0.8) p.set('q', pick(texts));
    if (rnd() < 0.35) p.set('job', pick(jobs));
    if (rnd() < 0.6) {
      p.set('commune', pick(communes));
      p.set('radius', String(pick([10, 20, 30, 50, 80, 100])));
      if (rnd() < 0.4) p.set('sort', 'distance');
    }
    if (rnd() < 0.4) {
      const m = 1 + Math.floor(rnd() * 10);
      p.set('startFrom', `2027-${String(m).padStart(2, '0')}-01`);
      p.set('startTo', `2027-${String(Math.min(12, m + 2)).padStart(2, '0')}-28`);
    }
    if (rnd() < 0.15) p.set('modality', pick(['presentiel', 'hybride', 'distanciel']));
    if (rnd() < 0.1) p.set('free', 'true');
    if (rnd() < 0.1) p.set('placesLeft', 'true');
    if (rnd() < 0.1) p.set('page', '2');
    out.add(`/api/trainings?${p}`);
  }
  return [...out];
}

async function load(url: string, paths: string[]) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: 10,
    duration: DURATION,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    total: result.requests.total,
  };
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'fabriques-bench-'));
const env = { DATA_DIR: dataDir };
try {
  let t = performance.now();
  const seeded = await fabriques(['seed', '--trainings', String(TRAININGS), '--sessions', String(SESSIONS), '--providers', String(Math.round(TRAININGS / 4))], env);
  console.log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s: ${seeded.trim().split('\n').pop()}`);
  const port = await freePort();
  t = performance.now();
  const server = await startServer(env, port);
  console.log(`server ready in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const base = `http://127.0.0.1:${port}`;
  try {
    const paths = queries(400);
    const sample = await (await fetch(base + paths[0])).json();
    console.log(`${paths.length} distinct searches, e.g. ${paths[0]} → ${sample.total} results`);
    await load(base, paths.slice(0, 50)); // warm-up is not measured: JIT and caches settle
    const search = await load(base, paths);
    const version = await load(base, ['/api/version']);
    const row = (name: string, r: typeof search) =>
      `${name.padEnd(14)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms   errors ${r.errors}   (${r.total} requests)`;
    console.log(`\nautocannon, 10 connections, ${DURATION} s each, loopback`);
    console.log(row('search', search));
    console.log(row('/api/version', version));
    console.log(`search/version throughput ratio: ${(search.rps / version.rps).toFixed(2)} (target ≥ 0.50); search p99 ${search.p99} ms (target ≤ 20 ms)`);
    const js = await firstLoadJs(`${base}/formations?q=d%C3%A9veloppeur+web`);
    console.log(`\nfirst-load JavaScript of the search page: ${(js.gzipBytes / 1024).toFixed(1)} KB gzip (${(js.rawBytes / 1024).toFixed(1)} KB raw, ${js.files} files; target ≤ 250 KB gzip)${js.method === 'browser' ? '' : ' [static estimate: chromium not found]'}`);
  } finally {
    await stop(server);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
