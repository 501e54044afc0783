import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { sessions } from './catalogue.ts';
import { wishes } from './candidates.ts';
import { list, statusChangeColumns } from './columns.ts';
import { organisations } from './organisations.ts';

/**
 * Admissions in the product (issue 6, docs/adr/0012): each session's public admission rules, the
 * provider's ranking, the call order snapshots, the offer rounds and their offers; then enrolments and
 * the GEN aid requests with their decisions. Money is integer cents. Every state change writes an
 * audit row (or, for a round, one row for the round plus a wish_events row per wish) in its transaction.
 */


/** the criteria of the eligibility diagnosis a session may constrain (names of db/schema/candidates.ts CRITERIA) */
export const ADMISSION_CONSTRAINT_NAMES = ['woman', 'under_26', 'low_qualification', 'neet', 'job_seeker', 'qpv_or_zrr', 'rqth', 'scholarship'] as const;
export const ROUND_KINDS = ['daily', 'on_demand'] as const;
export const ROUND_STATUSES = ['completed', 'failed'] as const;
export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'released'] as const;
export const OFFER_ANSWERERS = ['candidate', 'auto_responder', 'system'] as const;
export const ENROLMENT_STATUSES = ['enrolled', 'in_training', 'completed', 'dropped_out'] as const;
export const AID_REQUEST_STATUSES = ['submitted', 'granted', 'refused'] as const;
export const AID_DECISIONS = ['granted', 'refused'] as const;

/**
 * A session's admission rules (public): constrained publics in priority order with their minimum
 * rates (`[{ name, rate }]`, at most 4), the overbooking margin (offer target = seats + margin), the
 * block-call rank (0 = none) and how many days a candidate has to answer an offer.
 */
export const admissionSettings = pgTable(
  'admission_settings',
  {
    sessionId: uuid('session_id')
      .primaryKey()
      .references(() => sessions.id),
    constraints: jsonb('constraints').$type<{ name: string; rate: number }[]>().notNull().default(sql`'[]'::jsonb`),
    overbookingMargin: smallint('overbooking_margin').notNull().default(0),
    blockCallRank: integer('block_call_rank').notNull().default(0),
    answerDays: smallint('answer_days').notNull().default(3),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('admission_settings_constraints_check', sql`jsonb_typeof(${t.constraints}) = 'array' and jsonb_array_length(${t.constraints}) <= 4`),
    check('admission_settings_margin_check', sql`${t.overbookingMargin} between 0 and 1000`),
    check('admission_settings_block_check', sql`${t.blockCallRank} >= 0`),
    check('admission_settings_answer_days_check', sql`${t.answerDays} between 1 and 30`),
  ],
);

/**
 * The provider's ranking of one wish: a pedagogical rank (≥ 1, unique in the session) or "not ranked"
 * with its reason; notes from interviews or a trial period (seen by the provider only).
 */
export const rankingEntries = pgTable(
  'ranking_entries',
  {
    wishId: uuid('wish_id')
      .primaryKey()
      .references(() => wishes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    rank: integer('rank'),
    notRankedReason: text('not_ranked_reason'),
    notes: text('notes'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    check('ranking_entries_rank_check', sql`(${t.rank} is null) <> (${t.notRankedReason} is null) and (${t.rank} is null or ${t.rank} >= 1)`),
    check('ranking_entries_reason_check', sql`${t.notRankedReason} is null or char_length(${t.notRankedReason}) between 1 and 500`),
    check('ranking_entries_notes_check', sql`${t.notes} is null or char_length(${t.notes}) <= 2000`),
    uniqueIndex('ranking_entries_rank_key').on(t.sessionId, t.rank),
    index('ranking_entries_session_idx').on(t.sessionId),
  ],
);

/**
 * A call order computed when the provider publishes its ranking, with the snapshot it was computed
 * from (the rules here, the flags on each entry). The current one has `superseded_at` null; it can be
 * replaced only before the session's first round.
 */
export const callOrders = pgTable(
  'call_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    constraints: jsonb('constraints').$type<{ name: string; rate: number }[]>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    computedBy: uuid('computed_by').references(() => users.id, { onDelete: 'set null' }),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('call_orders_current_key').on(t.sessionId).where(sql`${t.supersededAt} is null`), index('call_orders_session_idx').on(t.sessionId)],
);

/** One ranked wish in a call order: its pedagogical rank, call rank and the constrained flags it held. */
export const callOrderEntries = pgTable(
  'call_order_entries',
  {
    callOrderId: uuid('call_order_id')
      .notNull()
      .references(() => callOrders.id, { onDelete: 'cascade' }),
    wishId: uuid('wish_id')
      .notNull()
      .references(() => wishes.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    callRank: integer('call_rank').notNull(),
    /** constrained flags held at the snapshot (names, in priority order) */
    flags: text('flags').array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.callOrderId, t.wishId] }),
    uniqueIndex('call_order_entries_call_rank_key').on(t.callOrderId, t.callRank),
    index('call_order_entries_wish_idx').on(t.wishId),
    check('call_order_entries_ranks_check', sql`${t.rank} >= 1 and ${t.callRank} >= 1`),
  ],
);

