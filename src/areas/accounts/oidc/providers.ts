import { keyedHash } from '../tokens.ts';

/** The State identity providers Fabriques accepts. */
export const OIDC_PROVIDERS = ['franceconnect', 'proconnect'] as const;
export type OidcProviderId = (typeof OIDC_PROVIDERS)[number];

export interface OidcProviderInfo {
  id: OidcProviderId;
  label: string;
  /** who it is for, in French, for the sign-in page */
  audience: string;
}

export const PROVIDER_INFO: Record<OidcProviderId, OidcProviderInfo> = {
  franceconnect: { id: 'franceconnect', label: 'FranceConnect', audience: 'Candidates et candidats : connexion avec une identité de l’État (impots.gouv.fr, ameli.fr, La Poste…)' },
  proconnect: { id: 'proconnect', label: 'ProConnect', audience: 'Professionnels : organismes de formation, prescripteurs, employeurs, financeurs et agents publics' },
};

/**
 * What Fabriques asks each provider for. FranceConnect has one scope per claim; ProConnect calls the
 * family name `usual_name`. Nothing else is asked (minimum collected).
 */
export const PROVIDER_SCOPES: Record<OidcProviderId, string> = {
  franceconnect: 'openid given_name family_name birthdate email',
  proconnect: 'openid email given_name usual_name uid siret',
};

/** Extra authorization parameters (FranceConnect asks for the eIDAS level). */
export const PROVIDER_PARAMS: Record<OidcProviderId, Record<string, string>> = {
  franceconnect: { acr_values: 'eidas1' },
  proconnect: {},
};

export interface OidcClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export interface OidcSettings {
  /** demo mode with no OIDC setting: the embedded local provider plays both */
  local: boolean;
  proconnect: OidcClientSettings | undefined;
  franceconnect: OidcClientSettings | undefined;
}

/** Path under which the embedded local provider serves one provider's issuer. */
export const localIssuerPath = (id: OidcProviderId) => `/oidc/${id}`;
export const LOCAL_CLIENT_ID = 'fabriques-demo';

/** The client secret shared by the app and the embedded provider (derived from the session secret). */
export const localClientSecret = (secret: string, id: OidcProviderId) => keyedHash(secret, `oidc-local-client:${id}`);

/** The providers offered, with the client settings to reach each (configured, or the local one). */
export function enabledProviders(settings: OidcSettings, baseUrl: string, secret: string): Map<OidcProviderId, OidcClientSettings> {
  const out = new Map<OidcProviderId, OidcClientSettings>();
  for (const id of OIDC_PROVIDERS) {
    if (settings.local) {
      out.set(id, { issuer: new URL(localIssuerPath(id), baseUrl).toString(), clientId: LOCAL_CLIENT_ID, clientSecret: localClientSecret(secret, id) });
    } else if (settings[id]) {
      out.set(id, settings[id]);
    }
  }
  return out;
}

/** The redirect URI registered at the provider for this app. */
export const callbackUrl = (baseUrl: string, id: OidcProviderId) => new URL(`/api/auth/oidc/${id}/callback`, baseUrl).toString();
