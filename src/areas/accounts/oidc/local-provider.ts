import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Account, Interaction, OidcContext, Provider as OidcProvider } from 'oidc-provider';
import { DEMO_PASSWORD } from '../../../seed/demo-accounts.ts';
import { keyedHash, sameString } from '../tokens.ts';
import { claimsOf, DEMO_IDENTITIES } from './demo-identities.ts';
import { demoPageCsp } from '../../../http/security.ts';
import { errorPage, loggedOutPage, loginPage, logoutPage } from './local-pages.ts';
import { memoryAdapter } from './memory-adapter.ts';
import { callbackUrl, LOCAL_CLIENT_ID, localClientSecret, localIssuerPath, OIDC_PROVIDERS, type OidcProviderId } from './providers.ts';

export interface LocalProviderOptions {
  baseUrl: string;
  secret: string;
  log: FastifyBaseLogger;
}

/** The claims each local provider knows, by scope (as the real ones name them). */
const CLAIMS: Record<OidcProviderId, Record<string, string[]>> = {
  franceconnect: { openid: ['sub'], given_name: ['given_name'], family_name: ['family_name'], birthdate: ['birthdate'], email: ['email', 'email_verified'] },
  proconnect: { openid: ['sub'], email: ['email', 'email_verified'], given_name: ['given_name'], usual_name: ['usual_name', 'family_name'], uid: ['uid'], siret: ['siret'] },
};

const FORM_LIMIT = 8 * 1024;

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > FORM_LIMIT) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function send(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.statusCode = 303;
  res.setHeader('location', location);
  res.setHeader('cache-control', 'no-store');
  res.end();
}

/**
 * The embedded identity provider of demo mode and tests: two real OpenID providers (`oidc-provider`),
 * one playing FranceConnect and one ProConnect, under `/oidc/<provider>` of the app itself. They know
 * the demo identities only (password: the demo password), keep their state in memory, and ask to
 * choose an identity at every sign-in (consent is implicit: Fabriques is their only client).
 */
export class LocalIdentityProviders {
  private readonly instances = new Map<OidcProviderId, Promise<{ provider: OidcProvider; handler: (req: IncomingMessage, res: ServerResponse) => Promise<void> }>>();

  constructor(private readonly opts: LocalProviderOptions) {}

  /** The provider whose issuer path starts this request path, if any. */
  match(url: string): OidcProviderId | null {
    for (const id of OIDC_PROVIDERS) {
      const prefix = localIssuerPath(id);
      if (url === prefix || url.startsWith(`${prefix}/`) || url.startsWith(`${prefix}?`)) return id;
    }
    return null;
  }

  private instance(id: OidcProviderId) {
    let inst = this.instances.get(id);
    if (!inst) {
      inst = this.create(id);
      inst.catch(() => this.instances.delete(id));
      this.instances.set(id, inst);
    }
    return inst;
  }

