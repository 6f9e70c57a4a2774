import type { Json, StreamContext, StreamEvent, StreamTransformer, TransformContext } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { unifiedError } from '../shared/errors.js';
import { vertexProject, vertexRegion } from './location.js';

/**
 * Partner models on Vertex that speak OpenAI's chat format rather than Gemini's or Anthropic's:
 * - Meta Llama (model-as-a-service) on Vertex's OpenAI-compatible endpoint,
 *   `/v1/projects/{p}/locations/{r}/endpoints/openapi/chat/completions`, the model named
 *   `meta/<model>` in the body;
 * - Mistral on `publishers/mistralai/models/{model}:rawPredict` (`:streamRawPredict`), with
 *   Mistral's own chat body (OpenAI's shape, the model without publisher).
 * Responses and stream chunks are OpenAI's and pass through; stream `error` objects become stream
 * errors.
 */
export function openApiChatPath(options: TransformContext['options']): string {
  return `/v1/projects/${encodeURIComponent(vertexProject(options))}/locations/${vertexRegion(options)}/endpoints/openapi/chat/completions`;
}

export function toLlamaRequest(body: Json, model: string, ctx: TransformContext): Json {
  const { stream_options: streamOptions, ...rest } = body;
  return { ...rest, model: `meta/${model}`, ...(ctx.stream ? { stream: true, ...(streamOptions ? { stream_options: streamOptions } : {}) } : {}) };
}

export function toMistralRequest(body: Json, model: string, ctx: TransformContext): Json {
  // Mistral's API has no stream_options; it reports usage on the last chunk by itself.
  const { stream_options: _streamOptions, ...rest } = body;
  return { ...rest, model, ...(ctx.stream ? { stream: true } : {}) };
}

/** OpenAI-shaped chunks relayed as they are; `[DONE]` is the gateway's to send. */
export function openAiShapedStream(ctx: StreamContext): StreamTransformer {
  return {
    onEvent(event: StreamEvent): Json[] {
      const text = event.data.trim();
      if (!text || text === '[DONE]') return [];
      let chunk: Json;
      try {
        chunk = JSON.parse(text) as Json;
      } catch {
        return [];
      }
      if (chunk.error !== undefined) throw new ProviderStreamError(unifiedError('vertex-ai', 500, chunk));
      return [{ ...chunk, id: chunk.id ?? ctx.id, object: 'chat.completion.chunk', model: chunk.model ?? ctx.model, created: chunk.created ?? ctx.created }];
    },
    onEnd: () => [],
  };
}

/** A partner model's JSON answer is OpenAI's; only the object tag and model are made sure of. */
export function openAiShapedResponse(body: Json, model: string): Json {
  return { ...body, object: 'chat.completion', model: typeof body.model === 'string' ? body.model : model };
}
