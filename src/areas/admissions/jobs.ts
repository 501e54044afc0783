import type { JobDefinition } from '../../jobs/boss.ts';
import type { AdmissionsContext } from './context.ts';
import { SYSTEM_ACTOR } from '../accounts/audit/record.ts';
import { openEnrolments } from '../enrolments/use-cases/enrolments.ts';
import { runRound } from './use-cases/rounds.ts';

/**
 * The daily offer round, at 06:00 Paris time (ADMISSIONS.md §2; a retried run of a completed day does
 * nothing), and at 05:30 the sessions' calendar with the enrolments: sessions move `planned →
 * recruiting → running → finished` by their dates, and an accepted offer becomes an enrolment at the
 * session's start, in the same transaction (enrolments/use-cases/enrolments.ts).
 */
export function admissionsJobs(ctx: AdmissionsContext): JobDefinition[] {
  return [
    {
      name: 'admissions-offer-round',
      cron: '0 6 * * *',
      policy: 'stately',
      expireInSeconds: 60 * 60,
      handler: async () => {
        await runRound(ctx, { kind: 'daily', actor: null });
      },
    },
    {
      name: 'enrolments-open',
      cron: '30 5 * * *',
      policy: 'stately',
      handler: async () => {
        await openEnrolments(ctx, SYSTEM_ACTOR);
      },
    },
  ];
}
