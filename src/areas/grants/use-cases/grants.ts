import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { calls, grantTranches, grants, labels, organisations, trainings, trancheEvidence } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, organisationRecipients, type ProgrammeContext } from '../../calls/context.ts';
import { cleanPdfName, MAX_FILES_PER_OBJECT, pdfProblem } from '../../calls/domain/files.ts';
import { EVIDENCE_KIND_LABELS, financeSummary, TRANCHE_STATUS_LABELS, TRANCHE_TRANSITIONS, type EvidenceKind, type TrancheStatus } from '../domain/tranches.ts';
import { grantMails } from '../mails.ts';

type GrantRow = typeof grants.$inferSelect;

/** Which grants the actor sees: all for the operator, its own for a provider, those it funds for a funder. */
function scope(actor: Actor): SQL | undefined {
  const m = actor.membership;
  if (m?.role === 'operator') return undefined;
  if (m?.role === 'provider' && m.organisationId) return eq(grants.providerId, m.organisationId);
  if (m?.role === 'funder' && m.organisationId) return eq(grants.funderId, m.organisationId);
  return sql`false`;
}

async function visibleGrant(db: Db | Tx, actor: Actor, grantId: string, lock = false): Promise<GrantRow> {
  const q = db.select().from(grants).where(and(eq(grants.id, grantId), scope(actor)));
  const [g] = lock ? await q.for('update') : await q;
  if (!g) throw new NotFoundError('Convention');
  return g;
}

export async function listGrants(ctx: ProgrammeContext, actor: Actor, q: { callId?: string | undefined }) {
  const where = and(scope(actor), q.callId ? eq(grants.callId, q.callId) : undefined);
  const rows = await ctx.database.db
    .select({ g: grants, trainingTitle: trainings.title, providerName: organisations.name, callTitle: calls.title })
    .from(grants)
    .innerJoin(trainings, eq(trainings.id, grants.trainingId))
    .innerJoin(organisations, eq(organisations.id, grants.providerId))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .where(where)
    .orderBy(desc(grants.createdAt), asc(grants.id));
  const ids = rows.map((r) => r.g.id);
  const tranches = ids.length
    ? await ctx.database.db.select({ grantId: grantTranches.grantId, status: grantTranches.status, amountCents: grantTranches.amountCents }).from(grantTranches).where(inArray(grantTranches.grantId, ids))
    : [];
  return rows.map((r) => {
    const ts = tranches.filter((t) => t.grantId === r.g.id);
    const paid = ts.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountCents, 0);
    return {
      id: r.g.id,
      callId: r.g.callId,
      callTitle: r.callTitle,
      trainingId: r.g.trainingId,
      trainingTitle: r.trainingTitle,
      providerName: r.providerName,
      amountCents: r.g.amountCents,
      paidCents: paid,
      toReview: ts.filter((t) => t.status === 'evidence_submitted').length,
      toPay: ts.filter((t) => t.status === 'approved').length,
    };
  });
}

