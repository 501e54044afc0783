import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { calls, memberships, organisations, proposals, reviewAssignments, reviewerConflicts, users } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, today, type ProgrammeContext } from '../context.ts';
import { PROPOSAL_STATUS_LABELS, PROPOSAL_TRANSITIONS } from '../domain/proposal.ts';
import { ASSIGNMENT_STATUS_LABELS, MIN_REVIEWERS, reviewSummary, scoreProblems, weightedScore, type Score } from '../domain/scoring.ts';
import { callMails } from '../mails.ts';
import { formOf } from './calls.ts';
import { visibleProposal } from './proposals.ts';

/** People acting as reviewers now, with the organisations they declared a conflict with. */
export async function listReviewers(ctx: ProgrammeContext) {
  const db = ctx.database.db;
  const rows = await db
    .selectDistinct({ userId: users.id, givenName: users.givenName, familyName: users.familyName, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'reviewer'), isNull(memberships.endedAt)))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
  const conflicts = await db.select({ reviewerUserId: reviewerConflicts.reviewerUserId, organisationId: reviewerConflicts.organisationId }).from(reviewerConflicts);
  return rows.map((r) => ({
    userId: r.userId,
    name: `${r.givenName} ${r.familyName}`,
    email: r.email,
    conflictOrganisationIds: conflicts.filter((c) => c.reviewerUserId === r.userId).map((c) => c.organisationId),
  }));
}

/** Keeps the committee's summary of a proposal's reviews (counts, mean, disagreement), in the caller's transaction. */
export async function refreshReviewSummary(tx: Tx, proposalId: string): Promise<void> {
  const [p] = await tx.select({ callId: proposals.callId, callVersion: proposals.callVersion }).from(proposals).where(eq(proposals.id, proposalId));
  if (!p) return;
  const form = await formOf(tx, p.callId, p.callVersion);
  const rows = await tx
    .select({ status: reviewAssignments.status, weightedScore: reviewAssignments.weightedScore, scores: reviewAssignments.scores })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), ne(reviewAssignments.status, 'recused')));
  const submitted = rows.filter((r) => r.status === 'submitted' && r.weightedScore !== null).map((r) => ({ weightedScore: r.weightedScore!, scores: r.scores as Score[] }));
  const s = reviewSummary(submitted, form.grid);
  await tx.update(proposals).set({ reviewsAssigned: rows.length, reviewsSubmitted: s.submitted, meanScore: s.mean, disagreement: s.disagreement }).where(eq(proposals.id, proposalId));
}

/** Why a reviewer may not review an organisation's proposals (declared conflict, or a membership past or present), or null. */
async function conflictOf(tx: Tx, reviewerUserId: string, organisationId: string): Promise<string | null> {
  const [declared] = await tx
    .select({ id: reviewerConflicts.id })
    .from(reviewerConflicts)
    .where(and(eq(reviewerConflicts.reviewerUserId, reviewerUserId), eq(reviewerConflicts.organisationId, organisationId)));
  if (declared) return 'a déclaré un conflit d’intérêts avec cet organisme';
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, reviewerUserId), eq(memberships.organisationId, organisationId)));
  if (member) return 'est ou a été membre de cet organisme';
  return null;
}

/**
 * Sets the reviewers of a proposal (at least two). Possible once the proposal's cut-off has passed or
 * the call is closed; a reviewer linked to the organisation is refused; a reviewer who has submitted
 * stays. The first assignment puts the proposal in review; each new reviewer is mailed.
 */
