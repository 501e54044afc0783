import { loadConfig, type Config } from '../config.ts';
import { migrate, openDatabase, type Database } from '../db/client.ts';

/** Opens the configured database and applies the committed migrations. */
export async function openMigrated(config: Config): Promise<Database> {
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  return database;
}

export { loadConfig };