export async function grantDetail(ctx: ProgrammeContext, actor: Actor, grantId: string) {
  const db = ctx.database.db;
  const g = await visibleGrant(db, actor, grantId);
  const [info] = await db
    .select({ trainingTitle: trainings.title, providerName: organisations.name, callTitle: calls.title, labelStatus: labels.status, labelValidUntil: labels.validUntil })
    .from(grants)
    .innerJoin(trainings, eq(trainings.id, grants.trainingId))
    .innerJoin(organisations, eq(organisations.id, grants.providerId))
    .innerJoin(calls, eq(calls.id, grants.callId))
    .leftJoin(labels, and(eq(labels.trainingId, grants.trainingId), inArray(labels.status, ['active', 'suspended'])))
    .where(eq(grants.id, g.id));
  const [funder] = g.funderId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, g.funderId)) : [];
  const tranches = await db.select().from(grantTranches).where(eq(grantTranches.grantId, g.id)).orderBy(asc(grantTranches.position));
  const evidence = tranches.length
    ? await db
        .select({ id: trancheEvidence.id, trancheId: trancheEvidence.trancheId, kind: trancheEvidence.kind, fileName: trancheEvidence.fileName, byteSize: trancheEvidence.byteSize, sha256: trancheEvidence.sha256, uploadedAt: trancheEvidence.uploadedAt })
        .from(trancheEvidence)
        .where(inArray(trancheEvidence.trancheId, tranches.map((t) => t.id)))
        .orderBy(asc(trancheEvidence.uploadedAt))
    : [];
  return {
    id: g.id,
    callId: g.callId,
    callTitle: info!.callTitle,
    trainingId: g.trainingId,
    trainingTitle: info!.trainingTitle,
    providerId: g.providerId,
    providerName: info!.providerName,
    funderName: funder?.name ?? 'État (GIP Grande École du Numérique)',
    label: info!.labelStatus ? { status: info!.labelStatus, validUntil: info!.labelValidUntil! } : null,
    amountCents: g.amountCents,
    createdAt: g.createdAt.toISOString(),
    tranches: tranches.map((t) => ({
      id: t.id,
      position: t.position,
      label: t.label,
      amountCents: t.amountCents,
      status: t.status,
      statusLabel: TRANCHE_STATUS_LABELS[t.status],
      evidenceSubmittedAt: t.evidenceSubmittedAt?.toISOString() ?? null,
      returnMotive: t.returnMotive,
      approvedAt: t.approvedAt?.toISOString() ?? null,
      paidAt: t.paidAt?.toISOString() ?? null,
      paymentReference: t.paymentReference,
      evidence: evidence
        .filter((e) => e.trancheId === t.id)
        .map((e) => ({ id: e.id, kind: e.kind, kindLabel: EVIDENCE_KIND_LABELS[e.kind], fileName: e.fileName, byteSize: e.byteSize, sha256: e.sha256, uploadedAt: e.uploadedAt.toISOString() })),
    })),
  };
}

async function lockTranche(tx: Tx, grantId: string, trancheId: string) {
  const [t] = await tx.select().from(grantTranches).where(and(eq(grantTranches.id, trancheId), eq(grantTranches.grantId, grantId))).for('update');
  if (!t) throw new NotFoundError('Versement');
  return t;
}

async function trainingTitle(tx: Tx, trainingId: string): Promise<string> {
  const [t] = await tx.select({ title: trainings.title }).from(trainings).where(eq(trainings.id, trainingId));
  return t?.title ?? '';
}

function providerOnly(actor: Actor, g: GrantRow): void {
  if (actor.membership?.role !== 'provider' || actor.membership.organisationId !== g.providerId) throw new NotFoundError('Convention');
}

/** The provider adds a supporting document (PDF) to a tranche still waiting for its evidence. */
export async function uploadEvidence(ctx: ProgrammeContext, actor: Actor, grantId: string, trancheId: string, kind: EvidenceKind, bytes: Buffer, name: string | undefined) {
  const problem = pdfProblem(bytes);
  if (problem) throw new InputError({ file: problem });
  return ctx.database.db.transaction(async (tx) => {
    const g = await visibleGrant(tx, actor, grantId);
    providerOnly(actor, g);
    const t = await lockTranche(tx, g.id, trancheId);
    if (t.status !== 'planned') throw new ConflictError(`Ce versement est « ${TRANCHE_STATUS_LABELS[t.status]} » : ses justificatifs ne changent plus.`, 'justificatifs_figes');
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(trancheEvidence).where(eq(trancheEvidence.trancheId, t.id))) as [{ n: number }];
    if (n >= MAX_FILES_PER_OBJECT) throw new InputError({ file: `Un versement compte au plus ${MAX_FILES_PER_OBJECT} justificatifs.` });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const fileName = cleanPdfName(name, `justificatif-${kind}.pdf`);
    const [row] = await tx
      .insert(trancheEvidence)
      .values({ trancheId: t.id, kind, fileName, byteSize: bytes.length, sha256, content: bytes, uploadedBy: actor.userId, uploadedAt: ctx.clock() })
      .returning({ id: trancheEvidence.id });
    await recordAudit(tx, auditActor(actor), { action: 'tranche.evidence_added', objectType: 'grant_tranche', objectId: t.id, to: row!.id, fields: ['kind', 'fileName', 'sha256'] });
    return { id: row!.id, kind, kindLabel: EVIDENCE_KIND_LABELS[kind], fileName, byteSize: bytes.length, sha256 };
  });
}

