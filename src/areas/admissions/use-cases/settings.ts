import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { sqlRows, type Db, type Tx } from '../../../db/client.ts';
import { admissionOffers, admissionRoundSessions, admissionSettings, callOrders, sessions, trainings } from '../../../db/schema/index.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { validateConstraints, type Constraint } from '../domain/call-order.ts';
import type { AdmissionsContext } from '../context.ts';
import { timeZoneOfCommune } from '../rules/deadlines.ts';
import { CONSTRAINT_LABELS } from '../rules/offers.ts';
import { ADMISSION_CONSTRAINT_NAMES, type ConstraintName } from '../rules/ranking.ts';
import { ownSession } from './access.ts';

type DbLike = Db | Tx;

export interface Settings {
  constraints: Constraint[];
  overbookingMargin: number;
  blockCallRank: number;
  answerDays: number;
}

export const DEFAULT_SETTINGS: Settings = { constraints: [], overbookingMargin: 0, blockCallRank: 0, answerDays: 3 };

export async function settingsOf(db: DbLike, sessionId: string): Promise<Settings> {
  const [row] = await db.select().from(admissionSettings).where(eq(admissionSettings.sessionId, sessionId));
  if (!row) return { ...DEFAULT_SETTINGS };
  return { constraints: row.constraints, overbookingMargin: row.overbookingMargin, blockCallRank: row.blockCallRank, answerDays: row.answerDays };
}

export async function currentCallOrder(db: DbLike, sessionId: string) {
  const [row] = await db.select().from(callOrders).where(and(eq(callOrders.sessionId, sessionId), isNull(callOrders.supersededAt)));
  return row ?? null;
}

/** SQL: whether the session has taken part in a round (hadRound, inside a larger query). */
export function hadRoundSql(sessionId: string): SQL {
  return sql`exists (select 1 from ${admissionRoundSessions} r where r.session_id = ${sessionId})`;
}

/** SQL: the id of the session's current call order, null when none (currentCallOrder, inside a larger query). */
export function currentCallOrderIdSql(sessionId: string): SQL {
  return sql`(select c.id from ${callOrders} c where c.session_id = ${sessionId} and c.superseded_at is null)`;
}

/**
 * In one round trip: whether the session has taken part in a round (see hadRound), its current call
 * order (see currentCallOrder) and its offers counted by status.
 */
export async function rankingState(db: DbLike, sessionId: string) {
  type Row = { had_round: boolean; call_order_id: string | null; computed_at: string | Date | null; offers: Record<string, number> };
  const [row] = await sqlRows<Row>(db, sql`
    select ${hadRoundSql(sessionId)} as had_round,
           c.id as call_order_id, c.computed_at,
           (select coalesce(json_object_agg(status, n), '{}'::json)
              from (select status, count(*)::int as n from ${admissionOffers} where session_id = ${sessionId} group by status) o) as offers
      from (select 1) one
      left join ${callOrders} c on c.session_id = ${sessionId} and c.superseded_at is null`);
  return {
    hadRound: row!.had_round,
    currentCallOrder: row!.call_order_id === null ? null : { id: row!.call_order_id, computedAt: new Date(row!.computed_at!) },
    offers: row!.offers,
  };
}

/** A session has taken part in a round: its ranking and call order are frozen for the season. */
export async function hadRound(db: DbLike, sessionId: string): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`1` }).from(admissionRoundSessions).where(eq(admissionRoundSessions.sessionId, sessionId)).limit(1);
  return !!row;
}

