/** Seed grants: tranches in integer cents, their lifecycle, and what is committed, paid and left. Pure. */
import { TRANCHE_STATUSES, EVIDENCE_KINDS } from '../../../db/schema/calls.ts';
import { defineTransitions } from '../../../shared/transitions.ts';

export type TrancheStatus = (typeof TRANCHE_STATUSES)[number];
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export { TRANCHE_STATUSES, EVIDENCE_KINDS };

export const TRANCHE_STATUS_LABELS: Record<TrancheStatus, string> = {
  planned: 'Prévu : justificatifs à déposer',
  evidence_submitted: 'Justificatifs à examiner',
  approved: 'Justificatifs approuvés',
  paid: 'Versé',
};

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  attendance: 'Feuilles d’émargement',
  invoices: 'Factures acquittées',
  report: 'Rapport d’activité',
  other: 'Autre justificatif',
};

/**
 * DOMAIN.md: planned → evidence_submitted → approved → paid. Evidence returned with a motive goes
 * back to planned (the provider completes it and submits again). No payment without approved evidence.
 */
export const TRANCHE_TRANSITIONS = defineTransitions<TrancheStatus>({
  planned: ['evidence_submitted'],
  evidence_submitted: ['approved', 'planned'],
  approved: ['paid'],
  paid: [],
});

/**
 * Splits a grant into tranches (DOMAIN.md "Money"): each share in cents rounded down, the last
 * tranche takes the remainder, so the tranches always add up to the grant.
 */
export function splitTranches(totalCents: number, sharesPct: readonly number[]): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0) throw new Error('splitTranches : montant en centimes entier et positif attendu');
  if (sharesPct.length === 0) throw new Error('splitTranches : au moins une part');
  const sum = sharesPct.reduce((s, x) => s + x, 0);
  if (sum !== 100 || sharesPct.some((x) => !Number.isInteger(x) || x < 0)) throw new Error('splitTranches : parts entières totalisant 100 %');
  const out = sharesPct.slice(0, -1).map((pct) => Math.floor((totalCents * pct) / 100));
  out.push(totalCents - out.reduce((s, x) => s + x, 0));
  return out;
}

export interface FinanceGrant {
  callId: string;
  funderId: string | null;
  amountCents: number;
  tranches: readonly { status: TrancheStatus; amountCents: number }[];
}

export interface FinanceRow {
  committedCents: number;
  approvedCents: number;
  paidCents: number;
  remainingCents: number;
  grants: number;
}

const empty = (): FinanceRow => ({ committedCents: 0, approvedCents: 0, paidCents: 0, remainingCents: 0, grants: 0 });

/** Committed vs paid vs remaining, per call and per funder ('' = the State through the GIP). */
export function financeSummary(grants: readonly FinanceGrant[]): { byCall: Map<string, FinanceRow>; byFunder: Map<string, FinanceRow>; total: FinanceRow } {
  const byCall = new Map<string, FinanceRow>();
  const byFunder = new Map<string, FinanceRow>();
  const total = empty();
  for (const g of grants) {
    const paid = g.tranches.filter((t) => t.status === 'paid').reduce((s, t) => s + t.amountCents, 0);
    const approved = g.tranches.filter((t) => t.status === 'approved').reduce((s, t) => s + t.amountCents, 0);
    for (const row of [get(byCall, g.callId), get(byFunder, g.funderId ?? ''), total]) {
      row.committedCents += g.amountCents;
      row.paidCents += paid;
      row.approvedCents += approved;
      row.remainingCents += g.amountCents - paid;
      row.grants++;
    }
  }
  return { byCall, byFunder, total };
}

function get(m: Map<string, FinanceRow>, k: string): FinanceRow {
  let r = m.get(k);
  if (!r) m.set(k, (r = empty()));
  return r;
}
