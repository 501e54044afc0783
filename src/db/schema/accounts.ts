import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations.ts';

export const ROLES = ['candidate', 'prescriber', 'provider', 'employer', 'reviewer', 'funder', 'operator'] as const;
const roleList = sql.raw(ROLES.map((r) => `'${r}'`).join(','));

/**
 * A person who can sign in. The e-mail is stored lower-cased; the password hash is argon2id and absent
 * for people who only sign in through an identity provider.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date'),
    /**
     * pending_consent: under 15, waiting for a parent's consent (no sign-in until given); erased: the
     * person's data was erased on their request or at the end of its retention (areas/privacy), the
     * row stays, anonymised, for what others depend on; nobody can sign in with it any more
     */
    status: text('status', { enum: ['active', 'pending_consent', 'erased'] }).notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(t.email),
    check('users_email_lower', sql`${t.email} = lower(${t.email})`),
    check('users_status_check', sql`${t.status} in ('active','pending_consent','erased')`),
    check('users_erased_check', sql`${t.status} <> 'erased' or (${t.passwordHash} is null and ${t.birthDate} is null and ${t.emailVerifiedAt} is null)`),
  ],
);

/** A parent's consent for a person under 15 (French law): requested by mail, given through its link. */
export const parentalConsents = pgTable('parental_consents', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  parentName: text('parent_name').notNull(),
  parentEmail: text('parent_email').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  givenAt: timestamp('given_at', { withTimezone: true }),
});

/** An identity at an OpenID Connect provider, linked to one account. */
export const identities = pgTable(
  'identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    provider: text('provider', { enum: ['franceconnect', 'proconnect'] }).notNull(),
    subject: text('subject').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('identities_provider_subject_key').on(t.provider, t.subject)],
);

/**
 * Someone acting with one role, in one organisation (none for candidates). Ended memberships are kept
 * (endedAt) so that the history of who could do what stays readable.
 */
export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').references(() => organisations.id),
    role: text('role', { enum: ROLES }).notNull(),
    /** may invite colleagues into the organisation */
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    check('memberships_role_check', sql`${t.role} in (${roleList})`),
    check('memberships_org_needed', sql`(${t.role} = 'candidate') = (${t.organisationId} is null)`),
    uniqueIndex('memberships_active_key')
      .on(t.userId, sql`coalesce(${t.organisationId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.role)
      .where(sql`${t.endedAt} is null`),
    index('memberships_org_idx').on(t.organisationId),
  ],
);

/** An invitation to join an organisation with a role; single use, expires. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: ROLES }).notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedBy: uuid('accepted_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('invitations_role_check', sql`${t.role} in (${roleList}) and ${t.role} <> 'candidate'`),
    index('invitations_org_idx').on(t.organisationId),
  ],
);

/**
 * Server-side sessions (so that several app servers share them). The cookie holds a random token; only
 * its SHA-256 is stored here.
 */
export const authSessions = pgTable(
  'auth_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').references(() => memberships.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/** Single-use links sent by mail: e-mail confirmation, password reset. Only the hash is stored. */
export const oneTimeTokens = pgTable('one_time_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  purpose: text('purpose', { enum: ['confirm_email', 'reset_password'] }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Failed attempts per key (a hashed e-mail or client address, never the value itself), shared by every
 * app server: sign-in is slowed, then blocked.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
});
