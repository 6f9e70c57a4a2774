import type { Json, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError, UnsupportedRequestError } from '../core/types.js';
import { DEFAULT_MAX_TOKENS } from './chat-request.js';
import { anthropicError } from './error.js';

/**
 * Legacy completions (`/v1/completions`) → Anthropic's legacy Text Completions API (`/complete`).
 * That API wants the prompt framed as "\n\nHuman: …\n\nAssistant:"; a plain prompt is framed
 * for the caller, an already framed one is sent as is. It reports no token usage, so none is
 * returned. Kept deliberately small: Anthropic only serves it for older models.
 */

const HUMAN = '\n\nHuman:';
const ASSISTANT = '\n\nAssistant:';

const STOP_REASONS: Record<string, string> = { stop_sequence: 'stop', max_tokens: 'length' };

export function toAnthropicCompleteRequest(body: Json): Json {
  const prompt = Array.isArray(body.prompt) ? singlePrompt(body.prompt) : body.prompt;
  if (typeof prompt !== 'string') throw new UnsupportedRequestError('anthropic: prompt must be a string');
  const stop = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop : undefined;
  return {
    model: body.model,
    prompt: prompt.startsWith(HUMAN) ? prompt : `${HUMAN} ${prompt}${ASSISTANT}`,
    max_tokens_to_sample: typeof body.max_tokens === 'number' ? body.max_tokens : DEFAULT_MAX_TOKENS,
    ...(stop && stop.length > 0 ? { stop_sequences: stop } : {}),
    ...(typeof body.temperature === 'number' ? { temperature: Math.min(body.temperature, 1) } : {}),
    ...(typeof body.top_p === 'number' ? { top_p: body.top_p } : {}),
    ...(typeof body.top_k === 'number' ? { top_k: body.top_k } : {}),
    ...(typeof body.stream === 'boolean' ? { stream: body.stream } : {}),
    ...(typeof body.user === 'string' && body.user ? { metadata: { user_id: body.user } } : {}),
  };
}

function singlePrompt(prompts: unknown[]): unknown {
  if (prompts.length !== 1) throw new UnsupportedRequestError('anthropic: batched prompts are not supported; send one prompt per request');
  return prompts[0];
}

export function toOpenAiTextCompletion(body: Json, ctx: { model: string; strictOpenAiCompliance: boolean }, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  return {
    id: body.id,
    object: 'text_completion',
    created: createdSeconds,
    model: typeof body.model === 'string' ? body.model : ctx.model,
    choices: [{ index: 0, text: typeof body.completion === 'string' ? body.completion : '', logprobs: null, finish_reason: stopReason(body.stop_reason, ctx.strictOpenAiCompliance) }],
  };
}

/** Each `completion` event carries the next piece of text; the last one carries the stop reason. */
export function createCompleteStream(ctx: StreamContext): StreamTransformer {
  return {
    onEvent(event: StreamEvent): Json[] {
      let data: Json;
      try {
        data = JSON.parse(event.data) as Json;
      } catch {
        return [];
      }
      if (data?.type === 'error') throw new ProviderStreamError(anthropicError(500, data));
      if (data?.type !== 'completion') return [];
      const finish = data.stop_reason ? stopReason(data.stop_reason, ctx.strictOpenAiCompliance) : null;
      return [
        {
          id: typeof data.id === 'string' ? data.id : ctx.id,
          object: 'text_completion',
          created: ctx.created,
          model: typeof data.model === 'string' ? data.model : ctx.model,
          choices: [{ index: 0, text: typeof data.completion === 'string' ? data.completion : '', logprobs: null, finish_reason: finish }],
        },
      ];
    },
    onEnd: () => [],
  };
}

function stopReason(reason: unknown, strict: boolean): string {
  if (typeof reason !== 'string' || !reason) return 'stop';
  return strict ? (STOP_REASONS[reason] ?? 'stop') : reason;
}
