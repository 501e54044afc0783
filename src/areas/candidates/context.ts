import type { Database } from '../../db/client.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Scale } from '../scholarships/domain/scale.ts';
import type { Territories } from '../territories/referential.ts';

/** What the candidates use cases need, built once by the server. */
export interface CandidatesContext {
  database: Database;
  clock: Clock;
  geo: Territories;
  /** the committed scholarship scales (scholarship-holder criterion) */
  scales: readonly Scale[];
  baseUrl: string;
}

/** A link to a page of the web app, for mails. */
export function appLink(ctx: CandidatesContext, path: string): string {
  return new URL(path, ctx.baseUrl).toString();
}
