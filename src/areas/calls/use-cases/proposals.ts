import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { calls, organisations, proposalAttachments, proposalTrainings, proposals, reviewAssignments } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, organisationRecipients, today, type ProgrammeContext } from '../context.ts';
import { sqlRows } from '../../../db/client.ts';
import { CALL_STATUS_LABELS, submissionWindow, type CallForm } from '../domain/call-form.ts';
import { cleanPdfName, MAX_FILES_PER_OBJECT, pdfProblem } from '../domain/files.ts';
import {
  ATTACHMENT_KIND_LABELS,
  missingForSubmission,
  PROPOSAL_STATUS_LABELS,
  PROPOSAL_TRANSITIONS,
  requestedOf,
  thresholdWarnings,
  type AttachmentKind,
  type ProposalData,
  type ProposalStatus,
  type TrainingDraft,
} from '../domain/proposal.ts';
import { callMails } from '../mails.ts';
import { formOf } from './calls.ts';

type ProposalRow = typeof proposals.$inferSelect;

/** The organisation a provider acts for (a provider without one cannot hold proposals). */
export function providerOrganisation(actor: Actor): string {
  const m = actor.membership;
  if (m?.role !== 'provider' || !m.organisationId) throw new ForbiddenError('Agissez pour votre organisme de formation pour gérer ses dossiers.');
  return m.organisationId;
}

/**
 * A proposal as the actor may see it: the provider organisation that holds it, the operator, and
 * the reviewers assigned to it (not after a recusal). Anyone else gets "not found".
 */
export async function visibleProposal(db: Db | Tx, actor: Actor, proposalId: string, lock = false): Promise<ProposalRow> {
  const q = db.select().from(proposals).where(eq(proposals.id, proposalId));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw new NotFoundError('Dossier');
  const m = actor.membership;
  if (m?.role === 'operator') return p;
  if (m?.role === 'provider' && m.organisationId === p.providerId) return p;
  if (m?.role === 'reviewer' && p.status !== 'draft') {
    const [a] = await db
      .select({ status: reviewAssignments.status })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.proposalId, p.id), eq(reviewAssignments.reviewerUserId, actor.userId), ne(reviewAssignments.status, 'recused')));
    if (a) return p;
  }
  throw new NotFoundError('Dossier');
}

/** The provider's own proposal, for a change (else not found). */
async function ownProposal(tx: Tx, actor: Actor, proposalId: string): Promise<ProposalRow> {
  const org = providerOrganisation(actor);
  const [p] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
  if (!p || p.providerId !== org) throw new NotFoundError('Dossier');
  return p;
}

function readOnly(status: ProposalStatus): ConflictError {
  return new ConflictError(`Ce dossier est ${PROPOSAL_STATUS_LABELS[status].toLowerCase()} : il ne se modifie plus.`, 'dossier_non_modifiable');
}

export async function listOwnProposals(ctx: ProgrammeContext, actor: Actor) {
  const org = providerOrganisation(actor);
  const rows = await ctx.database.db
    .select({ p: proposals, callTitle: calls.title, callStatus: calls.status, trainings: sql<number>`(select count(*)::int from proposal_trainings t where t.proposal_id = ${proposals.id})` })
    .from(proposals)
    .innerJoin(calls, eq(calls.id, proposals.callId))
    .where(eq(proposals.providerId, org))
    .orderBy(desc(proposals.updatedAt));
  return rows.map((r) => ({
    id: r.p.id,
    title: r.p.title,
    callId: r.p.callId,
    callTitle: r.callTitle,
    callStatus: r.callStatus,
    status: r.p.status,
    trainings: r.trainings,
    requestedCents: r.p.requestedCents,
    submittedAt: r.p.submittedAt?.toISOString() ?? null,
    updatedAt: r.p.updatedAt.toISOString(),
  }));
}