export async function assignReviewers(ctx: ProgrammeContext, actor: Actor, proposalId: string, reviewerIds: string[]) {
  const wanted = [...new Set(reviewerIds)];
  if (wanted.length < MIN_REVIEWERS) throw new InputError({ reviewerIds: `Confiez chaque dossier à au moins ${MIN_REVIEWERS} instructeur·rices distinct·es.` });
  await ctx.database.db.transaction(async (tx) => {
    const [p] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
    if (!p) throw new NotFoundError('Dossier');
    if (p.status !== 'submitted' && p.status !== 'in_review') {
      throw new ConflictError(`Ce dossier est ${PROPOSAL_STATUS_LABELS[p.status].toLowerCase()} : ses instructeur·rices ne changent plus.`, 'dossier_non_instructible');
    }
    const [call] = await tx.select().from(calls).where(eq(calls.id, p.callId));
    if (call!.status === 'decided') throw new ConflictError('Cet appel est décidé.', 'appel_decide');
    if (call!.status === 'open' && (p.cutOff ?? '9999') >= today(ctx)) {
      throw new ConflictError('La date limite de ce dossier n’est pas passée : il pourrait encore être retiré. Attendez-la ou clôturez l’appel.', 'date_limite_non_passee');
    }
    const reviewers = await tx
      .selectDistinct({ userId: users.id, givenName: users.givenName, familyName: users.familyName, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(inArray(users.id, wanted), eq(memberships.role, 'reviewer'), isNull(memberships.endedAt)));
    const fields: Record<string, string> = {};
    wanted.forEach((id, i) => {
      if (!reviewers.some((r) => r.userId === id)) fields[`reviewerIds.${i}`] = 'Cette personne n’est pas instructeur·rice.';
    });
    if (Object.keys(fields).length > 0) throw new InputError(fields);
    for (const r of reviewers) {
      const why = await conflictOf(tx, r.userId, p.providerId);
      if (why) throw new ConflictError(`${r.givenName} ${r.familyName} ${why} : il ou elle ne peut pas évaluer ce dossier.`, 'conflit_interets');
    }
    const existing = await tx.select().from(reviewAssignments).where(eq(reviewAssignments.proposalId, p.id));
    const now = ctx.clock();
    for (const a of existing) {
      if (wanted.includes(a.reviewerUserId)) continue;
      if (a.status === 'submitted') throw new ConflictError('Un·e instructeur·rice qui a remis son évaluation ne peut pas être retiré·e du dossier.', 'evaluation_remise');
      if (a.status === 'assigned') {
        await tx.delete(reviewAssignments).where(eq(reviewAssignments.id, a.id));
        await recordAudit(tx, auditActor(actor), { action: 'review.unassigned', objectType: 'review_assignment', objectId: a.id, from: 'assigned', to: 'removed' });
      }
    }
    const url = appLink(ctx, `/instruction/${p.id}`);
    for (const r of reviewers) {
      const had = existing.find((a) => a.reviewerUserId === r.userId);
      if (had?.status === 'recused') throw new ConflictError(`${r.givenName} ${r.familyName} s’est déporté·e de ce dossier.`, 'conflit_interets');
      if (had) continue;
      const [row] = await tx
        .insert(reviewAssignments)
        .values({ proposalId: p.id, reviewerUserId: r.userId, status: 'assigned', assignedBy: actor.userId, assignedAt: now })
        .returning({ id: reviewAssignments.id });
      await recordAudit(tx, auditActor(actor), { action: 'review.assigned', objectType: 'review_assignment', objectId: row!.id, to: 'assigned', fields: ['proposalId', 'reviewerUserId'] });
      await enqueueMail(tx, callMails.reviewerAssigned(r.email, r.givenName, { title: p.title, callTitle: call!.title }, url));
    }
    if (p.status === 'submitted') {
      assertTransition(PROPOSAL_TRANSITIONS, p.status, 'in_review', PROPOSAL_STATUS_LABELS);
      await tx.update(proposals).set({ status: 'in_review', updatedAt: now }).where(eq(proposals.id, p.id));
      await recordAudit(tx, auditActor(actor), { action: 'proposal.in_review', objectType: 'proposal', objectId: p.id, from: 'submitted', to: 'in_review' });
    }
    await refreshReviewSummary(tx, p.id);
  });
}

/** The proposals assigned to the reviewer (not those they recused themselves from). */
export async function myAssignments(ctx: ProgrammeContext, actor: Actor) {
  const rows = await ctx.database.db
    .select({ a: reviewAssignments, title: proposals.title, proposalStatus: proposals.status, providerName: organisations.name, callTitle: calls.title, callId: calls.id })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .innerJoin(organisations, eq(organisations.id, proposals.providerId))
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(and(eq(reviewAssignments.reviewerUserId, actor.userId), ne(reviewAssignments.status, 'recused')))
    .orderBy(asc(reviewAssignments.status), asc(reviewAssignments.assignedAt));
  return rows.map((r) => ({
    proposalId: r.a.proposalId,
    title: r.title,
    providerName: r.providerName,
    callId: r.callId,
    callTitle: r.callTitle,
    proposalStatus: r.proposalStatus,
    status: r.a.status,
    statusLabel: ASSIGNMENT_STATUS_LABELS[r.a.status],
    assignedAt: r.a.assignedAt.toISOString(),
    submittedAt: r.a.submittedAt?.toISOString() ?? null,
  }));
}

/**
 * The reviews of a proposal. The operator sees them all, with names; a reviewer sees their own, and
 * the others' only once they have submitted theirs (then without names).
 */
export async function reviewsOf(ctx: ProgrammeContext, actor: Actor, proposalId: string) {
  const db = ctx.database.db;
  const p = await visibleProposal(db, actor, proposalId);
  if (actor.membership?.role === 'provider') throw new NotFoundError('Dossier');
  const form = await formOf(db, p.callId, p.callVersion);
  const rows = await db
    .select({ a: reviewAssignments, givenName: users.givenName, familyName: users.familyName })
    .from(reviewAssignments)
    .innerJoin(users, eq(users.id, reviewAssignments.reviewerUserId))
    .where(eq(reviewAssignments.proposalId, p.id))
    .orderBy(asc(reviewAssignments.assignedAt), asc(reviewAssignments.id));
  const isOperator = actor.membership?.role === 'operator';
  const mine = rows.find((r) => r.a.reviewerUserId === actor.userId);
  const othersVisible = isOperator || mine?.a.status === 'submitted';
  let n = 0;
  const reviews = rows
    .filter((r) => isOperator || r.a.status !== 'recused')
    .map((r) => {
      n++;
      const own = r.a.reviewerUserId === actor.userId;
      const visible = own || (othersVisible && r.a.status === 'submitted');
      return {
        id: r.a.id,
        own,
        reviewer: isOperator || own ? `${r.givenName} ${r.familyName}` : `Instructeur·rice ${n}`,
        status: r.a.status,
        statusLabel: ASSIGNMENT_STATUS_LABELS[r.a.status],
        submittedAt: r.a.submittedAt?.toISOString() ?? null,
        weightedScore: visible ? r.a.weightedScore : null,
        scores: visible ? (r.a.scores as Score[]) : null,
      };
    });
  return {
    grid: form.grid,
    hidden: !othersVisible,
    reviews,
  };
}

async function myAssignment(tx: Tx, actor: Actor, proposalId: string) {
  const [a] = await tx
    .select()
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.proposalId, proposalId), eq(reviewAssignments.reviewerUserId, actor.userId), ne(reviewAssignments.status, 'recused')))
    .for('update');
  // a reviewer not assigned to the proposal does not see it at all
  if (!a) throw new NotFoundError('Dossier');
  return a;
}

