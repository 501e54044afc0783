import PgBoss from 'pg-boss';
import type { Database } from '../db/client.ts';

/**
 * The background jobs runtime: pg-boss 10 on the platform's database. Areas describe their jobs
 * (a handler, optionally a cron schedule in Europe/Paris time) and the runtime registers them; see
 * docs/adr/0007-mail-outbox.md for the choices (connection, polling) made here.
 */

/** pino-compatible (Fastify's app.log fits); only job names and error messages are logged. */
export interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface JobDefinition<T extends object = object> {
  /** queue name, prefixed by the area, with hyphens: 'labels-expire', 'admissions-offer-round' */
  name: string;
  /** recurring job: a cron expression read in Europe/Paris time, e.g. '15 3 * * *' (every day at 03:15) */
  cron?: string;
  /** payload of the scheduled runs */
  data?: T;
  handler(data: T, job: { id: string; name: string }): Promise<void>;
  /** further tries after a failure (default 2), spaced by retryDelaySeconds (default 60) doubled each time */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** a run still active after this long is failed (default 15 minutes, at most 24 h) */
  expireInSeconds?: number;
  /** 'stately' keeps at most one queued and one running job (good for daily sweeps); default 'standard' */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** how often this job's worker looks for work (default: the runtime's pollingIntervalSeconds) */
  pollingIntervalSeconds?: number;
}

/** a registry holds jobs of any payload */
export type AnyJobDefinition = JobDefinition<any>;

export interface JobsDeps {
  database: Database;
  /**
   * On a real server, pg-boss opens its own small pool (3 connections) with this URL, apart from the
   * application's pool. Without it, every pg-boss query goes through `database.query` (the embedded
   * PGlite, or a test database).
   */
  connectionString?: string;
  jobs?: AnyJobDefinition[];
  log?: JobLog;
  /** Postgres schema of pg-boss's tables (default 'pgboss') */
  schema?: string;
  /** default polling of the job workers, seconds (default 30: jobs here are daily, not urgent) */
  pollingIntervalSeconds?: number;
  /** how often schedules are checked and their jobs picked up, seconds (defaults 30 and 30) */
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
  /** archiving and expiry of jobs, seconds (default 300) */
  maintenanceIntervalSeconds?: number;
}

export interface JobsRuntime {
  boss: PgBoss;
  /** Registers a job (creates its queue, starts its worker, sets or removes its schedule). */
  register(job: AnyJobDefinition): Promise<void>;
  /** Sends one run of a registered job now (or after `startAfterSeconds`). */
  send(name: string, data?: object, options?: { startAfterSeconds?: number; singletonKey?: string }): Promise<string | null>;
  stop(): Promise<void>;
}

export const JOBS_TIME_ZONE = 'Europe/Paris';

const silent: JobLog = { info: () => {}, error: () => {} };

/** pg-boss's `db` option over `Database.query` (PGlite has one session: keep it out of a broken transaction). */
export function bossExecutor(database: Database): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      try {
        return await database.query(text, values);
      } catch (e) {
        // pg-boss runs its maintenance as one 'BEGIN; …; COMMIT;' text: an error in the middle leaves
        // the embedded database's only session in an aborted transaction, which would fail every
        // later query of the application
        if (database.kind === 'pglite' && (!values || values.length === 0) && /^\s*BEGIN\b/i.test(text)) {
          await database.query('ROLLBACK').catch(() => {});
        }
        throw e;
      }
    },
  };
}

export async function startJobs(deps: JobsDeps): Promise<JobsRuntime> {
  const log = deps.log ?? silent;
  const pollingIntervalSeconds = deps.pollingIntervalSeconds ?? 30;
  const common = {
    schema: deps.schema ?? 'pgboss',
    cronMonitorIntervalSeconds: deps.cronMonitorIntervalSeconds ?? 30,
    cronWorkerIntervalSeconds: deps.cronWorkerIntervalSeconds ?? 30,
    maintenanceIntervalSeconds: deps.maintenanceIntervalSeconds ?? 300,
    pollingIntervalSeconds,
  };
  const boss = deps.connectionString
    ? new PgBoss({ ...common, connectionString: deps.connectionString, max: 3, application_name: 'fabriques-jobs' })
    : new PgBoss({ ...common, db: bossExecutor(deps.database) });
  // without a listener an 'error' event would end the process
  boss.on('error', (e: Error) => log.error({ err: shortMessage(e) }, 'tâches de fond : erreur de pg-boss'));
  await boss.start();

  const registered = new Set<string>();
  let stopped = false;

  async function register(job: AnyJobDefinition): Promise<void> {
    if (stopped) throw new Error('les tâches de fond sont arrêtées');
    if (registered.has(job.name)) throw new Error(`tâche déjà enregistrée : ${job.name}`);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(job.name)) throw new Error(`nom de tâche invalide (minuscules et tirets) : ${job.name}`);
    registered.add(job.name);
    const queue = {
      name: job.name,
      policy: job.policy ?? 'standard',
      retryLimit: job.retryLimit ?? 2,
      retryDelay: job.retryDelaySeconds ?? 60,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds ?? 15 * 60,
    };
    await boss.createQueue(job.name, queue);
    await boss.updateQueue(job.name, queue);
    await boss.work<object>(
      job.name,
      { pollingIntervalSeconds: job.pollingIntervalSeconds ?? pollingIntervalSeconds, batchSize: 1 },
      async (jobs) => {
        for (const j of jobs) {
          const started = Date.now();
          try {
            await job.handler(j.data ?? {}, { id: j.id, name: j.name });
            log.info({ job: j.name, ms: Date.now() - started }, 'tâche de fond terminée');
          } catch (e) {
            log.error({ job: j.name, err: shortMessage(e) }, 'tâche de fond en échec');
            throw e;
          }
        }
      },
    );
    if (job.cron) await boss.schedule(job.name, job.cron, job.data ?? {}, { tz: JOBS_TIME_ZONE });
    else await boss.unschedule(job.name);
  }

  try {
    for (const job of deps.jobs ?? []) await register(job);
  } catch (e) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw e;
  }

  return {
    boss,
    register,
    async send(name, data = {}, options = {}) {
      if (!registered.has(name)) throw new Error(`tâche inconnue : ${name}`);
      return boss.send(name, data, {
        ...(options.startAfterSeconds ? { startAfter: options.startAfterSeconds } : {}),
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
      });
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      // running handlers get 10 s to finish; pg-boss fails what is still active after that
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

export function shortMessage(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.replace(/\s+/g, ' ').slice(0, 300);
}