function checkSettings(input: Settings): void {
  const fields: Record<string, string> = {};
  for (const c of input.constraints) {
    if (!(ADMISSION_CONSTRAINT_NAMES as readonly string[]).includes(c.name)) fields.constraints = `Public inconnu « ${c.name} » : choisissez parmi les critères du diagnostic.`;
  }
  try {
    validateConstraints(input.constraints);
  } catch (e) {
    if (e instanceof InputError) fields.constraints ??= Object.values(e.fields)[0] ?? e.message;
    else throw e;
  }
  if (!Number.isInteger(input.overbookingMargin) || input.overbookingMargin < 0 || input.overbookingMargin > 1000) fields.overbookingMargin = 'La marge de surréservation est un nombre entier de 0 à 1000.';
  if (!Number.isInteger(input.blockCallRank) || input.blockCallRank < 0 || input.blockCallRank > 1_000_000) fields.blockCallRank = 'Le rang d’appel en bloc est un nombre entier (0 : aucun appel en bloc).';
  if (!Number.isInteger(input.answerDays) || input.answerDays < 1 || input.answerDays > 30) fields.answerDays = 'Le délai de réponse est de 1 à 30 jours.';
  if (Object.keys(fields).length > 0) throw new InputError(fields, Object.values(fields)[0]);
}

const sameConstraints = (a: readonly Constraint[], b: readonly Constraint[]) => JSON.stringify(a.map((c) => [c.name, c.rate])) === JSON.stringify(b.map((c) => [c.name, c.rate]));

/**
 * The provider sets a session's admission rules. The constrained publics and their rates make the call
 * order: once the session has had a round they are frozen; before that, changing them after the
 * ranking was published sends the ranking back to draft (it must be published again).
 */
export async function saveSettings(ctx: AdmissionsContext, actor: Actor, sessionId: string, input: Settings): Promise<void> {
  const now = ctx.clock();
  const constraints = input.constraints.map((c) => ({ name: c.name, rate: c.rate }));
  checkSettings({ ...input, constraints });
  await ctx.database.db.transaction(async (tx) => {
    await ownSession(tx, actor, sessionId, true);
    const before = await settingsOf(tx, sessionId);
    const changed = Object.entries({ ...input, constraints })
      .filter(([k, v]) => (k === 'constraints' ? !sameConstraints(v as Constraint[], before.constraints) : before[k as keyof Settings] !== v))
      .map(([k]) => k);
    if (changed.length === 0) return;
    const who = auditActor(actor);
    if (changed.includes('constraints')) {
      if (await hadRound(tx, sessionId)) {
        throw new ConflictError('Les publics prioritaires et leurs taux ne changent plus une fois les propositions commencées : l’ordre d’appel est fixé pour la saison.', 'ordre_appel_fige');
      }
      const current = await currentCallOrder(tx, sessionId);
      if (current) {
        await tx.update(callOrders).set({ supersededAt: now }).where(eq(callOrders.id, current.id));
        await recordAudit(tx, who, { action: 'call_order.superseded', objectType: 'call_order', objectId: current.id, from: 'current', to: 'superseded', motive: 'taux modifiés' });
      }
    }
    await tx
      .insert(admissionSettings)
      .values({ sessionId, constraints, overbookingMargin: input.overbookingMargin, blockCallRank: input.blockCallRank, answerDays: input.answerDays, updatedAt: now, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: admissionSettings.sessionId,
        set: { constraints, overbookingMargin: input.overbookingMargin, blockCallRank: input.blockCallRank, answerDays: input.answerDays, updatedAt: now, updatedBy: actor.userId },
      });
    await recordAudit(tx, who, { action: 'admission_settings.saved', objectType: 'session', objectId: sessionId, fields: changed });
  });
}

interface RulesRow {
  id: string;
  seats: number;
  startsOn: string;
  endsOn: string;
  status: string;
  communeCode: string;
  constraints: Constraint[] | null;
  overbookingMargin: number | null;
  blockCallRank: number | null;
  answerDays: number | null;
  published: boolean;
}

