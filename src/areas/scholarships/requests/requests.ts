/**
 * The GEN aid request (décret 2017-548; DOMAIN.md): an enrolled learner asks once the training has
 * started, with the inputs of the aid computation (domain/simulate.ts); the operator, acting as the
 * CROUS, grants it with the computed échelon or refuses it with a motive. The decision stores the
 * scale year, the inputs and the amounts (cents); the learner sees the monthly payments due.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { aidDecisions, aidRequests, candidateProfiles, enrolments, sessions, trainings, users, type AidRequestInputs } from '../../../db/schema/index.ts';
import { enqueueMail } from '../../../mail/outbox.ts';
import { parisDate } from '../../../shared/clock.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { appLink, type AdmissionsContext } from '../../admissions/context.ts';
import { admissionMails } from '../../admissions/mails.ts';
import { ENROLMENT_STATUS_LABELS } from '../../enrolments/domain/enrolments.ts';
import { communeDistance } from '../domain/distance.ts';
import { EXCLUSIONS, type Exclusion } from '../domain/exclusions.ts';
import { euros } from '../domain/format.ts';
import { echelonLabel, type Echelon } from '../domain/scale.ts';
import { simulateAid, type AidRequest, type AidResult } from '../domain/simulate.ts';
import { paymentSchedule } from './schedule.ts';

export interface AidRequestInput {
  incomeCents: number;
  children: number;
  childrenInHigherEducation: number;
  disability: boolean;
  carer: boolean;
  exclusions: string[];
  /** the commune of the home (INSEE), default the profile's */
  homeCommuneCode?: string | undefined;
}

function computation(ctx: AdmissionsContext, inputs: AidRequestInputs): AidResult {
  const request: AidRequest = {
    incomeCents: inputs.incomeCents,
    facts: { distanceKm: inputs.distanceKm, children: inputs.children, childrenInHigherEducation: inputs.childrenInHigherEducation, disabilityOrCarer: inputs.disabilityOrCarer },
    exclusions: inputs.exclusions,
    training: { start: inputs.trainingStart, end: inputs.trainingEnd },
  };
  const home = ctx.geo.communes.get(inputs.homeCommuneCode);
  const place = ctx.geo.communes.get(inputs.trainingCommuneCode);
  if (home && place) request.distanceFrom = { home: { code: home.code, name: home.name }, training: { code: place.code, name: place.name } };
  return simulateAid(ctx.scales, request);
}

/** The learner asks for the aid for one of their enrolments (once the session has started). */
export async function submitAidRequest(ctx: AdmissionsContext, actor: Actor, enrolmentId: string, input: AidRequestInput): Promise<void> {
  const now = ctx.clock();
  const today = parisDate(now);
  await ctx.database.db.transaction(async (tx) => {
    const [e] = await tx
      .select({ id: enrolments.id, status: enrolments.status, startsOn: sessions.startsOn, endsOn: sessions.endsOn, trainingCommune: trainings.communeCode })
      .from(enrolments)
      .innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
      .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
      .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.learnerUserId, actor.userId)))
      .for('update', { of: enrolments });
    if (!e) throw new NotFoundError('Inscription');
    if (e.status !== 'enrolled' && e.status !== 'in_training') {
      throw new ConflictError(`L’aide se demande pendant la formation (état de votre inscription : ${ENROLMENT_STATUS_LABELS[e.status].toLowerCase()}).`, 'inscription_close');
    }
    if (e.startsOn > today) throw new ConflictError('L’aide se demande une fois la formation commencée.', 'formation_pas_commencee');
    const [open] = await tx.select({ id: aidRequests.id, status: aidRequests.status }).from(aidRequests).where(and(eq(aidRequests.enrolmentId, e.id), inArray(aidRequests.status, ['submitted', 'granted'])));
    if (open) throw new ConflictError(open.status === 'granted' ? 'L’aide vous est déjà accordée pour cette formation.' : 'Votre demande est déjà en cours d’examen.', 'demande_existante');
    const [profile] = await tx.select({ communeCode: candidateProfiles.communeCode }).from(candidateProfiles).where(eq(candidateProfiles.userId, actor.userId));
    const homeCommuneCode = input.homeCommuneCode ?? profile?.communeCode;
    if (!homeCommuneCode) throw new InputError({ homeCommuneCode: 'Indiquez la commune de votre domicile (ou complétez votre profil).' });
    const d = communeDistance(ctx.geo.communes, homeCommuneCode, e.trainingCommune);
    const inputs: AidRequestInputs = {
      incomeCents: input.incomeCents,
      children: input.children,
      childrenInHigherEducation: input.childrenInHigherEducation,
      disabilityOrCarer: (input.disability ? 1 : 0) + (input.carer ? 1 : 0),
      exclusions: [...new Set(input.exclusions)],
      homeCommuneCode: d.home.code,
      trainingCommuneCode: d.training.code,
      distanceKm: d.km,
      trainingStart: e.startsOn,
      trainingEnd: e.endsOn,
    };
    computation(ctx, inputs); // the same checks as the simulator (field-level InputError)
    const [row] = await tx.insert(aidRequests).values({ enrolmentId: e.id, learnerUserId: actor.userId, status: 'submitted', inputs, submittedAt: now, updatedAt: now }).returning({ id: aidRequests.id });
    await recordAudit(tx, auditActor(actor), { action: 'aid_request.submitted', objectType: 'aid_request', objectId: row!.id, to: 'submitted', fields: Object.keys(inputs) });
  });
}

