/** Reviews against a call's grid, and the committee's ranking. Pure. */
import { ASSIGNMENT_STATUSES } from '../../../db/schema/calls.ts';
import type { GridCriterion } from './call-form.ts';

export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const SCORE_MIN = 0;
export const SCORE_MAX = 5;
/** two reviews disagree when their weighted scores are this far apart (30 % of the scale)… */
export const DISAGREEMENT_OVERALL = 1.5;
/** …or when they score one criterion this far apart */
export const DISAGREEMENT_CRITERION = 3;
export const MIN_REVIEWERS = 2;

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  assigned: 'À évaluer',
  submitted: 'Évaluation remise',
  recused: 'Déport (conflit d’intérêts)',
};

export interface Score {
  criterion: string;
  score: number;
  comment: string;
}

/** Problems of a set of scores against a grid; `complete` asks every criterion scored and commented. */
export function scoreProblems(scores: readonly Score[], grid: readonly GridCriterion[], complete: boolean): Record<string, string> {
  const f: Record<string, string> = {};
  const codes = new Map(grid.map((c) => [c.code, c]));
  const seen = new Set<string>();
  scores.forEach((s, i) => {
    if (!codes.has(s.criterion)) f[`scores.${i}.criterion`] = `Le critère « ${s.criterion} » n’est pas dans la grille de l’appel.`;
    else if (seen.has(s.criterion)) f[`scores.${i}.criterion`] = `Le critère « ${codes.get(s.criterion)!.label} » est noté deux fois.`;
    seen.add(s.criterion);
    if (!Number.isInteger(s.score) || s.score < SCORE_MIN || s.score > SCORE_MAX) f[`scores.${i}.score`] = `La note est un entier de ${SCORE_MIN} à ${SCORE_MAX}.`;
  });
  if (complete) {
    for (const c of grid) {
      const s = scores.find((x) => x.criterion === c.code);
      if (!s) f[`scores.${c.code}`] = `Notez le critère « ${c.label} ».`;
      else if (s.comment.trim().length === 0) f[`scores.${c.code}.comment`] = `Commentez la note du critère « ${c.label} ».`;
    }
  }
  return f;
}

/** Σ weight × score / Σ weight, on the 0–5 scale (criteria without a score count as missing: null). */
export function weightedScore(scores: readonly Score[], grid: readonly GridCriterion[]): number | null {
  let num = 0;
  let den = 0;
  for (const c of grid) {
    const s = scores.find((x) => x.criterion === c.code);
    if (!s) return null;
    num += c.weight * s.score;
    den += c.weight;
  }
  return den > 0 ? num / den : null;
}

export interface SubmittedReview {
  weightedScore: number;
  scores: readonly Score[];
}

/** Why the reviews of a proposal disagree (French), or null. */
export function disagreement(reviews: readonly SubmittedReview[], grid: readonly GridCriterion[]): string | null {
  if (reviews.length < 2) return null;
  const ws = reviews.map((r) => r.weightedScore);
  const spread = Math.max(...ws) - Math.min(...ws);
  if (spread >= DISAGREEMENT_OVERALL - 1e-9) return `Écart de ${formatScore(spread)} point${spread >= 2 ? 's' : ''} entre les notes pondérées.`;
  for (const c of grid) {
    const xs = reviews.map((r) => r.scores.find((s) => s.criterion === c.code)?.score).filter((x): x is number => x !== undefined);
    if (xs.length >= 2 && Math.max(...xs) - Math.min(...xs) >= DISAGREEMENT_CRITERION) {
      return `Écart de ${Math.max(...xs) - Math.min(...xs)} points sur le critère « ${c.label} ».`;
    }
  }
  return null;
}

export function formatScore(x: number): string {
  return x.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** What the committee needs of a proposal's reviews (kept on the proposal at every review change). */
export interface ReviewSummary {
  /** weighted mean of the submitted reviews, 0–5; null before the first one */
  mean: number | null;
  submitted: number;
  disagreement: string | null;
}

export function reviewSummary(reviews: readonly SubmittedReview[], grid: readonly GridCriterion[]): ReviewSummary {
  return {
    mean: reviews.length > 0 ? reviews.reduce((s, r) => s + r.weightedScore, 0) / reviews.length : null,
    submitted: reviews.length,
    disagreement: disagreement(reviews, grid),
  };
}

export interface CommitteeInput {
  id: string;
  requestedCents: number;
  mean: number | null;
  reviewsSubmitted: number;
}

export interface CommitteeRank {
  id: string;
  /** 1-based; proposals without a submitted review are ranked after the others, by request */
  rank: number;
  /** requests of this proposal and every one ranked before it */
  cumulativeCents: number;
  withinEnvelope: boolean;
}

/**
 * The committee's ranking: weighted mean of the submitted reviews (best first; ties: more reviews,
 * then the smaller request, then the id, so that the same input always gives the same order), with
 * the cumulative grant line against the envelope.
 */
export function rankProposals<T extends CommitteeInput>(items: readonly T[], envelopeCents: number): (CommitteeRank & { item: T })[] {
  const sorted = [...items].sort((a, b) => {
    if (a.mean === null && b.mean !== null) return 1;
    if (b.mean === null && a.mean !== null) return -1;
    if (a.mean !== null && b.mean !== null && Math.abs(a.mean - b.mean) > 1e-12) return b.mean - a.mean;
    if (a.reviewsSubmitted !== b.reviewsSubmitted) return b.reviewsSubmitted - a.reviewsSubmitted;
    if (a.requestedCents !== b.requestedCents) return a.requestedCents - b.requestedCents;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  let cumulative = 0;
  return sorted.map((item, i) => {
    cumulative += item.requestedCents;
    return { id: item.id, rank: i + 1, cumulativeCents: cumulative, withinEnvelope: cumulative <= envelopeCents, item };
  });
}

export interface SpreadItem {
  regionCode: string | null;
  requestedCents: number;
  accepted: boolean;
  acceptedCents: number;
}

export interface SpreadRow {
  regionCode: string | null;
  trainings: number;
  requestedCents: number;
  accepted: number;
  acceptedCents: number;
}

/** Trainings proposed and accepted per région (unknown commune last). */
export function territorialSpread(items: readonly SpreadItem[]): SpreadRow[] {
  const by = new Map<string | null, SpreadRow>();
  for (const it of items) {
    let row = by.get(it.regionCode);
    if (!row) by.set(it.regionCode, (row = { regionCode: it.regionCode, trainings: 0, requestedCents: 0, accepted: 0, acceptedCents: 0 }));
    row.trainings++;
    row.requestedCents += it.requestedCents;
    if (it.accepted) {
      row.accepted++;
      row.acceptedCents += it.acceptedCents;
    }
  }
  return [...by.values()].sort((a, b) => b.trainings - a.trainings || (a.regionCode ?? '~').localeCompare(b.regionCode ?? '~'));
}
