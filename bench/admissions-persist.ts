/**
 * npm run bench:admissions-persist [-- --candidates 100000 --seed 2016]
 *
 * Time to persist one offer round of N candidates on the real server (issue 6: ≤ 30 s at N = 100k).
 * DATABASE_URL=postgres://… uses that server (a fresh database is created on it and dropped after);
 * without it, a throw-away PostgreSQL cluster is started with scripts/pg-throwaway.sh and stopped at
 * the end. The data follow bench/admissions.ts's shape: N candidates × 10 wishes, N/40 sessions, 22 %
 * scholarship holders, two constraints on most sessions, a block call on some, 10 % of the
 * candidates with the automatic responder. Every wish is ranked with a published call order; the
 * round measured is the product's runRound (src/areas/admissions/use-cases/rounds.ts): lock the
 * sessions, expire, read the call orders, run the engine's kernel, write wishes, offers, history,
 * the responder's answers, counters and mails in ONE transaction. A second round follows a day of
 * answers (half the offers accepted, a quarter declined).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { migrate, openDatabase, type Database } from '../src/db/client.ts';
import { generateDemoNetwork } from '../src/seed/generate.ts';
import { insertNetworkRows } from '../src/seed/insert.ts';
import { runRound } from '../src/areas/admissions/use-cases/rounds.ts';
import { parisDate } from '../src/shared/clock.ts';

const { values } = parseArgs({ options: { candidates: { type: 'string', default: '100000' }, seed: { type: 'string', default: '2016' }, port: { type: 'string', default: '55733' } } });
const N = Number(values.candidates.replace(/k$/i, '000').replace(/_/g, ''));
if (!Number.isInteger(N) || N < 40) throw new Error('--candidates : un entier ≥ 40 est attendu');
const SESSIONS = Math.floor(N / 40);
const WISHES = 10;
const root = path.resolve(import.meta.dirname, '..');

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

async function timed<T>(label: string, f: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const r = await f();
  console.log(`  ${label.padEnd(44)} ${seconds(performance.now() - t)}`);
  return r;
}

async function server(): Promise<{ url: string; stop: () => void }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: () => {} };
  const out = execFileSync(path.join(root, 'scripts/pg-throwaway.sh'), ['start', values.port], { encoding: 'utf8' }).trim().split('\n');
  const dir = out[0]!;
  console.log(`throw-away PostgreSQL on port ${values.port} (${dir})`);
  return { url: out.at(-1)!, stop: () => execFileSync(path.join(root, 'scripts/pg-throwaway.sh'), ['stop', dir]) };
}

/** N/40 sessions, N candidates, 10 wishes each (distinct sessions), ranked, with a published call order. */
async function load(database: Database, seed: number): Promise<void> {
  const today = parisDate(new Date());
  const rows = generateDemoNetwork({ seed, providers: 4, trainings: 8, sessions: 8, today });
  await timed('network (4 providers, 8 trainings)', () => database.db.transaction((tx) => insertNetworkRows(tx, rows)));
  const trainings = rows.trainings.map((t) => t.id);
  const starts = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  const ends = new Date(Date.now() + 270 * 86_400_000).toISOString().slice(0, 10);
  await timed(`${SESSIONS} sessions (10–30 seats)`, () =>
    database.rows(sql`
      insert into sessions (training_id, starts_on, ends_on, seats, status)
      select (${JSON.stringify(trainings)}::jsonb ->> (g % ${trainings.length}))::uuid, ${starts}::date, ${ends}::date, 10 + (hashint(g, ${seed}) % 21), 'recruiting'
        from generate_series(0, ${SESSIONS - 1}) g`),
  );
  await timed('admission rules (2 constraints on 80 %, block call on 5 %)', () =>
    database.rows(sql`
      insert into admission_settings (session_id, constraints, overbooking_margin, block_call_rank, answer_days, updated_at)
      select id,
             case when hashint(n, ${seed} + 1) % 10 < 8 then '[{"name":"scholarship","rate":20},{"name":"qpv_or_zrr","rate":30}]'::jsonb else '[]'::jsonb end,
             0, case when hashint(n, ${seed} + 2) % 20 = 0 then seats + 5 else 0 end, 3, now()
        from (select id, seats, row_number() over (order by id) as n from sessions where starts_on = ${starts}::date) s`),
  );
  await timed(`${N.toLocaleString('en')} candidates (10 % with the responder)`, async () => {
    await database.rows(sql`
      insert into users (email, email_verified_at, password_hash, given_name, family_name, birth_date)
      select 'cand' || g || '@bench.fabriques.fr', now(), 'x', 'Cand' || g, 'Bench', date '1995-01-01' + (g % 3000)
        from generate_series(1, ${N}) g`);
    await database.rows(sql`
      insert into admission_candidate_settings (user_id, auto_responder, updated_at)
      select id, true, now() from users where email like 'cand%@bench.fabriques.fr' and hashint(hashtext(email), ${seed} + 3) % 10 = 0`);
  });
  await timed(`${(N * WISHES).toLocaleString('en')} wishes (ranked)`, () =>
    database.rows(sql`
      with c as (select id, row_number() over (order by email) - 1 as i from users where email like 'cand%@bench.fabriques.fr'),
           s as (select id, row_number() over (order by id) - 1 as j from sessions where status = 'recruiting' and starts_on = ${starts}::date)
      insert into wishes (candidate_user_id, session_id, motivation, created_by_user_id, status, preference, created_at, updated_at)
      select c.id, s.id, 'Motivé·e.', c.id, 'ranked', k + 1, now(), now()
        from c cross join generate_series(0, ${WISHES - 1}) k
        join s on s.j = (c.i * 7 + k * 251) % ${SESSIONS}`),
  );
  await timed('call orders (one per session, published)', async () => {
    await database.rows(sql`insert into call_orders (session_id, constraints, computed_at) select session_id, constraints, now() from admission_settings`);
    await database.rows(sql`
      insert into call_order_entries (call_order_id, wish_id, rank, call_rank, flags)
      select co.id, w.id, row_number() over (partition by w.session_id order by hashint(hashtext(w.id::text), ${seed} + 4), w.id),
             row_number() over (partition by w.session_id order by hashint(hashtext(w.id::text), ${seed} + 4), w.id),
             case when hashint(hashtext(w.candidate_user_id::text), ${seed} + 5) % 100 < 22 then '{scholarship}'::text[] else '{}'::text[] end
        from wishes w join call_orders co on co.session_id = w.session_id`);
  });
  await timed('analyze', () => database.rows(sql`analyze`));
}

