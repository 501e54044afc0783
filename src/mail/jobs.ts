import { and, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import type { JobDefinition } from '../jobs/boss.ts';

/**
 * Mails hold personal data (address, name, links): once delivered, kept (demo) or given up, they are
 * deleted after OUTBOX_RETENTION_DAYS. Pending mails are never deleted here.
 */
export const OUTBOX_RETENTION_DAYS = 30;

export async function purgeOutbox(database: Database, days = OUTBOX_RETENTION_DAYS): Promise<number> {
  const deleted = await database.db
    .delete(mailOutbox)
    .where(
      and(
        inArray(mailOutbox.status, ['sent', 'kept', 'failed']),
        lt(mailOutbox.createdAt, sql`now() - make_interval(days => ${days})`),
      ),
    )
    .returning({ id: mailOutbox.id });
  return deleted.length;
}

/** The mail area's recurring jobs, for the jobs runtime (src/jobs/boss.ts). */
export function mailJobs(database: Database): JobDefinition[] {
  return [
    {
      name: 'mail-outbox-purge',
      cron: '40 3 * * *', // every day at 03:40, Paris time
      policy: 'stately',
      handler: async () => {
        await purgeOutbox(database);
      },
    },
  ];
}