async function reviewable(tx: Tx, proposalId: string) {
  const [p] = await tx.select().from(proposals).where(eq(proposals.id, proposalId));
  if (!p) throw new NotFoundError('Dossier');
  if (p.status !== 'in_review') throw new ConflictError(`Ce dossier est ${PROPOSAL_STATUS_LABELS[p.status].toLowerCase()} : il ne s’évalue plus.`, 'dossier_non_instructible');
  return p;
}

/** Saves the reviewer's scores as they go (a draft: criteria may be missing). */
export async function saveReview(ctx: ProgrammeContext, actor: Actor, proposalId: string, scores: Score[]) {
  await ctx.database.db.transaction(async (tx) => {
    const a = await myAssignment(tx, actor, proposalId);
    const p = await reviewable(tx, proposalId);
    if (a.status === 'submitted') throw new ConflictError('Votre évaluation est remise : elle ne se modifie plus.', 'evaluation_remise');
    const form = await formOf(tx, p.callId, p.callVersion);
    const problems = scoreProblems(scores, form.grid, false);
    if (Object.keys(problems).length > 0) throw new InputError(problems);
    await tx.update(reviewAssignments).set({ scores }).where(eq(reviewAssignments.id, a.id));
    await recordAudit(tx, auditActor(actor), { action: 'review.saved', objectType: 'review_assignment', objectId: a.id, fields: scores.map((s) => s.criterion) });
  });
  return reviewsOf(ctx, actor, proposalId);
}

/** Submits the review: every criterion scored and commented; then the others' scores become visible. */
export async function submitReview(ctx: ProgrammeContext, actor: Actor, proposalId: string, scores: Score[] | undefined) {
  await ctx.database.db.transaction(async (tx) => {
    const a = await myAssignment(tx, actor, proposalId);
    const p = await reviewable(tx, proposalId);
    if (a.status === 'submitted') throw new ConflictError('Votre évaluation est déjà remise.', 'evaluation_remise');
    const form = await formOf(tx, p.callId, p.callVersion);
    const final = scores ?? (a.scores as Score[]);
    const problems = scoreProblems(final, form.grid, true);
    if (Object.keys(problems).length > 0) throw new InputError(problems, 'L’évaluation n’est pas complète : notez et commentez chaque critère.');
    const now = ctx.clock();
    await tx.update(reviewAssignments).set({ scores: final, status: 'submitted', weightedScore: weightedScore(final, form.grid), submittedAt: now }).where(eq(reviewAssignments.id, a.id));
    await recordAudit(tx, auditActor(actor), { action: 'review.submitted', objectType: 'review_assignment', objectId: a.id, from: 'assigned', to: 'submitted', fields: final.map((s) => s.criterion) });
    await refreshReviewSummary(tx, p.id);
  });
  return reviewsOf(ctx, actor, proposalId);
}

