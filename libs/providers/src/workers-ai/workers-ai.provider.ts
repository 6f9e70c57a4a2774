import type { EndpointAdapter, Json, ProviderAdapter, ProviderOptions, TransformContext, UnifiedError } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { normalizeOpenAiEmbeddingList } from '../shared/openai-embeddings.js';
import { openAiCompatible } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Cloudflare Workers AI through its OpenAI-compatible endpoints (`/v1/chat/completions`,
 * `/v1/embeddings`) under `https://api.cloudflare.com/client/v4/accounts/{account_id}/ai`.
 * The account id comes from `workersAiAccountId` (header `x-portkey-workers-ai-account-id`);
 * with a `custom_host` (an AI Gateway URL, say) it is not needed, as the host carries it.
 *
 * Embeddings always ask for floats and are encoded here when the client wants base64, so the
 * OpenAI SDKs' default works whatever Cloudflare does with `encoding_format`.
 */
const ACCOUNT_HEADER = 'x-portkey-workers-ai-account-id';
const ACCOUNT_PLACEHOLDER = '{account_id}';

export function workersAiBaseUrl(options: ProviderOptions): string {
  const account = accountId(options);
  return `https://api.cloudflare.com/client/v4/accounts/${account ? encodeURIComponent(account) : ACCOUNT_PLACEHOLDER}/ai`;
}

function accountId(options: ProviderOptions): string | undefined {
  const id = options.workersAiAccountId;
  return typeof id === 'string' && id.trim() ? id.trim() : undefined;
}

/**
 * The account id is checked when the path is built, not in `baseUrl`: the gateway builds the
 * path after the base and answers 400 with this message, while `baseUrl` must still answer for
 * listings that have no options (the README's provider table shows the placeholder).
 */
function requireAccount(ctx: TransformContext): void {
  if (!ctx.options.customHost && !accountId(ctx.options)) {
    throw new UnsupportedRequestError(`workers-ai needs your Cloudflare account id: send it in the ${ACCOUNT_HEADER} header (workers_ai_account_id in a config)`);
  }
}

const base = openAiCompatible({
  id: 'workers-ai',
  displayName: 'Cloudflare Workers AI',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'embed'],
  paths: { chatComplete: '/v1/chat/completions', embed: '/v1/embeddings' },
});

function withAccountCheck(endpoint: EndpointAdapter): EndpointAdapter {
  return {
    ...endpoint,
    path: (body, ctx) => {
      requireAccount(ctx);
      return endpoint.path(body, ctx);
    },
  };
}

/**
 * Cloudflare API errors are `{"errors": [{"code": 7003, "message": "…"}], "success": false, …}`;
 * the first error's message and code are kept. OpenAI-shaped errors go through the shared
 * mapping.
 */
export function workersAiError(status: number, body: unknown): UnifiedError {
  const errors = body && typeof body === 'object' ? (body as Record<string, unknown>).errors : undefined;
  if (Array.isArray(errors) && errors.length > 0 && errors[0] && typeof errors[0] === 'object') {
    const messages = errors.map((e: Record<string, unknown>) => (typeof e?.message === 'string' ? e.message : JSON.stringify(e)));
    const code = (errors[0] as Record<string, unknown>).code;
    return {
      error: { message: `workers-ai error: ${messages.join('; ')}`, type: null, param: null, code: code === undefined || code === null ? null : String(code) },
      provider: 'workers-ai',
    };
  }
  return unifiedError('workers-ai', status, body);
}

export const workersAi: ProviderAdapter = {
  ...base,
  baseUrl: workersAiBaseUrl,
  endpoints: {
    chatComplete: withAccountCheck(base.endpoints.chatComplete!),
    embed: withAccountCheck({
      ...base.endpoints.embed!,
      request: (body: Json) => {
        const { encoding_format: _format, ...rest } = body;
        return rest;
      },
      response: (body, ctx) => normalizeOpenAiEmbeddingList(body, ctx),
    }),
  },
  error: (status, body) => workersAiError(status, body),
};