export async function createProposal(ctx: ProgrammeContext, actor: Actor, input: { callId: string; title: string }): Promise<{ id: string }> {
  const org = providerOrganisation(actor);
  return ctx.database.db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, input.callId));
    if (!call || call.status === 'draft') throw new InputError({ callId: 'Cet appel n’existe pas ou n’est pas publié.' });
    const form = await formOf(tx, call.id, call.currentVersion);
    const w = submissionWindow(call.status, form, today(ctx));
    if (!w.open) throw new ConflictError(w.message, w.code);
    const now = ctx.clock();
    const [row] = await tx
      .insert(proposals)
      .values({ callId: call.id, callVersion: call.currentVersion, providerId: org, status: 'draft', title: input.title, data: {}, createdBy: actor.userId, createdAt: now, updatedAt: now })
      .returning({ id: proposals.id });
    await recordAudit(tx, auditActor(actor), { action: 'proposal.created', objectType: 'proposal', objectId: row!.id, to: 'draft', fields: ['callId', 'title'] });
    return { id: row!.id };
  });
}

export interface DraftInput {
  title: string;
  data: ProposalData;
  trainings: TrainingDraft[];
}

/** Saves a draft as the provider goes (anything may still be missing); answers the detail with what is missing. */
export async function saveDraft(ctx: ProgrammeContext, actor: Actor, proposalId: string, input: DraftInput) {
  await ctx.database.db.transaction(async (tx) => {
    const p = await ownProposal(tx, actor, proposalId);
    if (p.status !== 'draft') throw readOnly(p.status);
    const before = await tx.select({ data: proposalTrainings.data }).from(proposalTrainings).where(eq(proposalTrainings.proposalId, p.id)).orderBy(asc(proposalTrainings.position));
    const old = (p.data ?? {}) as ProposalData;
    const fields: string[] = [];
    if (p.title !== input.title) fields.push('title');
    for (const k of ['summary', 'partners', 'declarations'] as const) if (JSON.stringify(old[k] ?? null) !== JSON.stringify(input.data[k] ?? null)) fields.push(k);
    if (JSON.stringify(before.map((b) => b.data)) !== JSON.stringify(input.trainings)) fields.push('trainings');
    const now = ctx.clock();
    await tx.delete(proposalTrainings).where(eq(proposalTrainings.proposalId, p.id));
    if (input.trainings.length > 0) {
      await tx.insert(proposalTrainings).values(
        input.trainings.map((t, i) => ({
          proposalId: p.id,
          position: i,
          data: t,
          title: t.title?.trim() ?? '',
          communeCode: t.communeCode && ctx.geo.communes.has(t.communeCode) ? t.communeCode : null,
          requestedCents: t.budget?.requestedCents ?? 0,
        })),
      );
    }
    await tx.update(proposals).set({ title: input.title, data: input.data, requestedCents: requestedOf(input.trainings), updatedAt: now }).where(eq(proposals.id, p.id));
    if (fields.length > 0) await recordAudit(tx, auditActor(actor), { action: 'proposal.saved', objectType: 'proposal', objectId: p.id, fields });
  });
  return proposalDetail(ctx, actor, proposalId);
}

/** Grants already asked by the organisation in the call: other proposals filed (not withdrawn), accepted trainings only once decided. */
async function otherRequested(db: Db | Tx, callId: string, providerId: string, exceptId: string): Promise<number> {
  const [r] = await sqlRows<{ cents: string | number | null }>(
    db,
    sql`select coalesce(sum(case when p.status = 'decided' then (case when t.decision = 'accepted' then t.requested_cents else 0 end) else t.requested_cents end), 0) as cents
        from proposals p join proposal_trainings t on t.proposal_id = p.id
        where p.call_id = ${callId} and p.provider_id = ${providerId} and p.id <> ${exceptId} and p.status in ('submitted','in_review','decided')`,
  );
  return Number(r?.cents ?? 0);
}

async function attachmentKinds(db: Db | Tx, proposalId: string): Promise<AttachmentKind[]> {
  const rows = await db.selectDistinct({ kind: proposalAttachments.kind }).from(proposalAttachments).where(eq(proposalAttachments.proposalId, proposalId));
  return rows.map((r) => r.kind);
}

