import type { Json, ResponseContext, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError, UnsupportedRequestError } from '../core/types.js';
import { cohereError } from './error.js';
import { finishReason } from './finish-reason.js';
import { openAiUsage } from './usage.js';

/**
 * Legacy completions ↔ Cohere's `/v1/generate` (marked "Legacy" by Cohere, still served for the
 * older command models). `n` maps to `num_generations` (Cohere allows up to 5), each generation
 * becoming one choice. Streams are newline-delimited JSON: `text-generation` events with the
 * next piece of text (and `index` when several generations run), then `stream-end` with the
 * finish reason, or `stream-error`. Stream events carry no token counts, so streamed completions
 * report no usage.
 */
export function toCohereGenerateRequest(body: Json): Json {
  if (typeof body.model !== 'string' || !body.model) throw new UnsupportedRequestError('cohere: model is required');
  const prompt = Array.isArray(body.prompt) ? singlePrompt(body.prompt) : body.prompt;
  if (typeof prompt !== 'string') throw new UnsupportedRequestError('cohere: prompt must be a string');
  const out: Json = { model: body.model, prompt };
  if (typeof body.max_tokens === 'number') out.max_tokens = body.max_tokens;
  if (typeof body.n === 'number') out.num_generations = body.n;
  const stop = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop : undefined;
  if (stop && stop.length > 0) out.stop_sequences = stop;
  for (const key of ['temperature', 'seed', 'frequency_penalty', 'presence_penalty'] as const) {
    if (typeof body[key] === 'number') out[key] = body[key];
  }
  if (typeof body.top_p === 'number') out.p = body.top_p;
  if (typeof body.top_k === 'number') out.k = body.top_k;
  if (body.stream === true) out.stream = true;
  return out;
}

function singlePrompt(prompts: unknown[]): unknown {
  if (prompts.length !== 1) throw new UnsupportedRequestError('cohere: batched prompts are not supported; send one prompt per request');
  return prompts[0];
}

export function toOpenAiTextCompletion(body: Json, ctx: Pick<ResponseContext, 'model' | 'strictOpenAiCompliance'>, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  const generations = Array.isArray(body.generations) ? (body.generations as Json[]) : [];
  return {
    id: body.id,
    object: 'text_completion',
    created: createdSeconds,
    model: ctx.model,
    choices: generations.map((g, i) => ({
      index: typeof g.index === 'number' ? g.index : i,
      text: typeof g.text === 'string' ? g.text : '',
      logprobs: null,
      // Generations carry a finish reason only in newer responses; without one it finished normally.
      finish_reason: finishReason(g.finish_reason ?? 'COMPLETE', ctx.strictOpenAiCompliance),
    })),
    // The same meaning as chat: processed tokens, billed units kept for cost.
    usage: openAiUsage(body.meta) ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  };
}

export function createCohereGenerateStream(ctx: StreamContext): StreamTransformer {
  const chunk = (index: number, text: string, finish: string | null): Json => ({
    id: ctx.id,
    object: 'text_completion',
    created: ctx.created,
    model: ctx.model,
    choices: [{ index, text, logprobs: null, finish_reason: finish }],
  });
  return {
    onEvent(event: StreamEvent): Json[] {
      let data: Json;
      try {
        data = JSON.parse(event.data) as Json;
      } catch {
        return [];
      }
      if (!data || typeof data !== 'object') return [];
      switch (data.event_type) {
        case 'text-generation':
          return typeof data.text === 'string' && data.text ? [chunk(typeof data.index === 'number' ? data.index : 0, data.text, null)] : [];
        case 'stream-end': {
          const reason = finishReason(data.finish_reason, ctx.strictOpenAiCompliance);
          const generations = ((data.response as Json | undefined)?.generations ?? []) as Json[];
          const indexes = generations.length > 1 ? generations.map((g, i) => (typeof g.index === 'number' ? g.index : i)) : [0];
          return indexes.map((index) => chunk(index, '', reason));
        }
        case 'stream-error':
          throw new ProviderStreamError(cohereError(500, { message: typeof data.err === 'string' ? data.err : 'stream error' }));
        default:
          return [];
      }
    },
    onEnd: () => [],
  };
}
