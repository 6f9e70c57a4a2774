import type { ProviderOptions, TokenSource } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { fingerprint, requestToken } from '../oauth/token-request.js';

/**
 * Microsoft Entra ID (Azure AD) client-credentials flow for Azure OpenAI: POST client id and
 * secret to `https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token` with
 * `grant_type=client_credentials` and a `.default` scope; the answer is a bearer token for the
 * Azure OpenAI data plane (`Authorization: Bearer …`), valid about an hour.
 *
 * A token is fetched when the tenant, client id and secret are all configured
 * (azure_entra_tenant_id / azure_entra_client_id / azure_entra_client_secret, or the
 * x-portkey-azure-entra-* headers) and `azure_auth_mode`, if set, is `entra`.
 */
export const ENTRA_DEFAULT_SCOPE = 'https://cognitiveservices.azure.com/.default';
const AUTHORITY = 'https://login.microsoftonline.com';
/** A tenant GUID or domain (contoso.onmicrosoft.com); it goes into the token URL's path. */
const TENANT = /^[A-Za-z0-9][A-Za-z0-9.-]{0,253}$/;

interface EntraCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

function entraCredentials(options: ProviderOptions): EntraCredentials | undefined {
  if (options.azureAuthMode !== undefined && options.azureAuthMode !== 'entra') return undefined;
  const tenantId = text(options.azureEntraTenantId);
  const clientId = text(options.azureEntraClientId);
  const clientSecret = text(options.azureEntraClientSecret);
  if (!tenantId || !clientId || !clientSecret) {
    if (options.azureAuthMode === 'entra') {
      throw new UnsupportedRequestError('azure-openai: azure_auth_mode "entra" needs azure_entra_tenant_id, azure_entra_client_id and azure_entra_client_secret');
    }
    return undefined;
  }
  if (!TENANT.test(tenantId)) throw new UnsupportedRequestError('azure-openai: azure_entra_tenant_id must be a tenant id or domain');
  return { tenantId, clientId, clientSecret, scope: text(options.azureEntraScope) ?? ENTRA_DEFAULT_SCOPE };
}

export function entraTokenUrl(tenantId: string): string {
  return `${AUTHORITY}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`;
}

/**
 * The cache key names tenant, client and scope (a token is only good for its scope) and
 * fingerprints the secret: a request carrying the right client id with a wrong secret must not
 * be served the token fetched with the right one.
 */
export const azureEntraTokens: TokenSource = {
  cacheKey(options) {
    const c = entraCredentials(options);
    if (!c) return undefined;
    return `azure-entra:${c.tenantId}:${c.clientId}:${c.scope}:${fingerprint(c.clientSecret)}`;
  },
  async fetchToken(options, http) {
    const c = entraCredentials(options);
    if (!c) throw new UnsupportedRequestError('azure-openai: no Entra client credentials to fetch a token with');
    return requestToken('azure-openai', http, entraTokenUrl(c.tenantId), {
      client_id: c.clientId,
      client_secret: c.clientSecret,
      grant_type: 'client_credentials',
      scope: c.scope,
    });
  },
};

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
