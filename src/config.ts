import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config-error.ts';

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
    /** From header of the platform's mails */
    MAIL_FROM: z.string().regex(/@/, 'MAIL_FROM doit contenir une adresse e-mail').default('Fabriques <ne-pas-repondre@fabriques.localhost>'),
    OIDC_ISSUER: z.string().url("OIDC_ISSUER doit être l'URL de l'émetteur OpenID Connect").optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** FranceConnect (citizens), optional: offered on the sign-in page when configured */
    FRANCECONNECT_ISSUER: z.string().url("FRANCECONNECT_ISSUER doit être l'URL de l'émetteur FranceConnect").optional(),
    FRANCECONNECT_CLIENT_ID: z.string().min(1).optional(),
    FRANCECONNECT_CLIENT_SECRET: z.string().min(1).optional(),
    DEMO: z.string().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** also write the log lines to a file per process in this directory (the test suite scans them) */
    LOG_DIR: z.string().min(1).optional(),
    WEB_DIST: z.string().default('./web/dist'),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).max(1_048_576).default(19456),
    ARGON2_TIME_COST: z.coerce.number().int().min(1).max(20).default(2),
    /** first delay of a slowed sign-in attempt (doubled at each further failure) */
    AUTH_DELAY_UNIT_MS: z.coerce.number().int().min(0).max(10_000).default(250),
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
    // an identity provider is configured whole or not at all
    const provider = (prefix: 'OIDC' | 'FRANCECONNECT') => {
      const [issuer, clientId, clientSecret] = [e[`${prefix}_ISSUER`], e[`${prefix}_CLIENT_ID`], e[`${prefix}_CLIENT_SECRET`]];
      if (issuer === undefined && clientId === undefined && clientSecret === undefined) return undefined;
      for (const [k, v] of [[`${prefix}_ISSUER`, issuer], [`${prefix}_CLIENT_ID`, clientId], [`${prefix}_CLIENT_SECRET`, clientSecret]] as const) {
        if (v === undefined && !(production && prefix === 'OIDC')) ctx.addIssue({ code: 'custom', path: [k], message: `${k} manque : ${prefix}_ISSUER, ${prefix}_CLIENT_ID et ${prefix}_CLIENT_SECRET vont ensemble` });
      }
      return issuer && clientId && clientSecret ? { issuer, clientId, clientSecret } : undefined;
    };
    const proconnect = provider('OIDC');
    const franceconnect = provider('FRANCECONNECT');
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
      mailFrom: e.MAIL_FROM,
      /**
       * OpenID Connect sign-in: ProConnect (OIDC_*) for professionals, FranceConnect (FRANCECONNECT_*)
       * for citizens. In demo mode with neither set, an embedded local provider plays both.
       */
      oidc: {
        local: !production && proconnect === undefined && franceconnect === undefined,
        proconnect,
        franceconnect,
      },
      logLevel: e.LOG_LEVEL,
      logDir: e.LOG_DIR ? path.resolve(e.LOG_DIR) : undefined,
      webDist: path.resolve(e.WEB_DIST),
      auth: {
        sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
        sessionMaxHours: e.SESSION_MAX_HOURS,
        argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST },
        delayUnitMs: e.AUTH_DELAY_UNIT_MS,
      },
    };
  });

export type Config = z.output<typeof envSchema> & { sessionSecret: string };

export { ConfigError };

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
