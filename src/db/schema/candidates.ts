import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
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
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { sessions } from './catalogue.ts';
import { list, statusChangeColumns, storedFileChecks, storedFileColumns } from './columns.ts';
import { organisations } from './organisations.ts';


export const GENDERS = ['female', 'male', 'undisclosed'] as const;
/** `none` or a level of the national nomenclature (3 = CAP … 8 = doctorat) */
export const DIPLOMA_LEVELS = ['none', '3', '4', '5', '6', '7', '8'] as const;
export const SITUATIONS = ['job_seeker', 'neet', 'student', 'employed'] as const;
/** what a candidate agrees to, one purpose per row (see domain/consents.ts) */
export const CONSENT_PURPOSES = ['profile', 'health', 'income'] as const;
/** the priority publics of DOMAIN.md, in their order of display */
export const CRITERIA = ['woman', 'under_26', 'low_qualification', 'neet', 'job_seeker', 'qpv_or_zrr', 'rqth', 'scholarship'] as const;
export const CRITERION_SOURCES = ['self_declared', 'prescriber_validated', 'document'] as const;
export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const WISH_STATUSES = ['submitted', 'under_review', 'ranked', 'offered', 'accepted', 'declined', 'expired', 'not_ranked', 'withdrawn'] as const;
/** wishes that still count towards the limit and carry a preference */
export const ACTIVE_WISH_STATUSES = ['submitted', 'under_review', 'ranked', 'offered'] as const;
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;


/**
 * A candidate's profile (1:1 with the account, which holds names, e-mail and birth date). The declared
 * household income serves the scholarship-holder criterion only: integer euros, never shown to
 * providers or prescribers, erased when the income consent is withdrawn (so is the RQTH).
 */
export const candidateProfiles = pgTable(
  'candidate_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    phone: varchar('phone', { length: 20 }),
    /** current COG code of the commune of residence */
    communeCode: varchar('commune_code', { length: 5 }).notNull(),
    gender: text('gender', { enum: GENDERS }).notNull(),
    diplomaLevel: text('diploma_level', { enum: DIPLOMA_LEVELS }).notNull(),
    situation: text('situation', { enum: SITUATIONS }).notNull(),
    /** quartier prioritaire, 2024 list: QN + 3-character département + 2 digits + 1 letter */
    qpvCode: varchar('qpv_code', { length: 8 }),
    /** lives in a zone de revitalisation rurale (declared) */
    zrr: boolean('zrr').notNull().default(false),
    /** reconnaissance de la qualité de travailleur handicapé; null without the health consent */
    rqth: boolean('rqth'),
    /** revenu brut global of the tax household (N-2), whole euros; null without the income consent */
    declaredIncomeEuros: integer('declared_income_euros'),
    /** other dependent children of the tax household (points de charge), with the income */
    aidChildren: smallint('aid_children'),
    aidChildrenHigherEducation: smallint('aid_children_higher_education'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('candidate_profiles_commune_format', sql`${t.communeCode} ~ '^[0-9][0-9AB][0-9]{3}$'`),
    check('candidate_profiles_gender_check', sql`${t.gender} in (${list(GENDERS)})`),
    check('candidate_profiles_diploma_check', sql`${t.diplomaLevel} in (${list(DIPLOMA_LEVELS)})`),
    check('candidate_profiles_situation_check', sql`${t.situation} in (${list(SITUATIONS)})`),
    check('candidate_profiles_qpv_format', sql`${t.qpvCode} is null or ${t.qpvCode} ~ '^QN[0-9]{2}[0-9AB][0-9]{2}[A-Z]$'`),
    check(
      'candidate_profiles_income_check',
      sql`(${t.declaredIncomeEuros} is null and ${t.aidChildren} is null and ${t.aidChildrenHigherEducation} is null)
        or (${t.declaredIncomeEuros} >= 0 and ${t.aidChildren} between 0 and 30 and ${t.aidChildrenHigherEducation} between 0 and 30)`,
    ),
  ],
);

/** Consents, one purpose per row; withdrawing sets withdrawn_at, giving again adds a row. Never deleted. */
export const candidateConsents = pgTable(
  'candidate_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    check('candidate_consents_purpose_check', sql`${t.purpose} in (${list(CONSENT_PURPOSES)})`),
    check('candidate_consents_dates_check', sql`${t.withdrawnAt} is null or ${t.withdrawnAt} >= ${t.givenAt}`),
    uniqueIndex('candidate_consents_current_key').on(t.userId, t.purpose).where(sql`${t.withdrawnAt} is null`),
  ],
);

/**
 * A candidate's agreement to be followed by a prescriber organisation (a consent whose purpose is the
 * follow-up): while it holds, the organisation's prescribers see the profile (not the income), the
 * diagnosis and the wishes, create diagnoses and apply on the candidate's behalf.
 */
export const followAgreements = pgTable(
  'follow_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateUserId: uuid('candidate_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    check('follow_agreements_dates_check', sql`${t.withdrawnAt} is null or ${t.withdrawnAt} >= ${t.givenAt}`),
    uniqueIndex('follow_agreements_current_key').on(t.candidateUserId, t.organisationId).where(sql`${t.withdrawnAt} is null`),
    index('follow_agreements_org_idx').on(t.organisationId),
  ],
);

