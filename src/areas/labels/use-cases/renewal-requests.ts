/**
 * Renewal asked by the provider (DOMAIN.md: from `active` in its last six months, or `expired` within
 * six months, a renewal creates a new label). The provider sees its labels and asks, with a motive,
 * inside the window only; the operator grants (renewLabel, which closes the request) or refuses with
 * a motive. Each step is audited and mailed in its transaction.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { labelRenewalRequests, labelRenewals, labels, trainings } from '../../../db/schema/index.ts';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit, type AuditActor } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, today, type ProgrammeContext } from '../../calls/context.ts';
import { LABEL_STATUS_LABELS, renewal, RENEWAL_REQUEST_STATUS_LABELS, RENEWAL_REQUEST_TRANSITIONS, type RenewalRequestStatus } from '../domain/label.ts';
import { labelMails } from '../mails.ts';
import { lockLabel, tellProvider } from './labels.ts';

function providerOf(actor: Actor): string {
  const m = actor.membership;
  if (m?.role !== 'provider' || !m.organisationId) throw new ForbiddenError('Agissez pour votre organisme de formation pour suivre ses labels.');
  return m.organisationId;
}

/** The labels of the provider's trainings, newest first, with what renewal allows today and the requests made. */
export async function providerLabels(ctx: ProgrammeContext, actor: Actor) {
  const organisationId = providerOf(actor);
  const db = ctx.database.db;
  const rows = await db
    .select({ l: labels, title: trainings.title, renewedFrom: labelRenewals.previousLabelId })
    .from(labels)
    .innerJoin(trainings, eq(trainings.id, labels.trainingId))
    .leftJoin(labelRenewals, eq(labelRenewals.labelId, labels.id))
    .where(eq(trainings.providerId, organisationId))
    .orderBy(asc(trainings.title), desc(labels.grantedOn), asc(labels.id));
  const requests = await db
    .select()
    .from(labelRenewalRequests)
    .where(eq(labelRenewalRequests.organisationId, organisationId))
    .orderBy(desc(labelRenewalRequests.requestedAt), desc(labelRenewalRequests.id));
  const renewedLabels = new Set(rows.map((r) => r.renewedFrom).filter((x): x is string => !!x));
  const day = today(ctx);
  return rows.map((r) => {
    const mine = requests.filter((q) => q.labelId === r.l.id);
    const pending = mine.find((q) => q.status === 'pending') ?? null;
    const ren = renewal(r.l, day);
    const renewed = renewedLabels.has(r.l.id);
    return {
      id: r.l.id,
      trainingId: r.l.trainingId,
      trainingTitle: r.title,
      status: r.l.status,
      statusLabel: LABEL_STATUS_LABELS[r.l.status],
      statusReason: r.l.statusReason,
      grantedOn: r.l.grantedOn,
      validUntil: r.l.validUntil,
      renewedFromLabelId: r.renewedFrom,
      /** a request can be made now: inside the window, not renewed yet, none pending */
      canRequest: ren.ok && !renewed && !pending,
      renewalNote: renewed ? 'Ce label a été renouvelé.' : ren.ok ? null : ren.message,
      requests: mine.map((q) => ({
        id: q.id,
        status: q.status,
        statusLabel: RENEWAL_REQUEST_STATUS_LABELS[q.status],
        requestedAt: q.requestedAt.toISOString(),
        motive: q.motive,
        decidedAt: q.decidedAt?.toISOString() ?? null,
        decisionMotive: q.decisionMotive,
      })),
    };
  });
}

