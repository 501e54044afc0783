import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../../db/client.ts';
import { candidateDocuments, candidateProfiles, diagnosisCriteria, eligibilityDiagnoses, organisations, users } from '../../../db/schema/index.ts';
import { parisDate } from '../../../shared/clock.ts';
import { ConflictError, InputError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import type { CandidatesContext } from '../context.ts';
import { confirmationProblems, diagnose, expiryOf, factsOf, scholarshipFact, type CriterionResult, type DiagnosisFacts } from '../domain/criteria.ts';
import { explainCriteria, summary, validityText, type Audience } from '../domain/explain.ts';
import { CRITERIA, type Criterion } from '../domain/vocabulary.ts';
import { assertFollowed, lockCandidate, organisationOf } from './access.ts';

type DbLike = Db | Tx;

/** The latest proof uploaded for each criterion. */
async function latestDocuments(db: DbLike, candidateUserId: string): Promise<Map<Criterion, string>> {
  const rows = await db
    .select({ id: candidateDocuments.id, criterion: candidateDocuments.criterion })
    .from(candidateDocuments)
    .where(eq(candidateDocuments.candidateUserId, candidateUserId))
    .orderBy(desc(candidateDocuments.uploadedAt), desc(candidateDocuments.id));
  const out = new Map<Criterion, string>();
  for (const r of rows) if (!out.has(r.criterion)) out.set(r.criterion, r.id);
  return out;
}

/**
 * Makes a new diagnosis from the profile as it is now, and makes it the current one: the former one
 * is superseded, never edited. Same transaction: the criteria rows, the audit rows.
 */
async function createDiagnosis(
  ctx: CandidatesContext,
  actor: Actor,
  candidateUserId: string,
  author: { role: 'candidate' } | { role: 'prescriber'; organisationId: string; confirmed: readonly Criterion[] },
): Promise<string> {
  const now = ctx.clock();
  const today = parisDate(now);
  return ctx.database.db.transaction(async (tx) => {
    const user = await lockCandidate(tx, candidateUserId);
    const [profile] = await tx.select().from(candidateProfiles).where(eq(candidateProfiles.userId, candidateUserId));
    if (!profile) {
      throw new ConflictError(
        author.role === 'candidate' ? 'Complétez d’abord votre profil : le diagnostic se calcule à partir de lui.' : 'Cette personne n’a pas encore rempli son profil : le diagnostic se calcule à partir de lui.',
        'profil_incomplet',
      );
    }
    const facts = factsOf({ ...profile, birthDate: user.birthDate }, today, scholarshipFact(ctx.scales, profile, today));
    if (author.role === 'prescriber') {
      const problems = confirmationProblems(facts, author.confirmed);
      if (Object.keys(problems).length > 0) throw new InputError(problems);
    }
    const results = diagnose(facts, {
      author: author.role,
      confirmed: new Set(author.role === 'prescriber' ? author.confirmed : []),
      documents: await latestDocuments(tx, candidateUserId),
    });
    const who = auditActor(actor);
    const previous = await tx
      .update(eligibilityDiagnoses)
      .set({ supersededAt: now })
      .where(and(eq(eligibilityDiagnoses.candidateUserId, candidateUserId), isNull(eligibilityDiagnoses.supersededAt)))
      .returning({ id: eligibilityDiagnoses.id });
    const [row] = await tx
      .insert(eligibilityDiagnoses)
      .values({
        candidateUserId,
        authorUserId: actor.userId,
        authorRole: author.role,
        authorOrganisationId: author.role === 'prescriber' ? author.organisationId : null,
        facts,
        createdAt: now,
        expiresAt: expiryOf(now),
      })
      .returning({ id: eligibilityDiagnoses.id });
    const id = row!.id;
    await tx.insert(diagnosisCriteria).values(results.map((r) => ({ diagnosisId: id, ...r })));
    for (const p of previous) {
      await tx.update(eligibilityDiagnoses).set({ supersededBy: id }).where(eq(eligibilityDiagnoses.id, p.id));
      await recordAudit(tx, who, { action: 'diagnosis.superseded', objectType: 'eligibility_diagnosis', objectId: p.id, from: 'current', to: 'superseded', motive: `remplacé par ${id}` });
    }
    await recordAudit(tx, who, { action: 'diagnosis.created', objectType: 'eligibility_diagnosis', objectId: id, to: author.role === 'prescriber' ? 'prescriber_validated' : 'self_declared' });
    return id;
  });
}

export async function createOwnDiagnosis(ctx: CandidatesContext, actor: Actor) {
  await createDiagnosis(ctx, actor, actor.userId, { role: 'candidate' });
  return ownDiagnosis(ctx, actor);
}

/** A prescriber creates (or validates, confirming the criteria met) a diagnosis for a followed candidate. */
export async function createPrescriberDiagnosis(ctx: CandidatesContext, actor: Actor, candidateUserId: string, confirmed: readonly Criterion[]) {
  const organisationId = organisationOf(actor);
  await assertFollowed(ctx.database.db, organisationId, candidateUserId);
  await createDiagnosis(ctx, actor, candidateUserId, { role: 'prescriber', organisationId, confirmed });
  return diagnosisView(ctx, candidateUserId, 'professional');
}

export interface DiagnosisView {
  id: string;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
  author: { role: 'candidate' | 'prescriber'; name: string; organisationName: string | null };
  summary: string;
  validity: string;
  criteria: ReturnType<typeof explainCriteria>;
}

const authors = alias(users, 'diagnosis_author');

/** The current diagnoses of several candidates, explained for an audience (null: none yet). */
export async function diagnosisViews(ctx: CandidatesContext, candidateUserIds: readonly string[], who: Audience): Promise<Map<string, DiagnosisView>> {
  const out = new Map<string, DiagnosisView>();
  if (candidateUserIds.length === 0) return out;
  const db = ctx.database.db;
  const rows = await db
    .select({
      id: eligibilityDiagnoses.id,
      candidateUserId: eligibilityDiagnoses.candidateUserId,
      authorRole: eligibilityDiagnoses.authorRole,
      facts: eligibilityDiagnoses.facts,
      createdAt: eligibilityDiagnoses.createdAt,
      expiresAt: eligibilityDiagnoses.expiresAt,
      authorGiven: authors.givenName,
      authorFamily: authors.familyName,
      organisationName: organisations.name,
    })
    .from(eligibilityDiagnoses)
    .innerJoin(authors, eq(authors.id, eligibilityDiagnoses.authorUserId))
    .leftJoin(organisations, eq(organisations.id, eligibilityDiagnoses.authorOrganisationId))
    .where(and(inArray(eligibilityDiagnoses.candidateUserId, [...candidateUserIds]), isNull(eligibilityDiagnoses.supersededAt)));
  if (rows.length === 0) return out;
  const criteria = await db
    .select()
    .from(diagnosisCriteria)
    .where(inArray(diagnosisCriteria.diagnosisId, rows.map((r) => r.id)));
  const today = parisDate(ctx.clock());
  const order = (c: Criterion) => CRITERIA.indexOf(c);
  for (const r of rows) {
    const results: CriterionResult[] = criteria
      .filter((c) => c.diagnosisId === r.id)
      .sort((a, b) => order(a.criterion) - order(b.criterion))
      .map((c) => ({ criterion: c.criterion, met: c.met, source: c.source, documentId: c.documentId }));
    const facts = r.facts as DiagnosisFacts;
    const authorName = `${r.authorGiven} ${r.authorFamily}`;
    const prescriberName = r.authorRole === 'prescriber' ? `${authorName}${r.organisationName ? ` (${r.organisationName})` : ''}` : null;
    const createdOn = parisDate(r.createdAt);
    const expiresOn = parisDate(r.expiresAt);
    out.set(r.candidateUserId, {
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      expired: r.expiresAt.getTime() <= ctx.clock().getTime(),
      author: { role: r.authorRole, name: r.authorRole === 'candidate' && who === 'candidate' ? 'vous-même' : authorName, organisationName: r.organisationName },
      summary: summary(results, who),
      validity: validityText(createdOn, expiresOn, today),
      criteria: explainCriteria(facts, results, who, prescriberName),
    });
  }
  return out;
}

export async function diagnosisView(ctx: CandidatesContext, candidateUserId: string, who: Audience): Promise<DiagnosisView | null> {
  return (await diagnosisViews(ctx, [candidateUserId], who)).get(candidateUserId) ?? null;
}

/** The candidate's diagnosis page: the current diagnosis, the former ones, the proofs uploaded. */
export async function ownDiagnosis(ctx: CandidatesContext, actor: Actor) {
  const db = ctx.database.db;
  const history = await db
    .select({
      id: eligibilityDiagnoses.id,
      authorRole: eligibilityDiagnoses.authorRole,
      organisationName: organisations.name,
      createdAt: eligibilityDiagnoses.createdAt,
      supersededAt: eligibilityDiagnoses.supersededAt,
    })
    .from(eligibilityDiagnoses)
    .leftJoin(organisations, eq(organisations.id, eligibilityDiagnoses.authorOrganisationId))
    .where(and(eq(eligibilityDiagnoses.candidateUserId, actor.userId), sql`${eligibilityDiagnoses.supersededAt} is not null`))
    .orderBy(desc(eligibilityDiagnoses.createdAt))
    .limit(20);
  const [profile] = await db.select({ userId: candidateProfiles.userId }).from(candidateProfiles).where(eq(candidateProfiles.userId, actor.userId));
  return {
    hasProfile: Boolean(profile),
    current: await diagnosisView(ctx, actor.userId, 'candidate'),
    history: history.map((h) => ({ id: h.id, authorRole: h.authorRole, organisationName: h.organisationName, createdAt: h.createdAt.toISOString(), supersededAt: h.supersededAt!.toISOString() })),
    documents: await documentsOf(db, actor.userId),
  };
}

export async function documentsOf(db: DbLike, candidateUserId: string) {
  const rows = await db
    .select({
      id: candidateDocuments.id,
      criterion: candidateDocuments.criterion,
      mediaType: candidateDocuments.mediaType,
      byteSize: candidateDocuments.byteSize,
      fileName: candidateDocuments.fileName,
      uploadedAt: candidateDocuments.uploadedAt,
    })
    .from(candidateDocuments)
    .where(eq(candidateDocuments.candidateUserId, candidateUserId))
    .orderBy(desc(candidateDocuments.uploadedAt));
  return rows.map((r) => ({ ...r, uploadedAt: r.uploadedAt.toISOString() }));
}
