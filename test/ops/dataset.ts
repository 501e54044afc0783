/**
 * A small realistic platform for the backup and export round trips, written through the product
 * (the in-process app on the given database): the demo network and accounts, candidates with
 * diagnoses and wishes, a published ranking, an offer round and answers (offers, wish events,
 * seats counters, mails), a call for projects with a submitted proposal and its PDF (bytea), the
 * audit trail (identity ids) — plus a row whose text is awkward (quotes, backslashes, newline, emoji).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';
import { hashPassword } from '../../src/areas/accounts/passwords.ts';
import { DEMO_PASSWORD, insertDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { generateDemoNetwork } from '../../src/seed/generate.ts';
import { insertNetworkRows } from '../../src/seed/insert.ts';
import { addCandidates, addSession, addWish, candidateClient, rankAndPublish, signedIn, OPERATOR_EMAIL, PROVIDER_EMAIL, type World } from '../../src/areas/admissions/test-support.ts';
import { callBody, PDF, upload } from '../../src/areas/calls/test-support.ts';
import { sampleData, sampleTraining } from '../../src/areas/calls/domain/fixtures.ts';
import { testApp } from '../support/app.ts';

export const AWKWARD = 'L’atelier « numérique » d\'O\'Brien \\ C:\\chemin\n2e ligne\t🚀 "fin"';

/** A test-cost argon2 hash of the demo password (the cost is stored in the hash itself). */
export const cheapHash = () => hashPassword(DEMO_PASSWORD, { memoryCost: 8192, timeCost: 1 });

/** The demo network (4 providers) and the demo accounts; returns the first provider and one of its trainings. */
export async function seedNetwork(database: Database, seed = 6): Promise<{ ownProvider: string; ownTraining: string; foreignTraining: string; passwordHash: string }> {
  const rows = generateDemoNetwork({ seed, providers: 4, trainings: 6, sessions: 4, today: '2026-11-29' });
  const passwordHash = await cheapHash();
  await database.db.transaction(async (tx) => {
    await insertNetworkRows(tx, rows);
    await insertDemoAccounts(tx, rows.organisations, passwordHash);
  });
  const providers = rows.organisations.filter((o) => o.kind === 'provider');
  return {
    ownProvider: providers[0]!.id,
    ownTraining: rows.trainings.find((t) => t.providerId === providers[0]!.id)!.id,
    foreignTraining: rows.trainings.find((t) => t.providerId !== providers[0]!.id && t.providerId !== providers[1]!.id)!.id,
    passwordHash,
  };
}

export async function seedRealistic(database: Database): Promise<void> {
  const net = await seedNetwork(database);
  const clock = { now: new Date('2026-12-01T09:00:00Z') };
  const app = await testApp(database, { clock: () => clock.now });
  try {
    const w: World = { database, dispose: async () => {}, app, clock, ...net };
    const expect = (ok: boolean, what: string) => {
      if (!ok) throw new Error(`jeu de données : ${what}`);
    };
    // admissions: 6 candidates, 3 seats, a round, one acceptance and one refusal
    const provider = await signedIn(w, PROVIDER_EMAIL);
    const operator = await signedIn(w, OPERATOR_EMAIL);
    const session = await addSession(w, w.ownTraining, 3);
    const people = await addCandidates(w, Array.from({ length: 6 }, (_, i) => ({ name: `Export${i + 1}`, flags: i % 2 ? ['scholarship'] : [] })));
    const wishes: string[] = [];
    for (const p of people) wishes.push(await addWish(w, p, session));
    await rankAndPublish(provider, session, wishes);
    expect((await operator.call('POST', '/api/admissions/rounds')).statusCode === 201, 'tour de propositions');
    const view = async (i: number) => (await (await candidateClient(w, people[i]!)).call('GET', '/api/candidate/admissions')).json().items[0];
    const c0 = await candidateClient(w, people[0]!);
    expect((await c0.call('POST', `/api/candidate/offers/${(await view(0)).offer.id}/accept`, {})).statusCode === 200, 'acceptation');
    const c1 = await candidateClient(w, people[1]!);
    expect((await c1.call('POST', `/api/candidate/offers/${(await view(1)).offer.id}/decline`)).statusCode === 200, 'refus');
    // calls: an open call, a complete proposal with its PDF, submitted
    const call = await operator.call('POST', '/api/calls', callBody());
    expect(call.statusCode === 201, `appel ${call.body}`);
    const callId = call.json().id as string;
    expect((await operator.call('POST', `/api/calls/${callId}/status`, { to: 'open' })).statusCode === 200, 'ouverture de l’appel');
    const proposal = (await provider.call('POST', '/api/proposals', { callId, title: 'Fabrique numérique de Lyon' })).json().id as string;
    expect((await provider.call('PUT', `/api/proposals/${proposal}`, { title: 'Fabrique numérique de Lyon', data: sampleData(), trainings: [sampleTraining(1)] })).statusCode === 200, 'brouillon');
    expect((await upload(app, provider, `/api/proposals/${proposal}/attachments?kind=budget`, PDF)).statusCode === 201, 'pièce jointe');
    const submitted = await provider.call('POST', `/api/proposals/${proposal}/submit`);
    expect(submitted.statusCode === 200, `dépôt ${submitted.body}`);
    // awkward text where values are free
    await database.rows(sql`update organisations set name = ${AWKWARD} where id = ${net.ownProvider}`);
  } finally {
    await app.close();
  }
}