/** The public view of a session's rules: no personal data, only the provider's published choices. */
function rulesView(r: RulesRow) {
  const constraints = r.constraints ?? DEFAULT_SETTINGS.constraints;
  const margin = r.overbookingMargin ?? DEFAULT_SETTINGS.overbookingMargin;
  return {
    sessionId: r.id,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    status: r.status,
    seats: r.seats,
    offerTarget: r.seats + margin,
    overbookingMargin: margin,
    blockCallRank: r.blockCallRank ?? DEFAULT_SETTINGS.blockCallRank,
    answerDays: r.answerDays ?? DEFAULT_SETTINGS.answerDays,
    timeZone: timeZoneOfCommune(r.communeCode),
    rankingPublished: r.published,
    constraints: constraints.map((c, i) => ({ priority: i + 1, name: c.name as ConstraintName, label: CONSTRAINT_LABELS[c.name as ConstraintName] ?? c.name, rate: c.rate })),
  };
}

function rulesQuery(db: DbLike) {
  return db
    .select({
      id: sessions.id,
      seats: sessions.seats,
      startsOn: sessions.startsOn,
      endsOn: sessions.endsOn,
      status: sessions.status,
      communeCode: trainings.communeCode,
      constraints: admissionSettings.constraints,
      overbookingMargin: admissionSettings.overbookingMargin,
      blockCallRank: admissionSettings.blockCallRank,
      answerDays: admissionSettings.answerDays,
      published: sql<boolean>`exists (select 1 from call_orders co where co.session_id = ${sessions.id} and co.superseded_at is null)`,
    })
    .from(sessions)
    .innerJoin(trainings, eq(trainings.id, sessions.trainingId))
    .leftJoin(admissionSettings, eq(admissionSettings.sessionId, sessions.id));
}

/** The public admission rules of a session (shown on its training's page). */
export async function publicRules(ctx: AdmissionsContext, sessionId: string) {
  const [row] = await rulesQuery(ctx.database.db).where(eq(sessions.id, sessionId));
  if (!row) throw new NotFoundError('Session');
  return rulesView(row);
}

/** Sessions whose rules the training page shows: those not over (nor cancelled). */
export const SESSIONS_WITH_PUBLIC_RULES = ['planned', 'recruiting', 'running'] as const;

/** The public admission rules of every session of a training still to come or running, by start date (one request for its page). */
export async function publicTrainingRules(ctx: AdmissionsContext, trainingId: string) {
  const db = ctx.database.db;
  const [t] = await db.select({ id: trainings.id }).from(trainings).where(eq(trainings.id, trainingId));
  if (!t) throw new NotFoundError('Formation');
  const rows = await rulesQuery(db)
    .where(and(eq(sessions.trainingId, trainingId), inArray(sessions.status, [...SESSIONS_WITH_PUBLIC_RULES])))
    .orderBy(asc(sessions.startsOn), asc(sessions.id));
  return { trainingId, sessions: rows.map(rulesView) };
}

/** The provider's sessions with their admission state (navigation of the admissions pages). */
export async function providerSessions(ctx: AdmissionsContext, organisationId: string) {
  const rows = (await ctx.database.db.execute(sql`
    select s.id, s.starts_on::text as starts_on, s.ends_on::text as ends_on, s.status, s.seats, s.seats_taken, t.title,
           (select count(*)::int from wishes w where w.session_id = s.id and w.status <> 'withdrawn') as applications,
           exists (select 1 from call_orders co where co.session_id = s.id and co.superseded_at is null) as published,
           exists (select 1 from admission_round_sessions r where r.session_id = s.id) as frozen
      from sessions s join trainings t on t.id = s.training_id
     where t.provider_id = ${organisationId}::uuid and s.status in ('planned','recruiting','running')
     order by s.starts_on, t.title`)) as unknown as {
    rows: { id: string; starts_on: string; ends_on: string; status: string; seats: number; seats_taken: number; title: string; applications: number; published: boolean; frozen: boolean }[];
  };
  return rows.rows.map((r) => ({
    id: r.id,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    status: r.status,
    seats: r.seats,
    seatsTaken: r.seats_taken,
    trainingTitle: r.title,
    applications: r.applications,
    state: r.frozen ? 'frozen' : r.published ? 'published' : 'draft',
  }));
}