async function answers(database: Database): Promise<void> {
  // a day of answers, written straight in the tables (the round is what is measured)
  await database.rows(sql`
    with p as (select o.id, o.wish_id, o.candidate_user_id, row_number() over (partition by o.candidate_user_id order by o.id) as n,
                      hashint(hashtext(o.id::text), 7) % 4 as dice
                 from admission_offers o where o.status = 'pending'),
         acc as (select * from p where n = 1 and dice < 2),
         dec as (select * from p where n = 1 and dice = 2),
         u1 as (update admission_offers o set status = 'accepted', answered_at = now(), answered_by = 'candidate' from acc where o.id = acc.id returning o.wish_id),
         u2 as (update admission_offers o set status = 'declined', answered_at = now(), answered_by = 'candidate' from dec where o.id = dec.id returning o.wish_id),
         w1 as (update wishes w set status = 'accepted', preference = 0 from u1 where w.id = u1.wish_id returning 1)
    update wishes w set status = 'declined', preference = 0 from u2 where w.id = u2.wish_id`);
  await database.rows(sql`update sessions s set seats_taken = least(s.seats, (select count(*) from admission_offers o where o.session_id = s.id and o.status = 'accepted'))`);
}

async function main(): Promise<void> {
  const seed = Number(values.seed);
  console.log(`admissions-persist: N = ${N.toLocaleString('en')} candidates, ${(N * WISHES).toLocaleString('en')} wishes, ${SESSIONS} sessions`);
  console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load ${loadavg().map((x) => x.toFixed(2)).join(' ')}, Node ${process.version}`);
  const srv = await server();
  const name = `fabriques_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: srv.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(srv.url);
  url.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'pg', url: url.toString(), max: 4 });
  try {
    const version = (await database.rows<{ v: string }>(sql`select current_setting('server_version') as v`))[0]!.v;
    console.log(`PostgreSQL ${version}`);
    await timed('migrations', () => migrate(database));
    await database.rows(sql`create or replace function hashint(x bigint, s bigint) returns bigint language sql immutable as $$ select abs(hashtextextended(x::text, s)) $$`);
    console.log('setup:');
    await load(database, seed);
    const ctx = { database, clock: () => new Date(), geo: undefined as never, scales: [], baseUrl: 'http://localhost:3000' };
    console.log('rounds (runRound, one transaction each):');
    const t1 = performance.now();
    const first = await runRound(ctx, { kind: 'on_demand', actor: null });
    const firstMs = performance.now() - t1;
    console.log(`  first-day round: ${seconds(firstMs)} — ${first.offers.toLocaleString('en')} offers in ${first.sessions} sessions, responder ${first.autoAccepted} accepted / ${first.autoDeclined} declined / ${first.autoWithdrawn} withdrawn`);
    console.log(`    phases (ms): ${JSON.stringify(first.phases)}`);
    await timed('(a day of answers, not measured)', () => answers(database));
    const t2 = performance.now();
    const second = await runRound(ctx, { kind: 'on_demand', actor: null });
    const secondMs = performance.now() - t2;
    console.log(`  second round:    ${seconds(secondMs)} — ${second.offers.toLocaleString('en')} offers, responder ${second.autoAccepted} accepted / ${second.autoDeclined} declined / ${second.autoWithdrawn} withdrawn`);
    console.log(`    phases (ms): ${JSON.stringify(second.phases)}`);
    const [counts] = await database.rows<{ offers: number; events: number; mails: number; over: number; twice: number }>(sql`
      select (select count(*)::int from admission_offers) as offers, (select count(*)::int from wish_events) as events, (select count(*)::int from mail_outbox) as mails,
             (select count(*)::int from (select s.id from sessions s join admission_offers o on o.session_id = s.id and o.status = 'accepted'
                left join admission_settings a on a.session_id = s.id where coalesce(a.block_call_rank, 0) = 0 group by s.id, s.seats having count(*) > s.seats) x) as over,
             (select count(*)::int from (select 1 from wishes where status = 'accepted' group by candidate_user_id having count(*) > 1) y) as twice`);
    console.log(`rows written: ${counts!.offers.toLocaleString('en')} offers, ${counts!.events.toLocaleString('en')} wish events, ${counts!.mails.toLocaleString('en')} mails; sessions over their seats: ${counts!.over}; candidates with two acceptances: ${counts!.twice}`);
    console.log(`RESULT persist a ${N.toLocaleString('en')}-candidate round: ${seconds(firstMs)} (first day), ${seconds(secondMs)} (second day); target ≤ 30 s`);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end();
    srv.stop();
  }
}

await main();
