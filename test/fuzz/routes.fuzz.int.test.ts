// Property-based fuzzing of every operation of the OpenAPI document: for each, a fixed number of cases
// built from its own schemas (path parameters, query string, JSON body) and mutated — wrong types,
// oversized, unicode, injection-looking, missing or unknown fields, malformed JSON, other content types,
// raw bytes for uploads, sometimes no CSRF token — sent by a signed-in client of a role the route admits,
// on a world where every kind of object exists (test/authz-matrix-world.ts). Properties: never a 5xx;
// a 4xx answers JSON { error, message } and writes nothing (row triggers record every write, see
// write-tracker.ts). Deterministic: FUZZ_SEED (printed) and FUZZ_CASES per operation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Access } from '../../src/areas/accounts/domain/access.ts';
import { addSession } from '../../src/areas/admissions/test-support.ts';
import { defaultCallForm } from '../../src/areas/calls/domain/call-form.ts';
import { sampleData, sampleTraining } from '../../src/areas/calls/domain/fixtures.ts';
import { callBody, PDF, upload } from '../../src/areas/calls/test-support.ts';
import { matrixWorld, type Actor, type MatrixWorld, type Objects } from '../authz-matrix-world.ts';
import type { TestClient } from '../support/app.ts';
import { hostile, hostileAny, mutated, nastyString, pointMutated, valid, type JsonSchema, type Pools } from './arbitraries.ts';
import { installWriteTracker, writeMark, writesSince } from './write-tracker.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_507);
const CASES = Number(process.env.FUZZ_CASES ?? 30);

/**
 * Writes a refused request may make, and why. A sign-in attempt sent with a session ends that session
 * first, whatever its outcome (a new session id at every sign-in: a failed attempt does not leave the
 * former account signed in on a shared computer).
 */
const ALLOWED_ON_REFUSAL: Record<string, string[]> = { 'POST /api/auth/sign-in': ['auth_sessions delete'] };

interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  key: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  params: Parameter[];
  body?: JsonSchema;
}

interface Case {
  role: string;
  path: Record<string, string>;
  query: [string, string][];
  body: { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; type: string; payload: string | Buffer };
  fileName?: string;
  csrf: 'ok' | 'missing' | 'wrong';
  ip: string;
}

let w: MatrixWorld;
let pools: Pools;
let colleagueMemberships: string[];
let draftProposal: string;
let draftAttachment: string;
let openSession: string;
let openWishes: string[];
let call2: string;
const ROLE_ACTOR: Record<string, Actor> = { operator: 'operator', provider: 'provider', prescriber: 'prescriber', reviewer: 'reviewer', funder: 'funder', employer: 'employer', candidate: 'candidate' };

