import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { labels, trainings } from './catalogue.ts';
import { list, storedFileChecks, storedFileColumns } from './columns.ts';
import { organisations } from './organisations.ts';

/**
 * Calls for projects, proposals, reviews, grants and tranches (areas calls/, labels/, grants/).
 * Money is integer cents (bigint, read as a JS number: < 2^53). Lifecycles are driven by the
 * transition tables of each area's domain; every change writes an audit row in its transaction.
 */



export const CALL_STATUSES = ['draft', 'open', 'closed', 'reviewing', 'decided'] as const;
export const PROPOSAL_STATUSES = ['draft', 'submitted', 'in_review', 'decided', 'withdrawn'] as const;
export const TRAINING_DECISIONS = ['accepted', 'rejected'] as const;
export const ASSIGNMENT_STATUSES = ['assigned', 'submitted', 'recused'] as const;
export const TRANCHE_STATUSES = ['planned', 'evidence_submitted', 'approved', 'paid'] as const;
export const ATTACHMENT_KINDS = ['budget', 'partnership', 'statutes', 'other'] as const;
export const EVIDENCE_KINDS = ['attendance', 'invoices', 'report', 'other'] as const;
/** 10 MB: a scanned budget or report; the type is read from the bytes (PDF only) */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** A call for projects (appel à projets): a wave with an envelope. Its form (dates, caps, grid…) is versioned. */
export const calls = pgTable(
  'calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    wave: smallint('wave').notNull(),
    summary: text('summary').notNull(),
    status: text('status', { enum: CALL_STATUSES }).notNull(),
    envelopeCents: bigint('envelope_cents', { mode: 'number' }).notNull(),
    /** who pays the seed grants of this call (a funder organisation); null = the State, through the GIP */
    funderId: uuid('funder_id').references(() => organisations.id),
    currentVersion: smallint('current_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('calls_status_check', sql`${t.status} in (${list(CALL_STATUSES)})`),
    check('calls_envelope_check', sql`${t.envelopeCents} > 0`),
    check('calls_wave_check', sql`${t.wave} between 1 and 99`),
  ],
);

/** One version of a call's form: a proposal stays tied to the version it was filed on. */
export const callVersions = pgTable(
  'call_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    version: smallint('version').notNull(),
    /** the form (see areas/calls/domain/call-form.ts CallForm) */
    form: jsonb('form').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('call_versions_call_version_key').on(t.callId, t.version)],
);

/** A provider's proposal (dossier de candidature au label) to a call, for one or more trainings. */
export const proposals = pgTable(
  'proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    callVersion: smallint('call_version').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull(),
    title: text('title').notNull(),
    /** summary, partners (see areas/calls/domain/proposal.ts ProposalData) */
    data: jsonb('data').notNull(),
    /** sum of the seed grants requested by its trainings (kept on every save) */
    requestedCents: bigint('requested_cents', { mode: 'number' }).notNull().default(0),
    /** the committee's summary of the reviews, kept in the transaction of every review change */
    reviewsAssigned: smallint('reviews_assigned').notNull().default(0),
    reviewsSubmitted: smallint('reviews_submitted').notNull().default(0),
    meanScore: doublePrecision('mean_score'),
    disagreement: text('disagreement'),
    /** the cut-off date (YYYY-MM-DD) the submission was filed for */
    cutOff: varchar('cut_off', { length: 10 }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('proposals_status_check', sql`${t.status} in (${list(PROPOSAL_STATUSES)})`),
    check('proposals_requested_check', sql`${t.requestedCents} >= 0`),
    check('proposals_submitted_check', sql`${t.status} in ('draft') or ${t.status} = 'withdrawn' or ${t.submittedAt} is not null`),
    index('proposals_call_status_idx').on(t.callId, t.status),
    index('proposals_provider_idx').on(t.providerId),
  ],
);

/** One training of a proposal: its catalogue fields, commitments and budget (draft JSON), then its decision. */
export const proposalTrainings = pgTable(
  'proposal_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    /** see areas/calls/domain/proposal.ts TrainingDraft */
    data: jsonb('data').notNull(),
    title: text('title').notNull().default(''),
    communeCode: varchar('commune_code', { length: 5 }),
    requestedCents: bigint('requested_cents', { mode: 'number' }).notNull().default(0),
    decision: text('decision', { enum: TRAINING_DECISIONS }),
    decisionMotive: text('decision_motive'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** the catalogue training and its label, created on acceptance */
    trainingId: uuid('training_id').references(() => trainings.id),
    labelId: uuid('label_id').references(() => labels.id),
  },
  (t) => [
    check('proposal_trainings_decision_check', sql`${t.decision} is null or ${t.decision} in (${list(TRAINING_DECISIONS)})`),
    check('proposal_trainings_motive_check', sql`${t.decision} is distinct from 'rejected' or char_length(trim(coalesce(${t.decisionMotive}, ''))) > 0`),
    check('proposal_trainings_requested_check', sql`${t.requestedCents} >= 0`),
    uniqueIndex('proposal_trainings_position_key').on(t.proposalId, t.position),
  ],
);

/** A file of a proposal (PDF only, size-limited, type read from the bytes, kept with its SHA-256). */
export const proposalAttachments = pgTable(
  'proposal_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ATTACHMENT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
  },
  (t) => [
    check('proposal_attachments_kind_check', sql`${t.kind} in (${list(ATTACHMENT_KINDS)})`),
    ...storedFileChecks('proposal_attachments', t, MAX_ATTACHMENT_BYTES),
    index('proposal_attachments_proposal_idx').on(t.proposalId),
  ],
);

