import type { FastifyInstance } from 'fastify';
import type { AccountsContext } from '../context.ts';
import { OidcClients } from './client.ts';
import { registerLocalProvider } from './local-provider.ts';
import { enabledProviders, type OidcSettings } from './providers.ts';
import { oidcRoutes } from './routes.ts';

/**
 * OpenID Connect sign-in in the app: the routes under /api/auth/oidc, and in demo mode without
 * settings the embedded local provider under /oidc/franceconnect and /oidc/proconnect.
 */
export async function registerOidc(app: FastifyInstance, opts: { ctx: AccountsContext; settings: OidcSettings; https: boolean; maxHours: number }): Promise<OidcClients> {
  const { ctx, settings } = opts;
  if (settings.local) registerLocalProvider(app, { baseUrl: ctx.baseUrl, secret: ctx.secret });
  const clients = new OidcClients(enabledProviders(settings, ctx.baseUrl, ctx.secret), ctx.baseUrl);
  await app.register(oidcRoutes({ ctx, clients, https: opts.https, maxHours: opts.maxHours }));
  return clients;
}
