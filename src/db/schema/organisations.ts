import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Every legal body the platform knows: training providers, prescribers, employers, funders and the
 * operator. Providers and employers are identified by SIRET (DOMAIN.md rules, checked in the domain).
 */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['provider', 'prescriber', 'employer', 'funder', 'operator'] }).notNull(),
    name: text('name').notNull(),
    siret: varchar('siret', { length: 14 }).unique(),
    /** numéro de déclaration d'activité (11 digits), providers only */
    nda: varchar('nda', { length: 11 }),
    /**
     * prescribers: mission_locale | france_travail | cap_emploi | association | e2c | epide;
     * funders: region | state | private
     */
    subtype: text('subtype'),
    /** employers: NAF rév. 2 code, e.g. 62.01Z */
    naf: varchar('naf', { length: 6 }),
    /** funders of a région: its COG code */
    regionCode: varchar('region_code', { length: 3 }),
    communeCode: varchar('commune_code', { length: 5 }),
    address: text('address'),
    website: text('website'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('organisations_kind_check', sql`${t.kind} in ('provider','prescriber','employer','funder','operator')`),
    check('organisations_siret_format', sql`${t.siret} is null or ${t.siret} ~ '^[0-9]{14}$'`),
    check('organisations_nda_format', sql`${t.nda} is null or ${t.nda} ~ '^[0-9]{11}$'`),
    check(
      'organisations_subtype_check',
      sql`(${t.kind} = 'prescriber' and ${t.subtype} in ('mission_locale','france_travail','cap_emploi','association','e2c','epide'))
        or (${t.kind} = 'funder' and ${t.subtype} in ('region','state','private'))
        or (${t.kind} not in ('prescriber','funder') and ${t.subtype} is null)
        or ${t.subtype} is null`,
    ),
    check('organisations_naf_format', sql`${t.naf} is null or ${t.naf} ~ '^[0-9]{2}[.][0-9]{2}[A-Z]$'`),
    index('organisations_kind_idx').on(t.kind),
  ],
);