beforeAll(async () => {
  w = await matrixWorld();
  // a colleague in each first organisation: what a fuzzed « end this membership » may hit without locking the fuzzing accounts out
  colleagueMemberships = [];
  for (const [role, org] of Object.entries(w.objects.org)) {
    if (role === 'reviewer') continue;
    const [u] = await w.database.rows<{ id: string }>(sql`insert into users (email, email_verified_at, given_name, family_name) values (${`collegue.${role}@fuzz.fabriques.fr`}, now(), 'Collègue', 'Fuzz') returning id`);
    const [m] = await w.database.rows<{ id: string }>(sql`insert into memberships (user_id, organisation_id, role) values (${u!.id}, ${org}, ${role}) returning id`);
    colleagueMemberships.push(m!.id);
  }
  // beside the world's objects (a decided proposal, a session whose offers have started), ones still
  // open to every change: a draft proposal in an open call, a recruiting session with unranked wishes
  const o = w.objects;
  const op = await w.as('operator');
  const form = defaultCallForm('2027-02-01', ['2027-06-30', '2027-09-30']);
  call2 = (await op.call('POST', '/api/calls', callBody(form, { title: 'Appel à labellisation 2027 – vague 5' }))).json().id as string;
  await op.call('POST', `/api/calls/${call2}/status`, { to: 'open' });
  const provider = await w.as('provider');
  draftProposal = (await provider.call('POST', '/api/proposals', { callId: call2, title: 'Dossier en cours' })).json().id as string;
  await provider.call('PUT', `/api/proposals/${draftProposal}`, { title: 'Dossier en cours', data: sampleData(form), trainings: [sampleTraining(2)] });
  draftAttachment = (await upload(w.app, provider, `/api/proposals/${draftProposal}/attachments?kind=budget`, PDF)).json().id as string;
  openSession = await addSession(w, w.ownTraining, 10, '2027-06-01');
  openWishes = [];
  for (const actor of ['candidate', 'other candidate'] as const) {
    const c = await w.as(actor);
    const res = await c.call('POST', '/api/candidate/wishes', { sessionId: openSession, motivation: 'Je souhaite rejoindre cette session.' });
    if (res.statusCode !== 201) throw new Error(`fuzz world: wish of ${actor}: ${res.statusCode} ${res.body}`);
    openWishes.push((res.json() as { id: string }).id);
  }
  if (!draftProposal || !draftAttachment || openWishes.length !== 2) throw new Error('fuzz world: an extra object is missing');
  pools = {
    uuids: [
      ...Object.values(o.org),
      ...Object.values(o.otherOrg),
      ...colleagueMemberships,
      ...Object.values(o.invitation),
      o.call,
      call2,
      o.proposal,
      draftProposal,
      draftAttachment,
      openSession,
      ...openWishes,
      o.proposalTraining,
      o.attachment,
      o.label,
      o.training,
      o.grant,
      o.tranche,
      o.evidence,
      o.session,
      o.wish,
      o.offer,
      o.enrolment,
      o.aidRequest,
      o.document,
      o.candidate,
      o.candidateNotFollowing,
      ...o.reviewerIds,
    ],
  };
  await installWriteTracker(w.database);
}, 180_000);

afterAll(async () => {
  await w?.app.close();
  await w?.dispose();
});

/** The objects a path parameter most likely names, by route and name (the fuzz also sends others). */
function paramPool(path: string, name: string, o: Objects): string[] {
  const byName: Record<string, string[]> = {
    membershipId: colleagueMemberships,
    invitationId: Object.values(o.invitation),
    attachmentId: [o.attachment, draftAttachment],
    trancheId: [o.tranche],
    evidenceId: [o.evidence],
    organisationId: [o.org.prescriber!],
    documentId: [o.document],
    wishId: [o.wish, ...openWishes],
    userId: [o.candidate, o.candidateNotFollowing],
    sessionId: [o.session, openSession],
    offerId: [o.offer],
    enrolmentId: [o.enrolment],
    requestId: [o.aidRequest],
    provider: ['local', 'franceconnect', 'proconnect'],
    trainingId: path.startsWith('/api/proposals') ? [o.proposalTraining] : [o.training],
  };
  if (name !== 'id') return byName[name] ?? pools.uuids.slice();
  const prefix = path.split('/')[2];
  const byPrefix: Record<string, string[]> = {
    organisations: Object.values(o.org),
    calls: [o.call, call2],
    proposals: [o.proposal, draftProposal],
    labels: [o.label],
    grants: [o.grant],
    trainings: [o.training],
  };
  return byPrefix[prefix!] ?? pools.uuids.slice();
}

const RAW_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%ED%A0%80', '..', '%2e%2e', '%2F', '%00', '%20', '-', '0', '1e3', 'null'];

function encodeSegment(s: string): string {
  const cut = s.length > 5_000 ? s.slice(0, 5_000) : s;
  try {
    return encodeURIComponent(cut);
  } catch {
    return '%ED%A0%80';
  }
}

const asQueryValues = (v: unknown): string[] => {
  if (v === undefined) return [];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'object' && x !== null ? [JSON.stringify(x)] : [String(x)]));
  if (typeof v === 'object' && v !== null) return [JSON.stringify(v)];
  const s = String(v);
  return [s.length > 20_000 ? s.slice(0, 20_000) : s];
};

