// kill -9 of `fabriques import` while it loads a platform into a real server. The import is ONE
// transaction: after the crash the target holds its migrations and no data at all (cleanly absent),
// and running the import again completes it — same rows, same content as the source.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { migrate, openDatabase, type DatabaseSettings } from '../../src/db/client.ts';
import { fingerprintDatabase } from '../../src/ops/catalog.ts';
import { exportPlatform } from '../../src/ops/export.ts';
import { fabriques, spawnFabriques } from '../ops/cli.ts';
import { SKIP_OWN_CLUSTER, scratchDatabase, startCluster, type Cluster } from '../ops/cluster.ts';
import { seedNetwork } from '../ops/dataset.ts';
import { backends, connect, waitFor, waitRolledBack } from './support.ts';

if (SKIP_OWN_CLUSTER) console.warn(`crash import: ignoré — ${SKIP_OWN_CLUSTER}`);

const USERS = 20_000;
const AUDIT = 150_000;

async function fingerprintOf(settings: DatabaseSettings) {
  const d = await openDatabase(settings);
  try {
    return await fingerprintDatabase(d);
  } finally {
    await d.close();
  }
}

describe.skipIf(!!SKIP_OWN_CLUSTER)('kill -9 during fabriques import', () => {
  let cluster: Cluster;
  let watcher: pg.Client;
  let source: string;
  let target: { url: string; name: string };
  const dir = mkdtempSync(path.join(tmpdir(), 'fabriques-crash-import-'));

  beforeAll(async () => {
    cluster = await startCluster();
    source = (await scratchDatabase(cluster.url, 'source')).url;
    const database = await openDatabase({ kind: 'pg', url: source, max: 2 });
    await migrate(database);
    await seedNetwork(database);
    await database.query(`insert into users (email, email_verified_at, password_hash, given_name, family_name, birth_date)
                          select 'import' || g || '@test.fabriques.fr', now(), 'x', 'Personne' || g, 'Import', date '1990-01-01' + (g % 5000) from generate_series(1, ${USERS}) g`);
    await database.query(`insert into audit (actor_role, action, object_type, object_id, fields)
                          select 'operator', 'test.bulk', 'user', g::text, '{email,name}' from generate_series(1, ${AUDIT}) g`);
    await exportPlatform(database, path.join(dir, 'export'));
    await database.close();
    const t = await scratchDatabase(cluster.url, 'target');
    target = { url: t.url, name: new URL(t.url).pathname.slice(1) };
    watcher = await connect(cluster.url);
  });

  afterAll(async () => {
    await watcher?.end();
    cluster?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the target without any data, then imports whole when run again', async () => {
    const run = spawnFabriques(['import', '--in', path.join(dir, 'export')], { DATABASE_URL: target.url });
    // the audit table (first in the order) is in, the users are going in: kill
    const seen = await waitFor(
      'l’import écrit la table users',
      async () => (await backends(watcher, target.name)).find((b) => b.xid !== null && /insert into public\."users"/.test(b.query)),
      60_000,
      5,
    );
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.code).toBeNull(); // killed by the signal, before the end
    await waitRolledBack(watcher, target.name, [seen.pid]);

    const absent = await fingerprintOf({ kind: 'pg', url: target.url });
    expect(absent.migration).not.toBeNull(); // migrated before the import's transaction
    const nonEmpty = Object.entries(absent.tables).filter(([, t]) => t.rows > 0);
    expect(nonEmpty).toEqual([]);

    const t = Date.now();
    const again = await fabriques(['import', '--in', path.join(dir, 'export')], { DATABASE_URL: target.url });
    expect(again.code, again.out).toBe(0);
    expect(await fingerprintOf({ kind: 'pg', url: target.url })).toEqual(await fingerprintOf({ kind: 'pg', url: source }));
    console.log(`[figures] crash import: ${USERS + AUDIT}+ rows; killed while loading users (audit loaded in the open transaction); target empty after the crash; re-run in ${Date.now() - t} ms: ${again.out.trim()}`);
  });
});
