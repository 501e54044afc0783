import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one configuration object of the platform, read once at start from the environment (and an
 * optional `.env`). Nothing else reads process.env.
 */
const off = ['0', 'false', 'off', 'no'];
const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int('PORT doit être un entier').min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL doit commencer par postgres:// ou postgresql://')
      .optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    BASE_URL: z.string().url('BASE_URL doit être une URL complète (https://…)').optional(),
    SESSION_SECRET: z.string().min(32, 'SESSION_SECRET doit contenir au moins 32 caractères').optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL doit commencer par smtp:// ou smtps://').optional(),
    OIDC_ISSUER: z.string().url("OIDC_ISSUER doit être l'URL de l'émetteur OpenID Connect").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    DEMO: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEB_DIST: z.string().default('./web/dist'),
  })
  .transform((e, ctx) => {
    const production = e.NODE_ENV === 'production' || (e.DEMO !== undefined && off.includes(e.DEMO.toLowerCase()));
    // Demo data is seeded by default only on the embedded database; DEMO=on forces it on a server.
    const seedDemo = !production && (e.DEMO === undefined ? e.DATABASE_URL === undefined : !off.includes(e.DEMO.toLowerCase()));
    if (production) {
      const missing = (['SESSION_SECRET', 'SMTP_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'BASE_URL'] as const).filter(
        (k) => e[k] === undefined,
      );
      for (const k of missing) {
        ctx.addIssue({ code: 'custom', path: [k], message: `${k} est obligatoire en production (NODE_ENV=production ou DEMO=off)` });
      }
    }
    return {
      mode: production ? ('production' as const) : ('demo' as const),
      /** seed the demo network on first start */
      seedDemo,
      nodeEnv: e.NODE_ENV,
      port: e.PORT,
      host: e.HOST,
      baseUrl: e.BASE_URL ?? `http://localhost:${e.PORT}`,
      database: e.DATABASE_URL
        ? ({ kind: 'pg', url: e.DATABASE_URL } as const)
        : ({ kind: 'pglite', dataDir: path.resolve(e.DATA_DIR, 'pglite') } as const),
      dataDir: path.resolve(e.DATA_DIR),
      sessionSecret: e.SESSION_SECRET,
      smtpUrl: e.SMTP_URL,
      oidc: e.OIDC_ISSUER ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET } : undefined,
      logLevel: e.LOG_LEVEL,
      webDist: path.resolve(e.WEB_DIST),
    };
  });

export type Config = z.output<typeof envSchema> & { sessionSecret: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses a `.env` file: KEY=value lines, # comments, optional quotes. */
export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** Validates the settings; pure apart from the demo secret, generated once and kept in DATA_DIR. */
export function loadConfig(env: Record<string, string | undefined> = readEnv()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environnement'} : ${i.message}`));
  }
  const c = parsed.data;
  return { ...c, sessionSecret: c.sessionSecret ?? demoSecret(c.dataDir) };
}

function readEnv(): Record<string, string | undefined> {
  const fromFile = existsSync('.env') ? parseDotEnv(readFileSync('.env', 'utf8')) : {};
  return { ...fromFile, ...process.env };
}

function demoSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