/** Malformed or hostile raw bodies: broken JSON, deep nesting, huge, prototype pollution, wrong content types. */
const rawBody: fc.Arbitrary<Case['body']> = fc.oneof(
  fc.constantFrom<Case['body']>(
    { kind: 'raw', type: 'application/json', payload: '{' },
    { kind: 'raw', type: 'application/json', payload: '{"a":1,}' },
    { kind: 'raw', type: 'application/json', payload: "{'a':1}" },
    { kind: 'raw', type: 'application/json', payload: 'null' },
    { kind: 'raw', type: 'application/json', payload: '"texte"' },
    { kind: 'raw', type: 'application/json', payload: '12' },
    { kind: 'raw', type: 'application/json', payload: '' },
    { kind: 'raw', type: 'application/json', payload: '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}' },
    { kind: 'raw', type: 'application/json', payload: '['.repeat(20_000) + ']'.repeat(20_000) },
    { kind: 'raw', type: 'application/json', payload: `{"a":"${'x'.repeat(1_100_000)}"}` },
    { kind: 'raw', type: 'application/json', payload: '{"a":"\\ud800"}' },
    { kind: 'raw', type: 'application/json', payload: '{"a":"\\u0000"}' },
    { kind: 'raw', type: 'application/json; charset=latin1', payload: '{"a":"é"}' },
    { kind: 'raw', type: 'text/plain', payload: 'bonjour' },
    { kind: 'raw', type: 'application/x-www-form-urlencoded', payload: 'a=1&a=2&__proto__[x]=1' },
    { kind: 'raw', type: 'multipart/form-data; boundary=x', payload: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--' },
    { kind: 'raw', type: 'application/xml', payload: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
    { kind: 'raw', type: 'application/pdf', payload: Buffer.from('%PDF-1.4\n%%EOF\n') },
  ),
  fc.uint8Array({ maxLength: 2_048 }).map((b): Case['body'] => ({ kind: 'raw', type: 'application/octet-stream', payload: Buffer.from(b) })),
  fc.uint8Array({ maxLength: 2_048 }).map((b): Case['body'] => ({ kind: 'raw', type: 'application/pdf', payload: Buffer.concat([Buffer.from('%PDF-'), Buffer.from(b)]) })),
  fc.uint8Array({ maxLength: 512 }).map((b): Case['body'] => ({ kind: 'raw', type: 'image/png', payload: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(b)]) })),
);

