import type { ProviderAdapter, ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { vertexChat } from './chat.js';
import { vertexEmbed } from './embed.js';
import { vertexError } from './error.js';
import { vertexTokens } from './google-oauth.js';
import { vertexBaseUrl } from './location.js';
import { serviceAccount } from './service-account.js';

/**
 * Google Vertex AI: Gemini and Claude chat, Google text embeddings. Auth is an OAuth 2.0 bearer
 * token: fetched by the gateway from a service-account key through `tokens` (and put in
 * `options.accessToken`), or sent by the client as its API key (an access token from
 * `gcloud auth print-access-token`, say). With a service account configured, only the fetched
 * token is used, never the client's bearer value.
 */
function bearer(options: ProviderOptions): string | undefined {
  const token = serviceAccount(options) ? options.accessToken : (options.accessToken ?? options.apiKey);
  return typeof token === 'string' && token ? token.replace(/^Bearer\s+/i, '') : undefined;
}

/** Checked in `path`, which the gateway calls before any I/O and answers with a 400 when it throws. */
function requireCredentials(options: ProviderOptions): void {
  if (!serviceAccount(options) && !bearer(options)) {
    throw new UnsupportedRequestError('vertex-ai needs credentials: a service account key (x-portkey-vertex-service-account-json) or an OAuth access token (Authorization: Bearer …)');
  }
}

export const vertexAi: ProviderAdapter = {
  id: 'vertex-ai',
  displayName: 'Google Vertex AI',
  baseUrl: (options) => vertexBaseUrl(options),
  headers: ({ options }): Record<string, string> => {
    const token = bearer(options);
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  endpoints: {
    chatComplete: {
      ...vertexChat,
      path: (body, ctx) => {
        requireCredentials(ctx.options);
        return vertexChat.path(body, ctx);
      },
    },
    embed: {
      ...vertexEmbed,
      path: (body, ctx) => {
        requireCredentials(ctx.options);
        return vertexEmbed.path(body, ctx);
      },
    },
  },
  error: (status, body) => vertexError(status, body),
  tokens: vertexTokens,
};
