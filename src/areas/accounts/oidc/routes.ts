import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../../shared/errors.ts';
import { setSessionCookie } from '../authz-plugin.ts';
import type { AccountsContext } from '../context.ts';
import { accountSchema, errorSchema } from '../http-schemas.ts';
import { currentAccount } from '../use-cases/account.ts';
import { signOut } from '../use-cases/sign-in.ts';
import { profileFromClaims, safeReturnTo } from './claims.ts';
import { OidcFlowError, type FlowState, type OidcClients } from './client.ts';
import { linkPendingIdentity, signInWithIdentity, type PendingLink } from './identity-sign-in.ts';
import { OIDC_PROVIDERS, PROVIDER_INFO } from './providers.ts';
import { Sealer } from './sealed-cookie.ts';

export interface OidcRoutesDeps {
  ctx: AccountsContext;
  clients: OidcClients;
  https: boolean;
  maxHours: number;
}

const FLOW_MINUTES = 10;
const PENDING_MINUTES = 15;
const COOKIE_PATH = '/api/auth/oidc/';
/** the sign-in page of the web app shows these (erreur=oidc, and why when known) */
const failed = (motif: string) => `/connexion?erreur=oidc&motif=${encodeURIComponent(motif)}`;
const LINK_PAGE = '/connexion?liaison=1';

const providerParams = z.object({ provider: z.enum(OIDC_PROVIDERS, 'Fournisseur d’identité inconnu.') });
const redirect = (what: string) => z.null().describe(`Redirection (Location) ${what}`);

/**
 * Sign-in through the State identity providers (authorization code + PKCE): start, callback, and
 * the linking of an identity to an existing account (never silent: its password is asked).
 */