function resultView(r: AidResult) {
  return {
    academicYear: r.year,
    scaleYear: r.scaleYear,
    points: r.points,
    echelon: r.echelon,
    echelonLabel: r.echelon ? echelonLabel(r.echelon) : null,
    annualCents: r.annualCents,
    monthlyCents: r.monthlyCents,
    payments: r.payments?.payments ?? 0,
    totalCents: r.totalCents ?? 0,
    exclusions: r.exclusions,
    explanation: r.explanation,
  };
}

function inputsView(i: AidRequestInputs, ctx: AdmissionsContext) {
  return {
    incomeCents: i.incomeCents,
    children: i.children,
    childrenInHigherEducation: i.childrenInHigherEducation,
    disabilityOrCarer: i.disabilityOrCarer,
    exclusions: i.exclusions,
    homeCommune: `${ctx.geo.communes.get(i.homeCommuneCode)?.name ?? i.homeCommuneCode} (${i.homeCommuneCode})`,
    trainingCommune: `${ctx.geo.communes.get(i.trainingCommuneCode)?.name ?? i.trainingCommuneCode} (${i.trainingCommuneCode})`,
    distanceKm: i.distanceKm,
    trainingStart: i.trainingStart,
    trainingEnd: i.trainingEnd,
  };
}

/** The operator's list of requests (under review first), each with the computation it would get. */
export async function aidRequestsForReview(ctx: AdmissionsContext, status: 'submitted' | 'granted' | 'refused' | undefined) {
  const db = ctx.database.db;
  const rows = await db
    .select({ id: aidRequests.id, status: aidRequests.status, inputs: aidRequests.inputs, submittedAt: aidRequests.submittedAt, givenName: users.givenName, familyName: users.familyName, title: trainings.title })
    .from(aidRequests)
    .innerJoin(users, eq(users.id, aidRequests.learnerUserId))
    .innerJoin(enrolments, eq(enrolments.id, aidRequests.enrolmentId))
    .innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .where(status ? eq(aidRequests.status, status) : undefined)
    .orderBy(asc(aidRequests.submittedAt))
    .limit(200);
  const decisions = rows.length ? await db.select().from(aidDecisions).where(inArray(aidDecisions.requestId, rows.map((r) => r.id))) : [];
  return rows.map((r) => {
    const d = decisions.find((x) => x.requestId === r.id);
    return {
      id: r.id,
      status: r.status,
      learnerName: `${r.givenName} ${r.familyName}`,
      trainingTitle: r.title,
      submittedAt: r.submittedAt.toISOString(),
      inputs: inputsView(r.inputs, ctx),
      computed: resultView(computation(ctx, r.inputs)),
      decision: d ? decisionView(d) : null,
    };
  });
}

function decisionView(d: typeof aidDecisions.$inferSelect) {
  return {
    decision: d.decision,
    decidedAt: d.decidedAt.toISOString(),
    academicYear: d.academicYear,
    scaleYear: d.scaleYear,
    points: d.points,
    echelon: d.echelon,
    echelonLabel: d.echelon ? echelonLabel(d.echelon as Echelon) : null,
    annualCents: d.annualCents,
    monthlyCents: d.monthlyCents,
    payments: d.payments,
    totalCents: d.totalCents,
    motive: d.motive,
    explanation: d.explanation,
  };
}

/**
 * The operator decides. A grant takes the computed échelon and amounts (refused when the computation
 * gives none: refuse with a motive instead); a refusal needs a motive. Never edited afterwards.
 */
