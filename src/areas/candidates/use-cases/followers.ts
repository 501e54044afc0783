/** What prescribers and providers see of candidates: never the income, and only within their rights. */
import { and, asc, count, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { candidateProfiles, followAgreements, organisations, sessions, trainings, users, wishes } from '../../../db/schema/index.ts';
import { parisDate } from '../../../shared/clock.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { ageOn } from '../../accounts/domain/age.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { CandidatesContext } from '../context.ts';
import { under26At } from '../domain/criteria.ts';
import { WISH_STATUS_LABELS } from '../domain/wishes.ts';
import type { WishStatus } from '../domain/vocabulary.ts';
import { assertFollowed, organisationOf } from './access.ts';
import { diagnosisView, diagnosisViews, documentsOf } from './diagnosis.ts';
import { activeWishCounts, wishesOf } from './wishes.ts';

/** The candidates who agree to be followed by the prescriber's organisation. */
export async function followedCandidates(ctx: CandidatesContext, actor: Actor) {
  const organisationId = organisationOf(actor);
  const db = ctx.database.db;
  const rows = await db
    .select({
      userId: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
      since: followAgreements.givenAt,
      communeCode: candidateProfiles.communeCode,
    })
    .from(followAgreements)
    .innerJoin(users, eq(users.id, followAgreements.candidateUserId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, users.id))
    .where(and(eq(followAgreements.organisationId, organisationId), isNull(followAgreements.withdrawnAt)))
    .orderBy(asc(users.familyName), asc(users.givenName));
  const ids = rows.map((r) => r.userId);
  const [diagnoses, counts] = await Promise.all([diagnosisViews(ctx, ids, 'professional'), activeWishCounts(db, ids)]);
  return rows.map((r) => {
    const d = diagnoses.get(r.userId);
    return {
      userId: r.userId,
      givenName: r.givenName,
      familyName: r.familyName,
      email: r.email,
      since: r.since.toISOString(),
      hasProfile: r.communeCode !== null,
      communeName: r.communeCode ? (ctx.geo.communes.get(r.communeCode)?.name ?? r.communeCode) : null,
      diagnosis: d ? { createdAt: d.createdAt, expired: d.expired, authorRole: d.author.role, criteriaMet: d.criteria.filter((c) => c.met).map((c) => c.label) } : null,
      activeWishes: counts.get(r.userId) ?? 0,
    };
  });
}

/** One followed candidate: profile (without the income), diagnosis, proofs, wishes. */
export async function followedCandidate(ctx: CandidatesContext, actor: Actor, candidateUserId: string) {
  const organisationId = organisationOf(actor);
  const db = ctx.database.db;
  await assertFollowed(db, organisationId, candidateUserId);
  const [user] = await db
    .select({ givenName: users.givenName, familyName: users.familyName, email: users.email, birthDate: sql<string | null>`${users.birthDate}::text` })
    .from(users)
    .where(eq(users.id, candidateUserId));
  if (!user) throw new NotFoundError('Candidat·e');
  const [p] = await db.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidateUserId));
  const today = parisDate(ctx.clock());
  return {
    userId: candidateUserId,
    givenName: user.givenName,
    familyName: user.familyName,
    email: user.email,
    age: user.birthDate ? ageOn(user.birthDate, today) : null,
    profile: p
      ? {
          phone: p.phone,
          communeCode: p.communeCode,
          communeName: ctx.geo.communes.get(p.communeCode)?.name ?? p.communeCode,
          gender: p.gender,
          diplomaLevel: p.diplomaLevel,
          situation: p.situation,
          qpvCode: p.qpvCode,
          zrr: p.zrr,
          rqth: p.rqth,
          // the income itself never leaves the candidate's own pages
          incomeDeclared: p.declaredIncomeEuros !== null,
        }
      : null,
    diagnosis: await diagnosisView(ctx, candidateUserId, 'professional'),
    documents: await documentsOf(db, candidateUserId),
    wishes: await wishesOf(ctx, candidateUserId),
  };
}

