import * as oidc from 'openid-client';
import { callbackUrl, PROVIDER_PARAMS, PROVIDER_SCOPES, type OidcClientSettings, type OidcProviderId } from './providers.ts';

/** What the browser carries (sealed) between the start of a sign-in and the provider's answer. */
export interface FlowState {
  provider: OidcProviderId;
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** Why a sign-in through a provider did not complete (for the French message of the sign-in page). */
export class OidcFlowError extends Error {
  constructor(
    readonly reason: 'annule' | 'indisponible' | 'reponse-invalide',
    options?: { cause?: unknown },
  ) {
    super(`OIDC flow failed: ${reason}`, options);
  }
}

/**
 * The relying party: authorization code flow with PKCE (S256), state and nonce, client_secret_basic,
 * through `openid-client`. Each provider's metadata is discovered once, on first use, and kept
 * (discovery is retried after a failure).
 */
export class OidcClients {
  private readonly configs = new Map<OidcProviderId, Promise<oidc.Configuration>>();

  constructor(
    private readonly providers: Map<OidcProviderId, OidcClientSettings>,
    private readonly baseUrl: string,
  ) {}

  enabled(): OidcProviderId[] {
    return [...this.providers.keys()];
  }

  has(id: OidcProviderId): boolean {
    return this.providers.has(id);
  }

  private configuration(id: OidcProviderId): Promise<oidc.Configuration> {
    let config = this.configs.get(id);
    if (!config) {
      const s = this.providers.get(id);
      if (!s) return Promise.reject(new OidcFlowError('indisponible'));
      const issuer = new URL(s.issuer);
      // plain http only for the embedded provider (same origin as the app) or one on loopback
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname) || issuer.origin === new URL(this.baseUrl).origin;
      const insecure = issuer.protocol === 'http:' && loopback;
      config = oidc
        .discovery(issuer, s.clientId, { client_secret: s.clientSecret }, oidc.ClientSecretBasic(s.clientSecret), {
          timeout: 10,
          ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
        })
        .then((c) => {
          c.timeout = 10;
          return c;
        });
      config.catch(() => this.configs.delete(id));
      this.configs.set(id, config);
    }
    return config.catch((cause: unknown) => {
      throw new OidcFlowError('indisponible', { cause });
    });
  }

  /** The provider's authorization URL, and the flow state to keep in the browser until the callback. */
  async start(id: OidcProviderId, returnTo: string): Promise<{ url: string; flow: FlowState }> {
    const config = await this.configuration(id);
    const verifier = oidc.randomPKCECodeVerifier();
    const flow: FlowState = { provider: id, verifier, state: oidc.randomState(), nonce: oidc.randomNonce(), returnTo };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(this.baseUrl, id),
      response_type: 'code',
      scope: PROVIDER_SCOPES[id],
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
      ...PROVIDER_PARAMS[id],
    });
    return { url: url.toString(), flow };
  }

  /**
   * Validates the provider's answer (state, issuer, PKCE, ID token signature, audience, nonce), then
   * reads the userinfo; returns the ID token claims overlaid with the userinfo ones.
   */
  async finish(id: OidcProviderId, currentUrl: URL, flow: FlowState): Promise<Record<string, unknown>> {
    const config = await this.configuration(id);
    let tokens;
    try {
      tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
    } catch (cause) {
      if (cause instanceof oidc.AuthorizationResponseError && cause.error === 'access_denied') throw new OidcFlowError('annule', { cause });
      throw new OidcFlowError('reponse-invalide', { cause });
    }
    const idClaims = tokens.claims();
    if (!idClaims) throw new OidcFlowError('reponse-invalide');
    try {
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      return { ...idClaims, ...userinfo, sub: idClaims.sub };
    } catch (cause) {
      throw new OidcFlowError('reponse-invalide', { cause });
    }
  }
}