/**
 * Submits a draft: the call must be open and its last cut-off not passed; everything is checked
 * and what is missing is listed field by field. The proposal is then read-only, tied to the call's
 * current form version, and a receipt is mailed to the organisation's members.
 */
export async function submitProposal(ctx: ProgrammeContext, actor: Actor, proposalId: string) {
  await ctx.database.db.transaction(async (tx) => {
    const p = await ownProposal(tx, actor, proposalId);
    assertTransition(PROPOSAL_TRANSITIONS, p.status, 'submitted', PROPOSAL_STATUS_LABELS);
    // one submission at a time per organisation: the cap per organisation is checked against the others
    await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, p.providerId)).for('update');
    const [call] = await tx.select().from(calls).where(eq(calls.id, p.callId));
    const form = await formOf(tx, call!.id, call!.currentVersion);
    const w = submissionWindow(call!.status, form, today(ctx));
    if (!w.open) throw new ConflictError(w.message, w.code);
    const trainings = await tx.select().from(proposalTrainings).where(eq(proposalTrainings.proposalId, p.id)).orderBy(asc(proposalTrainings.position));
    const drafts = trainings.map((t) => t.data as TrainingDraft);
    const missing = missingForSubmission({ title: p.title, data: p.data as ProposalData }, drafts, form, {
      communeExists: (c) => ctx.geo.communes.has(c),
      otherRequestedCents: await otherRequested(tx, p.callId, p.providerId, p.id),
      attachmentKinds: await attachmentKinds(tx, p.id),
    });
    if (missing.length > 0) {
      const fields: Record<string, string> = {};
      for (const m of missing) fields[m.field] ??= m.message;
      throw new InputError(fields, `Le dossier n’est pas complet : ${missing.length} point${missing.length > 1 ? 's' : ''} à reprendre avant le dépôt.`);
    }
    const now = ctx.clock();
    await tx
      .update(proposals)
      .set({ status: 'submitted', submittedAt: now, cutOff: w.cutOff, callVersion: call!.currentVersion, updatedAt: now })
      .where(eq(proposals.id, p.id));
    await recordAudit(tx, auditActor(actor), { action: 'proposal.submitted', objectType: 'proposal', objectId: p.id, from: 'draft', to: 'submitted', fields: ['callVersion', 'cutOff'] });
    const url = appLink(ctx, `/organisme/dossiers/${p.id}`);
    for (const r of await organisationRecipients(tx, p.providerId)) {
      await enqueueMail(tx, callMails.submissionReceipt(r.email, r.givenName, { title: p.title, callTitle: call!.title, cutOff: w.cutOff, trainings: drafts.length, requestedCents: requestedOf(drafts) }, url));
    }
  });
  return proposalDetail(ctx, actor, proposalId);
}

export async function withdrawProposal(ctx: ProgrammeContext, actor: Actor, proposalId: string, motive: string | undefined) {
  await ctx.database.db.transaction(async (tx) => {
    const p = await ownProposal(tx, actor, proposalId);
    assertTransition(PROPOSAL_TRANSITIONS, p.status, 'withdrawn', PROPOSAL_STATUS_LABELS);
    const decided = await tx
      .select({ id: proposalTrainings.id })
      .from(proposalTrainings)
      .where(and(eq(proposalTrainings.proposalId, p.id), sql`${proposalTrainings.decision} is not null`));
    if (decided.length > 0) throw new ConflictError('Une partie de ce dossier est déjà décidée : il ne peut plus être retiré.', 'dossier_en_decision');
    const now = ctx.clock();
    await tx.update(proposals).set({ status: 'withdrawn', withdrawnAt: now, updatedAt: now }).where(eq(proposals.id, p.id));
    await recordAudit(tx, auditActor(actor), { action: 'proposal.withdrawn', objectType: 'proposal', objectId: p.id, from: p.status, to: 'withdrawn', motive: motive ?? null });
  });
  return proposalDetail(ctx, actor, proposalId);
}

