// The cross-organisation half of the authorisation matrix: every route whose path names an object, for
// every role it admits, called by a second account of that role (another organisation, a reviewer not
// assigned, a funder of another région, another candidate) on an object of the first account: 404, as if
// it did not exist, and nothing written. The same GET by the first account answers 200, so each 404 is
// the ownership rule, not a missing fixture. Lists are checked too: nobody's list shows the others' objects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { PDF } from '../src/areas/calls/test-support.ts';
import { AUTHZ_MATRIX, CROSS_ORG, type CrossOrgCheck } from './authz-matrix.ts';
import { matrixWorld, ROLE_OF, SECOND, type Actor, type MatrixWorld } from './authz-matrix-world.ts';
import type { TestClient } from './support/app.ts';
import { dbFingerprint } from './fuzz/fingerprint.ts';

let w: MatrixWorld;
const clients = new Map<Actor, TestClient>();
const client = async (actor: Actor) => {
  let c = clients.get(actor);
  if (!c) clients.set(actor, (c = await w.as(actor)));
  return c;
};

beforeAll(async () => {
  w = await matrixWorld();
});

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

const withParams = (routeKey: string) => routeKey.includes('/:');
const declared = () => [...w.app.routeAccess.keys()].filter((k) => k.includes(' /api/'));
const admitted = (key: string): string[] => {
  const e = AUTHZ_MATRIX[key]!;
  return e === 'public' ? ['public'] : e === 'signed-in' ? ['signed-in'] : [...e];
};

async function send(c: TestClient, method: string, url: string, check: CrossOrgCheck) {
  if (check.upload !== undefined) {
    return w.app.inject({
      method: 'POST',
      url: url + check.upload,
      headers: { cookie: c.cookie!, 'x-csrf-token': c.csrf!, 'content-type': 'application/pdf', 'x-file-name': 'intrus.pdf' },
      payload: PDF,
    });
  }
  return c.call(method as 'GET', url, check.body ? check.body(w.objects) : method === 'GET' || method === 'DELETE' ? undefined : {});
}

