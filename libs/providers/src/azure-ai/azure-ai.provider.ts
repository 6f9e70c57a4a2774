import type { Endpoint, EndpointAdapter, ProviderAdapter, ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { OPENAI_PATHS, openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Azure AI Foundry (Azure AI model inference): models deployed in a Foundry resource, all behind
 * OpenAI's wire format at the deployment's endpoint URL (`azure_foundry_url`, e.g.
 * `https://<resource>.services.ai.azure.com/models`), with `api-version` in the query. The key
 * goes in `api-key`; an Entra token (`azure_ad_token`) as a bearer instead. `azure_extra_params`
 * becomes the `extra-parameters` header, which tells the service what to do with fields the
 * model does not know (`pass-through`, `drop` or `error`).
 */
const ENDPOINTS: Endpoint[] = ['chatComplete', 'complete', 'embed'];

const base = openAiCompatible({ id: 'azure-ai', displayName: 'Azure AI Foundry (model inference)', baseUrl: undefined, endpoints: ENDPOINTS });

/** Throws (a 400, before any I/O) without one: the gateway asks for the base URL only when no custom host is set. */
function foundryUrl(options: ProviderOptions): string {
  const url = options.azureFoundryUrl;
  if (typeof url !== 'string' || !/^https:\/\//.test(url)) {
    throw new UnsupportedRequestError('azure-ai needs the deployment endpoint: azure_foundry_url (x-portkey-azure-foundry-url), an https URL, or a custom host');
  }
  return url.replace(/\/+$/, '');
}

function withApiVersion(path: string, options: ProviderOptions): string {
  const version = typeof options.apiVersion === 'string' ? options.apiVersion : undefined;
  return version ? `${path}?api-version=${encodeURIComponent(version)}` : path;
}

function auth(options: ProviderOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof options.azureAdToken === 'string' && options.azureAdToken) headers.authorization = `Bearer ${options.azureAdToken.replace(/^Bearer\s+/i, '')}`;
  else if (options.apiKey) headers['api-key'] = options.apiKey;
  // `azure_extra_parameters` is the reference's config key, `azure_extra_params` its header's name.
  const extra = options.azureExtraParams ?? options.azureExtraParameters;
  if (typeof extra === 'string' && extra) headers['extra-parameters'] = extra;
  return headers;
}

const endpoints: Partial<Record<Endpoint, EndpointAdapter>> = {};
for (const name of ENDPOINTS) {
  const adapter = base.endpoints[name]!;
  endpoints[name] = {
    ...adapter,
    path: (_body, ctx) => withApiVersion(OPENAI_PATHS[name]!, ctx.options),
  };
}

export const azureAi: ProviderAdapter = {
  ...base,
  baseUrl: (options) => foundryUrl(options),
  headers: (ctx) => auth(ctx.options),
  endpoints,
};
