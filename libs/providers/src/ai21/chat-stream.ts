import type { Json, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';

/**
 * AI21's chat stream is OpenAI's SSE without `object`, `created` and `model` on each chunk, and
 * with usage riding on the last content chunk. Each chunk gets the missing fields; usage is split
 * off into the usage-only chunk the gateway expects last. `[DONE]` is the gateway's to send.
 */
export function createAi21ChatStream(ctx: StreamContext): StreamTransformer {
  return {
    onEvent: (event) => normalizeChunk(event, ctx, 'chat.completion.chunk', (chunk) => chunk),
    onEnd: () => [],
  };
}

/**
 * One parsed AI21 chunk → the chunks to emit: `shape` turns it into the target chunk (chat or
 * text completion), then usage follows as its own chunk.
 */
export function normalizeChunk(event: StreamEvent, ctx: StreamContext, object: string, shape: (chunk: Json) => Json | undefined): Json[] {
  const data = event.data.trim();
  if (!data || data === '[DONE]') return [];
  let parsed: Json;
  try {
    parsed = JSON.parse(data) as Json;
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object') return [];
  const { usage, ...chunk } = parsed;
  const head = {
    id: typeof chunk.id === 'string' ? chunk.id : ctx.id,
    object,
    created: typeof chunk.created === 'number' ? chunk.created : ctx.created,
    model: typeof chunk.model === 'string' && chunk.model ? chunk.model : ctx.model,
  };
  const out: Json[] = [];
  const shaped = Array.isArray(chunk.choices) && chunk.choices.length > 0 ? shape({ ...chunk, ...head }) : undefined;
  if (shaped) out.push(shaped);
  if (usage && typeof usage === 'object') out.push({ ...head, choices: [], usage });
  return out;
}
