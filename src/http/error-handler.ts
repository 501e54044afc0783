import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  ConflictError,
  ForbiddenError,
  InputError,
  NotFoundError,
  TooManyAttemptsError,
  UnauthenticatedError,
} from '../shared/errors.ts';

export interface ErrorBody {
  error: string;
  message: string;
  fields?: Record<string, string>;
}

const UNAVAILABLE_CODES = new Set([
  // the socket: refused, reset, timed out, no route, unknown host
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  // PostgreSQL: shutting down / crashed / starting up, connection exceptions, too many connections
  '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300',
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|the database system is (shutting down|starting up|in recovery mode|not yet accepting connections)|terminating connection due to administrator command|PGlite is closed/i;

/**
 * True when the error means the database cannot be reached (server stopped or restarting, connection
 * refused or cut…). Drizzle wraps the driver's error (`cause`), Node's happy-eyeballs connect gathers
 * several (`errors`): the whole chain is looked at.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown } | undefined;
  if (!e || typeof e !== 'object' || depth > 5) return false;
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  if (e.cause && isDatabaseUnavailable(e.cause, depth + 1)) return true;
  return Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1));
}

/** The code of the driver's error, for the log (never its message: it may quote a query's values). */
function rootCode(err: unknown): string | undefined {
  let e = err as { code?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) if (typeof e.code === 'string') return e.code;
  return undefined;
}

/** The answer while the database is away (the API's 503 and the health check share it). */
export const DATABASE_UNAVAILABLE = {
  error: 'base_indisponible',
  message: 'La base de données est momentanément indisponible : votre demande n’a pas pu être traitée. Merci de réessayer dans quelques instants.',
} as const;

/**
 * One place turns every error into a JSON answer with a French message: field-level 400s for bad
 * input, 404, 503 when the database is away, and 500 without any detail (the stack stays in the log).
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields: Record<string, string> = {};
      for (const v of err.validation) {
        const key: string = v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err.validationContext ?? 'requête');
        fields[key] ??= v.message ?? 'Valeur invalide.';
      }
      return reply.code(400).send({ error: 'requete_invalide', message: 'Certains paramètres sont invalides.', fields } satisfies ErrorBody);
    }
    if (err instanceof InputError) {
      return reply.code(400).send({ error: 'requete_invalide', message: err.message, fields: err.fields } satisfies ErrorBody);
    }
    if (err instanceof NotFoundError) {
      return reply.code(404).send({ error: 'introuvable', message: err.message } satisfies ErrorBody);
    }
    if (err instanceof UnauthenticatedError) {
      return reply.code(401).send({ error: 'non_authentifie', message: err.message } satisfies ErrorBody);
    }
    if (err instanceof ForbiddenError) {
      return reply.code(403).send({ error: err.code, message: err.message } satisfies ErrorBody);
    }
    if (err instanceof ConflictError) {
      return reply.code(409).send({ error: err.code, message: err.message } satisfies ErrorBody);
    }
    if (err instanceof TooManyAttemptsError) {
      return reply
        .code(429)
        .header('retry-after', String(err.retryAfterSeconds))
        .send({ error: 'trop_de_tentatives', message: err.message } satisfies ErrorBody);
    }
    if (isDatabaseUnavailable(err)) {
      req.log.error({ code: rootCode(err) }, 'database unavailable');
      return reply.code(503).header('retry-after', '5').send({ ...DATABASE_UNAVAILABLE } satisfies ErrorBody);
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      req.log.error({ err }, 'unexpected error');
      return reply.code(500).send({ error: 'erreur_interne', message: 'Une erreur inattendue est survenue. Elle a été enregistrée.' } satisfies ErrorBody);
    }
    // Fastify's own 4xx (malformed JSON, body too large, unsupported media type…)
    const messages: Record<number, string> = {
      400: 'La requête est mal formée.',
      404: 'Ressource introuvable.',
      405: 'Méthode non autorisée.',
      413: 'La requête est trop volumineuse.',
      415: "Le type de contenu n'est pas pris en charge.",
      429: 'Trop de requêtes : merci de patienter avant de réessayer.',
    };
    return reply.code(status).send({ error: 'requete_invalide', message: messages[status] ?? 'La requête ne peut pas être traitée.' } satisfies ErrorBody);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: 'introuvable', message: "Aucune ressource à cette adresse." } satisfies ErrorBody);
  });
}