function caseArbitrary(op: Operation, roles: string[]): fc.Arbitrary<Case> {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const pathArb = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof(
          { arbitrary: fc.constantFrom(...paramPool(op.path, p.name, w.objects)).map(encodeSegment), weight: 6 },
          { arbitrary: fc.uuid().map(encodeSegment), weight: 1 },
          { arbitrary: nastyString.map(encodeSegment), weight: 2 },
          { arbitrary: fc.constantFrom(...RAW_SEGMENTS), weight: 1 },
        ),
      ]),
    ),
  ) as fc.Arbitrary<Record<string, string>>;
  const oneParam = (p: Parameter) =>
    fc.oneof({ arbitrary: valid(p.schema, pools), weight: 2 }, { arbitrary: mutated(p.schema, pools), weight: 1 }, { arbitrary: hostile(p.schema), weight: 1 }).map((v) => asQueryValues(v).map((s) => [p.name, s] as [string, string]));
  const required = queryParams.filter((p) => p.required);
  // one parameter at a time (with the required ones), or all of them at once
  const singleArb = queryParams.length
    ? fc.integer({ min: 0, max: queryParams.length - 1 }).chain((k) => fc.tuple(...[...new Set([queryParams[k]!, ...required])].map(oneParam)).map((xs) => xs.flat()))
    : fc.constant([] as [string, string][]);
  const allArb = fc
    .tuple(
      fc.tuple(
        ...queryParams.map((p) =>
          fc
            .oneof(
              { arbitrary: valid(p.schema, pools), weight: 4 },
              { arbitrary: mutated(p.schema, pools), weight: 1 },
              { arbitrary: hostile(p.schema), weight: 1 },
              // optional parameters mostly left out, so that a case with one bad value is not also refused for another
              { arbitrary: fc.constant(undefined), weight: p.required ? 1 : 6 },
            )
            .map((v) => asQueryValues(v).map((s) => [p.name, s] as [string, string])),
        ),
      ),
      fc.oneof({ arbitrary: fc.constant([] as [string, string][]), weight: 5 }, { arbitrary: fc.array(fc.tuple(nastyString, nastyString).map(([k, v]) => [k.slice(0, 100), v.slice(0, 1_000)] as [string, string]), { maxLength: 3 }), weight: 1 }),
    )
    .map(([known, extra]) => [...known.flat(), ...extra]);
  const queryArb = fc.oneof({ arbitrary: allArb, weight: 2 }, { arbitrary: singleArb, weight: 2 }, { arbitrary: fc.constant([] as [string, string][]), weight: 1 });
  const wantsBody = op.method === 'POST' || op.method === 'PUT';
  const bodyArb: fc.Arbitrary<Case['body']> = op.body
    ? fc.oneof(
        { arbitrary: mutated(op.body, pools).map((value): Case['body'] => ({ kind: 'json', value })), weight: 5 },
        { arbitrary: pointMutated(op.body, pools).map((value): Case['body'] => ({ kind: 'json', value })), weight: 5 },
        { arbitrary: valid(op.body, pools).map((value): Case['body'] => ({ kind: 'json', value })), weight: 4 },
        { arbitrary: hostileAny.map((value): Case['body'] => ({ kind: 'json', value })), weight: 2 },
        { arbitrary: rawBody, weight: 2 },
        { arbitrary: fc.constant<Case['body']>({ kind: 'none' }), weight: 1 },
      )
    : wantsBody
      ? fc.oneof(
          { arbitrary: fc.constant<Case['body']>({ kind: 'none' }), weight: 3 },
          { arbitrary: rawBody, weight: 4 },
          { arbitrary: hostileAny.map((value): Case['body'] => ({ kind: 'json', value })), weight: 2 },
        )
      : fc.oneof({ arbitrary: fc.constant<Case['body']>({ kind: 'none' }), weight: 8 }, { arbitrary: rawBody, weight: 1 });
  return fc.record({
    role: fc.constantFrom(...roles),
    path: pathArb,
    query: queryArb,
    body: bodyArb,
    fileName: fc.option(nastyString, { nil: undefined }),
    csrf: fc.constantFrom<Case['csrf']>('ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'missing', 'wrong'),
    ip: fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(([a, b, c]) => `10.${a}.${b}.${c}`),
  });
}

function operations(): Operation[] {
  const doc = w.app.swagger() as { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase() as Operation['method'];
      const route = path.replace(/\{(\w+)\}/g, ':$1');
      ops.push({ key: `${method} ${route}`, method, path: route, params: op.parameters ?? [], body: op.requestBody?.content['application/json']?.schema });
    }
  }
  // reads first (on the richest state), then writes, deletions last; alphabetical within each
  const order = { GET: 0, PUT: 1, POST: 1, DELETE: 2 };
  return ops.sort((a, b) => order[a.method] - order[b.method] || a.key.localeCompare(b.key));
}

function rolesFor(access: Access | undefined): string[] {
  if (access === undefined || access === 'public') return ['anonymous', 'candidate'];
  if (access === 'signed-in') return Object.keys(ROLE_ACTOR);
  return [...access.roles];
}

