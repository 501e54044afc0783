// kill -9 of the real server while an offer round writes (ADMISSIONS.md: a round is ONE transaction).
// A season of N candidates × 10 ranked wishes is loaded; the operator starts a round over HTTP; the
// database is watched from outside and the server is killed as soon as the round's transaction is
// writing offers, wishes or their history. After the crash: no half round (no round row, no offer,
// no wish moved, no event, mail or audit row), no seat over-filled; the restarted server runs the
// round whole, and its row counts exactly the offers it made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/db/client.ts';
import { invariantProblems } from '../../src/areas/admissions/test-support.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-accounts.ts';
import { SKIP_OWN_CLUSTER, startCluster, type Cluster } from '../ops/cluster.ts';
import { seedNetwork } from '../ops/dataset.ts';
import { HttpClient, startServe, type ServerProcess } from '../ops/server.ts';
import { backends, connect, count, waitFor, waitRolledBack } from './support.ts';

if (SKIP_OWN_CLUSTER) console.warn(`crash offer-round: ignoré — ${SKIP_OWN_CLUSTER}`);

/** candidates (× 10 wishes, over N/40 sessions): enough for the round to take a few seconds */
const N = 20_000;
const WRITES = /insert into admission_offers|update wishes w set status = 'offered'|insert into wish_events|insert into admission_round_sessions|insert into mail_outbox/i;

async function loadSeason(database: Database): Promise<void> {
  const q = (text: string, params: unknown[] = []) => database.query(text, params);
  const sessions = Math.floor(N / 40);
  await q(`
    insert into sessions (training_id, starts_on, ends_on, seats, status)
    select t.id, current_date + 90, current_date + 270, 10 + (g % 21), 'recruiting'
      from generate_series(0, ${sessions - 1}) g
      join (select id, row_number() over (order by id) - 1 as i, count(*) over () as n from trainings) t on t.i = g % t.n`);
  await q(`
    insert into admission_settings (session_id, constraints, overbooking_margin, block_call_rank, answer_days, updated_at)
    select id, case when abs(hashtext(id::text)) % 10 < 8 then '[{"name":"scholarship","rate":20},{"name":"qpv_or_zrr","rate":30}]'::jsonb else '[]'::jsonb end, 0, 0, 3, now()
      from sessions where starts_on = current_date + 90`);
  await q(`
    insert into users (email, email_verified_at, password_hash, given_name, family_name, birth_date)
    select 'crash' || g || '@test.fabriques.fr', now(), 'x', 'Cand' || g, 'Crash', date '1995-01-01' + (g % 3000)
      from generate_series(1, ${N}) g`);
  await q(`
    with c as (select id, row_number() over (order by email) - 1 as i from users where email like 'crash%@test.fabriques.fr'),
         s as (select id, row_number() over (order by id) - 1 as j from sessions where starts_on = current_date + 90)
    insert into wishes (candidate_user_id, session_id, motivation, created_by_user_id, status, preference, created_at, updated_at)
    select c.id, s.id, 'Motivé·e.', c.id, 'ranked', k + 1, now(), now()
      from c cross join generate_series(0, 9) k join s on s.j = (c.i * 7 + k * 251) % ${sessions}`);
  await q(`insert into call_orders (session_id, constraints, computed_at) select session_id, constraints, now() from admission_settings`);
  await q(`
    insert into call_order_entries (call_order_id, wish_id, rank, call_rank, flags)
    select co.id, w.id, row_number() over (partition by w.session_id order by hashtext(w.id::text), w.id),
           row_number() over (partition by w.session_id order by hashtext(w.id::text), w.id), '{}'::text[]
      from wishes w join call_orders co on co.session_id = w.session_id`);
  await q('analyze');
}

describe.skipIf(!!SKIP_OWN_CLUSTER)('kill -9 during an offer round', () => {
  let cluster: Cluster;
  let server: ServerProcess | undefined;
  let watcher: pg.Client;
  let database: Database;

  beforeAll(async () => {
    cluster = await startCluster();
    database = await openDatabase({ kind: 'pg', url: cluster.url, max: 2 });
    await migrate(database);
    await seedNetwork(database);
    await loadSeason(database);
    watcher = await connect(cluster.url);
  });

  afterAll(async () => {
    await server?.stop();
    await watcher?.end();
    await database?.close();
    cluster?.destroy();
  });

  const snapshot = async () => ({
    rounds: await count(watcher, 'select count(*) as n from admission_rounds'),
    offers: await count(watcher, 'select count(*) as n from admission_offers'),
    offered: await count(watcher, `select count(*) as n from wishes where status <> 'ranked'`),
    events: await count(watcher, 'select count(*) as n from wish_events'),
    history: await count(watcher, 'select count(*) as n from admission_round_sessions'),
    mails: await count(watcher, 'select count(*) as n from mail_outbox'),
    audit: await count(watcher, `select count(*) as n from audit where action like 'admission_round.%'`),
  });

  it('leaves no half round, and the restarted server runs it whole', async () => {
    server = await startServe({ DATABASE_URL: cluster.url });
    const operator = new HttpClient(server.base);
    await operator.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD);
    const before = await snapshot();
    expect(before).toMatchObject({ rounds: 0, offers: 0, offered: 0 });

    let answered: number | null = null;
    const started = Date.now();
    const request = operator.call('POST', '/api/admissions/rounds').then(
      (r) => (answered = r.status),
      () => (answered = -1),
    );
    const writing = await waitFor(
      'le tour écrit ses propositions',
      async () => (await backends(watcher, 'postgres')).find((b) => b.xid !== null && WRITES.test(b.query)),
      45_000,
      5,
    );
    expect(answered, 'the round ended before the kill: load more candidates').toBeNull();
    const appPids = (await backends(watcher, 'postgres')).filter((b) => b.application !== 'fabriques-jobs').map((b) => b.pid);
    await server.kill9();
    const killedAfter = Date.now() - started;
    await request;
    expect(answered).toBe(-1); // the connection was cut: no answer
    await waitRolledBack(watcher, 'postgres', appPids);

    // nothing of the round stayed
    expect(await snapshot()).toEqual(before);
    expect(await invariantProblems(database)).toEqual([]);

    // the restarted server runs the round whole
    server = await startServe({ DATABASE_URL: cluster.url });
    const again = new HttpClient(server.base);
    await again.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD);
    const t = Date.now();
    const round = await again.call('POST', '/api/admissions/rounds');
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    expect(round.body.offers).toBeGreaterThan(0);
    const after = await snapshot();
    expect(after.rounds).toBe(1);
    expect(after.offers).toBe(round.body.offers);
    expect(after.offered).toBe(round.body.offers);
    expect(await count(watcher, `select count(*) as n from admission_rounds where status = 'completed' and offers = (select count(*) from admission_offers o where o.round_id = admission_rounds.id)`)).toBe(1);
    // no session offered more than its seats (no margin, no block call here)
    expect(await count(watcher, `select count(*) as n from (select o.session_id from admission_offers o join sessions s on s.id = o.session_id group by o.session_id, s.seats having count(*) > s.seats) x`)).toBe(0);
    expect(await invariantProblems(database)).toEqual([]);
    console.log(
      `[figures] crash offer round: ${N} candidates, ${N * 10} wishes; killed ${killedAfter} ms after the request, during « ${writing.query.trim().split('\n')[0]!.slice(0, 60)} »; ` +
        `after restart the round made ${round.body.offers} offers in ${Date.now() - t} ms`,
    );
  });
});
