// kill -9 of the real server while proposals are being submitted (each submission is one transaction:
// status, audit row, receipt mails). K complete drafts are submitted at once over HTTP (they queue on
// the organisation's row lock) and the server is killed when a part of them has committed. After the
// crash every proposal is either submitted exactly once — with one audit row and its receipt — or
// still a draft with neither; every submission the server acknowledged (200) is there. The restarted
// server takes the remaining drafts and refuses a second submission.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { migrate, openDatabase, type Database } from '../../src/db/client.ts';
import { DEMO_PASSWORD } from '../../src/seed/demo-accounts.ts';
import { callBody, PDF, upload } from '../../src/areas/calls/test-support.ts';
import { sampleData, sampleTraining } from '../../src/areas/calls/domain/fixtures.ts';
import { parisDate } from '../../src/shared/clock.ts';
import { testApp, TestClient } from '../support/app.ts';
import { SKIP_OWN_CLUSTER, startCluster, type Cluster } from '../ops/cluster.ts';
import { seedNetwork } from '../ops/dataset.ts';
import { HttpClient, startServe, type ServerProcess } from '../ops/server.ts';
import { backends, connect, count, waitFor, waitRolledBack } from './support.ts';

if (SKIP_OWN_CLUSTER) console.warn(`crash proposal-submission: ignoré — ${SKIP_OWN_CLUSTER}`);

const K = 40;
const PROVIDER = 'formation@demo.fabriques.fr';
const title = (i: number) => `Dossier crash n°${String(i).padStart(2, '0')}`;
const day = (offset: number) => parisDate(new Date(Date.now() + offset * 86_400_000));

/** The demo provider account acting for the given organisation. */
async function actFor(call: (m: 'GET' | 'PUT', url: string, body?: unknown) => Promise<{ status: number; body: any }>, organisationId: string) {
  const me = (await call('GET', '/api/account')).body;
  const m = me.memberships.find((x: { organisationId: string }) => x.organisationId === organisationId);
  const r = await call('PUT', '/api/account/active-membership', { membershipId: m.id });
  if (r.status !== 200) throw new Error(`active-membership ${r.status}`);
}

