/**
 * npm run bench:load [-- --duration 60 --connections 200 --candidates 60]
 *
 * The real server (`fabriques serve`, a child process) on a real PostgreSQL — DATABASE_URL when given
 * (a fresh database is created on it and dropped afterwards), else a throw-away cluster started with
 * scripts/pg-throwaway.sh — with the demo network seeded, on loopback only; then autocannon with a
 * mixed workload:
 *   80 % catalogue search (GET /api/trainings with varied words, places, filters, sorts and pages),
 *   15 % candidate actions, signed in (read the profile, read the wishes, update a profile field,
 *        apply to a session or withdraw that wish — each candidate's own state is followed),
 *    5 % provider actions, signed in (list the applications, read a session's admissions, save a
 *        ranking with a note).
 * The candidates sign up, confirm their address (the demo outbox) and sign in through the API
 * beforehand. Prints req/s, p50/p99 latency, errors and non-2xx answers (targets: 0 errors, p99 ≤ 250
 * ms), and the server's resident memory (VmRSS) at the start and at the end, with its JavaScript heap
 * after a full garbage collection at both points (bench/server-heap.mjs): the resident memory grows
 * until the collector runs, the heap left after it does not unless something leaks.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort, mulberry32, startServer, stop } from './support.ts';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: process.env.BENCH_SECONDS ?? '60' },
    connections: { type: 'string', default: '200' },
    candidates: { type: 'string', default: '60' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const CANDIDATES = Number(args.candidates);
const PASSWORD = 'Essai-Fabriques-2026-Mesure!';
const PROVIDER = { email: 'formation@demo.fabriques.fr', password: 'demo-fabriques-2026' };

interface Database {
  url: string;
  where: string;
  dispose: () => Promise<void>;
}

/** A fresh database on DATABASE_URL's server, or on a throw-away cluster of our own. */
async function openDatabase(): Promise<Database> {
  let serverUrl = process.env.DATABASE_URL;
  let cluster: string | undefined;
  if (!serverUrl) {
    const port = await freePort();
    const out = execFileSync('scripts/pg-throwaway.sh', ['start', String(port)], { encoding: 'utf8' }).trim().split('\n');
    cluster = out[out.length - 2]!;
    serverUrl = out[out.length - 1]!;
  }
  const name = `fabriques_load_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query('show server_version')).rows[0].server_version as string;
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    where: `PostgreSQL ${version}${cluster ? ' (grappe jetable, boucle locale)' : ''}`,
    dispose: async () => {
      if (cluster) {
        execFileSync('scripts/pg-throwaway.sh', ['stop', cluster]);
        return;
      }
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

/** The server's resident memory, in MiB (VmRSS of /proc/<pid>/status). */
function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

interface Session {
  cookie: string;
  csrf: string;
}

class Api {
  constructor(readonly base: string) {}

  async call(method: string, url: string, body?: unknown, session?: Session, extra: Record<string, string> = {}): Promise<{ status: number; json: any; cookie?: string }> {
    const headers: Record<string, string> = { ...extra };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session) {
      headers.cookie = session.cookie;
      headers['x-csrf-token'] = session.csrf;
    }
    const res = await fetch(this.base + url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] || undefined;
    return { status: res.status, json, cookie };
  }

  async must(method: string, url: string, body?: unknown, session?: Session, extra?: Record<string, string>) {
    const r = await this.call(method, url, body, session, extra);
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    return r;
  }

  async signIn(email: string, password: string): Promise<Session> {
    const r = await this.must('POST', '/api/auth/sign-in', { email, password });
    return { cookie: r.cookie!, csrf: r.json.csrfToken };
  }
}

const profile = (i: number, phone: string) => ({
  givenName: `Candidate${i}`,
  familyName: 'Lorrain',
  phone,
  communeCode: '69123',
  gender: i % 2 ? 'female' : 'male',
  diplomaLevel: '4',
  situation: 'job_seeker',
  qpvCode: null,
  zrr: false,
  rqth: null,
  income: null,
  consents: { profile: true, health: false, income: false },
});

interface Candidate {
  i: number;
  session: Session;
  /** the wish on the toggling session, when one is active */
  toggleWish: string | null;
  busy: boolean;
  /** the other provider's session the candidate applies to and withdraws from */
  toggleSession: string;
}

/**
 * The sessions the workload uses, spread as on the real platform (people do not all act on one
 * session): the provider's own recruiting sessions, which it ranks, and up to 40 other recruiting
 * sessions (any provider's) that candidates apply to and withdraw from.
 */
async function recruitingSessions(api: Api, provider: Session): Promise<{ own: string[]; others: string[] }> {
  const mine = (await api.must('GET', '/api/provider/admissions/sessions', undefined, provider)).json as { id: string; status: string }[];
  const own = mine.filter((s) => s.status === 'recruiting').map((s) => s.id);
  if (own.length === 0) throw new Error('the demo provider has no recruiting session');
  const others: string[] = [];
  const found = (await api.must('GET', '/api/trainings?pageSize=50')).json as { results: { id: string }[] };
  for (const t of found.results) {
    const detail = (await api.must('GET', `/api/trainings/${t.id}`)).json as { sessions: { id: string; status: string }[] };
    for (const s of detail.sessions) if (s.status === 'recruiting' && !own.includes(s.id) && others.length < 40) others.push(s.id);
  }
  if (others.length === 0) throw new Error('no other recruiting session in the catalogue');
  return { own, others };
}

async function prepare(api: Api) {
  const provider = await api.signIn(PROVIDER.email, PROVIDER.password);
  const { own, others } = await recruitingSessions(api, provider);
  const candidates: Candidate[] = [];
  for (let i = 0; i < CANDIDATES; i++) {
    const email = `charge.${i}@bench.fabriques.fr`;
    // one client address per sign-up: the platform allows 10 sign-ups an hour from one address
    const xff = { 'x-forwarded-for': `10.77.${Math.floor(i / 250)}.${(i % 250) + 1}` };
    await api.must('POST', '/api/auth/sign-up', { email, password: PASSWORD, givenName: `Candidate${i}`, familyName: 'Lorrain', birthDate: '1999-04-0' + ((i % 9) + 1), acceptTerms: true }, undefined, xff);
    const mails = (await api.must('GET', `/api/dev/mails?to=${encodeURIComponent(email)}`)).json as { text: string }[] | { mails: { text: string }[] };
    const list = Array.isArray(mails) ? mails : mails.mails;
    const token = list.map((m) => /jeton=([A-Za-z0-9_-]+)/.exec(m.text)?.[1]).find(Boolean);
    if (!token) throw new Error(`no confirmation mail for ${email}`);
    await api.must('POST', '/api/auth/confirm-email', { token });
    const session = await api.signIn(email, PASSWORD);
    await api.must('PUT', '/api/candidate/profile', profile(i, '06 12 34 56 78'), session);
    // each candidate applies to one of the provider's sessions (those wishes stay put during the run)…
    await api.must('POST', '/api/candidate/wishes', { sessionId: own[i % own.length]!, motivation: 'Je veux apprendre un métier du numérique.' }, session);
    // …and toggles a wish on another provider's session
    candidates.push({ i, session, toggleWish: null, busy: false, toggleSession: others[i % others.length]! });
  }
  // the ranking of each of the provider's sessions, saved again and again with a new note (checked once here)
  const rankings = new Map<string, (note: string) => unknown>();
  for (const id of own) {
    const admissions = (await api.must('GET', `/api/provider/sessions/${id}/admissions`, undefined, provider)).json as { entries: { wishId: string; rankable: boolean }[] };
    const rankable = admissions.entries.filter((e) => e.rankable).map((e) => e.wishId);
    const ranking = (note: string) => ({ entries: rankable.map((wishId, k) => ({ wishId, rank: k + 1, notRankedReason: null, notes: k === 0 ? note : null })) });
    await api.must('PUT', `/api/provider/sessions/${id}/admissions/ranking`, ranking('Première note'), provider);
    rankings.set(id, ranking);
  }
  return { provider, ownSessions: own, otherSessions: others, candidates, rankings };
}

/** The catalogue searches: varied words, places, filters, sorts and pages (seeded, the same on every run). */
function catalogueQueries(n: number): string[] {
  const rnd = mulberry32(2026);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const words = ['', '', 'développeur', 'web', 'data', 'cybersécurité', 'réseaux', 'technicien', 'designer', 'support', 'cloud', 'intelligence artificielle', 'fibre', 'Lyon', 'Marseille', 'python', 'java', 'accessibilité', 'numérique', 'conseiller'];
  const regions = ['11', '84', '93', '75', '32', '76', '44', '53'];
  const departements = ['69', '13', '75', '33', '59', '31', '44', '67'];
  const communes = ['69123', '13055', '75056', '33063', '59350', '31555'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = new URLSearchParams();
    const q = pick(words);
    if (q) p.set('q', q);
    const where = rnd();
    if (where < 0.2) p.set('region', pick(regions));
    else if (where < 0.35) p.set('departement', pick(departements));
    else if (where < 0.5) {
      p.set('commune', pick(communes));
      p.set('radius', String(pick([10, 30, 50, 100])));
    }
    if (rnd() < 0.2) p.set('modality', pick(['presentiel', 'distanciel', 'hybride']));
    if (rnd() < 0.15) p.set('free', 'true');
    if (rnd() < 0.1) p.set('placesLeft', 'true');
    if (rnd() < 0.2) p.set('sort', pick(['start', 'relevance']));
    if (rnd() < 0.25) p.set('page', String(1 + Math.floor(rnd() * 3)));
    out.push(`/api/trainings${p.size ? `?${p}` : ''}`);
  }
  return out;
}

async function main() {
  const db = await openDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fabriques-bench-load-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  console.log(`Base : ${db.where}. Démarrage de fabriques serve (réseau de démonstration)…`);
  const heapReport = path.join(dataDir, 'heap.json');
  const server = await startServer(
    { DATABASE_URL: db.url, DEMO: 'on', HOST: '127.0.0.1', BASE_URL: base, DATA_DIR: dataDir, SESSION_SECRET: 'bench-load-secret-bench-load-secret-000', BENCH_HEAP_REPORT: heapReport },
    port,
    ['--expose-gc', '--import', path.join(import.meta.dirname, 'server-heap.mjs')],
  );
  /** The server's JavaScript heap in use after a full garbage collection (bench/server-heap.mjs), in MiB. */
  const heapAfterGc = async (): Promise<number> => {
    rmSync(heapReport, { force: true });
    process.kill(server.pid!, 'SIGUSR2');
    for (let i = 0; i < 100; i++) {
      if (existsSync(heapReport)) return (JSON.parse(readFileSync(heapReport, 'utf8')) as { heapUsed: number }).heapUsed / 2 ** 20;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the server did not report its heap (bench/server-heap.mjs)');
  };
  try {
    const api = new Api(base);
    const started = Date.now();
    const w = await prepare(api);
    // the catalogue queries must answer 200 (a 400 would be the bench's mistake, not the server's)
    const queries = catalogueQueries(400);
    for (const q of queries.slice(0, 40)) await api.must('GET', q);
    console.log(
      `${w.candidates.length} candidat·es inscrit·es et connecté·es, 1 organisme de formation connecté (${w.ownSessions.length} sessions à classer, ${w.otherSessions.length} autres sessions où candidater) (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );

    const rnd = mulberry32(7);
    let qi = 0;
    let notes = 0;
    type Pending = { kind: 'toggle-add' | 'toggle-withdraw'; c: Candidate } | { kind: 'other' };
    type Kind = 'catalogue' | 'candidate' | 'provider';

    /** One run of autocannon on the mixed workload, with its own counters. */
    async function phase(duration: number) {
      const kinds: Record<Kind, number> = { catalogue: 0, candidate: 0, provider: 0 };
      const statusCount = new Map<number, number>();
      const examples: string[] = [];
      // per kind and per action, the time from preparing the request to its answer
      const latencies: Record<Kind, number[]> = { catalogue: [], candidate: [], provider: [] };
      const byLabel = new Map<string, number[]>();
      const result = await autocannon({
        url: base,
        connections: CONNECTIONS,
        duration,
        requests: [
          {
            setupRequest: (req, ctx: object) => {
              const context = ctx as Record<string, unknown>;
              context.pending = { kind: 'other' } satisfies Pending;
              const send = (kind: Kind, label: string, method: 'GET' | 'PUT' | 'POST', path: string, session?: Session, body?: unknown) => {
                kinds[kind]++;
                Object.assign(context, { kind, label, path, t0: performance.now() });
                const headers = session ? { cookie: session.cookie, 'x-csrf-token': session.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) } : {};
                return { ...req, method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) };
              };
              const r = rnd();
              if (r < 0.8) return send('catalogue', 'recherche', 'GET', queries[qi++ % queries.length]!);
              if (r < 0.95) {
                const c = w.candidates[Math.floor(rnd() * w.candidates.length)]!;
                const a = rnd();
                if (a < 0.2 && !c.busy) {
                  // one action at a time on a candidate's toggled wish: apply, then withdraw, and so on
                  c.busy = true;
                  if (c.toggleWish) {
                    context.pending = { kind: 'toggle-withdraw', c } satisfies Pending;
                    return send('candidate', 'retirer un vœu', 'POST', `/api/candidate/wishes/${c.toggleWish}/withdraw`, c.session, { motive: 'Banc de charge' });
                  }
                  context.pending = { kind: 'toggle-add', c } satisfies Pending;
                  return send('candidate', 'candidater', 'POST', '/api/candidate/wishes', c.session, { sessionId: c.toggleSession, motivation: 'Candidature du banc de charge.' });
                }
                if (a < 0.4) return send('candidate', 'modifier le profil', 'PUT', '/api/candidate/profile', c.session, profile(c.i, `06 ${String(10 + Math.floor(rnd() * 89))} 34 56 78`));
                if (a < 0.7) return send('candidate', 'lire le profil', 'GET', '/api/candidate/profile', c.session);
                return send('candidate', 'lire ses vœux', 'GET', '/api/candidate/wishes', c.session);
              }
              const a = rnd();
              const own = w.ownSessions[Math.floor(rnd() * w.ownSessions.length)]!;
              if (a < 0.3) return send('provider', 'enregistrer le classement', 'PUT', `/api/provider/sessions/${own}/admissions/ranking`, w.provider, w.rankings.get(own)!(`Note ${++notes}`));
              if (a < 0.65) return send('provider', 'lister les candidatures', 'GET', '/api/provider/applications', w.provider);
              return send('provider', 'lire les admissions', 'GET', `/api/provider/sessions/${own}/admissions`, w.provider);
            },
            onResponse: (status, body, ctx: object) => {
              const context = ctx as Record<string, unknown>;
              const ms = performance.now() - (context.t0 as number);
              latencies[context.kind as Kind].push(ms);
              const l = `${String(context.kind)} : ${String(context.label)}`;
              const xs = byLabel.get(l);
              if (xs) xs.push(ms);
              else byLabel.set(l, [ms]);
              statusCount.set(status, (statusCount.get(status) ?? 0) + 1);
              if (status >= 300 && examples.length < 8) examples.push(`${status} ${String(context.path)}: ${String(body).slice(0, 200)}`);
              const p = context.pending as Pending;
              if (p.kind === 'toggle-add') {
                if (status === 201) p.c.toggleWish = (JSON.parse(String(body)) as { id: string }).id;
                p.c.busy = false;
              } else if (p.kind === 'toggle-withdraw') {
                if (status === 200) p.c.toggleWish = null;
                p.c.busy = false;
              }
            },
          },
        ],
      });
      // autocannon drops its connections at the end: let the server finish the requests still running
      await new Promise((r) => setTimeout(r, 3_000));
      return { result, kinds, statusCount, examples, latencies, byLabel };
    }

    const rssCold = rssMiB(server.pid!);
    // a warm-up at the same load (JIT, caches, pools), so that the start memory is the warm one
    const WARMUP = Math.max(2, Math.min(10, Math.round(DURATION / 6)));
    const warm = await phase(WARMUP);
    const heap0 = await heapAfterGc();
    const rss0 = rssMiB(server.pid!);
    // the memory along the run, every 5 s: flat once warm, or growing
    const rssSeries: number[] = [];
    const sampler = setInterval(() => rssSeries.push(rssMiB(server.pid!)), 5_000);
    const { result, kinds, statusCount, examples, latencies, byLabel } = await phase(DURATION);
    clearInterval(sampler);
    const heap1 = await heapAfterGc();
    const rss1 = rssMiB(server.pid!);
    const warmErrors = warm.result.errors + warm.result.timeouts + warm.result.non2xx;
    const errors = result.errors + result.timeouts;
    const non2xx = result.non2xx;
    const total = kinds.catalogue + kinds.candidate + kinds.provider;
    const pct = (n: number) => `${((100 * n) / Math.max(1, total)).toFixed(1)} %`;
    const line = (name: string, xs: number[]) => {
      const sorted = xs.sort((a, b) => a - b);
      const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(0) : '–');
      return `${name.padEnd(46)} p50 ${at(0.5).padStart(5)} ms   p99 ${at(0.99).padStart(5)} ms   (${sorted.length} réponses)`;
    };
    console.log('');
    console.log(`Charge mixte : ${CONNECTIONS} connexions, ${DURATION} s (après ${WARMUP} s de chauffe), boucle locale, ${db.where}`);
    console.log(`  mélange envoyé      catalogue ${pct(kinds.catalogue)}, candidat·es ${pct(kinds.candidate)}, organisme ${pct(kinds.provider)} (${total} requêtes préparées)`);
    console.log(`  débit               ${result.requests.average.toFixed(0)} req/s (${result.requests.total} réponses)`);
    console.log(`  latence             p50 ${result.latency.p50} ms   p99 ${result.latency.p99} ms   max ${result.latency.max} ms   (cible p99 ≤ 250 ms : ${result.latency.p99 <= 250 ? 'tenue' : 'MANQUÉE'})`);
    for (const [kind, xs] of Object.entries(latencies)) console.log(`    ${line(kind, xs)}`);
    for (const [label, xs] of [...byLabel].sort(([a], [b]) => a.localeCompare(b))) console.log(`      ${line(label, xs)}`);
    console.log(`  erreurs             ${errors} erreurs réseau ou délais, ${non2xx} réponses hors 2xx (cible 0 : ${errors + non2xx === 0 ? 'tenue' : 'MANQUÉE'}) ; pendant la chauffe : ${warmErrors}`);
    console.log(`  statuts             ${[...statusCount].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(' ')}`);
    for (const e of [...warm.examples, ...examples].slice(0, 8)) console.log(`    ${e}`);
    console.log(`  mémoire du serveur  RSS ${rss0.toFixed(0)} Mio au début (${rssCold.toFixed(0)} Mio avant la chauffe), ${rss1.toFixed(0)} Mio à la fin (${rss1 >= rss0 ? '+' : ''}${(rss1 - rss0).toFixed(0)} Mio), chaque fois après un ramasse-miettes complet`);
    console.log(`                      toutes les 5 s : ${rssSeries.map((x) => x.toFixed(0)).join(' ')} Mio`);
    console.log(`                      tas JavaScript après un ramasse-miettes complet : ${heap0.toFixed(1)} Mio au début, ${heap1.toFixed(1)} Mio à la fin (${heap1 >= heap0 ? '+' : ''}${(heap1 - heap0).toFixed(1)} Mio)`);
    process.exitCode = errors + non2xx + warmErrors === 0 ? 0 : 1;
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
    await db.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
