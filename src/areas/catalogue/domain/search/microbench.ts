/**
 * Micro-benchmark of the catalogue search: 20,000 synthetic trainings, 100,000 sessions, a mix of
 * realistic queries. Run: npx tsx src/areas/catalogue/domain/search/microbench.ts
 */
import { performance } from 'node:perf_hooks';
import type { CatalogueTraining, Modality, SearchQuery } from '../types.ts';
import { aSession, aTraining } from './fixtures.ts';
import { buildIndex, romeCodesForJob, search, searchAll } from './index.ts';

const TODAY = '2025-06-15';
const TRAININGS = Number(process.env.TRAININGS ?? 20_000);

// deterministic pseudo-random numbers (mulberry32)
let seed = 42;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

const CITIES = [
  ['Paris', '75', '11', 48.8589, 2.3469, 30],
  ['Marseille', '13', '93', 43.2965, 5.3698, 8],
  ['Lyon', '69', '84', 45.758, 4.835, 8],
  ['Toulouse', '31', '76', 43.6045, 1.4442, 6],
  ['Nice', '06', '93', 43.7031, 7.2661, 3],
  ['Nantes', '44', '52', 47.2184, -1.5536, 5],
  ['Strasbourg', '67', '44', 48.5734, 7.7521, 4],
  ['Montpellier', '34', '76', 43.6119, 3.8772, 4],
  ['Bordeaux', '33', '75', 44.8378, -0.5792, 5],
  ['Lille', '59', '32', 50.6292, 3.0573, 6],
  ['Rennes', '35', '53', 48.1173, -1.6778, 4],
  ['Reims', '51', '44', 49.2583, 4.0317, 2],
  ['Saint-Étienne', '42', '84', 45.4397, 4.3872, 2],
  ['Le Havre', '76', '28', 49.4944, 0.1079, 2],
  ['Grenoble', '38', '84', 45.1885, 5.7245, 3],
  ['Dijon', '21', '27', 47.322, 5.0415, 2],
  ['Angers', '49', '52', 47.4784, -0.5632, 2],
  ['Clermont-Ferrand', '63', '84', 45.7772, 3.087, 2],
  ['Limoges', '87', '75', 45.8336, 1.2611, 1],
  ['Saint-Denis', '974', '04', -20.8823, 55.4504, 2],
  ['Fort-de-France', '972', '02', 14.6161, -61.0588, 1],
  ['Cayenne', '973', '03', 4.9372, -52.326, 1],
] as const;
const weighted = CITIES.flatMap((c) => Array<(typeof CITIES)[number]>(c[5]).fill(c));

