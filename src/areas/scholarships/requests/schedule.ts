/** The monthly payments due for a granted aid, month by month (at most `maxPerYear` per academic year). Pure. */
import { addMonths, trainingMonths } from '../domain/payments.ts';
import { academicStartYearOf, academicYearLabel } from '../domain/scale.ts';

export interface PaymentDue {
  /** the first day of the month of training it pays for */
  monthStarting: string;
  academicYear: string;
  amountCents: number;
  /** false beyond the yearly maximum: a month of training without payment */
  paid: boolean;
}

export function paymentSchedule(start: string, end: string, monthlyCents: number, maxPerYear: number): PaymentDue[] {
  const out: PaymentDue[] = [];
  const perYear = new Map<number, number>();
  const months = trainingMonths(start, end);
  for (let k = 0; k < months; k++) {
    const day = addMonths(start, k);
    const year = academicStartYearOf(day);
    const n = perYear.get(year) ?? 0;
    const paid = monthlyCents > 0 && n < maxPerYear;
    if (paid) perYear.set(year, n + 1);
    out.push({ monthStarting: day, academicYear: academicYearLabel(year), amountCents: paid ? monthlyCents : 0, paid });
  }
  return out;
}
