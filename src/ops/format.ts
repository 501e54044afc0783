import type { DatabaseSettings } from '../db/client.ts';
import { databaseName } from './pg-tools.ts';

/** How the backup, restore, export and import commands name the configured database. */
export function describeDatabase(settings: DatabaseSettings): string {
  return settings.kind === 'pglite' ? `la base embarquée ${settings.dataDir}` : `la base ${databaseName(settings.url)} du serveur PostgreSQL`;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Mo`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} s`;
}