const PROGRAMMES = [
  ['Développeur web et web mobile', ['M1805'], 'Développeur web et web mobile', 5],
  ['Concepteur développeur d’applications', ['M1805'], 'Concepteur développeur d’applications', 6],
  ['Technicien supérieur systèmes et réseaux', ['M1801', 'M1810'], 'Technicien supérieur systèmes et réseaux', 5],
  ['Technicien d’assistance en informatique', ['I1401', 'M1802'], 'Technicien d’assistance en informatique', 4],
  ['Administrateur d’infrastructures sécurisées', ['M1801'], 'Administrateur d’infrastructures sécurisées', 6],
  ['Installateur de réseaux fibre optique', ['I1307'], 'Installateur de réseaux câblés de communications', 3],
  ['Designer web', ['E1104'], 'Designer web', 5],
  ['Infographiste metteur en page', ['E1205'], 'Infographiste metteur en page', 4],
  ['Community manager et animation web', ['E1101'], 'Chargé de communication numérique', 5],
  ['Data analyst', ['M1805', 'M1806'], 'Data analyst', 6],
  ['Référent numérique et médiation', ['M1802'], 'Conseiller médiateur numérique', 4],
  ['Développeur intelligence artificielle', ['M1805'], 'Développeur en intelligence artificielle', 6],
  ['Technicien de maintenance informatique et bureautique', ['I1401'], 'Technicien de maintenance', 4],
  ['Cybersécurité : analyste opérateur', ['M1801', 'M1802'], 'Analyste en cybersécurité', 6],
  ['Chef de projet digital', ['M1806'], 'Chef de projet digital', 6],
] as const;
const WORDS = (
  'apprendre projet équipe entreprise numérique programmation javascript python java php react angular node sql base données ' +
  'cloud linux windows réseau sécurité serveur virtualisation docker kubernetes agile scrum accessibilité design interface utilisateur ' +
  'maquette figma photoshop illustrator vidéo montage réseaux sociaux stratégie contenu référencement rédaction support client ' +
  'dépannage matériel installation câblage fibre optique raccordement télécoms mesure soudure inclusion reconversion jeunes femmes ' +
  'quartier alternance stage immersion pédagogie active projets réels mentorat insertion emploi métiers recrutement partenaires ' +
  'intelligence artificielle apprentissage automatique statistiques tableaux visualisation analyse tests qualité déploiement maintenance ' +
  'applications mobiles android ios api architecture microservices sauvegarde supervision incidents helpdesk ticket bureautique ' +
  'tableur traitement texte messagerie citoyens démarches administratives médiation accompagnement autonomie'
).split(' ');
const PROVIDERS = ['Simplon', 'Wild Code School', 'Ada Tech School', 'Konexio', 'Les Déterminés', 'OpenClassrooms', 'Access Code School', 'La Fabrique Numérique', 'Web@cademie', 'Ecole 42', 'ADRAR', 'AFPA', 'Greta', 'Pop School', 'Digital Campus'];
const MODALITIES: Modality[] = ['presentiel', 'presentiel', 'presentiel', 'hybride', 'distanciel'];
const sentence = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
const isoDay = (base: string, days: number) => new Date(Date.parse(`${base}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function synthetic(count: number): CatalogueTraining[] {
  const out: CatalogueTraining[] = [];
  for (let i = 0; i < count; i++) {
    const [name, dep, region, lat, lon] = pick(weighted);
    const [title, romeCodes, cert, level] = pick(PROGRAMMES);
    const isFree = rnd() < 0.8;
    out.push(
      aTraining({
        title: rnd() < 0.3 ? `${title} – ${pick(['parcours intensif', 'en alternance', 'pour les femmes', 'spécial reconversion', 'niveau 1'])}` : title,
        summary: `${title}. ${sentence(25)}`,
        objectives: sentence(20),
        romeCodes: [...romeCodes],
        certification: { code: `RNCP${30000 + Math.floor(rnd() * 9000)}`, title: cert, level },
        durationMonths: 3 + Math.floor(rnd() * 22),
        modality: pick(MODALITIES),
        isFree,
        priceCents: isFree ? null : 100_000 + Math.floor(rnd() * 500_000),
        commune: { code: `${dep}${String(Math.floor(rnd() * 300)).padStart(5 - dep.length, '0')}`, name: rnd() < 0.6 ? name : `${pick(['Saint', 'Le', 'Villeneuve', 'Sainte', 'Mont'])}-${pick(WORDS)}`, departement: dep, region },
        lat: lat + (rnd() - 0.5) * 0.9,
        lon: lon + (rnd() - 0.5) * 1.2,
        provider: { name: pick(PROVIDERS) },
        sessions: Array.from({ length: 5 }, (_, s) => {
          const seats = 8 + Math.floor(rnd() * 16);
          return aSession({ startsOn: isoDay('2024-09-01', s * 120 + Math.floor(rnd() * 90)), seats, seatsLeft: rnd() < 0.3 ? 0 : Math.floor(rnd() * seats) });
        }),
      }),
    );
  }
  return out;
}

const TEXTS = [
  'développeur web', 'developpeur', 'DEVELOPPEUR WEB MOBILE', 'devloppeur', 'develop', 'technicien', 'maintenace informatique', 'cybersecurite',
  'data', 'data analyst', 'intelligence artificielle', 'fibre optique', 'community manager', 'designer web', 'infographiste', 'reseaux',
  'administrateur systèmes', 'python', 'javascript react', 'médiation numérique', 'chef de projet', 'assistance informatique', 'alternance',
  'cloud', 'linux', 'femmes', 'reconversion', 'concepteur applications', 'java', 'analyste', 'bureautique', 'supervision', 'tech',
];
const JOBS = ['développeur', 'technicien maintenance', 'graphiste', 'administrateur réseaux', 'community manager', 'technicien fibre'];

function queries(count: number): SearchQuery[] {
  const out: SearchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const q: SearchQuery = { sort: 'relevance', page: 1, pageSize: 20 };
    const r = rnd();
    if (r < 0.7) q.text = pick(TEXTS);
    if (rnd() < 0.3) q.romeCodes = romeCodesForJob(pick(JOBS));
    if (rnd() < 0.5) {
      const [, , , lat, lon] = pick(weighted);
      q.near = { lat: lat + (rnd() - 0.5) * 0.4, lon: lon + (rnd() - 0.5) * 0.4, radiusKm: pick([10, 20, 30, 50, 100]) };
      if (rnd() < 0.4) q.sort = 'distance';
    } else if (rnd() < 0.3) q.departement = pick(CITIES)[1];
    if (rnd() < 0.3) {
      q.startFrom = isoDay(TODAY, Math.floor(rnd() * 60));
      q.startTo = isoDay(q.startFrom, 60 + Math.floor(rnd() * 240));
    }
    if (rnd() < 0.15) q.placesLeft = true;
    if (rnd() < 0.15) q.isFree = true;
    if (rnd() < 0.1) q.modality = ['presentiel', 'hybride'];
    if (rnd() < 0.1) q.levels = [3, 4];
    if (rnd() < 0.1) q.durationMax = 12;
    if (rnd() < 0.15) q.sort = 'start';
    if (rnd() < 0.15) q.page = 2 + Math.floor(rnd() * 4);
    out.push(q);
  }
  return out;
}

/** Runs every query `rounds` times; reports throughput and latency from CPU time (robust on a busy machine) and wall time. */
function measure(label: string, qs: SearchQuery[], rounds: number, run: (q: SearchQuery) => unknown) {
  for (const q of qs) run(q); // warm-up
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (const q of qs) {
      const s = performance.now();
      run(q);
      times.push(performance.now() - s);
    }
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0).user / 1000;
  times.sort((a, b) => a - b);
  const at = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 1000).toFixed(0).padStart(5);
  const n = times.length;
  console.log(
    `${label.padEnd(34)} ${Math.round(n / (cpu / 1000)).toLocaleString('en').padStart(9)} q/s cpu  ${((cpu / n) * 1000).toFixed(0).padStart(4)} µs cpu/q | wall: ${Math.round(n / (wall / 1000)).toLocaleString('en').padStart(9)} q/s  p50 ${at(0.5)} µs  p99 ${at(0.99)} µs`,
  );
}

const t0 = performance.now();
const trainings = synthetic(TRAININGS);
const t1 = performance.now();
const cpu1 = process.cpuUsage();
const index = buildIndex(trainings, { resultCache: 0 });
const buildCpu = process.cpuUsage(cpu1).user / 1000;
const t2 = performance.now();
const sessions = trainings.reduce((n, t) => n + t.sessions.length, 0);
console.log(`${trainings.length} trainings, ${sessions} sessions; data ${(t1 - t0).toFixed(0)} ms; index built in ${(t2 - t1).toFixed(0)} ms (${buildCpu.toFixed(0)} ms cpu)`);
console.log(`vocabulary ${index.text.vocabulary.terms.length} terms, ${index.text.postings.items.length} postings, ${index.text.vocabulary.deletionHashes.length} deletion hashes; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);

const mix = queries(500);
const rounds = 20;
console.log('\nengine alone (result cache off):');
measure('mix (500 distinct queries)', mix, rounds, (q) => search(index, q, TODAY));
measure('text only', mix.filter((q) => q.text).map((q) => ({ text: q.text, sort: 'relevance', page: 1, pageSize: 20 }) as SearchQuery), rounds, (q) => search(index, q, TODAY));
measure('text + radius', mix.filter((q) => q.text && q.near), rounds, (q) => search(index, q, TODAY));
measure('text + job + radius + dates', mix.filter((q) => q.text && q.near && q.startFrom).map((q) => ({ ...q, romeCodes: romeCodesForJob(pick(JOBS)) })), rounds, (q) => search(index, q, TODAY));
measure('no text (filters only)', mix.filter((q) => !q.text), rounds, (q) => search(index, q, TODAY));
measure('nothing at all (whole catalogue)', [{ sort: 'relevance', page: 1, pageSize: 20 }], 2000, (q) => search(index, q, TODAY));
measure('searchAll (map) on the mix', mix, 4, (q) => searchAll(index, q, TODAY));
measure('romeCodesForJob (memoised)', JOBS.map((j) => ({ text: j, sort: 'relevance', page: 1, pageSize: 1 }) as SearchQuery), 2000, (q) => romeCodesForJob(q.text!));

const cached = buildIndex(trainings);
console.log('\nwith the result cache (default, 2,000 pages), same 500 queries repeated:');
measure('mix (500 distinct queries)', mix, rounds, (q) => search(cached, q, TODAY));
