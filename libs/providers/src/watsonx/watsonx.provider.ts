import type { ProviderAdapter, ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toWatsonxChatRequest } from './chat-request.js';
import { toOpenAiChatCompletion } from './chat-response.js';
import { createWatsonxChatStream } from './chat-stream.js';
import { watsonxError } from './error.js';
import { watsonxBearer, watsonxIamTokens } from './iam-tokens.js';

/**
 * IBM watsonx.ai: chat on `https://<region>.ml.cloud.ibm.com/ml/v1/text/chat?version=…` (streams on
 * `…/chat_stream`), authenticated with an IAM token the gateway obtains from the caller's IBM
 * Cloud API key and caches. The region (`watsonx_region`, default us-south) picks the host;
 * watsonx.ai software installs use a custom host and `watsonx_auth_type: bearer`.
 */
const REGION = /^[a-z]{2}-[a-z]+$/;
/** The API version date watsonx requires in every call; the chat API exists from this one on. */
const DEFAULT_VERSION = '2024-10-08';

export function watsonxBaseUrl(options: ProviderOptions): string {
  const region = typeof options.watsonxRegion === 'string' && options.watsonxRegion ? options.watsonxRegion : 'us-south';
  if (!REGION.test(region)) throw new UnsupportedRequestError(`watsonx: invalid region "${region}" (watsonx_region, e.g. us-south, eu-de)`);
  return `https://${region}.ml.cloud.ibm.com`;
}

function version(options: ProviderOptions): string {
  return typeof options.watsonxVersion === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(options.watsonxVersion) ? options.watsonxVersion : DEFAULT_VERSION;
}

export const watsonx: ProviderAdapter = {
  id: 'watsonx',
  displayName: 'IBM watsonx.ai',
  baseUrl: watsonxBaseUrl,
  headers: ({ options }): Record<string, string> => {
    const token = watsonxBearer(options);
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  endpoints: {
    chatComplete: {
      path: (_body, ctx) => `/ml/v1/text/${ctx.stream ? 'chat_stream' : 'chat'}?version=${version(ctx.options)}`,
      request: (body, ctx) => toWatsonxChatRequest(body, ctx),
      response: (body, ctx) => toOpenAiChatCompletion(body, ctx),
      stream: { framing: 'sse', create: createWatsonxChatStream },
    },
  },
  error: (status, body) => watsonxError(status, body),
  tokens: watsonxIamTokens,
};
