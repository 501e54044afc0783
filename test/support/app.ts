import { and, desc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/client.ts';
import { mailOutbox } from '../../src/db/schema/index.ts';
import { CatalogueReadModel } from '../../src/areas/catalogue/read-model.ts';
import { territories } from '../../src/areas/territories/referential.ts';
import { buildServer } from '../../src/server.ts';
import type { Clock } from '../../src/shared/clock.ts';
import { testConfig } from './config.ts';
import { testLogger } from './logs.ts';

/** The whole app on a test database, as `fabriques serve` builds it (without listening). */
export async function testApp(database: Database, options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<FastifyInstance> {
  const catalogue = new CatalogueReadModel(database, territories());
  await catalogue.refresh();
  return buildServer({ config: testConfig(options.env), database, catalogue, clock: options.clock, logger: testLogger() });
}

/** A browser-like client: keeps the session cookie and sends the CSRF token it was given. */
export class TestClient {
  cookie: string | undefined;
  csrf: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf) headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    const set = res.cookies.find((c) => c.name.endsWith('fabriques-session'));
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : undefined;
    const body = String(res.headers['content-type'] ?? '').includes('json') ? (res.json() as { csrfToken?: string }) : undefined;
    if (body && typeof body.csrfToken === 'string') this.csrf = body.csrfToken;
    return res;
  }

  async signIn(email: string, password: string): Promise<LightMyRequestResponse> {
    return this.call('POST', '/api/auth/sign-in', { email, password });
  }
}

/** The link token of the newest mail of a kind sent to an address (read from the outbox). */
export async function lastMailToken(database: Database, to: string, kind: string): Promise<string> {
  const [mail] = await database.db
    .select({ text: mailOutbox.text })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.recipient, to), eq(mailOutbox.kind, kind)))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  const m = mail && /jeton=([A-Za-z0-9_-]+)/.exec(mail.text);
  if (!m) throw new Error(`no ${kind} mail with a link for ${to}`);
  return m[1]!;
}
