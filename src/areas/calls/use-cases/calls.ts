import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../db/client.ts';
import { callVersions, calls, organisations, proposals } from '../../../db/schema/index.ts';
import { ConflictError, InputError, NotFoundError } from '../../../shared/errors.ts';
import { assertTransition } from '../../../shared/transitions.ts';
import { auditActor, recordAudit } from '../../accounts/audit/record.ts';
import type { Actor } from '../../accounts/domain/access.ts';
import { CALL_STATUS_LABELS, CALL_TRANSITIONS, callFormProblems, submissionWindow, type CallForm, type CallStatus } from '../domain/call-form.ts';
import { today, type ProgrammeContext } from '../context.ts';

export interface CallInput {
  title: string;
  wave: number;
  summary: string;
  envelopeCents: number;
  funderId?: string | null | undefined;
  form: CallForm;
}

const isOperator = (actor: Actor | null) => actor?.membership?.role === 'operator';

/** The form of one version of a call. */
export async function formOf(tx: Db | Tx, callId: string, version: number): Promise<CallForm> {
  const [v] = await tx
    .select({ form: callVersions.form })
    .from(callVersions)
    .where(and(eq(callVersions.callId, callId), eq(callVersions.version, version)));
  if (!v) throw new Error(`call ${callId} has no version ${version}`);
  return v.form as CallForm;
}

async function checkInput(ctx: ProgrammeContext, tx: Tx, input: CallInput): Promise<void> {
  const fields = callFormProblems(input.form, { regionExists: (c) => ctx.geo.regions.has(c) });
  if (input.funderId) {
    const [f] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, input.funderId));
    if (f?.kind !== 'funder') fields.funderId = 'Choisissez une organisation financeuse existante.';
  }
  if (Object.keys(fields).length > 0) throw new InputError(fields);
}

export async function createCall(ctx: ProgrammeContext, actor: Actor, input: CallInput): Promise<{ id: string }> {
  return ctx.database.db.transaction(async (tx) => {
    await checkInput(ctx, tx, input);
    const now = ctx.clock();
    const [row] = await tx
      .insert(calls)
      .values({ title: input.title, wave: input.wave, summary: input.summary, status: 'draft', envelopeCents: input.envelopeCents, funderId: input.funderId ?? null, currentVersion: 1, createdAt: now, updatedAt: now })
      .returning({ id: calls.id });
    await tx.insert(callVersions).values({ callId: row!.id, version: 1, form: input.form, createdBy: actor.userId, createdAt: now });
    await recordAudit(tx, auditActor(actor), { action: 'call.created', objectType: 'call', objectId: row!.id, to: 'draft', fields: ['title', 'wave', 'summary', 'envelopeCents', 'funderId', 'form'] });
    return { id: row!.id };
  });
}

/**
 * Edits a call. A draft is edited in place; an open call gets a new version of its form (proposals
 * already filed stay tied to theirs); a closed call no longer changes.
 */
export async function updateCall(ctx: ProgrammeContext, actor: Actor, callId: string, input: CallInput): Promise<{ version: number }> {
  return ctx.database.db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('update');
    if (!call) throw new NotFoundError('Appel');
    if (call.status !== 'draft' && call.status !== 'open') {
      throw new ConflictError(`Un appel ${CALL_STATUS_LABELS[call.status].toLowerCase()} ne se modifie plus.`, 'appel_fige');
    }
    await checkInput(ctx, tx, input);
    const now = ctx.clock();
    const current = await formOf(tx, callId, call.currentVersion);
    const formChanged = JSON.stringify(current) !== JSON.stringify(input.form);
    const fields = (['title', 'wave', 'summary', 'envelopeCents', 'funderId'] as const).filter((k) => (call[k] ?? null) !== (input[k] ?? null)) as string[];
    if (formChanged) fields.push('form');
    let version = call.currentVersion;
    if (formChanged && call.status === 'draft') {
      await tx.update(callVersions).set({ form: input.form, createdAt: now, createdBy: actor.userId }).where(and(eq(callVersions.callId, callId), eq(callVersions.version, version)));
    } else if (formChanged) {
      version += 1;
      await tx.insert(callVersions).values({ callId, version, form: input.form, createdBy: actor.userId, createdAt: now });
      await recordAudit(tx, auditActor(actor), { action: 'call.version_created', objectType: 'call', objectId: callId, from: String(version - 1), to: String(version), fields: ['form'] });
    }
    await tx
      .update(calls)
      .set({ title: input.title, wave: input.wave, summary: input.summary, envelopeCents: input.envelopeCents, funderId: input.funderId ?? null, currentVersion: version, updatedAt: now })
      .where(eq(calls.id, callId));
    if (fields.length > 0) await recordAudit(tx, auditActor(actor), { action: 'call.updated', objectType: 'call', objectId: callId, fields });
    return { version };
  });
}

