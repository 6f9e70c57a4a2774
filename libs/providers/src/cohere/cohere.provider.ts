import type { ProviderAdapter } from '../core/types.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { toCohereChatRequest } from './chat-request.js';
import { toOpenAiChatCompletion } from './chat-response.js';
import { createCohereChatStream } from './chat-stream.js';
import { cohereEmbed } from './embed.js';
import { cohereError } from './error.js';
import { createCohereGenerateStream, toCohereGenerateRequest, toOpenAiTextCompletion } from './generate.js';
import { cohereRerank } from './rerank.js';

/**
 * Cohere (api.cohere.ai): chat on the v2 Chat API, completions on the legacy Generate API,
 * embeddings and rerank on v2. The base URL is cut where the reference cuts it, so `custom_host`
 * configs (private deployments, which serve the same paths) carry over.
 *
 * Chat streams ask for `text/event-stream` explicitly: Cohere's streaming endpoints can also
 * answer newline-delimited JSON, and the transformer must know which framing it gets. Generate
 * streams are newline-delimited JSON, its documented default.
 */
export const cohere: ProviderAdapter = {
  id: 'cohere',
  displayName: 'Cohere',
  baseUrl: () => 'https://api.cohere.ai',
  headers: ({ options, stream, endpoint }) => ({
    ...bearerAuth(options),
    ...(stream && endpoint === 'chatComplete' ? { accept: 'text/event-stream' } : {}),
  }),
  endpoints: {
    chatComplete: {
      path: () => '/v2/chat',
      request: (body) => toCohereChatRequest(body),
      response: (body, ctx) => toOpenAiChatCompletion(body, ctx),
      stream: { framing: 'sse', create: createCohereChatStream },
    },
    complete: {
      path: () => '/v1/generate',
      request: (body) => toCohereGenerateRequest(body),
      response: (body, ctx) => toOpenAiTextCompletion(body, ctx),
      stream: { framing: 'ndjson', create: createCohereGenerateStream },
    },
    embed: cohereEmbed,
    rerank: cohereRerank,
  },
  error: (status, body) => cohereError(status, body),
};
