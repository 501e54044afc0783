import { count, eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../../db/client.ts';
import { audit, users } from '../../../db/schema/index.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { ACTOR_COLUMNS, auditWhere, PERSONAL_DATA, whereOf, type PersonalTable } from '../registry.ts';

export const EXPORT_FORMAT = 'fabriques-donnees-personnelles/1';

export interface ExportSection {
  label: string;
  /** what erasure does to these rows */
  erasure: PersonalTable['erasure'];
  rows: Record<string, unknown>[];
}

export interface PersonalDataExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  personId: string;
  notice: string;
  sections: Record<string, ExportSection>;
  /** rows where the person appears as the author of a professional act (counts; the acts are in auditTrail) */
  professionalActs: { table: string; column: string; rows: number; what: string }[];
}

const NOTICE =
  'Toutes les données que la plateforme Fabriques garde sur vous, table par table (droit d’accès et à la portabilité, articles 15 et 20 du RGPD). ' +
  'Ne figurent pas : les secrets (empreintes de mot de passe et de session), le contenu des fichiers déposés (téléchargeables depuis votre espace) ni celui des messages (ils contiennent des liens à usage unique). ' +
  'Les identifiants d’autres personnes (un prescripteur, un organisme) sont des numéros, sans leurs noms.';

function exportedColumns(entry: PersonalTable): Record<string, PgColumn> {
  const omitted = new Set(entry.omit ?? []);
  return Object.fromEntries(Object.entries(getTableColumns(entry.table)).filter(([, c]) => !omitted.has(c))) as Record<string, PgColumn>;
}

/** Everything the platform holds on one person, built from the registry (registry.ts). */
export async function exportPersonalData(database: Database, userId: string, now: Date): Promise<PersonalDataExport> {
  const [user] = await database.db.select({ id: users.id, email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new NotFoundError('Compte');
  const sections: Record<string, ExportSection> = {};
  const ownIds: string[] = [];
  for (const entry of PERSONAL_DATA) {
    if (entry.table === audit) continue;
    const rows = (await database.db.select(exportedColumns(entry)).from(entry.table).where(whereOf(entry, user))) as Record<string, unknown>[];
    for (const r of rows) if (typeof r.id === 'string') ownIds.push(r.id);
    sections[entry.section] = { label: entry.label, erasure: entry.erasure, rows };
  }
  const trail = PERSONAL_DATA.find((e) => e.table === audit)!;
  const auditRows = await database.db.select().from(audit).where(auditWhere(user, ownIds)).orderBy(audit.id);
  sections[trail.section] = { label: trail.label, erasure: trail.erasure, rows: auditRows };

  const professionalActs: PersonalDataExport['professionalActs'] = [];
  for (const a of ACTOR_COLUMNS) {
    const [row] = await database.db.select({ n: count() }).from(a.column.table).where(eq(a.column, userId));
    if (row && row.n > 0) professionalActs.push({ table: getTableName(a.column.table), column: a.column.name, rows: row.n, what: a.why });
  }
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), personId: userId, notice: NOTICE, sections, professionalActs };
}