describe.skipIf(!!SKIP_OWN_CLUSTER)('kill -9 during proposal submissions', () => {
  let cluster: Cluster;
  let server: ServerProcess | undefined;
  let watcher: pg.Client;
  let database: Database;
  let provider1: string;
  const ids: string[] = [];

  beforeAll(async () => {
    cluster = await startCluster();
    database = await openDatabase({ kind: 'pg', url: cluster.url, max: 4 });
    await migrate(database);
    provider1 = (await seedNetwork(database)).ownProvider;
    // K complete drafts, written through the product (in-process app on the same database)
    const app = await testApp(database);
    try {
      const op = new TestClient(app);
      await op.signIn('operateur@demo.fabriques.fr', DEMO_PASSWORD);
      const created = await op.call('POST', '/api/calls', callBody({ openingDate: day(-10), cutOffs: [day(30), day(60)] }));
      if (created.statusCode !== 201) throw new Error(`appel : ${created.body}`);
      const callId = created.json().id;
      if ((await op.call('POST', `/api/calls/${callId}/status`, { to: 'open' })).statusCode !== 200) throw new Error('ouverture');
      const p = new TestClient(app);
      await p.signIn(PROVIDER, DEMO_PASSWORD);
      await actFor(async (m, url, body) => {
        const r = await p.call(m, url, body);
        return { status: r.statusCode, body: r.json() };
      }, provider1);
      const training = sampleTraining(1, { budget: { totalCents: 1_000_000, regionCents: 500_000, privateCents: 0, ownCents: 100_000, requestedCents: 400_000 } });
      for (let i = 1; i <= K; i++) {
        const id = (await p.call('POST', '/api/proposals', { callId, title: title(i) })).json().id as string;
        const saved = await p.call('PUT', `/api/proposals/${id}`, { title: title(i), data: sampleData(), trainings: [training] });
        if (saved.statusCode !== 200) throw new Error(`brouillon ${i} : ${saved.body}`);
        if ((await upload(app, p, `/api/proposals/${id}/attachments?kind=budget`, PDF)).statusCode !== 201) throw new Error(`pièce ${i}`);
        const ready = await p.call('GET', `/api/proposals/${id}`);
        if (ready.json().missing.length > 0) throw new Error(`dossier ${i} incomplet : ${JSON.stringify(ready.json().missing)}`);
        ids.push(id);
      }
    } finally {
      await app.close();
    }
    watcher = await connect(cluster.url);
  });

  afterAll(async () => {
    await server?.stop();
    await watcher?.end();
    await database?.close();
    cluster?.destroy();
  });

  /** Each proposal's state, audit rows of its submission and receipts mailed. */
  const states = async () =>
    (
      await watcher.query<{ id: string; status: string; submitted_at: Date | null; audits: string; receipts: string }>(
        `select p.id, p.status, p.submitted_at,
                (select count(*) from audit a where a.action = 'proposal.submitted' and a.object_id = p.id::text) as audits,
                (select count(*) from mail_outbox m where m.kind = 'calls.submission_receipt' and m.subject like '%« ' || p.title || ' »%') as receipts
           from proposals p where p.id = any($1::uuid[])`,
        [ids],
      )
    ).rows.map((r) => ({ id: r.id, status: r.status, submitted: r.submitted_at !== null, audits: Number(r.audits), receipts: Number(r.receipts) }));

  it('loses and duplicates no submission', async () => {
    server = await startServe({ DATABASE_URL: cluster.url });
    const provider = new HttpClient(server.base);
    await provider.signIn(PROVIDER, DEMO_PASSWORD);
    await actFor((m, url, body) => provider.call(m, url, body), provider1);
    const recipients = await count(watcher, `select count(*) as n from memberships where organisation_id = $1 and ended_at is null`, [provider1]);

    const acknowledged = new Set<string>();
    const requests = ids.map((id) =>
      provider.call('POST', `/api/proposals/${id}/submit`).then(
        (r) => {
          if (r.status === 200) acknowledged.add(id);
          else if (r.status !== 200) throw new Error(`dépôt ${id} : ${r.status} ${JSON.stringify(r.body)}`);
        },
        () => undefined, // cut by the kill
      ),
    );
    await waitFor(
      'un quart des dossiers déposés, dont un confirmé',
      async () => acknowledged.size > 0 && (await count(watcher, `select count(*) as n from proposals where status = 'submitted'`)) >= K / 4,
      45_000,
      2,
    );
    const inFlight = (await backends(watcher, 'postgres')).filter((b) => b.application !== 'fabriques-jobs');
    await server.kill9();
    await Promise.all(requests);
    await waitRolledBack(watcher, 'postgres', inFlight.map((b) => b.pid));

    const after = await states();
    const submitted = after.filter((s) => s.status === 'submitted');
    const drafts = after.filter((s) => s.status === 'draft');
    expect(submitted.length + drafts.length).toBe(K);
    expect(submitted.length, 'killed before any submission').toBeGreaterThan(0);
    expect(drafts.length, 'killed after every submission: too late to say anything').toBeGreaterThan(0);
    for (const s of submitted) expect(s, 'submitted once, audited once, receipt mailed').toEqual({ id: s.id, status: 'submitted', submitted: true, audits: 1, receipts: recipients });
    for (const d of drafts) expect(d, 'a draft keeps no trace of a submission').toEqual({ id: d.id, status: 'draft', submitted: false, audits: 0, receipts: 0 });
    for (const id of acknowledged) expect(submitted.map((s) => s.id), 'an acknowledged submission is never lost').toContain(id);
    const figures = `${K} submissions sent, ${acknowledged.size} acknowledged before the kill, ${submitted.length} committed, ${drafts.length} still drafts, ${inFlight.filter((b) => b.xid).length} transaction(s) open at the kill`;

    // the restarted server takes the drafts, once
    server = await startServe({ DATABASE_URL: cluster.url });
    const again = new HttpClient(server.base);
    await again.signIn(PROVIDER, DEMO_PASSWORD);
    await actFor((m, url, body) => again.call(m, url, body), provider1);
    for (const d of drafts) expect((await again.call('POST', `/api/proposals/${d.id}/submit`)).status).toBe(200);
    const twice = await again.call('POST', `/api/proposals/${submitted[0]!.id}/submit`);
    expect(twice.status).toBe(409);
    const final = await states();
    for (const s of final) expect(s).toEqual({ id: s.id, status: 'submitted', submitted: true, audits: 1, receipts: recipients });
    console.log(`[figures] crash proposal submission: ${figures}; after restart all ${K} submitted exactly once`);
  });
});