/** A reviewer's declared link with an organisation: they never review its proposals. */
export const reviewerConflicts = pgTable(
  'reviewer_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewerUserId: uuid('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    motive: text('motive').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('reviewer_conflicts_key').on(t.reviewerUserId, t.organisationId)],
);

/** A reviewer assigned to a proposal, and their review (scores per criterion with comments). */
export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => proposals.id),
    reviewerUserId: uuid('reviewer_user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: ASSIGNMENT_STATUSES }).notNull(),
    /** [{ criterion, score, comment }] (see areas/calls/domain/scoring.ts) */
    scores: jsonb('scores').notNull().default(sql`'[]'::jsonb`),
    /** weighted score of a submitted review, 0..5 */
    weightedScore: doublePrecision('weighted_score'),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    recusedAt: timestamp('recused_at', { withTimezone: true }),
  },
  (t) => [
    check('review_assignments_status_check', sql`${t.status} in (${list(ASSIGNMENT_STATUSES)})`),
    check('review_assignments_submitted_check', sql`(${t.status} = 'submitted') = (${t.weightedScore} is not null and ${t.submittedAt} is not null)`),
    uniqueIndex('review_assignments_key').on(t.proposalId, t.reviewerUserId),
    index('review_assignments_reviewer_idx').on(t.reviewerUserId),
  ],
);

/** Seed grant agreement (convention) of one accepted training. */
export const grants = pgTable(
  'grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => calls.id),
    proposalTrainingId: uuid('proposal_training_id')
      .notNull()
      .references(() => proposalTrainings.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => organisations.id),
    /** null = the State, through the GIP */
    funderId: uuid('funder_id').references(() => organisations.id),
    trainingId: uuid('training_id')
      .notNull()
      .references(() => trainings.id),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('grants_amount_check', sql`${t.amountCents} > 0`),
    uniqueIndex('grants_proposal_training_key').on(t.proposalTrainingId),
    index('grants_call_idx').on(t.callId),
    index('grants_provider_idx').on(t.providerId),
  ],
);

/** A payment of a grant, released only on approved evidence. */
export const grantTranches = pgTable(
  'grant_tranches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    grantId: uuid('grant_id')
      .notNull()
      .references(() => grants.id),
    position: smallint('position').notNull(),
    label: text('label').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
    status: text('status', { enum: TRANCHE_STATUSES }).notNull(),
    evidenceSubmittedAt: timestamp('evidence_submitted_at', { withTimezone: true }),
    returnMotive: text('return_motive'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    approvedBy: uuid('approved_by').references(() => users.id),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paidBy: uuid('paid_by').references(() => users.id),
    paymentReference: text('payment_reference'),
  },
  (t) => [
    check('grant_tranches_status_check', sql`${t.status} in (${list(TRANCHE_STATUSES)})`),
    check('grant_tranches_amount_check', sql`${t.amountCents} >= 0`),
    // the audit finding: never paid without approved evidence
    check('grant_tranches_paid_check', sql`${t.status} <> 'paid' or (${t.approvedAt} is not null and ${t.paidAt} is not null)`),
    uniqueIndex('grant_tranches_position_key').on(t.grantId, t.position),
  ],
);

/** A supporting document of a tranche (attendance, invoices, report): PDF only. */
export const trancheEvidence = pgTable(
  'tranche_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trancheId: uuid('tranche_id')
      .notNull()
      .references(() => grantTranches.id),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
  },
  (t) => [
    check('tranche_evidence_kind_check', sql`${t.kind} in (${list(EVIDENCE_KINDS)})`),
    ...storedFileChecks('tranche_evidence', t, MAX_ATTACHMENT_BYTES),
    index('tranche_evidence_tranche_idx').on(t.trancheId),
  ],
);

/** A renewal: the new label of a training and the label it follows (a renewal brings no new seed grant). */
export const labelRenewals = pgTable('label_renewals', {
  labelId: uuid('label_id')
    .primaryKey()
    .references(() => labels.id),
  previousLabelId: uuid('previous_label_id')
    .notNull()
    .unique()
    .references(() => labels.id),
  renewedAt: timestamp('renewed_at', { withTimezone: true }).notNull(),
});

export const RENEWAL_REQUEST_STATUSES = ['pending', 'granted', 'refused'] as const;

/**
 * A provider's request to renew the label of one of its trainings (DOMAIN.md: from `active` in its
 * last six months, or `expired` within six months). The operator grants it (a new label, linked in
 * label_renewals) or refuses it with a motive. At most one pending request per label.
 */
export const labelRenewalRequests = pgTable(
  'label_renewal_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    motive: text('motive').notNull(),
    status: text('status', { enum: RENEWAL_REQUEST_STATUSES }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionMotive: text('decision_motive'),
    /** the new label when granted */
    newLabelId: uuid('new_label_id').references(() => labels.id),
  },
  (t) => [
    check('label_renewal_requests_status_check', sql`${t.status} in (${list(RENEWAL_REQUEST_STATUSES)})`),
    check('label_renewal_requests_decision_check', sql`(${t.status} = 'pending') = (${t.decidedAt} is null)`),
    check('label_renewal_requests_granted_check', sql`(${t.status} = 'granted') = (${t.newLabelId} is not null)`),
    uniqueIndex('label_renewal_requests_pending_key').on(t.labelId).where(sql`${t.status} = 'pending'`),
    index('label_renewal_requests_organisation_idx').on(t.organisationId),
  ],
);
