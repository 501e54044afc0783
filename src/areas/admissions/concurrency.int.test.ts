/**
 * 50 simultaneous answers while a round runs (and a second round at the same instant): on PostgreSQL
 * they really run at once (CI runs this file on PG 15), on PGlite they serialise. The invariant of
 * ADMISSIONS.md must hold: with no margin and no block call, accepted ≤ seats; one accepted offer per
 * candidate; wishes and offers agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestClient } from '../../../test/support/app.ts';
import { addCandidates, addSession, addWish, candidateClient, invariantProblems, OPERATOR_EMAIL, PROVIDER_EMAIL, rankAndPublish, signedIn, world, type World } from './test-support.ts';

let w: World;

beforeAll(async () => {
  w = await world('2027-01-11T08:00:00Z');
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

describe('concurrent answers and rounds', () => {
  it('keep accepted ≤ seats and one acceptance per candidate', async () => {
    const provider = await signedIn(w, PROVIDER_EMAIL);
    const a = await addSession(w, w.ownTraining, 25, '2027-05-03');
    const b = await addSession(w, w.ownTraining, 25, '2027-05-03');
    const people = await addCandidates(w, Array.from({ length: 70 }, (_, i) => ({ flags: i % 3 === 0 ? ['scholarship'] : [] })));
    const wa: string[] = [];
    const wb: string[] = [];
    for (const [i, p] of people.entries()) {
      // half prefer a, half prefer b
      if (i % 2 === 0) {
        wa.push(await addWish(w, p, a));
        wb.push(await addWish(w, p, b));
      } else {
        wb.push(await addWish(w, p, b));
        wa.push(await addWish(w, p, a));
      }
    }
    await provider.call('PUT', `/api/provider/sessions/${a}/admissions/settings`, { constraints: [{ name: 'scholarship', rate: 30 }], overbookingMargin: 0, blockCallRank: 0, answerDays: 3 });
    await rankAndPublish(provider, a, wa);
    await rankAndPublish(provider, b, [...wb].reverse());
    const operator = await signedIn(w, OPERATOR_EMAIL);
    expect((await operator.call('POST', '/api/admissions/rounds')).statusCode).toBe(201);

    const pending = await w.database.rows<{ id: string; candidate: string }>(sql`select id, candidate_user_id as candidate from admission_offers where status = 'pending' order by candidate_user_id, id`);
    const candidates = [...new Set(pending.map((p) => p.candidate))];
    expect(candidates.length).toBeGreaterThanOrEqual(40);
    const clients = new Map<string, TestClient>();
    for (const c of candidates) clients.set(c, await candidateClient(w, c));
    // 50 answers: most accept one of their offers (some the other offer too, in a second request), some decline
    const answers: { client: TestClient; url: string; body?: object }[] = [];
    let k = 0;
    while (answers.length < 50) {
      const c = candidates[k % candidates.length]!;
      const theirs = pending.filter((p) => p.candidate === c);
      const offer = theirs[Math.floor(k / candidates.length) % theirs.length]!;
      answers.push(k % 5 === 4 ? { client: clients.get(c)!, url: `/api/candidate/offers/${offer.id}/decline` } : { client: clients.get(c)!, url: `/api/candidate/offers/${offer.id}/accept`, body: { withdrawWorse: k % 2 === 0 } });
      k++;
    }
    // free seats for the concurrent rounds: some acceptances of the first round are released first
    const results = await Promise.all([
      operator.call('POST', '/api/admissions/rounds'),
      ...answers.map((x) => x.client.call('POST', x.url, x.body)),
      operator.call('POST', '/api/admissions/rounds'),
    ]);
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s >= 500), results.filter((r) => r.statusCode >= 500).map((r) => r.body).join('\n')).toEqual([]);
    expect(statuses[0]).toBe(201);
    expect(statuses.at(-1)).toBe(201);
    // an answer either went through or found its offer already answered (a candidate answering twice)
    for (const r of results.slice(1, -1)) expect([200, 409]).toContain(r.statusCode);
    expect(results.slice(1, -1).filter((r) => r.statusCode === 200).length).toBeGreaterThanOrEqual(40);
    expect(await invariantProblems(w.database)).toEqual([]);
    const holders = await w.database.rows<{ seats: number; accepted: number; held: number }>(sql`
      select s.seats, count(*) filter (where w.status = 'accepted')::int as accepted, count(*) filter (where w.status in ('offered','accepted'))::int as held
        from sessions s join wishes w on w.session_id = s.id where s.id in (${a}::uuid, ${b}::uuid) group by s.id, s.seats`);
    for (const h of holders) {
      expect(h.accepted).toBeLessThanOrEqual(h.seats);
      expect(h.held).toBeLessThanOrEqual(h.seats);
    }
    // and the next round fills exactly the seats freed
    expect((await operator.call('POST', '/api/admissions/rounds')).statusCode).toBe(201);
    expect(await invariantProblems(w.database)).toEqual([]);
    console.log(`concurrency (${w.database.kind}): ${results.length - 2} answers with 2 rounds, statuses ${JSON.stringify(Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length])))}`);
  });
});