export async function readEvidence(ctx: ProgrammeContext, actor: Actor, grantId: string, trancheId: string, evidenceId: string) {
  const g = await visibleGrant(ctx.database.db, actor, grantId);
  const [e] = await ctx.database.db
    .select({ e: trancheEvidence })
    .from(trancheEvidence)
    .innerJoin(grantTranches, eq(grantTranches.id, trancheEvidence.trancheId))
    .where(and(eq(trancheEvidence.id, evidenceId), eq(trancheEvidence.trancheId, trancheId), eq(grantTranches.grantId, g.id)));
  if (!e) throw new NotFoundError('Justificatif');
  return e.e;
}

/** The provider submits the tranche's evidence for review (at least one document). */
export async function submitEvidence(ctx: ProgrammeContext, actor: Actor, grantId: string, trancheId: string) {
  await ctx.database.db.transaction(async (tx) => {
    const g = await visibleGrant(tx, actor, grantId);
    providerOnly(actor, g);
    const t = await lockTranche(tx, g.id, trancheId);
    assertTransition(TRANCHE_TRANSITIONS, t.status, 'evidence_submitted', TRANCHE_STATUS_LABELS);
    const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(trancheEvidence).where(eq(trancheEvidence.trancheId, t.id))) as [{ n: number }];
    if (n === 0) throw new InputError({ file: 'Déposez au moins un justificatif (PDF) avant de les transmettre.' });
    await tx.update(grantTranches).set({ status: 'evidence_submitted', evidenceSubmittedAt: ctx.clock() }).where(eq(grantTranches.id, t.id));
    await recordAudit(tx, auditActor(actor), { action: 'tranche.evidence_submitted', objectType: 'grant_tranche', objectId: t.id, from: t.status, to: 'evidence_submitted' });
  });
  return grantDetail(ctx, actor, grantId);
}

/** The operator approves the evidence, or returns it with a motive (mailed to the provider). */
export async function reviewEvidence(ctx: ProgrammeContext, actor: Actor, grantId: string, trancheId: string, decision: 'approve' | 'return', motive: string | undefined) {
  const text = motive?.trim() || null;
  if (decision === 'return' && (!text || text.length < 5)) throw new InputError({ motive: 'Indiquez ce qui manque ou ne convient pas : le motif est envoyé à l’organisme.' });
  await ctx.database.db.transaction(async (tx) => {
    const g = await visibleGrant(tx, actor, grantId);
    const t = await lockTranche(tx, g.id, trancheId);
    const to: TrancheStatus = decision === 'approve' ? 'approved' : 'planned';
    assertTransition(TRANCHE_TRANSITIONS, t.status, to, TRANCHE_STATUS_LABELS);
    const now = ctx.clock();
    if (to === 'approved') await tx.update(grantTranches).set({ status: 'approved', approvedAt: now, approvedBy: actor.userId, returnMotive: null }).where(eq(grantTranches.id, t.id));
    else await tx.update(grantTranches).set({ status: 'planned', returnMotive: text, evidenceSubmittedAt: null }).where(eq(grantTranches.id, t.id));
    await recordAudit(tx, auditActor(actor), { action: decision === 'approve' ? 'tranche.evidence_approved' : 'tranche.evidence_returned', objectType: 'grant_tranche', objectId: t.id, from: t.status, to, motive: text });
    const title = await trainingTitle(tx, g.trainingId);
    const url = appLink(ctx, '/organisme/conventions');
    for (const r of await organisationRecipients(tx, g.providerId)) {
      await enqueueMail(
        tx,
        decision === 'approve'
          ? grantMails.evidenceApproved(r.email, r.givenName, { trainingTitle: title, trancheLabel: t.label, amountCents: t.amountCents }, url)
          : grantMails.evidenceReturned(r.email, r.givenName, { trainingTitle: title, trancheLabel: t.label, motive: text! }, url),
      );
    }
  });
  return grantDetail(ctx, actor, grantId);
}

