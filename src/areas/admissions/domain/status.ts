/**
 * Wish statuses as the admissions engine sees them (ADMISSIONS.md §2), with their byte codes for the
 * columnar model. The product's finer statuses map onto them with `engineStatus`.
 */

export const WAITING = 0;
export const OFFERED = 1;
export const ACCEPTED = 2;
export const DECLINED = 3;
export const WITHDRAWN = 4;

export const STATUS_NAMES = ['waiting', 'offered', 'accepted', 'declined', 'withdrawn'] as const;
export type Status = (typeof STATUS_NAMES)[number];
export type StatusCode = 0 | 1 | 2 | 3 | 4;

export function statusCode(status: Status): StatusCode {
  return STATUS_NAMES.indexOf(status) as StatusCode;
}

export function statusName(code: number): Status {
  const name = STATUS_NAMES[code];
  if (name === undefined) throw new Error(`statut inconnu : ${code}`);
  return name;
}

/** The product's wish statuses and the engine status each one is ranked with (null: not in the ranking). */
export const PRODUCT_STATUSES = {
  submitted: 'waiting',
  under_review: 'waiting',
  ranked: 'waiting',
  offered: 'offered',
  accepted: 'accepted',
  declined: 'declined',
  expired: 'declined',
  withdrawn: 'withdrawn',
  not_ranked: null,
} as const satisfies Record<string, Status | null>;

export type ProductStatus = keyof typeof PRODUCT_STATUSES;

export function engineStatus(status: ProductStatus): Status | null {
  return PRODUCT_STATUSES[status];
}
