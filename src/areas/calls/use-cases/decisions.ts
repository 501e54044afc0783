import { and, asc, eq, sql } from 'drizzle-orm';
import { calls, proposalTrainings, proposals, reviewAssignments, trainings } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { createGrant } from '../../grants/use-cases/create-grant.ts';
import { grantLabel } from '../../labels/use-cases/grant-label.ts';
import { appLink, organisationRecipients, refreshCatalogue, today, type ProgrammeContext } from '../context.ts';
import { sqlRows } from '../../../db/client.ts';
import { CALL_STATUS_LABELS } from '../domain/call-form.ts';
import { acceptanceRefusal, PROPOSAL_STATUS_LABELS, PROPOSAL_TRANSITIONS, type TrainingDraft } from '../domain/proposal.ts';
import { MIN_REVIEWERS } from '../domain/scoring.ts';
import { callMails } from '../mails.ts';
import { formOf } from './calls.ts';

export interface DecisionInput {
  decision: 'accepted' | 'rejected';
  motive?: string | undefined;
}

/**
 * Decides one training of a proposal. A rejection needs a motive (sent to the provider). An
 * acceptance is checked against the caps (per training, per organisation in the call, the envelope),
 * then creates the catalogue training, its label (3 years) and its seed grant with tranches. When
 * every training is decided, the proposal is decided and the provider is mailed every decision.
 */
export async function decideTraining(ctx: ProgrammeContext, actor: Actor, proposalId: string, proposalTrainingId: string, input: DecisionInput) {
  const motive = input.motive?.trim() || null;
  if (input.decision === 'rejected' && !motive) throw new InputError({ motive: 'Indiquez le motif du refus : il est envoyé à l’organisme.' });
  const who = auditActor(actor);
  let accepted = false;
  await ctx.database.db.transaction(async (tx) => {
    // the call row serialises the decisions of a call: the envelope is checked against committed grants
    const [pre] = await tx.select({ callId: proposals.callId }).from(proposals).where(eq(proposals.id, proposalId));
    if (!pre) throw new NotFoundError('Dossier');
    const [call] = await tx.select().from(calls).where(eq(calls.id, pre.callId)).for('update');
    const [p] = await tx.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
    if (call!.status !== 'reviewing') {
      throw new ConflictError(`Les décisions se prennent quand l’appel est en instruction (il est ${CALL_STATUS_LABELS[call!.status].toLowerCase()}).`, 'appel_non_en_instruction');
    }
    if (p!.status !== 'in_review') throw new ConflictError(`Ce dossier est ${PROPOSAL_STATUS_LABELS[p!.status].toLowerCase()} : il ne se décide pas.`, 'dossier_non_instructible');
    const [{ n }] = (await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.proposalId, p!.id), eq(reviewAssignments.status, 'submitted')))) as [{ n: number }];
    if (n < MIN_REVIEWERS) throw new ConflictError(`Ce dossier a ${n} évaluation${n > 1 ? 's' : ''} remise${n > 1 ? 's' : ''} : il en faut au moins ${MIN_REVIEWERS} pour décider.`, 'evaluations_insuffisantes');
    const [pt] = await tx
      .select()
      .from(proposalTrainings)
      .where(and(eq(proposalTrainings.id, proposalTrainingId), eq(proposalTrainings.proposalId, p!.id)))
      .for('update');
    if (!pt) throw new NotFoundError('Formation du dossier');
    if (pt.decision) throw new ConflictError('Cette formation est déjà décidée.', 'deja_decidee');
    const form = await formOf(tx, call!.id, p!.callVersion);
    const now = ctx.clock();
    const day = today(ctx);
    let trainingId: string | null = null;
    let labelId: string | null = null;
    if (input.decision === 'accepted') {
      const [sums] = await sqlRows<{ org: string | number; total: string | number }>(
        tx,
        sql`select coalesce(sum(case when p.provider_id = ${p!.providerId} then t.requested_cents else 0 end), 0) as org,
                   coalesce(sum(t.requested_cents), 0) as total
            from proposal_trainings t join proposals p on p.id = t.proposal_id
            where p.call_id = ${call!.id} and t.decision = 'accepted'`,
      );
      const refusal = acceptanceRefusal({
        requestedCents: pt.requestedCents,
        caps: form.caps,
        acceptedForOrganisationCents: Number(sums?.org ?? 0),
        acceptedInCallCents: Number(sums?.total ?? 0),
        envelopeCents: call!.envelopeCents,
      });
      if (refusal) throw new ConflictError(refusal, 'plafond_depasse');
      const d = pt.data as Required<TrainingDraft>;
      const [t] = await tx
        .insert(trainings)
        .values({
          providerId: p!.providerId,
          title: d.title.trim(),
          summary: d.summary.trim(),
          objectives: d.objectives.trim(),
          prerequisites: d.prerequisites.trim(),
          romeCodes: d.romeCodes,
          formacodes: d.formacodes,
          certificationCode: d.certificationCode,
          certificationTitle: d.certificationTitle.trim(),
          certificationLevel: d.certificationLevel,
          durationMonths: d.durationMonths,
          durationHours: d.durationHours,
          modality: d.modality,
          communeCode: d.communeCode,
          address: d.address.trim(),
          postalCode: d.postalCode,
          isFree: d.isFree,
          priceCents: d.isFree ? null : d.priceCents,
          contactEmail: d.contactEmail.trim(),
          contactPhone: d.contactPhone ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: trainings.id });
      trainingId = t!.id;
      await recordAudit(tx, who, { action: 'training.created', objectType: 'training', objectId: trainingId, fields: ['proposalTrainingId'] });
      labelId = (await grantLabel(tx, who, trainingId, day, now)).id;
      await createGrant(
        tx,
        who,
        { callId: call!.id, proposalTrainingId: pt.id, providerId: p!.providerId, funderId: call!.funderId, trainingId, amountCents: pt.requestedCents, tranches: form.tranches },
        now,
      );
      accepted = true;
    }
    await tx
      .update(proposalTrainings)
      .set({ decision: input.decision, decisionMotive: motive, decidedAt: now, decidedBy: actor.userId, trainingId, labelId })
      .where(eq(proposalTrainings.id, pt.id));
    await recordAudit(tx, who, { action: 'proposal_training.decided', objectType: 'proposal_training', objectId: pt.id, from: null, to: input.decision, motive });

    const all = await tx.select().from(proposalTrainings).where(eq(proposalTrainings.proposalId, p!.id)).orderBy(asc(proposalTrainings.position));
    if (all.every((x) => x.decision !== null)) {
      assertTransition(PROPOSAL_TRANSITIONS, p!.status, 'decided', PROPOSAL_STATUS_LABELS);
      await tx.update(proposals).set({ status: 'decided', decidedAt: now, updatedAt: now }).where(eq(proposals.id, p!.id));
      await recordAudit(tx, who, { action: 'proposal.decided', objectType: 'proposal', objectId: p!.id, from: 'in_review', to: 'decided' });
      const url = appLink(ctx, `/organisme/dossiers/${p!.id}`);
      const decisions = all.map((x) => ({ title: x.title, decision: x.decision!, motive: x.decisionMotive }));
      for (const r of await organisationRecipients(tx, p!.providerId)) {
        await enqueueMail(tx, callMails.decision(r.email, r.givenName, { title: p!.title, callTitle: call!.title, trainings: decisions }, url));
      }
    }
  });
  // the accepted training is now public (its label is active)
  if (accepted) await refreshCatalogue(ctx);
}
