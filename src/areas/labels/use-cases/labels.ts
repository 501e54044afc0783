import { and, asc, desc, eq, ilike, inArray, isNotNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../../db/client.ts';
import { labelRenewalRequests, labelRenewals, labels, organisations, trainings } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit, SYSTEM_ACTOR, type AuditActor } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, organisationRecipients, refreshCatalogue, today, type ProgrammeContext } from '../../calls/context.ts';
import { cancelTraining, freezeTraining, unfreezeTraining, type TrainingEffects } from './effects.ts';
import { grantPendingRequest } from './renewal-requests.ts';
import { isDueToExpire, LABEL_STATUS_LABELS, LABEL_TRANSITIONS, renewal, type LabelStatus } from '../domain/label.ts';
import { labelMails } from '../mails.ts';

export async function listLabels(ctx: ProgrammeContext, q: { status?: LabelStatus | undefined; q?: string | undefined; requested?: boolean | undefined; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (q.requested) where.push(isNotNull(labelRenewalRequests.id));
  if (q.status) where.push(eq(labels.status, q.status));
  if (q.q) where.push(ilike(trainings.title, `%${q.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`));
  const cond = where.length ? and(...where) : undefined;
  const db = ctx.database.db;
  const [{ total }] = (await db
    .select({ total: sql<number>`count(*)::int` })
    .from(labels)
    .innerJoin(trainings, eq(trainings.id, labels.trainingId))
    .leftJoin(labelRenewalRequests, and(eq(labelRenewalRequests.labelId, labels.id), eq(labelRenewalRequests.status, 'pending')))
    .where(cond)) as [{ total: number }];
  const rows = await db
    .select({
      l: labels,
      title: trainings.title,
      trainingId: trainings.id,
      providerName: organisations.name,
      renewedFrom: labelRenewals.previousLabelId,
      request: { id: labelRenewalRequests.id, requestedAt: labelRenewalRequests.requestedAt, motive: labelRenewalRequests.motive },
    })
    .from(labels)
    .innerJoin(trainings, eq(trainings.id, labels.trainingId))
    .innerJoin(organisations, eq(organisations.id, trainings.providerId))
    .leftJoin(labelRenewals, eq(labelRenewals.labelId, labels.id))
    .leftJoin(labelRenewalRequests, and(eq(labelRenewalRequests.labelId, labels.id), eq(labelRenewalRequests.status, 'pending')))
    .where(cond)
    .orderBy(...(q.requested ? [asc(labelRenewalRequests.requestedAt)] : []), desc(labels.createdAt), asc(labels.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const day = today(ctx);
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    results: rows.map((r) => {
      const ren = renewal(r.l, day);
      return {
        id: r.l.id,
        trainingId: r.trainingId,
        trainingTitle: r.title,
        providerName: r.providerName,
        status: r.l.status,
        statusLabel: LABEL_STATUS_LABELS[r.l.status],
        grantedOn: r.l.grantedOn,
        validUntil: r.l.validUntil,
        statusReason: r.l.statusReason,
        renewedFromLabelId: r.renewedFrom,
        renewable: ren.ok,
        renewalNote: ren.ok ? null : ren.message,
        renewalRequest: r.request?.id ? { id: r.request.id, requestedAt: r.request.requestedAt.toISOString(), motive: r.request.motive } : null,
      };
    }),
  };
}

export async function lockLabel(tx: Tx, labelId: string) {
  const [l] = await tx
    .select({ l: labels, title: trainings.title, providerId: trainings.providerId, communeCode: trainings.communeCode })
    .from(labels)
    .innerJoin(trainings, eq(trainings.id, labels.trainingId))
    .where(eq(labels.id, labelId))
    .for('update', { of: labels });
  if (!l) throw new NotFoundError('Label');
  return l;
}

/** Mails the provider's members about their label. */
export async function tellProvider(ctx: ProgrammeContext, tx: Tx, providerId: string, trainingId: string, build: (to: string, givenName: string, url: string) => Parameters<typeof enqueueMail>[1]) {
  const url = appLink(ctx, `/formations/${trainingId}`);
  for (const r of await organisationRecipients(tx, providerId)) await enqueueMail(tx, build(r.email, r.givenName, url));
}

async function setStatus(ctx: ProgrammeContext, tx: Tx, who: AuditActor, labelId: string, to: LabelStatus, reason: string | null, action: string) {
  const row = await lockLabel(tx, labelId);
  assertTransition(LABEL_TRANSITIONS, row.l.status, to, LABEL_STATUS_LABELS);
  // the public reason stays while the label is suspended or withdrawn; it goes when it is active again
  const statusReason = to === 'suspended' || to === 'withdrawn' ? reason : null;
  await tx.update(labels).set({ status: to, statusReason, statusChangedAt: ctx.clock() }).where(eq(labels.id, labelId));
  await recordAudit(tx, who, { action, objectType: 'label', objectId: labelId, from: row.l.status, to, motive: reason });
  return row;
}

/**
 * Suspends, reinstates or withdraws a label, with its effects on the training's open sessions in the
 * same transaction (effects.ts): a suspension freezes them (hidden from search, its page says why, no
 * wish, no offer, no acceptance), a reinstatement unfreezes them (pending offers' deadlines moved by
 * the time spent suspended), a withdrawal cancels them (wishes withdrawn, offers released, every
 * candidate told why).
 */
export async function changeLabelStatus(ctx: ProgrammeContext, actor: Actor, labelId: string, to: 'suspended' | 'active' | 'withdrawn', reason: string): Promise<TrainingEffects> {
  const text = reason.trim();
  if (text.length < 5) throw new InputError({ reason: to === 'active' ? 'Indiquez pourquoi le label est rétabli.' : 'Indiquez le motif : il est affiché sur la page de la formation.' });
  const effects = await ctx.database.db.transaction(async (tx) => {
    const now = ctx.clock();
    const who = auditActor(actor);
    const row = await setStatus(ctx, tx, who, labelId, to, text, `label.${to === 'active' ? 'reinstated' : to}`);
    await tellProvider(ctx, tx, row.providerId, row.l.trainingId, (mail, name, url) =>
      labelMails.statusChanged(mail, name, { trainingTitle: row.title, status: to, reason: text, validUntil: row.l.validUntil }, url),
    );
    const training = { id: row.l.trainingId, title: row.title, communeCode: row.communeCode };
    if (to === 'suspended') return freezeTraining(ctx, tx, who, labelId, training, text);
    if (to === 'withdrawn') return cancelTraining(ctx, tx, who, labelId, training, text, now);
    return unfreezeTraining(ctx, tx, who, labelId, training, row.l.statusChangedAt, now);
  });
  await refreshCatalogue(ctx);
  return effects;
}

/**
 * Renews a label (from active in its last six months, or expired within six months): the current
 * label closes and a new one, linked to it, starts. No new seed grant.
 */
export async function renewLabel(ctx: ProgrammeContext, actor: Actor, labelId: string, motive: string | undefined): Promise<{ id: string; validUntil: string }> {
  const out = await ctx.database.db.transaction(async (tx) => {
    const row = await lockLabel(tx, labelId);
    const r = renewal(row.l, today(ctx));
    if (!r.ok) throw new ConflictError(r.message, 'renouvellement_impossible');
    const [newer] = await tx.select({ id: labels.id }).from(labels).where(and(eq(labels.trainingId, row.l.trainingId), inArray(labels.status, ['active', 'suspended']), sql`${labels.id} <> ${labelId}`));
    if (newer) throw new ConflictError('Cette formation a déjà un label en cours.', 'renouvellement_impossible');
    const who = auditActor(actor);
    const now = ctx.clock();
    if (row.l.status === 'active') {
      assertTransition(LABEL_TRANSITIONS, 'active', 'expired', LABEL_STATUS_LABELS);
      await tx.update(labels).set({ status: 'expired', statusChangedAt: now }).where(eq(labels.id, labelId));
      await recordAudit(tx, who, { action: 'label.expired', objectType: 'label', objectId: labelId, from: 'active', to: 'expired', motive: 'renouvelé' });
    }
    const [n] = await tx.insert(labels).values({ trainingId: row.l.trainingId, status: 'active', grantedOn: r.grantedOn, validUntil: r.validUntil, createdAt: now }).returning({ id: labels.id });
    await tx.insert(labelRenewals).values({ labelId: n!.id, previousLabelId: labelId, renewedAt: now });
    await recordAudit(tx, who, { action: 'label.renewed', objectType: 'label', objectId: n!.id, from: labelId, to: 'active', motive: motive ?? null, fields: ['grantedOn', 'validUntil'] });
    // the provider's pending request, if any, is granted by this renewal
    await grantPendingRequest(tx, who, actor.userId, labelId, n!.id, motive ?? null, now);
    await tellProvider(ctx, tx, row.providerId, row.l.trainingId, (mail, name, url) => labelMails.renewed(mail, name, { trainingTitle: row.title, validUntil: r.validUntil }, url));
    return { id: n!.id, validUntil: r.validUntil };
  });
  await refreshCatalogue(ctx);
  return out;
}

/** The daily job: every active label whose validity has ended expires (audited as the platform). */
export async function expireLabels(ctx: ProgrammeContext): Promise<number> {
  const day = today(ctx);
  const due = await ctx.database.db.select({ id: labels.id }).from(labels).where(and(eq(labels.status, 'active'), lte(labels.validUntil, day)));
  let n = 0;
  for (const { id } of due) {
    await ctx.database.db.transaction(async (tx) => {
      const row = await lockLabel(tx, id);
      if (!isDueToExpire(row.l, day)) return;
      await setStatus(ctx, tx, SYSTEM_ACTOR, id, 'expired', null, 'label.expired');
      await tellProvider(ctx, tx, row.providerId, row.l.trainingId, (mail, name, url) =>
        labelMails.statusChanged(mail, name, { trainingTitle: row.title, status: 'expired', reason: null, validUntil: row.l.validUntil }, url),
      );
      n++;
    });
  }
  if (n > 0) await refreshCatalogue(ctx);
  return n;
}
