import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

export const MODALITIES = ['presentiel', 'distanciel', 'hybride'] as const;
export type Modality = (typeof MODALITIES)[number];

/** A training offered by a provider; it is public only while it holds an active label. */
export const trainings = pgTable(
  'trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    providerId: uuid('provider_id').notNull().references(() => organisations.id),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    objectives: text('objectives').notNull(),
    prerequisites: text('prerequisites').notNull(),
    /** ROME 4.0 job codes, ^[A-N][0-9]{4}$ */
    romeCodes: text('rome_codes').array().notNull(),
    /** Formacode codes, 5 digits */
    formacodes: text('formacodes').array().notNull(),
    /** RNCP or RS code of the certification, e.g. RNCP37674 */
    certificationCode: varchar('certification_code', { length: 16 }).notNull(),
    certificationTitle: text('certification_title').notNull(),
    /** national nomenclature level 3..8 */
    certificationLevel: smallint('certification_level').notNull(),
    durationMonths: smallint('duration_months').notNull(),
    durationHours: integer('duration_hours').notNull(),
    modality: text('modality', { enum: MODALITIES }).notNull(),
    communeCode: varchar('commune_code', { length: 5 }).notNull(),
    address: text('address').notNull(),
    postalCode: varchar('postal_code', { length: 5 }).notNull(),
    isFree: boolean('is_free').notNull(),
    /** price for a learner who pays, in cents; null when free */
    priceCents: integer('price_cents'),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('trainings_modality_check', sql`${t.modality} in ('presentiel','distanciel','hybride')`),
    check('trainings_level_check', sql`${t.certificationLevel} between 3 and 8`),
    check('trainings_duration_check', sql`${t.durationMonths} between 3 and 24 and ${t.durationHours} > 0`),
    check('trainings_price_check', sql`(${t.isFree} and ${t.priceCents} is null) or (not ${t.isFree} and ${t.priceCents} > 0)`),
    check('trainings_commune_format', sql`${t.communeCode} ~ '^[0-9][0-9AB][0-9]{3}$'`),
    index('trainings_provider_idx').on(t.providerId),
  ],
);

export const LABEL_STATUSES = ['active', 'suspended', 'withdrawn', 'expired'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

/** The GEN label of one training (3-year validity). Its lifecycle is driven by the labels area. */
export const labels = pgTable(
  'labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainingId: uuid('training_id').notNull().references(() => trainings.id),
    status: text('status', { enum: LABEL_STATUSES }).notNull(),
    grantedOn: date('granted_on', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    /** public reason shown on the training page when suspended or withdrawn */
    statusReason: text('status_reason'),
    /** when the status last changed (null: never since it was granted); a reinstatement extends the offers' deadlines by the time spent suspended */
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('labels_status_check', sql`${t.status} in ('active','suspended','withdrawn','expired')`),
    check('labels_validity_check', sql`${t.validUntil} > ${t.grantedOn}`),
    index('labels_training_idx').on(t.trainingId),
  ],
);

/** `cancelled`: an open session (planned or recruiting) of a training whose label was withdrawn. */
export const SESSION_STATUSES = ['planned', 'recruiting', 'running', 'finished', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** the sessions still open to applications or waiting to open: frozen by a suspended label, cancelled by a withdrawn one */
export const OPEN_SESSION_STATUSES = ['planned', 'recruiting'] as const satisfies readonly SessionStatus[];

/** A dated run of a training. seats_taken counts accepted offers (kept by admissions, under row lock). */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trainingId: uuid('training_id').notNull().references(() => trainings.id),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    seats: smallint('seats').notNull(),
    seatsTaken: smallint('seats_taken').notNull().default(0),
    status: text('status', { enum: SESSION_STATUSES }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('sessions_status_check', sql`${t.status} in ('planned','recruiting','running','finished','cancelled')`),
    check('sessions_dates_check', sql`${t.endsOn} > ${t.startsOn}`),
    check('sessions_seats_check', sql`${t.seats} > 0 and ${t.seatsTaken} between 0 and ${t.seats}`),
    index('sessions_training_idx').on(t.trainingId),
  ],
);
