import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import type { Clock } from '../../shared/clock.ts';
import { ForbiddenError, UnauthenticatedError } from '../../shared/errors.ts';
import { decide, type Access, type Actor } from './domain/access.ts';
import type { SessionStore } from './session-store.ts';
import { sameString } from './tokens.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** who may call this route (see domain/access.ts); mandatory under /api */
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** every route's declared access, 'METHOD /url' → access: the authorisation matrix reads it */
    routeAccess: Map<string, Access>;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
/** the error code of a 403 decided by the layer (a route the role may not call) */
export const ROLE_REFUSED = 'role_non_autorise';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthSettings {
  sessions: SessionStore;
  clock: Clock;
  /** behind HTTPS: Secure cookie with the __Host- prefix */
  https: boolean;
}

export function sessionCookieName(https: boolean): string {
  return https ? '__Host-fabriques-session' : 'fabriques-session';
}

/** Under /api every route must say who may call it; the rest (web app, docs, files) is public. */
function mustDeclare(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * The one authorisation layer. Deny by default: an /api route without an `access` declaration makes
 * the server refuse to start. On each request it loads the session (when a cookie comes), checks the
 * CSRF token of state-changing calls made with that cookie, and applies the route's declaration:
 * 401 without a session, 403 for a role that may not.
 */
export async function registerAuthorisation(app: FastifyInstance, settings: AuthSettings): Promise<void> {
  const cookieName = sessionCookieName(settings.https);
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorate('routeAccess', new Map<string, Access>());

  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    const access = route.config?.access;
    if (!access) {
      if (mustDeclare(route.url)) {
        throw new Error(`Route ${methods.join(',')} ${route.url} sans déclaration d’accès (config.access) : refusée par défaut.`);
      }
      return;
    }
    for (const m of methods) app.routeAccess.set(`${m} ${route.url}`, access);
  });

  app.addHook('onRequest', async (req, reply) => {
    const token = req.cookies[cookieName];
    if (token) {
      req.actor = await settings.sessions.load(token, settings.clock());
      if (!req.actor) clearSessionCookie(reply, settings.https);
    }
    const access = req.routeOptions.config?.access ?? 'public';
    if (req.actor && UNSAFE.has(req.method) && req.url.startsWith('/api/')) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameString(sent, req.actor.csrfToken)) {
        throw new ForbiddenError('Jeton anti-falsification (CSRF) manquant ou invalide : rechargez la page et réessayez.', 'csrf_invalide');
      }
    }
    const decision = decide(access, req.actor);
    if (decision === 'unauthenticated') throw new UnauthenticatedError();
    if (decision === 'forbidden') throw new ForbiddenError('Votre rôle ne permet pas d’accéder à cette ressource.', ROLE_REFUSED);
  });
}

export function setSessionCookie(reply: FastifyReply, https: boolean, token: string, maxHours: number): void {
  reply.setCookie(sessionCookieName(https), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    maxAge: maxHours * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, https: boolean): void {
  reply.clearCookie(sessionCookieName(https), { path: '/', httpOnly: true, sameSite: 'lax', secure: https });
}

/** The signed-in actor of a route declared for signed-in people (the layer has already checked). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}
