/** Helpers of the calls integration tests (not part of the app). */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { memberships, organisations, users } from '../../db/schema/index.ts';
import type { TestClient } from '../../../test/support/app.ts';
import type { CallForm } from './domain/call-form.ts';
import { sampleForm } from './domain/fixtures.ts';

/** A tiny valid PDF (magic bytes %PDF-). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Sends raw bytes as the signed-in client (cookie + CSRF), like a browser's fetch of a file. */
export async function upload(app: FastifyInstance, client: TestClient, url: string, bytes: Buffer, type = 'application/pdf', name = 'budget.pdf'): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { 'content-type': type, 'x-file-name': encodeURIComponent(name) };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrf) headers['x-csrf-token'] = client.csrf;
  return app.inject({ method: 'POST', url, headers, payload: bytes });
}

export function callBody(form: Partial<CallForm> = {}, over: Record<string, unknown> = {}) {
  return {
    title: 'Appel à labellisation 2026 – vague 4',
    wave: 4,
    summary: 'Labelliser et financer des formations courtes au numérique pour les publics éloignés de l’emploi.',
    envelopeCents: 100_000_000,
    form: sampleForm(form),
    ...over,
  };
}

/** Adds a person acting as a reviewer (operator's organisation); optionally a former member of another organisation. */
export async function addReviewer(database: Database, email: string, passwordHash: string, formerOrganisationId?: string): Promise<string> {
  const [op] = await database.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, 'operator'));
  const [u] = await database.db
    .insert(users)
    .values({ email, emailVerifiedAt: new Date(), passwordHash, givenName: email.split('@')[0]!, familyName: 'Relecteur', birthDate: '1985-01-01' })
    .returning({ id: users.id });
  await database.db.insert(memberships).values({ userId: u!.id, organisationId: op!.id, role: 'reviewer' });
  if (formerOrganisationId) await database.db.insert(memberships).values({ userId: u!.id, organisationId: formerOrganisationId, role: 'provider', endedAt: new Date() });
  return u!.id;
}
