import type { JobDefinition } from '../../jobs/boss.ts';
import type { ProgrammeContext } from '../calls/context.ts';
import { expireLabels } from './use-cases/labels.ts';

/** The labels area's recurring job: labels expire at the end of their 3 years (every day at 03:10, Paris time). */
export function labelsJobs(ctx: ProgrammeContext): JobDefinition[] {
  return [
    {
      name: 'labels-expire',
      cron: '10 3 * * *',
      policy: 'stately',
      handler: async () => {
        await expireLabels(ctx);
      },
    },
  ];
}
