import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import { POOL_SIZE, type Database } from './db/client.ts';
import { registerAdmission } from './http/admission.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerInputGuard } from './http/input-guard.ts';
import { logFileCopy, loggerOptions, type LogDestination } from './http/logging.ts';
import { healthRoutes } from './http/health.ts';
import { registerSecurityHeaders } from './http/security.ts';
import { registerStatic } from './http/static.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { catalogueRoutes } from './areas/catalogue/routes.ts';
import { openDataRoutes } from './areas/catalogue/opendata-routes.ts';
import type { CatalogueReadModel } from './areas/catalogue/read-model.ts';
import { registerAuthorisation } from './areas/accounts/authz-plugin.ts';
import { accountsContext } from './areas/accounts/context.ts';
import { accountsRoutes } from './areas/accounts/routes.ts';
import { demoAccountsRoutes } from './areas/accounts/demo-routes.ts';
import { registerOidc } from './areas/accounts/oidc/plugin.ts';
import { devMailRoutes } from './mail/dev-routes.ts';
import { privacyRoutes } from './areas/privacy/routes.ts';
import { candidatesRoutes } from './areas/candidates/routes.ts';
import { loadScales } from './areas/scholarships/scales.ts';
import { aidRoutes } from './areas/scholarships/routes.ts';
import { callsRoutes } from './areas/calls/routes.ts';
import { labelsRoutes } from './areas/labels/routes.ts';
import { grantsRoutes } from './areas/grants/routes.ts';
import { admissionsRoutes } from './areas/admissions/routes.ts';
import { enrolmentsRoutes } from './areas/enrolments/routes.ts';
import { aidRequestRoutes } from './areas/scholarships/requests/routes.ts';

z.config(z.locales.fr());

/**
 * API requests in work at once (the others wait their turn, in arrival order: http/admission.ts): as
 * many as the database pool's connections, so that an admitted request does not wait for one.
 * Measured with npm run bench:load (ADR 0016): against 16, p99 is lower (median of 5 runs of 25 s:
 * 247 against ~280 ms) for a throughput ~13 % lower; 8 was worse on both.
 */
const ADMISSION_LIMIT = POOL_SIZE;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };

export interface ServerDeps {
  config: Pick<Config, 'logLevel' | 'logDir' | 'webDist' | 'baseUrl' | 'mode' | 'sessionSecret' | 'auth' | 'oidc'>;
  database: Database;
  catalogue: CatalogueReadModel;
  clock?: Clock;
  /** tests pass false to keep their output quiet, or a destination (test/support/logs.ts) */
  logger?: boolean | LogDestination;
}

/** Builds the Fastify app from the areas' routes (thin handlers; rules live in the areas' domain). */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    // no personal data in the logs: see http/logging.ts
    logger:
      deps.logger === false
        ? false
        : loggerOptions(deps.config.logLevel, typeof deps.logger === 'object' ? deps.logger : deps.config.logDir ? logFileCopy(deps.config.logDir) : undefined),
    bodyLimit: 1_048_576,
    trustProxy: true,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // requests start in their order of arrival, a bounded number at a time (see http/admission.ts)
  app.decorate('admission', registerAdmission(app, ADMISSION_LIMIT));
  // no NUL character reaches the database (it would fail there): a field-level 400 instead
  registerInputGuard(app);
  const https = deps.config.baseUrl.startsWith('https://');
  await registerSecurityHeaders(app, { https });
  const accounts = accountsContext(deps.database, deps.config, clock);
  await registerAuthorisation(app, { sessions: accounts.sessions, clock, https });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'API Fabriques – Grande École du Numérique',
        description: 'Catalogue public des formations labellisées, données ouvertes et référentiels.',
        version: pkg.version,
      },
      servers: [{ url: deps.config.baseUrl }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // over plain http (a laptop), upgrading requests to https would break the page
    transformStaticCSP: (header) => (https ? header : header.replace(/upgrade-insecure-requests;?/, '')),
    uiConfig: { docExpansion: 'list', deepLinking: true },
  });

  await app.register(healthRoutes(deps.database, { name: pkg.name, version: pkg.version }));
  await app.register(accountsRoutes({ ctx: accounts, https, maxHours: deps.config.auth.sessionMaxHours, geo: deps.catalogue.geo }));
  // FranceConnect and ProConnect (and, in demo mode without settings, the embedded local provider)
  await registerOidc(app, { ctx: accounts, settings: deps.config.oidc, https, maxHours: deps.config.auth.sessionMaxHours });
  // the person's own data: export and erasure (RGPD)
  await app.register(privacyRoutes({ ctx: accounts, https }));
  if (deps.config.mode === 'demo') await app.register(demoAccountsRoutes(accounts));
  // the outbox, readable in demo mode only (absent, so 404, in production)
  if (deps.config.mode === 'demo') await app.register(devMailRoutes(deps.database));
  await app.register(catalogueRoutes(deps.catalogue, clock));
  await app.register(aidRoutes(deps.catalogue.geo.communes, clock));
  // calls for projects, review, labels and seed grants (one context for the three areas)
  const programme = { database: deps.database, clock, geo: deps.catalogue.geo, catalogue: deps.catalogue, baseUrl: deps.config.baseUrl };
  await app.register(callsRoutes(programme));
  await app.register(labelsRoutes(programme));
  await app.register(grantsRoutes(programme));
  await app.register(candidatesRoutes({ database: deps.database, clock, geo: deps.catalogue.geo, scales: loadScales(), baseUrl: deps.config.baseUrl }));
  // admissions: rankings, call orders, offer rounds, answers (and enrolments, aid requests)
  const admissions = { database: deps.database, clock, geo: deps.catalogue.geo, scales: loadScales(), baseUrl: deps.config.baseUrl, catalogue: deps.catalogue };
  await app.register(admissionsRoutes(admissions));
  await app.register(enrolmentsRoutes(admissions));
  await app.register(aidRequestRoutes(admissions));
  await app.register(openDataRoutes(deps.catalogue, clock, deps.config.baseUrl));
  await registerStatic(app, { webDist: deps.config.webDist, geoDir: path.join(root, 'reference/geo') });
  return app;
}