describe('the cross-organisation matrix', () => {
  it('has an entry for every route that names an object, covering every role it admits', () => {
    const routes = declared().filter(withParams);
    expect(
      routes.filter((k) => !(k in CROSS_ORG)),
      'routes with a path parameter and no entry in CROSS_ORG (test/authz-matrix.ts)',
    ).toEqual([]);
    expect(Object.keys(CROSS_ORG).filter((k) => !routes.includes(k))).toEqual([]);
    const uncovered: string[] = [];
    for (const key of routes) {
      const entry = CROSS_ORG[key]!;
      for (const role of admitted(key)) {
        const checked = entry.checks.some((c) => ROLE_OF[c.as] === role && (SECOND as readonly string[]).includes(c.as));
        if (!checked && !entry.exempt?.[role]) uncovered.push(`${key} × ${role}`);
      }
      // a check by a role the route does not admit would be a 403 of the layer, not the ownership rule
      for (const c of entry.checks) if (!admitted(key).includes(ROLE_OF[c.as])) uncovered.push(`${key}: ${c.as} is not admitted`);
    }
    expect(uncovered, 'admitted roles with neither a second-organisation check nor a reason').toEqual([]);
  });

  it('answers 404 to every second account on the first accounts’ objects, and writes nothing', async () => {
    const failures: string[] = [];
    let denials = 0;
    let controls = 0;
    const routes = new Set<string>();
    const pairs = new Set<string>();
    for (const key of declared().filter(withParams)) {
      const entry = CROSS_ORG[key];
      if (!entry) continue; // reported by the first test
      const [method, pattern] = key.split(' ') as [string, string];
      for (const check of entry.checks) {
        const params = check.params(w.objects);
        const url = pattern.replace(/:(\w+)/g, (_, name: string) => {
          if (!(name in params)) throw new Error(`${key}: no value for :${name}`);
          return params[name]!;
        });
        const caller = await client(check.as);
        const before = await dbFingerprint(w.database);
        const res = await send(caller, method, url, check);
        denials++;
        routes.add(key);
        pairs.add(`${key} × ${ROLE_OF[check.as]}`);
        if (res.statusCode !== 404) failures.push(`${key} as ${check.as}: ${res.statusCode} ${res.body.slice(0, 200)} (404 expected)`);
        else if (res.json().error !== undefined && typeof res.json().message !== 'string') failures.push(`${key} as ${check.as}: 404 without a message`);
        const after = await dbFingerprint(w.database);
        if (after !== before) failures.push(`${key} as ${check.as}: the database changed on a refusal`);
        // the owner's GET answers 200: the object exists, the 404 is the ownership rule
        if (method === 'GET' && check.control !== false && (SECOND as readonly string[]).includes(check.as)) {
          const owner = ROLE_OF[check.as] as Actor;
          const mine = await (await client(owner)).call('GET', url);
          controls++;
          if (mine.statusCode !== 200) failures.push(`${key} as ${owner} (owner): ${mine.statusCode} (200 expected)`);
        }
      }
    }
    expect(failures).toEqual([]);
    const exemptions = declared()
      .filter(withParams)
      .reduce((n, k) => n + Object.keys(CROSS_ORG[k]?.exempt ?? {}).length, 0);
    console.log(
      `cross-organisation matrix: ${routes.size} routes naming an object, ${pairs.size} route × role pairs, ` +
        `${denials} route × role × other-organisation calls answered 404 with nothing written, ${controls} owner controls answered 200, ` +
        `${exemptions} route × role exemptions with a reason (public, national operator)`,
    );
  });

  it('still lets the first accounts reach what the denials aimed at (nothing was ended or withdrawn)', async () => {
    const o = w.objects;
    expect((await (await client('prescriber')).call('GET', `/api/prescriber/candidates/${o.candidate}`)).statusCode).toBe(200);
    const wishes = (await (await client('candidate')).call('GET', '/api/candidate/wishes')).json();
    expect(JSON.stringify(wishes)).toContain(o.wish);
    const [row] = await w.database.rows<{ n: number }>(sql`select count(*)::int as n from memberships where ended_at is not null`);
    expect(row!.n).toBe(0);
    const [inv] = await w.database.rows<{ n: number }>(sql`select count(*)::int as n from invitations where revoked_at is not null`);
    expect(inv!.n).toBe(0);
  });

  it('shows nobody the others’ objects in their lists', async () => {
    const o = w.objects;
    const lists: [Actor, string, string[]][] = [
      ['other provider', '/api/proposals', [o.proposal]],
      ['other provider', '/api/grants', [o.grant]],
      ['other provider', '/api/provider/applications', [o.wish, o.candidate]],
      ['other provider', '/api/provider/admissions/sessions', [o.session]],
      ['other provider', '/api/provider/labels', [o.label]],
      ['funder of another région', '/api/grants', [o.grant]],
      ['funder of another région', '/api/grants/summary', [o.call]],
      ['reviewer not assigned', '/api/reviews', [o.proposal]],
      ['other prescriber', '/api/prescriber/candidates', [o.candidate]],
      ['prescriber', '/api/prescriber/candidates', [o.candidateNotFollowing]],
      ['other candidate', '/api/candidate/wishes', [o.wish]],
      ['other candidate', '/api/candidate/admissions', [o.offer, o.wish]],
      ['other candidate', '/api/learner/enrolments', [o.enrolment]],
      ['other candidate', '/api/candidate/profile', [o.candidate, o.document]],
      ['other candidate', '/api/account/data', [o.candidate, o.wish, o.document, o.enrolment]],
    ];
    const leaks: string[] = [];
    for (const [actor, url, ids] of lists) {
      const res = await (await client(actor)).call('GET', url);
      expect(res.statusCode, `${url} as ${actor}`).toBe(200);
      for (const id of ids) if (res.body.includes(id)) leaks.push(`${url} as ${actor} shows ${id}`);
    }
    // and the first accounts do see them (the lists are not merely empty)
    const own: [Actor, string, string][] = [
      ['provider', '/api/proposals', o.proposal],
      ['provider', '/api/grants', o.grant],
      ['provider', '/api/provider/labels', o.label],
      ['funder', '/api/grants', o.grant],
      ['reviewer', '/api/reviews', o.proposal],
      ['prescriber', '/api/prescriber/candidates', o.candidate],
      ['candidate', '/api/learner/enrolments', o.enrolment],
    ];
    for (const [actor, url, id] of own) if (!(await (await client(actor)).call('GET', url)).body.includes(id)) leaks.push(`${url} as ${actor} does not show its own ${id}`);
    expect(leaks).toEqual([]);
  });
});