export async function decideAidRequest(ctx: AdmissionsContext, actor: Actor, requestId: string, input: { decision: 'grant' | 'refuse'; motive?: string | null | undefined }) {
  const now = ctx.clock();
  const motive = input.motive?.trim() || null;
  if (input.decision === 'refuse' && !motive) throw new InputError({ motive: 'Un refus s’accompagne de son motif, communiqué à la personne.' });
  await ctx.database.db.transaction(async (tx) => {
    const [r] = await tx.select().from(aidRequests).where(eq(aidRequests.id, requestId)).for('update');
    if (!r) throw new NotFoundError('Demande d’aide');
    if (r.status !== 'submitted') throw new ConflictError('Cette demande a déjà reçu sa décision.', 'demande_decidee');
    const result = computation(ctx, r.inputs);
    if (input.decision === 'grant' && (!result.echelon || result.monthlyCents === 0)) {
      throw new ConflictError('Le calcul ne donne droit à aucun échelon pour ces ressources : l’aide ne peut qu’être refusée, avec son motif.', 'aucun_echelon');
    }
    const granted = input.decision === 'grant';
    await tx.insert(aidDecisions).values({
      requestId: r.id,
      decision: granted ? 'granted' : 'refused',
      decidedAt: now,
      decidedBy: actor.userId,
      inputs: r.inputs,
      academicYear: result.year,
      scaleYear: result.scaleYear,
      points: result.points,
      echelon: result.echelon,
      annualCents: result.annualCents,
      monthlyCents: result.monthlyCents,
      payments: result.payments?.payments ?? 0,
      totalCents: result.totalCents ?? 0,
      motive,
      explanation: result.explanation,
    });
    await tx.update(aidRequests).set({ status: granted ? 'granted' : 'refused', updatedAt: now }).where(eq(aidRequests.id, r.id));
    await recordAudit(tx, auditActor(actor), { action: `aid_request.${granted ? 'granted' : 'refused'}`, objectType: 'aid_request', objectId: r.id, from: 'submitted', to: granted ? 'granted' : 'refused', fields: motive ? ['motive'] : [] });
    const [u] = await tx.select({ email: users.email, givenName: users.givenName }).from(users).where(eq(users.id, r.learnerUserId));
    const summary = granted
      ? `L’aide Grande École du Numérique vous est accordée : échelon ${echelonLabel(result.echelon!)}, ${euros(result.monthlyCents)} par mois, ${result.payments?.payments ?? 0} mensualités (barème ${result.scaleYear}).`
      : `Votre demande d’aide Grande École du Numérique n’est pas accordée. Motif : ${motive}`;
    await enqueueMail(tx, admissionMails.aidDecided(u!.email, u!.givenName, granted, summary, appLink(ctx, '/apprenant/inscriptions')));
  });
}

/** The learner's enrolments with their aid requests, decisions and the monthly payments due. */
export async function learnerEnrolments(ctx: AdmissionsContext, actor: Actor) {
  const db = ctx.database.db;
  const rows = await db
    .select({ id: enrolments.id, status: enrolments.status, startedOn: enrolments.startedOn, endedOn: enrolments.endedOn, sessionId: sessions.id, startsOn: sessions.startsOn, endsOn: sessions.endsOn, title: trainings.title })
    .from(enrolments)
    .innerJoin(sessions, eq(sessions.id, enrolments.sessionId))
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .where(eq(enrolments.learnerUserId, actor.userId))
    .orderBy(desc(sessions.startsOn));
  const requests = rows.length ? await db.select().from(aidRequests).where(inArray(aidRequests.enrolmentId, rows.map((r) => r.id))).orderBy(desc(aidRequests.submittedAt)) : [];
  const decisions = requests.length ? await db.select().from(aidDecisions).where(inArray(aidDecisions.requestId, requests.map((r) => r.id))) : [];
  const today = parisDate(ctx.clock());
  const instalments = ctx.scales[0]?.instalments ?? 10;
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    statusLabel: ENROLMENT_STATUS_LABELS[r.status],
    trainingTitle: r.title,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    canRequestAid:
      (r.status === 'enrolled' || r.status === 'in_training') && r.startsOn <= today && !requests.some((q) => q.enrolmentId === r.id && q.status !== 'refused'),
    aidRequests: requests
      .filter((q) => q.enrolmentId === r.id)
      .map((q) => {
        const d = decisions.find((x) => x.requestId === q.id);
        return {
          id: q.id,
          status: q.status,
          submittedAt: q.submittedAt.toISOString(),
          inputs: inputsView(q.inputs, ctx),
          decision: d ? decisionView(d) : null,
          paymentsDue: d && d.decision === 'granted' ? paymentSchedule(q.inputs.trainingStart, q.inputs.trainingEnd, d.monthlyCents, instalments) : [],
        };
      }),
  }));
}

export { EXCLUSIONS, type Exclusion };