/** Moves a call along its lifecycle. Deciding a call needs every proposal in it decided (or withdrawn). */
export async function changeCallStatus(ctx: ProgrammeContext, actor: Actor, callId: string, to: CallStatus, motive: string | undefined): Promise<{ status: CallStatus }> {
  return ctx.database.db.transaction(async (tx) => {
    const [call] = await tx.select().from(calls).where(eq(calls.id, callId)).for('update');
    if (!call) throw new NotFoundError('Appel');
    assertTransition(CALL_TRANSITIONS, call.status, to, CALL_STATUS_LABELS);
    if (to === 'open') {
      const form = await formOf(tx, callId, call.currentVersion);
      if ((form.cutOffs.at(-1) ?? '') < today(ctx)) {
        throw new ConflictError('La dernière date limite de cet appel est passée : modifiez-la avant de l’ouvrir.', 'date_limite_depassee');
      }
    }
    if (to === 'decided') {
      const [{ n }] = (await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(proposals)
        .where(and(eq(proposals.callId, callId), inArray(proposals.status, ['submitted', 'in_review'])))) as [{ n: number }];
      if (n > 0) throw new ConflictError(`${n} dossier${n > 1 ? 's' : ''} de cet appel attend${n > 1 ? 'ent' : ''} encore une décision.`, 'dossiers_non_decides');
    }
    await tx.update(calls).set({ status: to, updatedAt: ctx.clock() }).where(eq(calls.id, callId));
    await recordAudit(tx, auditActor(actor), { action: 'call.status_changed', objectType: 'call', objectId: callId, from: call.status, to, motive: motive ?? null });
    return { status: to };
  });
}

export interface CallSummary {
  id: string;
  title: string;
  wave: number;
  summary: string;
  status: CallStatus;
  envelopeCents: number;
  openingDate: string;
  cutOffs: string[];
  /** the next cut-off still ahead (Paris date), when the call is open */
  nextCutOff: string | null;
}

function summaryOf(call: typeof calls.$inferSelect, form: CallForm, day: string): CallSummary {
  const w = submissionWindow(call.status, form, day);
  return {
    id: call.id,
    title: call.title,
    wave: call.wave,
    summary: call.summary,
    status: call.status,
    envelopeCents: call.envelopeCents,
    openingDate: form.openingDate,
    cutOffs: form.cutOffs,
    nextCutOff: w.open ? w.cutOff : null,
  };
}

/** Published calls (every state but draft) for the public; the operator sees drafts too. */
export async function listCalls(ctx: ProgrammeContext, actor: Actor | null, opts: { all?: boolean } = {}): Promise<CallSummary[]> {
  const rows = await ctx.database.db
    .select({ call: calls, form: callVersions.form })
    .from(calls)
    .innerJoin(callVersions, and(eq(callVersions.callId, calls.id), eq(callVersions.version, calls.currentVersion)))
    .where(opts.all && isOperator(actor) ? undefined : ne(calls.status, 'draft'))
    .orderBy(desc(calls.wave), asc(calls.title));
  const day = today(ctx);
  return rows.map((r) => summaryOf(r.call, r.form as CallForm, day));
}

/** A call's page: its current form. A draft is visible to the operator only. */
export async function callDetail(ctx: ProgrammeContext, actor: Actor | null, callId: string) {
  const [row] = await ctx.database.db
    .select({ call: calls, form: callVersions.form, funderName: organisations.name })
    .from(calls)
    .innerJoin(callVersions, and(eq(callVersions.callId, calls.id), eq(callVersions.version, calls.currentVersion)))
    .leftJoin(organisations, eq(organisations.id, calls.funderId))
    .where(eq(calls.id, callId));
  if (!row || (row.call.status === 'draft' && !isOperator(actor))) throw new NotFoundError('Appel');
  const form = row.form as CallForm;
  const versions = isOperator(actor)
    ? await ctx.database.db
        .select({ version: callVersions.version, createdAt: callVersions.createdAt })
        .from(callVersions)
        .where(eq(callVersions.callId, callId))
        .orderBy(asc(callVersions.version))
    : [];
  return {
    ...summaryOf(row.call, form, today(ctx)),
    funderId: row.call.funderId,
    funderName: row.funderName ?? 'État (GIP Grande École du Numérique)',
    version: row.call.currentVersion,
    form,
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString() })),
  };
}
