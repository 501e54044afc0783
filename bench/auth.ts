/**
 * npm run bench:auth — the demo network in a fresh embedded database, `fabriques serve` with the
 * argon2id cost as configured (ARGON2_MEMORY_KIB / ARGON2_TIME_COST, defaults 19 MiB × 2), then
 * autocannon on loopback:
 *  1. sign-ins per second: POST /api/auth/sign-in with the demo accounts' right password;
 *  2. session-checked requests per second: GET /api/account with a signed-in cookie (session read
 *     from PostgreSQL on every request).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { freePort, startServer, stop } from './support.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const PASSWORD = 'demo-fabriques-2026';
const ACCOUNTS = ['operateur', 'instructeur', 'financeur', 'formation', 'prescriptrice', 'employeur', 'candidate'].map((n) => `${n}@demo.fabriques.fr`);

async function run(opts: autocannon.Options) {
  const r = await autocannon({ duration: DURATION, ...opts });
  const errors = r.errors + r.timeouts + r.non2xx;
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors, statuses: r.statusCodeStats };
}

async function main() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fabriques-bench-auth-'));
  const port = await freePort();
  console.log('Démarrage du serveur (réseau de démonstration, base embarquée)…');
  const server = await startServer({ DATA_DIR: dataDir, SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-00' }, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    let i = 0;
    // each sign-in is argon2id work on the server: a few connections keep both cores busy
    const signIn = await run({
      url: `${base}/api/auth/sign-in`,
      connections: 4,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => ({
            ...req,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: ACCOUNTS[i++ % ACCOUNTS.length], password: PASSWORD }),
          }),
        },
      ],
    });

    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ACCOUNTS[0], password: PASSWORD }),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    if (!res.ok || !cookie) throw new Error(`sign-in failed: ${res.status}`);
    const checked = await run({ url: `${base}/api/account`, connections: 20, headers: { cookie } });
    const version = await run({ url: `${base}/api/version`, connections: 20 });

    const line = (name: string, r: Awaited<ReturnType<typeof run>>) =>
      `${name.padEnd(36)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   errors ${r.errors}`;
    console.log('');
    console.log(`Authentification (${DURATION} s par mesure, boucle locale, argon2id au coût configuré)`);
    console.log(line('sign-ins (POST /api/auth/sign-in)', signIn));
    console.log(line('session-checked (GET /api/account)', checked));
    console.log(line('reference (GET /api/version)', version));
    console.log(`ratio session-checked / version: ${(checked.rps / version.rps).toFixed(2)}`);
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