/** Marks a tranche paid: only once its evidence is approved (the audit finding this platform answers). */
export async function payTranche(ctx: ProgrammeContext, actor: Actor, grantId: string, trancheId: string, reference: string) {
  await ctx.database.db.transaction(async (tx) => {
    const g = await visibleGrant(tx, actor, grantId);
    const t = await lockTranche(tx, g.id, trancheId);
    if (t.status !== 'approved') {
      throw new ConflictError(
        t.status === 'paid' ? 'Ce versement est déjà payé.' : 'Aucun versement sans justificatifs approuvés : ce versement n’a pas de justificatifs approuvés.',
        t.status === 'paid' ? 'deja_paye' : 'paiement_sans_justificatif',
      );
    }
    assertTransition(TRANCHE_TRANSITIONS, t.status, 'paid', TRANCHE_STATUS_LABELS);
    await tx.update(grantTranches).set({ status: 'paid', paidAt: ctx.clock(), paidBy: actor.userId, paymentReference: reference }).where(eq(grantTranches.id, t.id));
    await recordAudit(tx, auditActor(actor), { action: 'tranche.paid', objectType: 'grant_tranche', objectId: t.id, from: 'approved', to: 'paid', fields: ['paymentReference'] });
    const title = await trainingTitle(tx, g.trainingId);
    const url = appLink(ctx, '/organisme/conventions');
    for (const r of await organisationRecipients(tx, g.providerId)) {
      await enqueueMail(tx, grantMails.paid(r.email, r.givenName, { trainingTitle: title, trancheLabel: t.label, amountCents: t.amountCents, reference }, url));
    }
  });
  return grantDetail(ctx, actor, grantId);
}

/** Committed vs paid vs remaining, per call (with its envelope) and per funder. A funder sees its own. */
export async function financeOverview(ctx: ProgrammeContext, actor: Actor) {
  const db = ctx.database.db;
  const gs = await db.select().from(grants).where(scope(actor));
  const ids = gs.map((g) => g.id);
  const ts = ids.length ? await db.select({ grantId: grantTranches.grantId, status: grantTranches.status, amountCents: grantTranches.amountCents }).from(grantTranches).where(inArray(grantTranches.grantId, ids)) : [];
  const s = financeSummary(gs.map((g) => ({ callId: g.callId, funderId: g.funderId, amountCents: g.amountCents, tranches: ts.filter((t) => t.grantId === g.id) })));
  const callRows = s.byCall.size ? await db.select({ id: calls.id, title: calls.title, envelopeCents: calls.envelopeCents }).from(calls).where(inArray(calls.id, [...s.byCall.keys()])) : [];
  const funderIds = [...s.byFunder.keys()].filter((k) => k !== '');
  const funderRows = funderIds.length ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, funderIds)) : [];
  return {
    total: s.total,
    byCall: callRows
      .map((c) => ({ callId: c.id, title: c.title, envelopeCents: c.envelopeCents, ...s.byCall.get(c.id)!, envelopeLeftCents: c.envelopeCents - s.byCall.get(c.id)!.committedCents }))
      .sort((a, b) => a.title.localeCompare(b.title, 'fr')),
    byFunder: [...s.byFunder.entries()]
      .map(([id, row]) => ({ funderId: id || null, name: id ? (funderRows.find((f) => f.id === id)?.name ?? id) : 'État (GIP Grande École du Numérique)', ...row }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
  };
}