export function oidcRoutes({ ctx, clients, https, maxHours }: OidcRoutesDeps): FastifyPluginAsyncZod {
  const flowCookie = https ? '__Secure-fabriques-oidc' : 'fabriques-oidc';
  const pendingCookie = https ? '__Secure-fabriques-oidc-liaison' : 'fabriques-oidc-liaison';
  const flows = new Sealer(ctx.secret, 'oidc-flow');
  const pendings = new Sealer(ctx.secret, 'oidc-pending-link');
  const cookieOptions = (minutes: number) => ({ path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' as const, secure: https, maxAge: minutes * 60 });
  const clear = (reply: FastifyReply, name: string) => reply.clearCookie(name, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: https });

  return async (app) => {
    const tags = ['Connexion FranceConnect et ProConnect'];

    app.get(
      '/api/auth/oidc/providers',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Fournisseurs d’identité proposés (FranceConnect, ProConnect)',
          response: { 200: z.array(z.object({ id: z.enum(OIDC_PROVIDERS), label: z.string(), audience: z.string() })) },
        },
      },
      async () => clients.enabled().map((id) => PROVIDER_INFO[id]),
    );

    app.get(
      '/api/auth/oidc/:provider/start',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Commencer la connexion : redirige vers le fournisseur d’identité',
          description: 'returnTo : chemin de ce site où revenir après la connexion (sinon /compte).',
          params: providerParams,
          querystring: z.object({ returnTo: z.string().max(2000, 'Adresse de retour trop longue.').optional() }),
          response: { 302: redirect('vers le fournisseur d’identité, ou vers /connexion?erreur=oidc') },
        },
      },
      async (req, reply) => {
        const { provider } = req.params;
        reply.header('cache-control', 'no-store');
        if (!clients.has(provider)) return reply.redirect(failed('indisponible'), 302);
        try {
          const { url, flow } = await clients.start(provider, safeReturnTo(req.query.returnTo));
          reply.setCookie(flowCookie, flows.seal(flow, ctx.clock(), FLOW_MINUTES * 60), cookieOptions(FLOW_MINUTES));
          return reply.redirect(url, 302);
        } catch (err) {
          req.log.warn({ provider, reason: err instanceof OidcFlowError ? err.reason : 'inattendu' }, 'OIDC start failed');
          return reply.redirect(failed('indisponible'), 302);
        }
      },
    );

    app.get(
      '/api/auth/oidc/:provider/callback',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Retour du fournisseur d’identité (code d’autorisation)',
          description:
            'Connecte la personne (identité déjà liée, ou compte créé), ou, si un compte existe avec la même adresse vérifiée, redirige vers /connexion?liaison=1 pour confirmer la liaison par mot de passe.',
          params: providerParams,
          response: { 302: redirect('vers returnTo, /connexion?liaison=1 ou /connexion?erreur=oidc&motif=…') },
        },
      },
      async (req, reply) => {
        const { provider } = req.params;
        reply.header('cache-control', 'no-store');
        const flow = flows.open<FlowState>(req.cookies[flowCookie], ctx.clock());
        clear(reply, flowCookie);
        if (!flow || flow.provider !== provider || !clients.has(provider)) {
          req.log.warn({ provider, reason: 'sans-parcours' }, 'OIDC callback without a valid flow cookie');
          return reply.redirect(failed('session-expiree'), 302);
        }
        try {
          const claims = await clients.finish(provider, new URL(req.url, ctx.baseUrl), flow);
          const profile = profileFromClaims(provider, claims);
          if (!profile) return reply.redirect(failed('reponse-invalide'), 302);
          // a new person proves who they are: whoever was signed in on this browser is signed out
          if (req.actor) await signOut(ctx, req.actor);
          const outcome = await signInWithIdentity(ctx, profile);
          if (outcome.kind === 'refused') return reply.redirect(failed(outcome.reason), 302);
          if (outcome.kind === 'link-needed') {
            reply.setCookie(pendingCookie, pendings.seal(outcome.pending, ctx.clock(), PENDING_MINUTES * 60), cookieOptions(PENDING_MINUTES));
            return reply.redirect(LINK_PAGE, 302);
          }
          setSessionCookie(reply, https, outcome.token, maxHours);
          return reply.redirect(flow.returnTo, 302);
        } catch (err) {
          if (err instanceof OidcFlowError) {
            // the cause names the failed check (state, nonce, signature…), never personal data
            req.log.warn({ provider, reason: err.reason, cause: (err.cause as Error | undefined)?.message }, 'OIDC callback refused');
            return reply.redirect(failed(err.reason), 302);
          }
          req.log.error({ err, provider }, 'OIDC callback failed');
          return reply.redirect(failed('inattendu'), 302);
        }
      },
    );

    app.get(
      '/api/auth/oidc/pending',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Liaison en attente : identité revenue d’un fournisseur dont l’adresse a déjà un compte',
          response: { 200: z.object({ provider: z.enum(OIDC_PROVIDERS), email: z.string() }), 404: errorSchema },
        },
      },
      async (req, reply) => {
        reply.header('cache-control', 'no-store');
        const pending = pendings.open<PendingLink>(req.cookies[pendingCookie], ctx.clock());
        if (!pending) throw new NotFoundError('Liaison en attente');
        return { provider: pending.provider, email: pending.email };
      },
    );

    app.post(
      '/api/auth/oidc/link',
      {
        config: { access: 'public' },
        schema: {
          tags,
          summary: 'Lier l’identité en attente au compte existant (mot de passe du compte), puis se connecter',
          body: z.object({ password: z.string().min(1, 'Indiquez votre mot de passe.').max(200, 'Le mot de passe ne peut pas dépasser 200 caractères.') }),
          response: { 200: accountSchema, 400: errorSchema, 403: errorSchema, 409: errorSchema, 429: errorSchema },
        },
      },
      async (req, reply) => {
        const pending = pendings.open<PendingLink>(req.cookies[pendingCookie], ctx.clock());
        if (!pending) {
          throw new ConflictError(`La demande de liaison a expiré : recommencez la connexion avec ${Object.values(PROVIDER_INFO).map((p) => p.label).join(' ou ')}.`, 'liaison_expiree');
        }
        if (req.actor) await signOut(ctx, req.actor);
        const { token } = await linkPendingIdentity(ctx, pending, req.body.password, req.ip);
        clear(reply, pendingCookie);
        setSessionCookie(reply, https, token, maxHours);
        const actor = await ctx.sessions.load(token, ctx.clock());
        return currentAccount(ctx, actor!);
      },
    );
  };
}