async function declare(tx: Tx, actor: Actor, organisationId: string, motive: string, now: Date): Promise<void> {
  const [already] = await tx
    .select({ id: reviewerConflicts.id })
    .from(reviewerConflicts)
    .where(and(eq(reviewerConflicts.reviewerUserId, actor.userId), eq(reviewerConflicts.organisationId, organisationId)));
  if (already) return;
  const [row] = await tx.insert(reviewerConflicts).values({ reviewerUserId: actor.userId, organisationId, motive, declaredAt: now }).returning({ id: reviewerConflicts.id });
  await recordAudit(tx, auditActor(actor), { action: 'reviewer.conflict_declared', objectType: 'reviewer_conflict', objectId: row!.id, fields: ['organisationId', 'motive'] });
}

/**
 * A reviewer declares a conflict of interest with an organisation: recorded for every later
 * assignment, and the proposals of that organisation not yet reviewed are handed back (recused).
 */
export async function declareConflict(ctx: ProgrammeContext, actor: Actor, organisationId: string, motive: string) {
  await ctx.database.db.transaction((tx) => declareConflictIn(tx, ctx, actor, organisationId, motive));
  return myConflicts(ctx, actor);
}

async function declareConflictIn(tx: Tx, ctx: ProgrammeContext, actor: Actor, organisationId: string, motive: string): Promise<void> {
  const [org] = await tx.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org || org.kind !== 'provider') throw new InputError({ organisationId: 'Choisissez un organisme de formation.' });
  const now = ctx.clock();
  await declare(tx, actor, organisationId, motive, now);
  const open = await tx
    .select({ id: reviewAssignments.id, proposalId: reviewAssignments.proposalId })
    .from(reviewAssignments)
    .innerJoin(proposals, eq(proposals.id, reviewAssignments.proposalId))
    .where(and(eq(reviewAssignments.reviewerUserId, actor.userId), eq(proposals.providerId, organisationId), eq(reviewAssignments.status, 'assigned')));
  for (const a of open) {
    await tx.update(reviewAssignments).set({ status: 'recused', recusedAt: now }).where(eq(reviewAssignments.id, a.id));
    await recordAudit(tx, auditActor(actor), { action: 'review.recused', objectType: 'review_assignment', objectId: a.id, from: 'assigned', to: 'recused' });
    await refreshReviewSummary(tx, a.proposalId);
  }
}

/** Recusal from an assigned proposal: declares the conflict with its organisation. */
export async function recuse(ctx: ProgrammeContext, actor: Actor, proposalId: string, motive: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const a = await myAssignment(tx, actor, proposalId);
    if (a.status === 'submitted') throw new ConflictError('Votre évaluation est remise : signalez le conflit à l’opérateur.', 'evaluation_remise');
    const [p] = await tx.select({ providerId: proposals.providerId }).from(proposals).where(eq(proposals.id, proposalId));
    await declareConflictIn(tx, ctx, actor, p!.providerId, motive);
  });
}

export async function myConflicts(ctx: ProgrammeContext, actor: Actor) {
  const rows = await ctx.database.db
    .select({ id: reviewerConflicts.id, organisationId: reviewerConflicts.organisationId, organisationName: organisations.name, motive: reviewerConflicts.motive, declaredAt: reviewerConflicts.declaredAt })
    .from(reviewerConflicts)
    .innerJoin(organisations, eq(organisations.id, reviewerConflicts.organisationId))
    .where(eq(reviewerConflicts.reviewerUserId, actor.userId))
    .orderBy(asc(organisations.name));
  return rows.map((r) => ({ ...r, declaredAt: r.declaredAt.toISOString() }));
}

/** Providers a reviewer may declare a conflict with (search by name). */
export async function searchProviders(ctx: ProgrammeContext, q: string) {
  const term = `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  return ctx.database.db
    .select({ id: organisations.id, name: organisations.name, siret: organisations.siret })
    .from(organisations)
    .where(and(eq(organisations.kind, 'provider'), sql`${organisations.name} ilike ${term}`))
    .orderBy(asc(organisations.name))
    .limit(20);
}