/** The whole proposal, with what is missing (drafts) and commitments below the label thresholds. */
export async function proposalDetail(ctx: ProgrammeContext, actor: Actor, proposalId: string) {
  const db = ctx.database.db;
  const p = await visibleProposal(db, actor, proposalId);
  const [call] = await db.select().from(calls).where(eq(calls.id, p.callId));
  const [org] = await db.select({ name: organisations.name, siret: organisations.siret }).from(organisations).where(eq(organisations.id, p.providerId));
  const version = p.status === 'draft' ? call!.currentVersion : p.callVersion;
  const form = await formOf(db, call!.id, version);
  const trainings = await db.select().from(proposalTrainings).where(eq(proposalTrainings.proposalId, p.id)).orderBy(asc(proposalTrainings.position));
  const attachments = await db
    .select({ id: proposalAttachments.id, kind: proposalAttachments.kind, fileName: proposalAttachments.fileName, byteSize: proposalAttachments.byteSize, sha256: proposalAttachments.sha256, uploadedAt: proposalAttachments.uploadedAt })
    .from(proposalAttachments)
    .where(eq(proposalAttachments.proposalId, p.id))
    .orderBy(asc(proposalAttachments.uploadedAt));
  const drafts = trainings.map((t) => t.data as TrainingDraft);
  const data = p.data as ProposalData;
  const missing =
    p.status === 'draft'
      ? missingForSubmission({ title: p.title, data }, drafts, form, {
          communeExists: (c) => ctx.geo.communes.has(c),
          otherRequestedCents: await otherRequested(db, p.callId, p.providerId, p.id),
          attachmentKinds: attachments.map((a) => a.kind),
        })
      : [];
  const window = submissionWindow(call!.status, form, today(ctx));
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    call: { id: call!.id, title: call!.title, status: call!.status, statusLabel: CALL_STATUS_LABELS[call!.status], currentVersion: call!.currentVersion },
    callVersion: version,
    /** a draft started on an earlier version of the form follows the current one */
    formChangedSinceCreation: p.status === 'draft' && p.callVersion !== call!.currentVersion,
    form,
    provider: { id: p.providerId, name: org?.name ?? '', siret: org?.siret ?? null },
    data: { summary: data.summary ?? '', partners: data.partners ?? [], declarations: data.declarations ?? [] },
    trainings: trainings.map((t) => ({
      id: t.id,
      position: t.position,
      data: t.data as TrainingDraft,
      regionCode: t.communeCode ? (ctx.geo.communes.get(t.communeCode)?.region ?? null) : null,
      decision: t.decision,
      decisionMotive: t.decisionMotive,
      decidedAt: t.decidedAt?.toISOString() ?? null,
      trainingId: t.trainingId,
      labelId: t.labelId,
    })),
    attachments: attachments.map((a) => ({ ...a, kindLabel: ATTACHMENT_KIND_LABELS[a.kind], uploadedAt: a.uploadedAt.toISOString() })),
    requestedCents: p.requestedCents,
    cutOff: p.cutOff,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    submission: window.open ? { open: true, cutOff: window.cutOff, message: null } : { open: false, cutOff: null, message: window.message },
    missing,
    warnings: thresholdWarnings(drafts),
  };
}

export type ProposalDetail = Awaited<ReturnType<typeof proposalDetail>>;