/**
 * One run of the offer round (all sessions with a current call order), daily or on the operator's
 * demand. A completed run is one transaction with everything it changed; a failed run leaves only
 * this row (written afterwards) with its error.
 */
export const admissionRounds = pgTable(
  'admission_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ROUND_KINDS }).notNull(),
    status: text('status', { enum: ROUND_STATUSES }).notNull(),
    /** Europe/Paris date of the run */
    runOn: date('run_on', { mode: 'string' }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    triggeredBy: uuid('triggered_by').references(() => users.id, { onDelete: 'set null' }),
    sessions: integer('sessions').notNull().default(0),
    offers: integer('offers').notNull().default(0),
    expired: integer('expired').notNull().default(0),
    autoAccepted: integer('auto_accepted').notNull().default(0),
    autoDeclined: integer('auto_declined').notNull().default(0),
    autoWithdrawn: integer('auto_withdrawn').notNull().default(0),
    error: text('error'),
  },
  (t) => [
    check('admission_rounds_kind_check', sql`${t.kind} in (${list(ROUND_KINDS)})`),
    check('admission_rounds_status_check', sql`${t.status} in (${list(ROUND_STATUSES)})`),
    check('admission_rounds_error_check', sql`(${t.status} = 'failed') = (${t.error} is not null)`),
    // a retried daily job never runs the day's round twice
    uniqueIndex('admission_rounds_daily_key').on(t.runOn).where(sql`${t.kind} = 'daily' and ${t.status} = 'completed'`),
    index('admission_rounds_started_idx').on(t.startedAt),
  ],
);

/** What one round did in one session (the provider's run history). */
export const admissionRoundSessions = pgTable(
  'admission_round_sessions',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => admissionRounds.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    offerTarget: integer('offer_target').notNull(),
    blockCallRank: integer('block_call_rank').notNull(),
    /** wishes holding an accepted or pending offer before the offers */
    holders: integer('holders').notNull(),
    free: integer('free').notNull(),
    offers: integer('offers').notNull(),
    expired: integer('expired').notNull(),
    /** highest call rank offered in the session so far (0: none) */
    lastOfferedCallRank: integer('last_offered_call_rank').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.sessionId] }), index('admission_round_sessions_session_idx').on(t.sessionId)],
);

/**
 * An offer made to one wish by a round. Answered by the candidate, their automatic responder, or the
 * platform (expiry at the deadline: 23:59 on the last day, in the session's time zone). An accepted
 * offer the candidate later gives up for a better one is `released`.
 */
