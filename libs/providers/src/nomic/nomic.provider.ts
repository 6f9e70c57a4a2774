import type { Json, ProviderAdapter, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { inputTexts, openAiEmbeddingList } from '../shared/openai-embeddings.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Nomic Atlas embeddings (api-atlas.nomic.ai/v1, `/embedding/text`): `texts` and a required
 * `task_type` in, `embeddings[][]` and OpenAI-style `usage` out. `task_type` defaults to
 * `search_document`, Nomic's own default; OpenAI's `dimensions` is Nomic's `dimensionality`
 * (Matryoshka models such as nomic-embed-text-v1.5).
 */
export function toNomicEmbedRequest(body: Json): Json {
  const texts = inputTexts(body.input);
  if (!texts) throw new UnsupportedRequestError('nomic embeddings take a string or an array of strings as input (not token arrays)');
  return {
    model: body.model,
    texts,
    task_type: typeof body.task_type === 'string' ? body.task_type : 'search_document',
    ...(typeof body.dimensions === 'number' ? { dimensionality: body.dimensions } : {}),
    ...(typeof body.long_text_mode === 'string' ? { long_text_mode: body.long_text_mode } : {}),
  };
}

export function toOpenAiEmbeddings(body: Json, ctx: ResponseContext): Json {
  const usage = (body.usage ?? {}) as Json;
  const tokens = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : typeof usage.total_tokens === 'number' ? usage.total_tokens : 0;
  return openAiEmbeddingList(Array.isArray(body.embeddings) ? body.embeddings : [], ctx, { promptTokens: tokens, model: body.model });
}

export const nomic: ProviderAdapter = {
  id: 'nomic',
  displayName: 'Nomic',
  baseUrl: () => 'https://api-atlas.nomic.ai/v1',
  headers: ({ options }) => bearerAuth(options),
  endpoints: {
    embed: { path: () => '/embedding/text', request: toNomicEmbedRequest, response: toOpenAiEmbeddings },
  },
  // Nomic's API is FastAPI: `{"detail": "…"}`, which the shared mapping reads.
  error: (status, body) => unifiedError('nomic', status, body),
};