/** A proof for one criterion (PDF, PNG or JPEG, detected from its bytes; 5 MB at most). */
export const candidateDocuments = pgTable(
  'candidate_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateUserId: uuid('candidate_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    criterion: text('criterion', { enum: CRITERIA }).notNull(),
    mediaType: text('media_type', { enum: DOCUMENT_TYPES }).notNull(),
    /** the name the file had (shown to who may download it, never logged) */
    fileName: text('file_name').notNull(),
    ...storedFileColumns(),
  },
  (t) => [
    check('candidate_documents_criterion_check', sql`${t.criterion} in (${list(CRITERIA)})`),
    check('candidate_documents_type_check', sql`${t.mediaType} in (${list(DOCUMENT_TYPES)})`),
    ...storedFileChecks('candidate_documents', t, MAX_DOCUMENT_BYTES),
    index('candidate_documents_candidate_idx').on(t.candidateUserId),
  ],
);

/**
 * An eligibility diagnosis: which priority publics the candidate belongs to, how each is known, who
 * made it, until when it holds. Replaced, never edited: a new diagnosis supersedes the current one
 * (superseded_at, superseded_by are the only columns ever set afterwards).
 */
export const eligibilityDiagnoses = pgTable(
  'eligibility_diagnoses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateUserId: uuid('candidate_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    authorRole: text('author_role', { enum: ['candidate', 'prescriber'] }).notNull(),
    authorOrganisationId: uuid('author_organisation_id').references(() => organisations.id),
    /** the facts the criteria were computed from (never the income): see domain/criteria.ts */
    facts: jsonb('facts').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    supersededBy: uuid('superseded_by'),
  },
  (t) => [
    check('eligibility_diagnoses_author_check', sql`${t.authorRole} in ('candidate','prescriber') and (${t.authorRole} = 'prescriber') = (${t.authorOrganisationId} is not null)`),
    check('eligibility_diagnoses_expiry_check', sql`${t.expiresAt} > ${t.createdAt}`),
    check('eligibility_diagnoses_superseded_check', sql`${t.supersededBy} is null or ${t.supersededAt} is not null`),
    uniqueIndex('eligibility_diagnoses_current_key').on(t.candidateUserId).where(sql`${t.supersededAt} is null`),
    index('eligibility_diagnoses_candidate_idx').on(t.candidateUserId, t.createdAt),
  ],
);

/** One criterion of a diagnosis: met or not, and how it is known. */
export const diagnosisCriteria = pgTable(
  'diagnosis_criteria',
  {
    diagnosisId: uuid('diagnosis_id')
      .notNull()
      .references(() => eligibilityDiagnoses.id, { onDelete: 'cascade' }),
    criterion: text('criterion', { enum: CRITERIA }).notNull(),
    met: boolean('met').notNull(),
    source: text('source', { enum: CRITERION_SOURCES }).notNull(),
    documentId: uuid('document_id').references(() => candidateDocuments.id),
  },
  (t) => [
    primaryKey({ columns: [t.diagnosisId, t.criterion] }),
    check('diagnosis_criteria_criterion_check', sql`${t.criterion} in (${list(CRITERIA)})`),
    check('diagnosis_criteria_source_check', sql`${t.source} in (${list(CRITERION_SOURCES)})`),
    check('diagnosis_criteria_document_check', sql`(${t.source} = 'document') = (${t.documentId} is not null)`),
  ],
);

/**
 * A wish: one candidate's application to one session. Active wishes (submitted … offered) carry a
 * preference 1..10 (1 = best), the others 0. A session takes one wish per candidate, except after a
 * withdrawal.
 */
export const wishes = pgTable(
  'wishes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    candidateUserId: uuid('candidate_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id),
    motivation: text('motivation').notNull(),
    /** the prescriber organisation that referred the candidate, if any */
    referredByOrganisationId: uuid('referred_by_organisation_id').references(() => organisations.id),
    createdByUserId: uuid('created_by_user_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: WISH_STATUSES }).notNull(),
    preference: smallint('preference').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('wishes_status_check', sql`${t.status} in (${list(WISH_STATUSES)})`),
    check('wishes_preference_check', sql`(${t.status} in (${list(ACTIVE_WISH_STATUSES)})) = (${t.preference} between 1 and 10) and ${t.preference} between 0 and 10`),
    check('wishes_motivation_check', sql`char_length(${t.motivation}) between 1 and 2000`),
    uniqueIndex('wishes_candidate_session_key').on(t.candidateUserId, t.sessionId).where(sql`${t.status} <> 'withdrawn'`),
    index('wishes_session_idx').on(t.sessionId),
    index('wishes_candidate_idx').on(t.candidateUserId),
  ],
);

/** The history of a wish: every status change, by whom, when, why (the creation has no `from`). */
export const wishEvents = pgTable(
  'wish_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    wishId: uuid('wish_id')
      .notNull()
      .references(() => wishes.id, { onDelete: 'cascade' }),
    ...statusChangeColumns(WISH_STATUSES),
  },
  (t) => [index('wish_events_wish_idx').on(t.wishId, t.id)],
);
