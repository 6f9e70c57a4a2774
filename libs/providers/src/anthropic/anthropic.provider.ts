import type { ProviderAdapter, TransformContext } from '../core/types.js';
import { toAnthropicChatRequest } from './chat-request.js';
import { toOpenAiChatCompletion } from './chat-response.js';
import { createChatStream } from './chat-stream.js';
import { createCompleteStream, toAnthropicCompleteRequest, toOpenAiTextCompletion } from './complete.js';
import { anthropicError } from './error.js';
import { toOpenAiModelList } from './models.js';

/**
 * Anthropic (api.anthropic.com): OpenAI chat ↔ the Messages API, legacy completions ↔ the Text
 * Completions API. `custom_host` replaces the base URL and keeps the paths, as in the reference.
 */

export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com/v1';
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';

function headers({ options }: TransformContext): Record<string, string> {
  return {
    ...(options.apiKey ? { 'x-api-key': options.apiKey } : {}),
    'anthropic-version': options.anthropicVersion || DEFAULT_ANTHROPIC_VERSION,
    // Unlike the reference, no beta is switched on by default: betas change behaviour.
    ...(options.anthropicBeta ? { 'anthropic-beta': options.anthropicBeta } : {}),
  };
}

export const anthropic: ProviderAdapter = {
  id: 'anthropic',
  displayName: 'Anthropic',
  baseUrl: () => ANTHROPIC_BASE_URL,
  headers,
  endpoints: {
    chatComplete: {
      path: () => '/messages',
      request: (body) => toAnthropicChatRequest(body),
      response: (body, ctx) => toOpenAiChatCompletion(body, ctx),
      stream: { framing: 'sse', create: createChatStream },
    },
    complete: {
      path: () => '/complete',
      request: (body) => toAnthropicCompleteRequest(body),
      response: (body, ctx) => toOpenAiTextCompletion(body, ctx),
      stream: { framing: 'sse', create: createCompleteStream },
    },
    // The Messages API itself (`POST /v1/messages`): bytes pass through untouched, both ways.
    messages: { path: () => '/messages' },
    // 1000 is the API's largest page: every model in one answer.
    listModels: { method: 'GET', path: () => '/models?limit=1000', response: (body) => toOpenAiModelList(body) },
  },
  error: (status, body) => anthropicError(status, body),
};
