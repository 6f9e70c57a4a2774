import type { Endpoint, EndpointAdapter, Json, ProviderAdapter, ProviderOptions, TransformContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { MULTIPART_ENDPOINTS, OPENAI_PATHS, prepareTextRequest } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';
import { azureEntraTokens } from '../azure-openai-entra/entra-tokens.js';

/**
 * Azure OpenAI: OpenAI's wire format behind per-resource hosts and per-deployment paths.
 * Classic API: `/openai/deployments/{deployment}/…?api-version=…`; `api_version: "v1"` selects the
 * v1 API (`/openai/v1/…`, the deployment named in `model`). Auth is `api-key`, or a bearer Entra
 * token (`azure_ad_token`).
 */
/** The endpoints Azure serves, at OpenAI's paths under the deployment (or the v1 API). */
const AZURE_ENDPOINTS: Endpoint[] = [
  'chatComplete', 'complete', 'embed', 'imageGenerate', 'imageEdit', 'createSpeech', 'createTranscription', 'createTranslation', 'responses',
];
const ENDPOINT_PATHS = Object.fromEntries(AZURE_ENDPOINTS.map((e) => [e, OPENAI_PATHS[e]])) as Partial<Record<Endpoint, string>>;

const DEFAULT_API_VERSION = '2024-10-21';

function endpointPath(suffix: string, options: ProviderOptions): string {
  const version = options.apiVersion ?? DEFAULT_API_VERSION;
  if (version === 'v1' || version === 'preview') return `/v1${suffix}${version === 'preview' ? '?api-version=preview' : ''}`;
  // The Responses API is per resource, not per deployment: the model names the deployment.
  if (suffix === '/responses') return `/responses?api-version=${encodeURIComponent(version)}`;
  if (!options.deploymentId) throw new UnsupportedRequestError('azure-openai needs a deployment id (x-portkey-azure-deployment-id or deployment_id)');
  return `/deployments/${encodeURIComponent(options.deploymentId)}${suffix}?api-version=${encodeURIComponent(version)}`;
}

function withV1Model(body: Json, options: ProviderOptions): Json {
  const version = options.apiVersion;
  if ((version === 'v1' || version === 'preview') && options.deploymentId) return { ...body, model: options.deploymentId };
  return body;
}

const endpoints: Partial<Record<Endpoint, EndpointAdapter>> = {};
for (const [endpoint, suffix] of Object.entries(ENDPOINT_PATHS) as [Endpoint, string][]) {
  const isText = endpoint === 'chatComplete' || endpoint === 'complete';
  endpoints[endpoint] = {
    path: (_body, ctx) => endpointPath(suffix, ctx.options),
    ...(MULTIPART_ENDPOINTS.has(endpoint) ? { bodyKind: 'raw' as const } : {}),
    request: (body: Json, ctx: TransformContext) => withV1Model(isText ? prepareTextRequest(body, ctx, {}) : body, ctx.options),
  };
}

export const azureOpenai: ProviderAdapter = {
  id: 'azure-openai',
  displayName: 'Azure OpenAI',
  baseUrl: (options) => {
    if (!options.resourceName) throw new UnsupportedRequestError('azure-openai needs a resource name: x-portkey-azure-resource-name (resource_name)');
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(options.resourceName)) throw new UnsupportedRequestError('azure-openai resource name must be letters, digits and dashes');
    return `https://${options.resourceName}.openai.azure.com/openai`;
  },
  headers: ({ options }): Record<string, string> => {
    // A token fetched from Entra (client credentials) by the gateway, see `tokens`.
    if (options.accessToken) return { authorization: `Bearer ${options.accessToken}` };
    if (options.azureAdToken) return { authorization: `Bearer ${options.azureAdToken.replace(/^Bearer\s+/i, '')}` };
    return options.apiKey ? { 'api-key': options.apiKey } : {};
  },
  endpoints,
  error: (status, body) => unifiedError('azure-openai', status, body),
  tokens: azureEntraTokens,
};
