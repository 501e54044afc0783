import { and, asc, eq, ilike, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { candidateConsents, candidateProfiles, followAgreements, organisations, users } from '../../../db/schema/index.ts';
import { parisDate } from '../../../shared/clock.ts';
import { InputError, NotFoundError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { CandidatesContext } from '../context.ts';
import { checkProfile, type ProfileInput } from '../domain/profile.ts';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../domain/vocabulary.ts';
import { lockCandidate } from './access.ts';

export type ProfileRow = typeof candidateProfiles.$inferSelect;

export async function currentFollows(db: Db, candidateUserId: string) {
  const rows = await db
    .select({ organisationId: organisations.id, name: organisations.name, subtype: organisations.subtype, communeCode: organisations.communeCode, since: followAgreements.givenAt })
    .from(followAgreements)
    .innerJoin(organisations, eq(organisations.id, followAgreements.organisationId))
    .where(and(eq(followAgreements.candidateUserId, candidateUserId), isNull(followAgreements.withdrawnAt)))
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/** The candidate's own profile page: identity from the account, the profile (or null), consents and follow-ups. */
export async function getOwnProfile(ctx: CandidatesContext, actor: Actor) {
  // one round trip: the account, its profile, and the consents and follow-ups as JSON arrays
  const [row] = await ctx.database.db
    .select({
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
      birthDate: sql<string | null>`${users.birthDate}::text`,
      profile: candidateProfiles,
      consents: sql<{ purpose: ConsentPurpose; givenAt: string }[]>`(
        select coalesce(json_agg(json_build_object('purpose', c.purpose, 'givenAt', c.given_at)), '[]'::json)
        from ${candidateConsents} c where c.user_id = ${users.id} and c.withdrawn_at is null)`,
      follows: sql<{ organisationId: string; name: string; subtype: string | null; communeCode: string | null; since: string }[]>`(
        select coalesce(json_agg(json_build_object('organisationId', o.id, 'name', o.name, 'subtype', o.subtype, 'communeCode', o.commune_code, 'since', f.given_at) order by o.name), '[]'::json)
        from ${followAgreements} f join ${organisations} o on o.id = f.organisation_id
        where f.candidate_user_id = ${users.id} and f.withdrawn_at is null)`,
    })
    .from(users)
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(eq(users.id, actor.userId));
  if (!row) throw new NotFoundError('Compte');
  const p = row.profile;
  const commune = p ? ctx.geo.communes.get(p.communeCode) : undefined;
  const consents = Object.fromEntries(CONSENT_PURPOSES.map((purpose) => [purpose, null])) as Record<ConsentPurpose, string | null>;
  // the JSON timestamps carry microseconds: the same millisecond ISO strings as the Date columns give
  for (const c of row.consents) consents[c.purpose] = new Date(c.givenAt).toISOString();
  return {
    identity: { givenName: row.givenName, familyName: row.familyName, email: row.email, birthDate: row.birthDate },
    profile: p
      ? {
          phone: p.phone,
          communeCode: p.communeCode,
          communeName: commune?.name ?? null,
          gender: p.gender,
          diplomaLevel: p.diplomaLevel,
          situation: p.situation,
          qpvCode: p.qpvCode,
          zrr: p.zrr,
          rqth: p.rqth,
          income:
            p.declaredIncomeEuros === null
              ? null
              : { euros: p.declaredIncomeEuros, children: p.aidChildren ?? 0, childrenHigherEducation: p.aidChildrenHigherEducation ?? 0 },
          updatedAt: p.updatedAt.toISOString(),
        }
      : null,
    consents,
    follows: row.follows.map((f) => ({ ...f, since: new Date(f.since).toISOString() })),
  };
}

const PROFILE_FIELDS = ['phone', 'communeCode', 'gender', 'diplomaLevel', 'situation', 'qpvCode', 'zrr', 'rqth', 'declaredIncomeEuros', 'aidChildren', 'aidChildrenHigherEducation'] as const;

/**
 * Saves the profile and the consents in one transaction. Withdrawing the health or income consent
 * erases the data it covered. The audit keeps the names of the fields that changed, never their values.
 */
export async function saveOwnProfile(ctx: CandidatesContext, actor: Actor, input: ProfileInput) {
  const now = ctx.clock();
  const db = ctx.database.db;
  const who = auditActor(actor);

  await db.transaction(async (tx) => {
    // the account, locked, gives the birth date the profile is checked against (one round trip less
    // than reading it first; a refused profile writes nothing: the transaction is rolled back)
    const user = await lockCandidate(tx, actor.userId);
    const checked = checkProfile(input, {
      today: parisDate(now),
      accountBirthDate: user.birthDate,
      communeDepartement: (code) => ctx.geo.communes.get(code)?.departement,
      departementExists: (code) => ctx.geo.departements.has(code),
    });
    if (!checked.ok) throw new InputError(checked.fields);
    const v = checked.value;
    const userFields: string[] = [];
    if (user.givenName !== v.givenName) userFields.push('givenName');
    if (user.familyName !== v.familyName) userFields.push('familyName');
    if (v.birthDate) userFields.push('birthDate');
    if (userFields.length > 0) {
      await tx
        .update(users)
        .set({ givenName: v.givenName, familyName: v.familyName, ...(v.birthDate ? { birthDate: v.birthDate } : {}) })
        .where(eq(users.id, actor.userId));
      await recordAudit(tx, who, { action: 'account.updated', objectType: 'user', objectId: actor.userId, fields: userFields });
    }

    const values = {
      phone: v.phone,
      communeCode: v.communeCode,
      gender: v.gender,
      diplomaLevel: v.diplomaLevel,
      situation: v.situation,
      qpvCode: v.qpvCode,
      zrr: v.zrr,
      rqth: v.rqth,
      declaredIncomeEuros: v.declaredIncomeEuros,
      aidChildren: v.aidChildren,
      aidChildrenHigherEducation: v.aidChildrenHigherEducation,
    };
    const [before] = await tx.select().from(candidateProfiles).where(eq(candidateProfiles.userId, actor.userId));
    if (before) {
      const changed = PROFILE_FIELDS.filter((f) => before[f] !== values[f]);
      if (changed.length > 0) {
        await tx.update(candidateProfiles).set({ ...values, updatedAt: now }).where(eq(candidateProfiles.userId, actor.userId));
        await recordAudit(tx, who, { action: 'candidate_profile.updated', objectType: 'candidate_profile', objectId: actor.userId, fields: [...changed] });
      }
    } else {
      await tx.insert(candidateProfiles).values({ userId: actor.userId, ...values, createdAt: now, updatedAt: now });
      await recordAudit(tx, who, {
        action: 'candidate_profile.created',
        objectType: 'candidate_profile',
        objectId: actor.userId,
        fields: PROFILE_FIELDS.filter((f) => values[f] !== null),
      });
    }

    // consents: a row per purpose given; withdrawing closes it (never deleted)
    const current = await tx
      .select({ id: candidateConsents.id, purpose: candidateConsents.purpose })
      .from(candidateConsents)
      .where(and(eq(candidateConsents.userId, actor.userId), isNull(candidateConsents.withdrawnAt)));
    for (const purpose of CONSENT_PURPOSES) {
      const active = current.find((c) => c.purpose === purpose);
      if (v.consents[purpose] && !active) {
        const [row] = await tx.insert(candidateConsents).values({ userId: actor.userId, purpose, givenAt: now }).returning({ id: candidateConsents.id });
        await recordAudit(tx, who, { action: 'consent.given', objectType: 'candidate_consent', objectId: row!.id, to: purpose });
      } else if (!v.consents[purpose] && active) {
        await tx.update(candidateConsents).set({ withdrawnAt: now }).where(eq(candidateConsents.id, active.id));
        await recordAudit(tx, who, { action: 'consent.withdrawn', objectType: 'candidate_consent', objectId: active.id, from: purpose, to: 'withdrawn' });
      }
    }
  });
  return getOwnProfile(ctx, actor);
}

/** Prescriber organisations a candidate can choose to be followed by (by name, 20 at most). */
export async function searchPrescriberOrganisations(ctx: CandidatesContext, q: string | undefined) {
  const where = [eq(organisations.kind, 'prescriber')];
  if (q?.trim()) where.push(ilike(organisations.name, `%${q.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const rows = await ctx.database.db
    .select({ id: organisations.id, name: organisations.name, subtype: organisations.subtype, communeCode: organisations.communeCode })
    .from(organisations)
    .where(and(...where))
    .orderBy(asc(organisations.name))
    .limit(20);
  return rows.map((r) => ({ ...r, communeName: r.communeCode ? (ctx.geo.communes.get(r.communeCode)?.name ?? null) : null }));
}

/** The candidate agrees to be followed by a prescriber organisation (idempotent). */
export async function giveFollow(ctx: CandidatesContext, actor: Actor, organisationId: string) {
  const db = ctx.database.db;
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.id, organisationId), eq(organisations.kind, 'prescriber')));
  if (!org) throw new NotFoundError('Organisation');
  await db.transaction(async (tx) => {
    await lockCandidate(tx, actor.userId);
    const [existing] = await tx
      .select({ id: followAgreements.id })
      .from(followAgreements)
      .where(and(eq(followAgreements.candidateUserId, actor.userId), eq(followAgreements.organisationId, organisationId), isNull(followAgreements.withdrawnAt)));
    if (existing) return;
    const [row] = await tx.insert(followAgreements).values({ candidateUserId: actor.userId, organisationId, givenAt: ctx.clock() }).returning({ id: followAgreements.id });
    await recordAudit(tx, auditActor(actor), { action: 'follow.given', objectType: 'follow_agreement', objectId: row!.id, to: 'given' });
  });
  return currentFollows(db, actor.userId);
}

/** The candidate withdraws the agreement: the organisation loses access at once. */
export async function withdrawFollow(ctx: CandidatesContext, actor: Actor, organisationId: string) {
  const db = ctx.database.db;
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(followAgreements)
      .set({ withdrawnAt: ctx.clock() })
      .where(and(eq(followAgreements.candidateUserId, actor.userId), eq(followAgreements.organisationId, organisationId), isNull(followAgreements.withdrawnAt)))
      .returning({ id: followAgreements.id });
    if (!row) throw new NotFoundError('Accord de suivi');
    await recordAudit(tx, auditActor(actor), { action: 'follow.withdrawn', objectType: 'follow_agreement', objectId: row.id, from: 'given', to: 'withdrawn' });
  });
  return currentFollows(db, actor.userId);
}