export const admissionOffers = pgTable(
  'admission_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    wishId: uuid('wish_id')
      .notNull()
      .references(() => wishes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    candidateUserId: uuid('candidate_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roundId: uuid('round_id')
      .notNull()
      .references(() => admissionRounds.id),
    callRank: integer('call_rank').notNull(),
    madeAt: timestamp('made_at', { withTimezone: true }).notNull(),
    deadlineAt: timestamp('deadline_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    answeredBy: text('answered_by', { enum: OFFER_ANSWERERS }),
  },
  (t) => [
    check('admission_offers_status_check', sql`${t.status} in (${list(OFFER_STATUSES)})`),
    check('admission_offers_answer_check', sql`(${t.status} = 'pending') = (${t.answeredAt} is null) and (${t.answeredAt} is null) = (${t.answeredBy} is null)`),
    check('admission_offers_deadline_check', sql`${t.deadlineAt} > ${t.madeAt}`),
    uniqueIndex('admission_offers_wish_key').on(t.wishId),
    // a candidate holds at most one accepted offer
    uniqueIndex('admission_offers_one_accepted_key').on(t.candidateUserId).where(sql`${t.status} = 'accepted'`),
    index('admission_offers_session_idx').on(t.sessionId, t.status),
    index('admission_offers_pending_deadline_idx').on(t.deadlineAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** A candidate's admission choices: the opt-in automatic responder. */
export const admissionCandidateSettings = pgTable('admission_candidate_settings', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  autoResponder: boolean('auto_responder').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * An enrolment: an accepted offer becomes one at the session's start; the provider confirms who
 * started (`in_training`), then the exit (`completed` or `dropped_out`, also for a no-show).
 */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    wishId: uuid('wish_id')
      .notNull()
      .references(() => wishes.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    learnerUserId: uuid('learner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ENROLMENT_STATUSES }).notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull(),
    startedOn: date('started_on', { mode: 'string' }),
    endedOn: date('ended_on', { mode: 'string' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('enrolments_status_check', sql`${t.status} in (${list(ENROLMENT_STATUSES)})`),
    check('enrolments_dates_check', sql`${t.endedOn} is null or ${t.startedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    uniqueIndex('enrolments_wish_key').on(t.wishId),
    index('enrolments_session_idx').on(t.sessionId),
    index('enrolments_learner_idx').on(t.learnerUserId),
  ],
);

/** The history of an enrolment: every status change, by whom, when, why. */
export const enrolmentEvents = pgTable(
  'enrolment_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id, { onDelete: 'cascade' }),
    ...statusChangeColumns(ENROLMENT_STATUSES),
  },
  (t) => [index('enrolment_events_enrolment_idx').on(t.enrolmentId, t.id)],
);

/** The inputs of the aid computation, as the learner declares them (income in cents). */
export interface AidRequestInputs {
  incomeCents: number;
  children: number;
  childrenInHigherEducation: number;
  disabilityOrCarer: number;
  exclusions: string[];
  homeCommuneCode: string;
  trainingCommuneCode: string;
  distanceKm: number;
  trainingStart: string;
  trainingEnd: string;
}

/** A learner's request for the GEN aid, for one enrolment; reviewed by the operator acting as the CROUS. */
export const aidRequests = pgTable(
  'aid_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    learnerUserId: uuid('learner_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: AID_REQUEST_STATUSES }).notNull(),
    inputs: jsonb('inputs').$type<AidRequestInputs>().notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('aid_requests_status_check', sql`${t.status} in (${list(AID_REQUEST_STATUSES)})`),
    // one request under review or granted per enrolment; a refused one may be followed by another
    uniqueIndex('aid_requests_open_key').on(t.enrolmentId).where(sql`${t.status} in ('submitted','granted')`),
    index('aid_requests_status_idx').on(t.status, t.submittedAt),
    index('aid_requests_learner_idx').on(t.learnerUserId),
  ],
);

/**
 * The decision on an aid request: granted with the computed échelon and amounts (cents), or refused
 * with a motive. Stores the scale year and the inputs it was computed from; never edited.
 */
export const aidDecisions = pgTable(
  'aid_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => aidRequests.id),
    decision: text('decision', { enum: AID_DECISIONS }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    inputs: jsonb('inputs').$type<AidRequestInputs>().notNull(),
    academicYear: text('academic_year').notNull(),
    scaleYear: text('scale_year').notNull(),
    points: smallint('points').notNull(),
    /** '0bis' … '7'; null when the computation gives no échelon */
    echelon: text('echelon'),
    annualCents: bigint('annual_cents', { mode: 'number' }).notNull(),
    monthlyCents: bigint('monthly_cents', { mode: 'number' }).notNull(),
    payments: smallint('payments').notNull(),
    totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
    motive: text('motive'),
    explanation: jsonb('explanation').$type<string[]>().notNull(),
  },
  (t) => [
    check('aid_decisions_decision_check', sql`${t.decision} in (${list(AID_DECISIONS)})`),
    check(
      'aid_decisions_grant_check',
      sql`(${t.decision} = 'granted' and ${t.echelon} is not null and ${t.monthlyCents} > 0) or (${t.decision} = 'refused' and char_length(coalesce(${t.motive}, '')) between 1 and 2000)`,
    ),
    check('aid_decisions_amounts_check', sql`${t.annualCents} >= 0 and ${t.monthlyCents} >= 0 and ${t.payments} >= 0 and ${t.totalCents} = ${t.payments} * ${t.monthlyCents}`),
    uniqueIndex('aid_decisions_request_key').on(t.requestId),
  ],
);