/** A stable per-operation seed: adding an operation does not change the others' cases. */
function seedOf(key: string): number {
  let h = SEED | 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function describeCase(c: Case, url: string): string {
  const body =
    c.body.kind === 'none' ? 'no body' : c.body.kind === 'json' ? `json ${JSON.stringify(c.body.value)?.slice(0, 300)}` : `${c.body.type} ${String(c.body.payload).slice(0, 120)} (${c.body.payload.length} b)`;
  return `as ${c.role}, csrf ${c.csrf}: ${url.slice(0, 300)} — ${body}`;
}

describe('fuzzing every route of the OpenAPI document', () => {
  it('never answers 5xx, and a 4xx is JSON { error, message } and writes nothing', async () => {
    const ops = operations();
    const declared = [...w.app.routeAccess.keys()].filter((k) => k.includes(' /api/'));
    expect(declared.filter((k) => !ops.some((o) => o.key === k))).toEqual([]);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    let cases = 0;
    const started = Date.now();
    const slow: string[] = [];
    /** operations where at least one case got through (2xx, 3xx): the cases reached the use case and the database */
    const accepted = new Set<string>();
    for (const op of ops) {
      const opStarted = Date.now();
      const roles = rolesFor(w.app.routeAccess.get(op.key));
      const samples = fc.sample(caseArbitrary(op, roles), { seed: seedOf(op.key), numRuns: CASES });
      const clients = new Map<string, TestClient>();
      // signing out (everywhere), a new password or another membership would change the next cases' client
      const endsSession = /sign-out|password|active-membership/.test(op.path);
      for (const [i, c] of samples.entries()) {
        let client: TestClient | undefined;
        if (c.role !== 'anonymous') {
          client = endsSession ? undefined : clients.get(c.role);
          if (!client) {
            client = await w.as(ROLE_ACTOR[c.role]!);
            if (!endsSession) clients.set(c.role, client);
          }
        }
        const url = op.path.replace(/:(\w+)/g, (_, name: string) => c.path[name] ?? 'x') + (c.query.length ? `?${new URLSearchParams(c.query).toString()}` : '');
        const headers: Record<string, string> = {};
        if (client?.cookie) headers.cookie = client.cookie;
        if (client?.csrf && c.csrf === 'ok') headers['x-csrf-token'] = client.csrf;
        if (client && c.csrf === 'wrong') headers['x-csrf-token'] = 'jeton-faux';
        if (c.fileName !== undefined) headers['x-file-name'] = encodeSegment(c.fileName).slice(0, 2_000);
        const options: InjectOptions = { method: op.method, url, headers, remoteAddress: c.ip };
        if (c.body.kind === 'json') {
          headers['content-type'] = 'application/json';
          options.payload = JSON.stringify(c.body.value) ?? 'null';
        } else if (c.body.kind === 'raw') {
          headers['content-type'] = c.body.type;
          options.payload = c.body.payload;
        }
        const mark = await writeMark(w.database);
        let status: number;
        let text = '';
        let contentType = '';
        try {
          const res = await w.app.inject(options);
          status = res.statusCode;
          text = res.body;
          contentType = String(res.headers['content-type'] ?? '');
        } catch (e) {
          failures.push(`${op.key} #${i}: the request threw ${(e as Error).message} — ${describeCase(c, url)}`);
          continue;
        }
        cases++;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status < 400) accepted.add(op.key);
        if (status >= 500) {
          failures.push(`${op.key} #${i}: ${status} ${text.slice(0, 200)} — ${describeCase(c, url)}`);
        } else if (status >= 400) {
          const written = (await writesSince(w.database, mark)).filter((x) => !ALLOWED_ON_REFUSAL[op.key]?.some((a) => x.startsWith(a)));
          if (written.length) failures.push(`${op.key} #${i}: ${status} but wrote ${written.join(', ')} — ${describeCase(c, url)}`);
          let body: { error?: unknown; message?: unknown } | undefined;
          try {
            body = contentType.includes('json') ? JSON.parse(text) : undefined;
          } catch {
            body = undefined;
          }
          if (typeof body?.error !== 'string' || typeof body?.message !== 'string') failures.push(`${op.key} #${i}: ${status} without a JSON { error, message }: ${text.slice(0, 120)} — ${describeCase(c, url)}`);
        }
      }
      const took = Date.now() - opStarted;
      if (process.env.FUZZ_VERBOSE) console.log(`${op.key}: ${took} ms`);
      if (took > 3_000) slow.push(`${op.key} ${(took / 1000).toFixed(1)} s`);
    }
    console.log(`fuzz: ${accepted.size} of ${ops.length} operations got through (2xx or 3xx) at least once; never: ${ops.filter((o) => !accepted.has(o.key)).map((o) => o.key).join(', ')}`);
    if (slow.length) console.log(`fuzz: slowest operations: ${slow.join(', ')}`);
    const byClass = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz: seed ${SEED}, ${ops.length} operations × ${CASES} cases = ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; statuses ${byClass}`);
    expect(failures.slice(0, 60), `${failures.length} failures`).toEqual([]);
    expect(cases).toBe(ops.length * CASES);
  }, 600_000);
});
