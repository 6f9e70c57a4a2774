import type { Json, ProviderAdapter, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { openAiEmbeddingList } from '../shared/openai-embeddings.js';
import { openAiCompatible } from '../openai-compatible/factory.js';

/**
 * Ollama: chat and completions on its OpenAI-compatible `/v1` endpoints, embeddings on the native
 * `/api/embed` (batch input, `embeddings[][]`). There is no public base URL: `custom_host` is
 * required (e.g. http://localhost:11434, or https://ollama.com for Ollama's cloud, which wants a
 * bearer key; a local server ignores one).
 *
 * Unlike the reference, streams ask for `stream_options.include_usage`, which Ollama's OpenAI
 * endpoint supports, so usage is no longer lost. Embeddings use `/api/embed` rather than the
 * reference's `/api/embeddings`, which takes one prompt at a time.
 */
const base = openAiCompatible({
  id: 'ollama',
  displayName: 'Ollama',
  baseUrl: undefined,
  endpoints: ['chatComplete', 'complete'],
  paths: { chatComplete: '/v1/chat/completions', complete: '/v1/completions' },
});

export function toOllamaEmbedRequest(body: Json): Json {
  const input = body.input;
  const valid = typeof input === 'string' || (Array.isArray(input) && input.length > 0 && input.every((i) => typeof i === 'string'));
  if (!valid) throw new UnsupportedRequestError('ollama embeddings take a string or an array of strings as input (not token arrays)');
  return {
    model: body.model,
    input,
    ...(typeof body.dimensions === 'number' ? { dimensions: body.dimensions } : {}),
    // Ollama-native knobs a client may send along.
    ...(typeof body.truncate === 'boolean' ? { truncate: body.truncate } : {}),
    ...(body.keep_alive !== undefined ? { keep_alive: body.keep_alive } : {}),
    ...(body.options && typeof body.options === 'object' ? { options: body.options } : {}),
  };
}

export function toOpenAiEmbeddings(body: Json, ctx: ResponseContext): Json {
  const tokens = typeof body.prompt_eval_count === 'number' ? body.prompt_eval_count : 0;
  return openAiEmbeddingList(Array.isArray(body.embeddings) ? body.embeddings : [], ctx, { promptTokens: tokens, model: body.model });
}

export const ollama: ProviderAdapter = {
  ...base,
  endpoints: {
    ...base.endpoints,
    embed: { path: () => '/api/embed', request: toOllamaEmbedRequest, response: toOpenAiEmbeddings },
  },
};
