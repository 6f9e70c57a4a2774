import type { Json, ResponseContext, StreamContext, StreamTransformer } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { normalizeChunk } from './chat-stream.js';

/**
 * Legacy completions on Jamba. AI21's completion API (Jurassic-2, `/{model}/complete`) reached its
 * end of life on 14 November 2024 and Jamba has only the chat endpoint, so a completion is sent as
 * one user message to `/chat/completions` and the answer is returned as a `text_completion`. This
 * is AI21's own migration advice; Jamba answers as a chat model, not as a raw continuation.
 */

/** Completion fields with no chat meaning (`logprobs` is a count there, a flag in chat). */
const COMPLETION_ONLY = new Set(['prompt', 'suffix', 'echo', 'best_of', 'logprobs', 'stream_options']);

export function toAi21CompleteRequest(body: Json): Json {
  const prompt = Array.isArray(body.prompt) ? singlePrompt(body.prompt) : body.prompt;
  if (typeof prompt !== 'string') throw new UnsupportedRequestError('ai21: prompt must be a string');
  if (body.echo === true || typeof body.suffix === 'string') throw new UnsupportedRequestError('ai21: echo and suffix are not supported (completions run on the Jamba chat endpoint)');
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) if (!COMPLETION_ONLY.has(key)) out[key] = value;
  out.messages = [{ role: 'user', content: prompt }];
  return out;
}

function singlePrompt(prompts: unknown[]): unknown {
  if (prompts.length !== 1) throw new UnsupportedRequestError('ai21: batched prompts are not supported; send one prompt per request');
  return prompts[0];
}

export function toOpenAiTextCompletion(body: Json, ctx: Pick<ResponseContext, 'model'>, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  const choices = Array.isArray(body.choices) ? (body.choices as Json[]) : [];
  return {
    id: body.id,
    object: 'text_completion',
    created: createdSeconds,
    model: typeof body.model === 'string' && body.model ? body.model : ctx.model,
    choices: choices.map((c, i) => ({
      index: typeof c.index === 'number' ? c.index : i,
      text: typeof (c.message as Json | undefined)?.content === 'string' ? ((c.message as Json).content as string) : '',
      logprobs: null,
      finish_reason: c.finish_reason ?? 'stop',
    })),
    ...(body.usage ? { usage: body.usage } : {}),
  };
}

/** Chat chunks → `text_completion` chunks: the role-only opening chunk carries no text and is dropped. */
export function createAi21CompleteStream(ctx: StreamContext): StreamTransformer {
  return {
    onEvent: (event) =>
      normalizeChunk(event, ctx, 'text_completion', (chunk) => {
        const choices = (chunk.choices as Json[]).map((c) => ({
          index: c.index ?? 0,
          text: typeof (c.delta as Json | undefined)?.content === 'string' ? ((c.delta as Json).content as string) : '',
          logprobs: null,
          finish_reason: c.finish_reason ?? null,
        }));
        if (choices.every((c) => c.text === '' && c.finish_reason === null)) return undefined;
        return { id: chunk.id, object: 'text_completion', created: chunk.created, model: chunk.model, choices };
      }),
    onEnd: () => [],
  };
}
