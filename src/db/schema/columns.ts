/**
 * Column shapes several tables share: the status history rows (who moved what from which state to
 * which, when, why) and the stored files (bytes kept in the database with their size and SHA-256).
 * Each call builds new column builders: a table owns its columns.
 */
import { sql } from 'drizzle-orm';
import { check, customType, integer, text, timestamp, uuid, varchar, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organisations } from './organisations.ts';

/** `'a','b'` for a CHECK … in (…) */
export const list = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** A status change of a history table (the creation has no `from`). */
export function statusChangeColumns<S extends readonly [string, ...string[]]>(statuses: S) {
  return {
    fromStatus: text('from_status', { enum: statuses }),
    toStatus: text('to_status', { enum: statuses }).notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    actorRole: text('actor_role'),
    actorOrganisationId: uuid('actor_organisation_id').references(() => organisations.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    motive: text('motive'),
  };
}

/** A file kept in the database: its bytes, size, SHA-256, who uploaded it and when. */
export function storedFileColumns() {
  return {
    byteSize: integer('byte_size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  };
}

/** The checks of a stored file: a size between 1 and `maxBytes` that is the content's, a SHA-256 in hex. */
export function storedFileChecks(table: string, t: { byteSize: AnyPgColumn; content: AnyPgColumn; sha256: AnyPgColumn }, maxBytes: number) {
  return [
    check(`${table}_size_check`, sql`${t.byteSize} between 1 and ${sql.raw(String(maxBytes))} and octet_length(${t.content}) = ${t.byteSize}`),
    check(`${table}_sha_format`, sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ];
}
