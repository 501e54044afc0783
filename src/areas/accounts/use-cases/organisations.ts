import { and, asc, count, eq, ilike, isNull, sql, type SQL } from 'drizzle-orm';
import { memberships, organisations, users } from '../../../db/schema/index.ts';
import { ForbiddenError, InputError, NotFoundError } from '../../../shared/errors.ts';
import type { Territories } from '../../territories/referential.ts';
import { auditActor, recordAudit } from '../audit/record.ts';
import type { AccountsContext } from '../context.ts';
import type { Actor } from '../domain/access.ts';
import { checkOrganisation, type OrganisationInput } from '../domain/organisation.ts';
import type { OrganisationKind } from '../domain/roles.ts';
import { visibleOrganisation } from './invitations.ts';

export async function createOrganisation(ctx: AccountsContext, actor: Actor, input: OrganisationInput, geo: Territories): Promise<{ id: string }> {
  const checked = checkOrganisation(input, { communeExists: (c) => geo.communes.has(c), regionExists: (r) => geo.regions.has(r) });
  if (!checked.ok) throw new InputError(checked.fields);
  const v = checked.value;
  return ctx.database.db.transaction(async (tx) => {
    if (v.siret) {
      const [dup] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.siret, v.siret));
      if (dup) throw new InputError({ siret: 'Une organisation avec ce SIRET existe déjà sur la plateforme.' });
    }
    const [row] = await tx
      .insert(organisations)
      .values({
        kind: v.kind,
        name: v.name,
        siret: v.siret ?? null,
        nda: v.nda ?? null,
        subtype: v.subtype ?? null,
        naf: v.naf ?? null,
        regionCode: v.regionCode ?? null,
        communeCode: v.communeCode ?? null,
        address: v.address?.trim() || null,
      })
      .returning({ id: organisations.id });
    await recordAudit(tx, auditActor(actor), {
      action: 'organisation.created',
      objectType: 'organisation',
      objectId: row!.id,
      to: v.kind,
      fields: Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k]) => k),
    });
    return { id: row!.id };
  });
}

export async function listOrganisations(ctx: AccountsContext, q: { kind?: OrganisationKind | undefined; name?: string | undefined; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (q.kind) where.push(eq(organisations.kind, q.kind));
  if (q.name) where.push(ilike(organisations.name, `%${q.name.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const cond = where.length > 0 ? and(...where) : undefined;
  const [{ total }] = (await ctx.database.db.select({ total: count() }).from(organisations).where(cond)) as [{ total: number }];
  const rows = await ctx.database.db
    .select({ id: organisations.id, kind: organisations.kind, name: organisations.name, siret: organisations.siret, subtype: organisations.subtype, communeCode: organisations.communeCode })
    .from(organisations)
    .where(cond)
    .orderBy(asc(organisations.name), asc(organisations.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { total, page: q.page, pageSize: q.pageSize, results: rows };
}

export async function organisationDetail(ctx: AccountsContext, actor: Actor, organisationId: string) {
  const org = await visibleOrganisation(ctx, actor, organisationId);
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    siret: org.siret,
    nda: org.nda,
    subtype: org.subtype,
    naf: org.naf,
    regionCode: org.regionCode,
    communeCode: org.communeCode,
    address: org.address,
  };
}

/** Members of an organisation: its admins and the operator see them (names and e-mails, for working together). */
export async function listMembers(ctx: AccountsContext, actor: Actor, organisationId: string) {
  const org = await visibleOrganisation(ctx, actor, organisationId);
  return ctx.database.db
    .select({
      id: memberships.id,
      userId: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
      role: memberships.role,
      isAdmin: memberships.isAdmin,
      since: sql<string>`to_char(${memberships.createdAt} at time zone 'Europe/Paris', 'YYYY-MM-DD')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organisationId, org.id), isNull(memberships.endedAt)))
    .orderBy(asc(users.familyName), asc(users.givenName));
}

/** Ends a membership (someone leaves the organisation); kept in the history, audited. */
export async function endMembership(ctx: AccountsContext, actor: Actor, organisationId: string, membershipId: string, motive: string | undefined): Promise<void> {
  const org = await visibleOrganisation(ctx, actor, organisationId);
  if (actor.membership?.role !== 'operator' && !actor.membership?.isAdmin) {
    throw new ForbiddenError('Seul·e un·e administrateur·rice de l’organisation peut retirer un membre.');
  }
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(memberships)
      .set({ endedAt: ctx.clock() })
      .where(and(eq(memberships.id, membershipId), eq(memberships.organisationId, org.id), isNull(memberships.endedAt)))
      .returning({ id: memberships.id, role: memberships.role });
    if (!row) throw new NotFoundError('Membre');
    await recordAudit(tx, auditActor(actor), { action: 'membership.ended', objectType: 'membership', objectId: row.id, from: row.role, to: 'ended', motive: motive ?? null });
  });
}
