import type { ProviderAdapter } from '../core/types.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { toAi21ChatRequest, toOpenAiChatCompletion } from './chat.js';
import { createAi21ChatStream } from './chat-stream.js';
import { createAi21CompleteStream, toAi21CompleteRequest, toOpenAiTextCompletion } from './complete.js';
import { ai21Embed } from './embed.js';
import { ai21Error } from './error.js';

/**
 * AI21 Labs (api.ai21.com/studio/v1): Jamba chat, completions served by the same chat endpoint
 * (the Jurassic completion API is retired, see complete.ts), and embeddings.
 */
export const ai21: ProviderAdapter = {
  id: 'ai21',
  displayName: 'AI21 Labs',
  baseUrl: () => 'https://api.ai21.com/studio/v1',
  headers: ({ options }) => bearerAuth(options),
  endpoints: {
    chatComplete: {
      path: () => '/chat/completions',
      request: (body) => toAi21ChatRequest(body),
      response: (body, ctx) => toOpenAiChatCompletion(body, ctx),
      stream: { framing: 'sse', create: createAi21ChatStream },
    },
    complete: {
      path: () => '/chat/completions',
      request: (body) => toAi21ChatRequest(toAi21CompleteRequest(body)),
      response: (body, ctx) => toOpenAiTextCompletion(body, ctx),
      stream: { framing: 'sse', create: createAi21CompleteStream },
    },
    embed: ai21Embed,
  },
  error: (status, body) => ai21Error(status, body),
};