/** Adds a PDF to a draft (type read from the bytes, size-limited, SHA-256 kept). */
export async function uploadAttachment(ctx: ProgrammeContext, actor: Actor, proposalId: string, kind: AttachmentKind, bytes: Buffer, name: string | undefined) {
  const problem = pdfProblem(bytes);
  if (problem) throw new InputError({ file: problem });
  return ctx.database.db.transaction(async (tx) => {
    const p = await ownProposal(tx, actor, proposalId);
    if (p.status !== 'draft') throw readOnly(p.status);
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(proposalAttachments).where(eq(proposalAttachments.proposalId, p.id))) as [{ n: number }];
    if (n >= MAX_FILES_PER_OBJECT) throw new InputError({ file: `Un dossier compte au plus ${MAX_FILES_PER_OBJECT} pièces jointes.` });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = cleanPdfName(name, `${kind}.pdf`);
    const [row] = await tx
      .insert(proposalAttachments)
      .values({ proposalId: p.id, kind, fileName, byteSize: bytes.length, sha256, content: bytes, uploadedBy: actor.userId, uploadedAt: ctx.clock() })
      .returning({ id: proposalAttachments.id, uploadedAt: proposalAttachments.uploadedAt });
    await tx.update(proposals).set({ updatedAt: ctx.clock() }).where(eq(proposals.id, p.id));
    await recordAudit(tx, auditActor(actor), { action: 'proposal.attachment_added', objectType: 'proposal', objectId: p.id, to: row!.id, fields: ['kind', 'fileName', 'sha256'] });
    return { id: row!.id, kind, kindLabel: ATTACHMENT_KIND_LABELS[kind], fileName, byteSize: bytes.length, sha256, uploadedAt: row!.uploadedAt.toISOString() };
  });
}

export async function deleteAttachment(ctx: ProgrammeContext, actor: Actor, proposalId: string, attachmentId: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const p = await ownProposal(tx, actor, proposalId);
    if (p.status !== 'draft') throw readOnly(p.status);
    const gone = await tx
      .delete(proposalAttachments)
      .where(and(eq(proposalAttachments.id, attachmentId), eq(proposalAttachments.proposalId, p.id)))
      .returning({ id: proposalAttachments.id });
    if (gone.length === 0) throw new NotFoundError('Pièce jointe');
    await recordAudit(tx, auditActor(actor), { action: 'proposal.attachment_removed', objectType: 'proposal', objectId: p.id, from: attachmentId });
  });
}

export async function readAttachment(ctx: ProgrammeContext, actor: Actor, proposalId: string, attachmentId: string) {
  const p = await visibleProposal(ctx.database.db, actor, proposalId);
  const [a] = await ctx.database.db
    .select()
    .from(proposalAttachments)
    .where(and(eq(proposalAttachments.id, attachmentId), eq(proposalAttachments.proposalId, p.id)));
  if (!a) throw new NotFoundError('Pièce jointe');
  return a;
}

/** Proposals of a call for the operator (assignment page): every filed one, with its reviewers. */
export async function callProposals(ctx: ProgrammeContext, callId: string) {
  const db = ctx.database.db;
  const [call] = await db.select({ id: calls.id }).from(calls).where(eq(calls.id, callId));
  if (!call) throw new NotFoundError('Appel');
  const rows = await db
    .select({ p: proposals, providerName: organisations.name })
    .from(proposals)
    .innerJoin(organisations, eq(organisations.id, proposals.providerId))
    .where(and(eq(proposals.callId, callId), inArray(proposals.status, ['submitted', 'in_review', 'decided'])))
    .orderBy(asc(proposals.submittedAt), asc(proposals.id));
  const assignments = rows.length
    ? await sqlRows<{ proposal_id: string; reviewer_user_id: string; status: string; name: string }>(
        db,
        sql`select a.proposal_id, a.reviewer_user_id, a.status, u.given_name || ' ' || u.family_name as name
            from review_assignments a join users u on u.id = a.reviewer_user_id join proposals p on p.id = a.proposal_id
            where p.call_id = ${callId} order by a.assigned_at`,
      )
    : [];
  const byProposal = new Map<string, { userId: string; name: string; status: string }[]>();
  for (const a of assignments) {
    let l = byProposal.get(a.proposal_id);
    if (!l) byProposal.set(a.proposal_id, (l = []));
    l.push({ userId: a.reviewer_user_id, name: a.name, status: a.status });
  }
  return rows.map((r) => ({
    id: r.p.id,
    title: r.p.title,
    providerId: r.p.providerId,
    providerName: r.providerName,
    status: r.p.status,
    cutOff: r.p.cutOff,
    requestedCents: r.p.requestedCents,
    reviewers: byProposal.get(r.p.id) ?? [],
  }));
}
