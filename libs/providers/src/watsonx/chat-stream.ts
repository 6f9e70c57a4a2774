import type { Json, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { isUsage, openAiUsage } from './chat-response.js';
import { watsonxError } from './error.js';

/**
 * watsonx.ai `chat_stream` SSE (`id: n`, `event: message`, `data: {...}`) → OpenAI chunks. Each
 * data object carries OpenAI-shaped `choices[].delta`; usage comes on the last one(s). Usage is
 * held back and sent once, as the final `choices: []` chunk the gateway expects. An `event: error`
 * (or a data object with `errors`) is an in-stream failure.
 */
export function createWatsonxChatStream(ctx: StreamContext): StreamTransformer {
  let usage: Json | undefined;
  return {
    onEvent(event: StreamEvent): Json[] {
      const data = parse(event.data);
      if (!data) return [];
      if (event.event === 'error' || Array.isArray(data.errors)) throw new ProviderStreamError(watsonxError(typeof data.status_code === 'number' ? data.status_code : 500, data));
      if (isUsage(data.usage)) usage = openAiUsage(data.usage);
      const choices = Array.isArray(data.choices) ? (data.choices as Json[]) : [];
      if (!choices.length) return [];
      return [
        {
          id: typeof data.id === 'string' ? data.id : ctx.id,
          object: 'chat.completion.chunk',
          created: typeof data.created === 'number' ? data.created : ctx.created,
          model: typeof data.model_id === 'string' ? data.model_id : ctx.model,
          choices: choices.map((c, i) => ({ index: typeof c.index === 'number' ? c.index : i, delta: c.delta ?? {}, finish_reason: c.finish_reason ?? null, logprobs: c.logprobs ?? null })),
        },
      ];
    },
    onEnd(): Json[] {
      return usage ? [{ id: ctx.id, object: 'chat.completion.chunk', created: ctx.created, model: ctx.model, choices: [], usage }] : [];
    },
  };
}

function parse(text: string): Json | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}
