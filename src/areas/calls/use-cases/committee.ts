import { eq, sql } from 'drizzle-orm';
import { calls } from '../../../db/schema/index.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import type { ProgrammeContext } from '../context.ts';
import { sqlRows } from '../../../db/client.ts';
import type { ProposalStatus } from '../domain/proposal.ts';
import { formatScore, rankProposals, territorialSpread } from '../domain/scoring.ts';

interface ProposalRow {
  id: string;
  title: string;
  status: ProposalStatus;
  requested_cents: string | number;
  provider_id: string;
  provider_name: string;
  reviews_assigned: number;
  reviews_submitted: number;
  mean_score: number | null;
  disagreement: string | null;
}
interface TrainingRow {
  id: string;
  proposal_id: string;
  title: string;
  commune_code: string | null;
  requested_cents: string | number;
  decision: 'accepted' | 'rejected' | null;
  decision_motive: string | null;
}

/**
 * The committee's view of a call: proposals ranked by the weighted mean of their submitted reviews,
 * disagreements flagged, the cumulative grant line against the envelope, each training's decision,
 * and the territorial spread per région. The reviews' summary is kept on each proposal when a review
 * changes (see reviews.ts refreshReviewSummary): two flat queries, ranked in memory (bench/committee.ts).
 */
export async function committeeView(ctx: ProgrammeContext, callId: string) {
  const db = ctx.database.db;
  const [call] = await db.select().from(calls).where(eq(calls.id, callId));
  if (!call) throw new NotFoundError('Appel');
  const filed = sql`p.call_id = ${callId} and p.status in ('submitted','in_review','decided')`;
  const [proposals, trainings] = await Promise.all([
    sqlRows<ProposalRow>(
      db,
      sql`select p.id, p.title, p.status, p.requested_cents, p.provider_id, o.name as provider_name,
                 p.reviews_assigned, p.reviews_submitted, p.mean_score, p.disagreement
          from proposals p join organisations o on o.id = p.provider_id where ${filed}`,
    ),
    sqlRows<TrainingRow>(
      db,
      sql`select t.id, t.proposal_id, t.title, t.commune_code, t.requested_cents, t.decision, t.decision_motive
          from proposal_trainings t join proposals p on p.id = t.proposal_id where ${filed} order by t.proposal_id, t.position`,
    ),
  ]);
  const regionOf = (commune: string | null) => (commune ? (ctx.geo.communes.get(commune)?.region ?? null) : null);
  const trainingsOf = new Map<string, ReturnType<typeof trainingOut>[]>();
  let acceptedCents = 0;
  let requestedCents = 0;
  const spreadItems = [];
  function trainingOut(t: TrainingRow) {
    return {
      id: t.id,
      title: t.title,
      communeCode: t.commune_code,
      regionCode: regionOf(t.commune_code),
      requestedCents: Number(t.requested_cents),
      decision: t.decision,
      decisionMotive: t.decision_motive,
    };
  }
  for (const t of trainings) {
    const out = trainingOut(t);
    let l = trainingsOf.get(t.proposal_id);
    if (!l) trainingsOf.set(t.proposal_id, (l = []));
    l.push(out);
    requestedCents += out.requestedCents;
    const accepted = t.decision === 'accepted';
    if (accepted) acceptedCents += out.requestedCents;
    spreadItems.push({ regionCode: out.regionCode, requestedCents: out.requestedCents, accepted, acceptedCents: accepted ? out.requestedCents : 0 });
  }
  const ranked = rankProposals(
    proposals.map((p) => ({ id: p.id, requestedCents: Number(p.requested_cents), mean: p.mean_score === null ? null : Number(p.mean_score), reviewsSubmitted: Number(p.reviews_submitted), row: p })),
    call.envelopeCents,
  );
  return {
    call: { id: call.id, title: call.title, status: call.status, envelopeCents: call.envelopeCents },
    totals: {
      proposals: proposals.length,
      trainings: trainings.length,
      requestedCents,
      acceptedCents,
      remainingEnvelopeCents: call.envelopeCents - acceptedCents,
    },
    rows: ranked.map(({ rank, cumulativeCents, withinEnvelope, item }) => ({
      rank,
      proposalId: item.id,
      title: item.row.title,
      providerId: item.row.provider_id,
      providerName: item.row.provider_name,
      status: item.row.status,
      requestedCents: item.requestedCents,
      mean: item.mean,
      reviewsSubmitted: item.reviewsSubmitted,
      reviewsAssigned: Number(item.row.reviews_assigned),
      disagreement: item.row.disagreement,
      cumulativeCents,
      withinEnvelope,
      trainings: trainingsOf.get(item.id) ?? [],
    })),
    spread: territorialSpread(spreadItems).map((s) => ({ ...s, regionName: s.regionCode ? (ctx.geo.regions.get(s.regionCode)?.name ?? s.regionCode) : 'Commune non renseignée' })),
  };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  // a leading = + - @ would be read as a formula by a spreadsheet
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The ranking as CSV (semicolon-separated, UTF-8 with BOM, for spreadsheets in French). */
export async function rankingCsv(ctx: ProgrammeContext, callId: string): Promise<string> {
  const v = await committeeView(ctx, callId);
  const head = ['rang', 'dossier', 'organisme', 'etat', 'note_moyenne', 'evaluations_remises', 'evaluations_attendues', 'desaccord', 'demande_euros', 'cumul_euros', 'dans_enveloppe', 'formations_acceptees', 'formations_refusees'];
  const lines = v.rows.map((r) =>
    [
      r.rank,
      r.title,
      r.providerName,
      r.status,
      r.mean === null ? '' : formatScore(r.mean),
      r.reviewsSubmitted,
      r.reviewsAssigned,
      r.disagreement ?? '',
      (r.requestedCents / 100).toFixed(2).replace('.', ','),
      (r.cumulativeCents / 100).toFixed(2).replace('.', ','),
      r.withinEnvelope ? 'oui' : 'non',
      r.trainings.filter((t) => t.decision === 'accepted').length,
      r.trainings.filter((t) => t.decision === 'rejected').length,
    ]
      .map(csvCell)
      .join(';'),
  );
  return `\ufeff${[head.join(';'), ...lines].join('\r\n')}\r\n`;
}
