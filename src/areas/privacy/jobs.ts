import type { JobDefinition } from '../../jobs/boss.ts';
import { runRetention, type RetentionContext } from './use-cases/retention.ts';

/** The privacy area's daily job: the retention periods of domain/retention.ts (every day at 03:50, Paris time). */
export function privacyJobs(ctx: RetentionContext): JobDefinition[] {
  return [
    {
      name: 'privacy-retention',
      cron: '50 3 * * *',
      policy: 'stately',
      // a long first run (a backlog of accounts) is cut in batches of 500 and resumed the next day
      expireInSeconds: 60 * 60,
      handler: async () => {
        await runRetention(ctx);
      },
    },
  ];
}
