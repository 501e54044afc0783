import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Scale } from '../scholarships/domain/scale.ts';
import type { Territories } from '../territories/referential.ts';

/** What the admissions, enrolments and aid-request use cases need, built once by the server. */
export interface AdmissionsContext {
  database: Database;
  clock: Clock;
  geo: Territories;
  /** the committed scholarship scales (aid decisions) */
  scales: readonly Scale[];
  baseUrl: string;
  /** the public catalogue, refreshed after a session changes status (absent in some tests and tools) */
  catalogue?: { refresh(): Promise<unknown> };
}

/** A link to a page of the web app, for mails. */
export function appLink(ctx: Pick<AdmissionsContext, 'baseUrl'>, path: string): string {
  return new URL(path, ctx.baseUrl).toString();
}