  private async create(id: OidcProviderId) {
    // imported on first use only: production never loads it (and it warns on Node 20)
    const { default: Provider, interactionPolicy } = await import('oidc-provider');
    const issuer = new URL(localIssuerPath(id), this.opts.baseUrl).toString();
    const identities = DEMO_IDENTITIES[id];
    const key = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });

    // choose an identity at every sign-in, so that a demo can switch people
    const policy = interactionPolicy.base();
    policy
      .get('login')!
      .checks.add(
        new interactionPolicy.Check('demo_choose_identity', 'an identity is chosen at every sign-in', (ctx: OidcContext) =>
          ctx.oidc.result?.login ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT,
        ),
      );

    const provider = new Provider(issuer, {
      adapter: memoryAdapter(),
      clients: [
        {
          client_id: LOCAL_CLIENT_ID,
          client_secret: localClientSecret(this.opts.secret, id),
          client_name: 'Fabriques',
          redirect_uris: [callbackUrl(this.opts.baseUrl, id)],
          post_logout_redirect_uris: [new URL('/', this.opts.baseUrl).toString()],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_basic',
          id_token_signed_response_alg: 'ES256',
        },
      ],
      jwks: { keys: [{ ...key, kid: randomUUID(), alg: 'ES256', use: 'sig' }] },
      cookies: {
        keys: [keyedHash(this.opts.secret, `oidc-local-cookies:${id}`)],
        names: { session: `demo_${id}_session`, interaction: `demo_${id}_interaction`, resume: `demo_${id}_resume` },
      },
      claims: CLAIMS[id],
      responseTypes: ['code'],
      pkce: { required: () => true },
      acrValues: id === 'franceconnect' ? ['eidas1'] : [],
      features: {
        devInteractions: { enabled: false },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: async (ctx: OidcContext, form: string) => {
            ctx.type = 'html';
            ctx.body = logoutPage(id, form);
          },
          postLogoutSuccessSource: async (ctx: OidcContext) => {
            ctx.type = 'html';
            ctx.body = loggedOutPage(id, new URL('/', this.opts.baseUrl).toString());
          },
        },
      },
      interactions: { policy, url: (_ctx: OidcContext, interaction: Interaction) => `${localIssuerPath(id)}/interaction/${interaction.uid}` },
      findAccount: async (_ctx: OidcContext, sub: string): Promise<Account | undefined> => {
        const who = identities.find((i) => i.subject === sub);
        return who ? { accountId: sub, claims: () => claimsOf(id, who) } : undefined;
      },
      // Fabriques is the only client: consent is implicit (the grant covers what it asks for)
      loadExistingGrant: async (ctx: OidcContext) => {
        const { oidc } = ctx;
        const accountId = oidc.session?.accountId;
        if (!oidc.client || !accountId) return undefined;
        const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client.clientId);
        let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
        if (!grant || grant.accountId !== accountId) grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId });
        grant.addOIDCScope([...oidc.requestParamScopes].join(' '));
        await grant.save();
        return grant;
      },
      renderError: async (ctx: OidcContext, out: { error?: string; error_description?: string }) => {
        ctx.type = 'html';
        ctx.body = errorPage(id, 'Connexion impossible', 'Le fournisseur d’identité de démonstration n’a pas pu traiter la demande.', this.signInPage(), [out.error, out.error_description].filter(Boolean).join(' : '));
      },
      clientBasedCORS: () => false,
      ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 3600, Grant: 3600 },
    });
    // behind the same proxy as the app (https from X-Forwarded-Proto)
    provider.proxy = true;
    provider.on('server_error', (_ctx: unknown, err: unknown) => this.opts.log.error({ err, provider: id }, 'local OIDC provider error'));
    return { provider, handler: provider.callback() };
  }

  private signInPage(): string {
    return new URL('/connexion', this.opts.baseUrl).toString();
  }

  /** Serves one request under `/oidc/<provider>`: the login pages here, the protocol by `oidc-provider`. */
  async handle(id: OidcProviderId, req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const { provider, handler } = await this.instance(id);
      const prefix = localIssuerPath(id);
      const rest = req.url!.slice(prefix.length) || '/';
      const m = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login|\/abort)?(?:\?.*)?$/.exec(rest);
      if (m) return await this.interaction(id, provider, m[1]!, m[2] ?? '', req, res);
      // mounted under the prefix: oidc-provider computes its URLs from originalUrl minus url
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = rest;
      await handler(req, res);
    } catch (err) {
      this.opts.log.error({ err, provider: id }, 'local OIDC provider failure');
      if (!res.headersSent) send(res, 500, errorPage(id, 'Erreur du fournisseur d’identité', 'Une erreur inattendue est survenue. Elle a été enregistrée.', this.signInPage()));
      else res.end();
    }
  }

  private async interaction(id: OidcProviderId, provider: OidcProvider, uid: string, step: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let details: Interaction;
    try {
      details = await provider.interactionDetails(req, res);
      if (details.uid !== uid) throw new Error('interaction mismatch');
    } catch {
      return send(res, 400, errorPage(id, 'Demande de connexion expirée', 'Cette demande de connexion a expiré ou a déjà servi. Revenez à Fabriques et recommencez.', this.signInPage()));
    }
    const base = `${localIssuerPath(id)}/interaction/${uid}`;
    const identities = DEMO_IDENTITIES[id];

    if (step === '' && req.method === 'GET') {
      if (details.prompt.name === 'consent') {
        // implicit consent (normally settled by loadExistingGrant already)
        const grant = new provider.Grant({ clientId: LOCAL_CLIENT_ID, accountId: details.session!.accountId! });
        grant.addOIDCScope(String(details.params.scope ?? 'openid'));
        const grantId = await grant.save();
        return redirect(res, await provider.interactionResult(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true }));
      }
      return send(res, 200, loginPage({ provider: id, identities, action: `${base}/login`, abortAction: `${base}/abort`, demoPassword: DEMO_PASSWORD }));
    }
    if (req.method !== 'POST' || step === '') {
      res.setHeader('allow', step === '' ? 'GET' : 'POST');
      return send(res, 405, errorPage(id, 'Méthode non autorisée', 'Cette adresse ne s’utilise pas ainsi.', this.signInPage()));
    }
    if (step === '/abort') {
      return redirect(res, await provider.interactionResult(req, res, { error: 'access_denied', error_description: 'La personne a annulé la connexion.' }, { mergeWithLastSubmission: false }));
    }
    const form = await readForm(req);
    const chosen = form?.get('identite') ?? undefined;
    const password = form?.get('mot_de_passe') ?? '';
    const who = identities.find((i) => i.subject === chosen);
    const errors: { identite?: string; mot_de_passe?: string } = {};
    if (!who) errors.identite = 'Choisissez une identité de démonstration.';
    if (password === '') errors.mot_de_passe = 'Saisissez le mot de passe.';
    else if (!sameString(password, DEMO_PASSWORD)) errors.mot_de_passe = 'Mot de passe incorrect : utilisez le mot de passe de démonstration indiqué.';
    if (!who || errors.mot_de_passe) {
      return send(res, 400, loginPage({ provider: id, identities, action: `${base}/login`, abortAction: `${base}/abort`, demoPassword: DEMO_PASSWORD, chosen, errors }));
    }
    return redirect(res, await provider.interactionResult(req, res, { login: { accountId: who.subject } }, { mergeWithLastSubmission: false }));
  }
}

/**
 * Mounts the local providers in the app: requests under `/oidc/<provider>` are taken over before body
 * parsing (oidc-provider reads its own bodies) and answered by them. The security headers are
 * already set on the raw response at that point; the CSP is relaxed for their inline stylesheet.
 */
export function registerLocalProvider(app: FastifyInstance, opts: Omit<LocalProviderOptions, 'log'>): LocalIdentityProviders {
  const local = new LocalIdentityProviders({ ...opts, log: app.log });
  app.addHook('onRequest', async (req, reply) => {
    const id = local.match(req.url);
    if (!id) return;
    reply.hijack();
    // these demo pages carry their small stylesheet inline
    reply.raw.setHeader('content-security-policy', demoPageCsp(req.protocol === 'https'));
    await local.handle(id, req.raw, reply.raw);
  });
  return local;
}
