/**
 * npm run bench:committee — the committee view of a call with 1,000 proposals × 3 submitted reviews
 * (about 2,000 trainings), inserted directly; then the server time of GET /api/calls/:id/committee
 * (target p95 ≤ 200 ms) and of the ranking export (CSV), measured in process through Fastify's
 * inject (no network). Embedded PGlite by default; DATABASE_URL=postgres://… runs it on a real server
 * (a fresh database is created on it and dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/db/client.ts';
import { callVersions, calls, memberships, organisations, proposalTrainings, proposals, reviewAssignments, users } from '../src/db/schema/index.ts';
import { hashPassword } from '../src/areas/accounts/passwords.ts';
import { CatalogueReadModel } from '../src/areas/catalogue/read-model.ts';
import { territories } from '../src/areas/territories/referential.ts';
import { buildServer } from '../src/server.ts';
import { sampleForm, sampleTraining } from '../src/areas/calls/domain/fixtures.ts';
import { reviewSummary, weightedScore, type Score } from '../src/areas/calls/domain/scoring.ts';
import { testConfig } from '../test/support/config.ts';
import { mulberry32 } from './support.ts';
import { TestClient } from '../test/support/app.ts';

const PROPOSALS = Number(process.env.BENCH_PROPOSALS ?? 1_000);
const REVIEWS = 3;
const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = 5;

async function open(): Promise<{ database: Database; dispose: () => Promise<void>; where: string }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    await migrate(database);
    return { database, dispose: () => database.close(), where: 'embedded PGlite (in memory)' };
  }
  const name = `fabriques_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const version = (await admin.query('show server_version')).rows[0].server_version as string;
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'pg', url: u.toString() });
  await migrate(database);
  return {
    database,
    where: `PostgreSQL ${version}`,
    dispose: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

async function seed(database: Database): Promise<{ callId: string }> {
  const rnd = mulberry32(2016);
  const geo = territories();
  const communes = [...geo.communes.values()].filter((c) => c.population > 20_000).map((c) => c.code);
  const form = sampleForm();
  const db = database.db;
  const password = await hashPassword('bench-committee-2026', { memoryCost: 8192, timeCost: 1 });
  const [op] = await db.insert(organisations).values({ kind: 'operator', name: 'GIP Grande École du Numérique', communeCode: '75056' }).returning({ id: organisations.id });
  const [opUser] = await db.insert(users).values({ email: 'operateur@bench.fabriques.fr', emailVerifiedAt: new Date(), passwordHash: password, givenName: 'Odile', familyName: 'Perrin' }).returning({ id: users.id });
  await db.insert(memberships).values({ userId: opUser!.id, organisationId: op!.id, role: 'operator', isAdmin: true });
  const reviewers = await db
    .insert(users)
    .values(Array.from({ length: 30 }, (_, i) => ({ email: `instructeur${i}@bench.fabriques.fr`, givenName: `Instructeur ${i}`, familyName: 'Bench' })))
    .returning({ id: users.id });
  await db.insert(memberships).values(reviewers.map((r) => ({ userId: r.id, organisationId: op!.id, role: 'reviewer' as const })));
  const providers = await db
    .insert(organisations)
    .values(Array.from({ length: 400 }, (_, i) => ({ kind: 'provider' as const, name: `Fabrique ${i + 1}`, communeCode: communes[i % communes.length]! })))
    .returning({ id: organisations.id });
  const [call] = await db
    .insert(calls)
    .values({ title: 'Appel de référence (banc d’essai)', wave: 3, summary: 'Banc d’essai de la vue du comité.', status: 'reviewing', envelopeCents: 3_300_000_000 })
    .returning({ id: calls.id });
  await db.insert(callVersions).values({ callId: call!.id, version: 1, form, createdBy: opUser!.id });
  const now = new Date();
  for (let start = 0; start < PROPOSALS; start += 250) {
    const batch = Array.from({ length: Math.min(250, PROPOSALS - start) }, (_, k) => {
      const i = start + k;
      const n = 1 + Math.floor(rnd() * 3);
      const trainings = Array.from({ length: n }, (_, j) =>
        sampleTraining(j + 1, {
          communeCode: communes[Math.floor(rnd() * communes.length)]!,
          budget: { totalCents: 8_000_000, regionCents: 1_000_000, privateCents: 1_000_000, ownCents: 0, requestedCents: 1_000_000 + Math.floor(rnd() * 50) * 100_000 },
        }),
      );
      const reviews = Array.from({ length: REVIEWS }, () => {
        const scores: Score[] = form.grid.map((c) => ({ criterion: c.code, score: Math.floor(rnd() * 6), comment: 'Argumentaire de la note.' }));
        return { scores, weightedScore: weightedScore(scores, form.grid)! };
      });
      return { i, trainings, reviews, summary: reviewSummary(reviews, form.grid) };
    });
    const rows = await db
      .insert(proposals)
      .values(
        batch.map(({ i, trainings, summary }) => ({
          callId: call!.id,
          callVersion: 1,
          providerId: providers[i % providers.length]!.id,
          status: 'in_review' as const,
          title: `Dossier ${i + 1}`,
          data: {},
          requestedCents: trainings.reduce((s, t) => s + t.budget!.requestedCents!, 0),
          cutOff: form.cutOffs[0]!,
          submittedAt: now,
          createdBy: opUser!.id,
          // the committee's summary, as review submission keeps it (reviews.ts refreshReviewSummary)
          reviewsAssigned: REVIEWS,
          reviewsSubmitted: summary.submitted,
          meanScore: summary.mean,
          disagreement: summary.disagreement,
        })),
      )
      .returning({ id: proposals.id });
    await db.insert(proposalTrainings).values(
      batch.flatMap(({ trainings }, k) =>
        trainings.map((t, position) => ({ proposalId: rows[k]!.id, position, data: t, title: t.title!, communeCode: t.communeCode!, requestedCents: t.budget!.requestedCents! })),
      ),
    );
    await db.insert(reviewAssignments).values(
      rows.flatMap((p, k) => {
        const first = (start + k) % reviewers.length;
        return batch[k]!.reviews.map((r, j) => ({
          proposalId: p.id,
          reviewerUserId: reviewers[(first + j) % reviewers.length]!.id,
          status: 'submitted' as const,
          scores: r.scores,
          weightedScore: r.weightedScore,
          assignedAt: now,
          submittedAt: now,
        }));
      }),
    );
  }
  return { callId: call!.id };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time(client: TestClient, url: string, runs: number): Promise<{ p50: number; p95: number; bytes: number }> {
  let bytes = 0;
  const ms: number[] = [];
  for (let i = 0; i < runs + WARMUP; i++) {
    const t = performance.now();
    const res = await client.call('GET', url);
    const d = performance.now() - t;
    if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    bytes = res.rawPayload.length;
    if (i >= WARMUP) ms.push(d);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), bytes };
}

const { database, dispose, where } = await open();
try {
  const t0 = performance.now();
  const { callId } = await seed(database);
  const [{ trainings }] = (await database.query<{ trainings: number }>('select count(*)::int as trainings from proposal_trainings')).rows as [{ trainings: number }];
  console.log(`committee bench on ${where}: ${PROPOSALS} proposals, ${trainings} trainings, ${PROPOSALS * REVIEWS} reviews inserted in ${Math.round(performance.now() - t0)} ms`);
  const catalogue = new CatalogueReadModel(database, territories());
  await catalogue.refresh();
  const app = await buildServer({ config: testConfig(), database, catalogue, logger: false });
  await app.ready();
  const client = new TestClient(app);
  const signIn = await client.signIn('operateur@bench.fabriques.fr', 'bench-committee-2026');
  if (signIn.statusCode !== 200) throw new Error(`sign-in failed: ${signIn.body}`);
  const view = await time(client, `/api/calls/${callId}/committee`, RUNS);
  const csv = await time(client, `/api/calls/${callId}/ranking.csv`, Math.max(10, Math.floor(RUNS / 2)));
  const fmt = (x: number) => x.toFixed(1);
  console.log(`committee view   (GET /api/calls/:id/committee):   p50 ${fmt(view.p50)} ms, p95 ${fmt(view.p95)} ms over ${RUNS} runs (${Math.round(view.bytes / 1024)} KiB) — target p95 ≤ 200 ms: ${view.p95 <= 200 ? 'met' : 'NOT met'}`);
  console.log(`ranking export   (GET /api/calls/:id/ranking.csv): p50 ${fmt(csv.p50)} ms, p95 ${fmt(csv.p95)} ms over ${Math.max(10, Math.floor(RUNS / 2))} runs (${Math.round(csv.bytes / 1024)} KiB)`);
  await app.close();
} finally {
  await dispose();
}
