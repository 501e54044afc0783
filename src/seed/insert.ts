import { sql } from 'drizzle-orm';
import { sqlRows, type Database, type Tx } from '../db/client.ts';
import { labels, organisations, sessions, trainings } from '../db/schema/index.ts';
import { hashPassword } from '../areas/accounts/passwords.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, insertDemoAccounts } from './demo-accounts.ts';

/** The demo accounts' hash uses the default argon2id cost; the cost is stored in the hash itself. */
const DEMO_ARGON2 = { memoryCost: 19456, timeCost: 2 };
import { DEFAULT_SEED, DEMO_SIZE, generateDemoNetwork, type DemoNetwork, type NetworkSize } from './generate.ts';

/** PostgreSQL's limit on bind parameters in one statement (the wire protocol counts them in 16 bits). */
export const MAX_BIND_PARAMETERS = 65_535;
/** Rows per INSERT, at most: larger statements stop paying off and cost memory. */
export const MAX_ROWS_PER_INSERT = 1_000;

export interface DemoCounts {
  organisations: number;
  trainings: number;
  labels: number;
  sessions: number;
}

/** Rows per INSERT so that rows × columns never exceeds the bind-parameter limit. */
export function chunkSize(columnsPerRow: number, maxRows = MAX_ROWS_PER_INSERT): number {
  return Math.max(1, Math.min(maxRows, Math.floor(MAX_BIND_PARAMETERS / Math.max(1, columnsPerRow))));
}

function columnsOf(rows: readonly object[]): number {
  let n = 0;
  for (const row of rows.slice(0, 50)) n = Math.max(n, Object.keys(row).length);
  return n;
}

async function insertChunked<T extends object>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  const size = chunkSize(columnsOf(rows));
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Inserts the network with multi-row INSERTs, parents before children, on an open transaction. */
export async function insertNetworkRows(tx: Tx, rows: DemoNetwork): Promise<DemoCounts> {
  await insertChunked(rows.organisations, (chunk) => tx.insert(organisations).values(chunk));
  await insertChunked(rows.trainings, (chunk) => tx.insert(trainings).values(chunk));
  await insertChunked(rows.labels, (chunk) => tx.insert(labels).values(chunk));
  await insertChunked(rows.sessions, (chunk) => tx.insert(sessions).values(chunk));
  return {
    organisations: rows.organisations.length,
    trainings: rows.trainings.length,
    labels: rows.labels.length,
    sessions: rows.sessions.length,
  };
}

/** Loads a generated network in one transaction: all rows or none. Works on PGlite and PostgreSQL. */
export async function insertDemoNetwork(database: Database, rows: DemoNetwork): Promise<DemoCounts> {
  return database.db.transaction((tx) => insertNetworkRows(tx, rows));
}

export interface SeedOptions {
  /** reference date (YYYY-MM-DD) for label and session dates */
  today: string;
  size?: 'demo' | NetworkSize;
  seed?: number | string;
}

export interface SeedResult {
  seeded: boolean;
  /** rows inserted (all zero when nothing was done) */
  counts: DemoCounts;
  /** what happened, in French, for the start-up log */
  message: string;
}

const NOTHING: DemoCounts = { organisations: 0, trainings: 0, labels: 0, sessions: 0 };
/** advisory-lock key so that two processes starting together seed once */
const SEED_LOCK = 0x46_41_42_52; // "FABR"

const ANY_TRAINING = sql`select exists (select 1 from ${trainings}) as found`;

/**
 * Seeds the demo network when the database holds no training yet; otherwise does nothing and says
 * so. Safe to call on every start and from concurrent processes (transaction-level advisory lock).
 */
export async function seedDemo(database: Database, options: SeedOptions): Promise<SeedResult> {
  const skipped: SeedResult = {
    seeded: false,
    counts: NOTHING,
    message: 'Données de démonstration : la base contient déjà des formations, rien n’a été ajouté.',
  };
  const [before] = await database.rows<{ found: boolean }>(ANY_TRAINING);
  if (before?.found === true) return skipped;
  const size = options.size === undefined || options.size === 'demo' ? DEMO_SIZE : options.size;
  const rows = generateDemoNetwork({ ...size, seed: options.seed ?? DEFAULT_SEED, today: options.today });
  const passwordHash = await hashPassword(DEMO_PASSWORD, DEMO_ARGON2);
  const counts = await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [again] = await sqlRows<{ found: boolean }>(tx, ANY_TRAINING);
    if (again?.found === true) return undefined;
    const inserted = await insertNetworkRows(tx, rows);
    const demo = await insertDemoAccounts(tx, rows.organisations, passwordHash);
    return { ...inserted, organisations: inserted.organisations + demo.organisations };
  });
  if (!counts) return skipped;
  return {
    seeded: true,
    counts,
    message:
      `Données de démonstration chargées : ${counts.organisations} organisations, ${counts.trainings} formations labellisées, ` +
      `${counts.sessions} sessions, ${DEMO_ACCOUNTS.length} comptes de démonstration (mot de passe : ${DEMO_PASSWORD}).`,
  };
}