/** The provider asks to renew one of its labels: refused outside the window (the French reason), or while a request waits. */
export async function requestRenewal(ctx: ProgrammeContext, actor: Actor, labelId: string, motive: string): Promise<{ id: string }> {
  const organisationId = providerOf(actor);
  const text = motive.trim();
  if (text.length < 10) throw new InputError({ motive: 'Expliquez en quelques mots pourquoi le label doit être renouvelé (10 caractères au moins).' });
  const now = ctx.clock();
  return ctx.database.db.transaction(async (tx) => {
    const row = await lockLabel(tx, labelId);
    if (row.providerId !== organisationId) throw new NotFoundError('Label');
    const r = renewal(row.l, today(ctx));
    if (!r.ok) throw new ConflictError(r.message, 'renouvellement_impossible');
    const [renewed] = await tx.select({ id: labelRenewals.labelId }).from(labelRenewals).where(eq(labelRenewals.previousLabelId, labelId));
    if (renewed) throw new ConflictError('Ce label a déjà été renouvelé.', 'renouvellement_impossible');
    const [pending] = await tx
      .select({ id: labelRenewalRequests.id })
      .from(labelRenewalRequests)
      .where(and(eq(labelRenewalRequests.labelId, labelId), eq(labelRenewalRequests.status, 'pending')));
    if (pending) throw new ConflictError('Une demande de renouvellement de ce label attend déjà la décision de l’opérateur.', 'demande_en_cours');
    const [q] = await tx
      .insert(labelRenewalRequests)
      .values({ labelId, organisationId, requestedBy: actor.userId, requestedAt: now, motive: text, status: 'pending' })
      .returning({ id: labelRenewalRequests.id });
    await recordAudit(tx, auditActor(actor), { action: 'label.renewal_requested', objectType: 'label_renewal_request', objectId: q!.id, to: 'pending', fields: ['labelId', 'motive'] });
    await tellProvider(ctx, tx, row.providerId, row.l.trainingId, (mail, name) => labelMails.renewalRequested(mail, name, row.title, appLink(ctx, '/organisme/labels')));
    return { id: q!.id };
  });
}

async function lockPending(tx: Tx, labelId: string) {
  const [q] = await tx
    .select()
    .from(labelRenewalRequests)
    .where(and(eq(labelRenewalRequests.labelId, labelId), eq(labelRenewalRequests.status, 'pending')))
    .for('update');
  return q ?? null;
}

async function close(tx: Tx, who: AuditActor, requestId: string, to: RenewalRequestStatus, set: Partial<typeof labelRenewalRequests.$inferInsert>, motive: string | null) {
  assertTransition(RENEWAL_REQUEST_TRANSITIONS, 'pending', to, RENEWAL_REQUEST_STATUS_LABELS);
  await tx.update(labelRenewalRequests).set({ status: to, ...set }).where(eq(labelRenewalRequests.id, requestId));
  await recordAudit(tx, who, { action: `label.renewal_${to}`, objectType: 'label_renewal_request', objectId: requestId, from: 'pending', to, motive, fields: to === 'granted' ? ['newLabelId'] : ['decisionMotive'] });
}

/** Inside the renewal's transaction: the pending request of the label, if any, is granted. */
export async function grantPendingRequest(tx: Tx, who: AuditActor, userId: string, labelId: string, newLabelId: string, motive: string | null, now: Date): Promise<void> {
  const q = await lockPending(tx, labelId);
  if (!q) return;
  await close(tx, who, q.id, 'granted', { decidedBy: userId, decidedAt: now, decisionMotive: motive, newLabelId }, motive);
}

/** The operator refuses the pending request with a motive (mailed to the provider). */
export async function refuseRenewal(ctx: ProgrammeContext, actor: Actor, labelId: string, motive: string): Promise<void> {
  const text = motive.trim();
  if (text.length < 10) throw new InputError({ motive: 'Indiquez le motif du refus : il est envoyé à l’organisme (10 caractères au moins).' });
  const now = ctx.clock();
  await ctx.database.db.transaction(async (tx) => {
    const row = await lockLabel(tx, labelId);
    const q = await lockPending(tx, labelId);
    if (!q) throw new ConflictError('Aucune demande de renouvellement de ce label n’attend de décision.', 'aucune_demande');
    await close(tx, auditActor(actor), q.id, 'refused', { decidedBy: actor.userId, decidedAt: now, decisionMotive: text }, text);
    await tellProvider(ctx, tx, row.providerId, row.l.trainingId, (mail, name) => labelMails.renewalRefused(mail, name, row.title, text, appLink(ctx, '/organisme/labels')));
  });
}
