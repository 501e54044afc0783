import { and, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { memberships, users } from '../../db/schema/index.ts';
import { parisDate, type Clock } from '../../shared/clock.ts';
import type { CatalogueReadModel } from '../catalogue/read-model.ts';
import type { Territories } from '../territories/referential.ts';

/**
 * What the calls, labels and grants use cases need, built once by the server. The catalogue read
 * model is refreshed after a change that the public catalogue shows (a label granted, suspended…).
 */
export interface ProgrammeContext {
  database: Database;
  clock: Clock;
  geo: Territories;
  catalogue: Pick<CatalogueReadModel, 'refresh'>;
  baseUrl: string;
}

/** A link to a page of the web app, for mails. */
export function appLink(ctx: ProgrammeContext, path: string): string {
  return new URL(path, ctx.baseUrl).toString();
}

/** Today in Europe/Paris (YYYY-MM-DD): the programme's dates (cut-offs, labels) are Paris dates. */
export function today(ctx: ProgrammeContext): string {
  return parisDate(ctx.clock());
}

export interface Recipient {
  userId: string;
  email: string;
  givenName: string;
}

/** The people acting for an organisation with a role (active memberships): who gets its mails. */
export async function organisationRecipients(tx: Tx, organisationId: string, role: 'provider' | 'funder' = 'provider'): Promise<Recipient[]> {
  return tx
    .select({ userId: users.id, email: users.email, givenName: users.givenName })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, role), isNull(memberships.endedAt)));
}

/** Refreshes the public catalogue after a commit; a failure is logged by the caller's request, never undoes the change. */
export async function refreshCatalogue(ctx: ProgrammeContext): Promise<void> {
  await ctx.catalogue.refresh();
}

