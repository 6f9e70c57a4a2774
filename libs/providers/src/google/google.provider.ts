import type { ProviderAdapter } from '../core/types.js';
import { toGeminiChatRequest } from './chat-request.js';
import { toOpenAiChatResponse } from './chat-response.js';
import { geminiChatStream } from './chat-stream.js';
import { geminiEmbed } from './embed.js';
import { googleError } from './error.js';
import { modelMethodPath } from './model-path.js';

/**
 * Google Gemini on AI Studio (generativelanguage.googleapis.com, v1beta). The base URL is cut where
 * the reference cuts it, so `custom_host` configs carry over. Two deliberate differences from the
 * reference: the key goes in the `x-goog-api-key` header, never the query string (URLs end up in
 * access logs), and streams use `alt=sse`, so each event is one whole JSON response instead of a
 * hand-split JSON array.
 */
export const google: ProviderAdapter = {
  id: 'google',
  displayName: 'Google Gemini',
  baseUrl: () => 'https://generativelanguage.googleapis.com',
  headers: ({ options }): Record<string, string> => (options.apiKey ? { 'x-goog-api-key': options.apiKey } : {}),
  endpoints: {
    chatComplete: {
      path: (body, ctx) => (ctx.stream ? modelMethodPath(body, 'streamGenerateContent', '?alt=sse') : modelMethodPath(body, 'generateContent')),
      request: toGeminiChatRequest,
      response: toOpenAiChatResponse,
      stream: geminiChatStream,
    },
    embed: geminiEmbed,
  },
  error: (status, body) => googleError(status, body),
};