export interface ApplicationsQuery {
  sessionId?: string | undefined;
  status?: WishStatus | undefined;
  page: number;
  pageSize: number;
}

const referrers = alias(organisations, 'referrer');

/**
 * The applications to the provider's own sessions, with each candidate's current diagnosis explained
 * for professionals (no income, no échelon) and "under 26" judged at the session's start. The
 * candidate's order of preference is theirs: not shown. Withdrawn wishes are left out unless asked.
 */
export async function providerApplications(ctx: CandidatesContext, actor: Actor, q: ApplicationsQuery) {
  const organisationId = organisationOf(actor);
  const db = ctx.database.db;
  const where: SQL[] = [eq(trainings.providerId, organisationId)];
  if (q.sessionId) where.push(eq(wishes.sessionId, q.sessionId));
  where.push(q.status ? eq(wishes.status, q.status) : ne(wishes.status, 'withdrawn'));
  const cond = and(...where);
  const [{ total }] = (await db
    .select({ total: count() })
    .from(wishes)
    .innerJoin(sessions, eq(sessions.id, wishes.sessionId))
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .where(cond)) as [{ total: number }];
  const rows = await db
    .select({
      id: wishes.id,
      status: wishes.status,
      motivation: wishes.motivation,
      createdAt: wishes.createdAt,
      referredBy: referrers.name,
      candidateUserId: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
      birthDate: sql<string | null>`${users.birthDate}::text`,
      phone: candidateProfiles.phone,
      communeCode: candidateProfiles.communeCode,
      sessionId: sessions.id,
      startsOn: sessions.startsOn,
      endsOn: sessions.endsOn,
      trainingId: trainings.id,
      trainingTitle: trainings.title,
    })
    .from(wishes)
    .innerJoin(sessions, eq(sessions.id, wishes.sessionId))
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .innerJoin(users, eq(users.id, wishes.candidateUserId))
    .leftJoin(candidateProfiles, eq(candidateProfiles.userId, wishes.candidateUserId))
    .leftJoin(referrers, eq(referrers.id, wishes.referredByOrganisationId))
    .where(cond)
    .orderBy(asc(sessions.startsOn), asc(wishes.createdAt), asc(wishes.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const diagnoses = await diagnosisViews(ctx, [...new Set(rows.map((r) => r.candidateUserId))], 'professional');
  const ownSessions = await db
    .select({ id: sessions.id, startsOn: sessions.startsOn, endsOn: sessions.endsOn, status: sessions.status, trainingTitle: trainings.title, applications: sql<number>`count(${wishes.id}) filter (where ${wishes.status} <> 'withdrawn')::int` })
    .from(sessions)
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .leftJoin(wishes, eq(wishes.sessionId, sessions.id))
    .where(and(eq(trainings.providerId, organisationId), inArray(sessions.status, ['planned', 'recruiting', 'running'])))
    .groupBy(sessions.id, trainings.title)
    .orderBy(asc(sessions.startsOn), asc(trainings.title));
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    sessions: ownSessions,
    results: rows.map((r) => ({
      id: r.id,
      status: r.status,
      statusLabel: WISH_STATUS_LABELS[r.status],
      motivation: r.motivation,
      createdAt: r.createdAt.toISOString(),
      referredBy: r.referredBy,
      candidate: {
        givenName: r.givenName,
        familyName: r.familyName,
        email: r.email,
        phone: r.phone,
        communeName: r.communeCode ? (ctx.geo.communes.get(r.communeCode)?.name ?? r.communeCode) : null,
        under26AtStart: r.birthDate ? under26At(r.birthDate, r.startsOn) : null,
      },
      session: { id: r.sessionId, startsOn: r.startsOn, endsOn: r.endsOn },
      training: { id: r.trainingId, title: r.trainingTitle },
      diagnosis: diagnoses.get(r.candidateUserId) ?? null,
    })),
  };
}
