import type { Json, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { finishReason, openAiUsage, textOf } from './chat-response.js';
import { ociError } from './error.js';

/**
 * OCI GENERIC chat SSE → OpenAI chunks. Each `data:` is one JSON object: a content delta
 * `{index, message: {role, content: [{type: TEXT, text}], toolCalls}}`, a final
 * `{finishReason, message?}`, and (with `streamOptions.isIncludeUsage`) a `{usage}` object. Tool
 * calls arrive with `id` and `name` first, then argument fragments without an id; they are
 * numbered here, 0, 1, 2… in order of arrival. No `[DONE]` is sent; the gateway adds it.
 */
export function createOciChatStream(ctx: StreamContext): StreamTransformer {
  let started = false;
  let toolCount = 0;
  let finished = false;
  let usage: Json | undefined;

  const chunk = (delta: Json, finish: string | null = null): Json => ({
    id: ctx.id,
    object: 'chat.completion.chunk',
    created: ctx.created,
    model: ctx.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });
  const usageChunk = (): Json[] => (usage ? [{ id: ctx.id, object: 'chat.completion.chunk', created: ctx.created, model: ctx.model, choices: [], usage }] : []);

  return {
    onEvent(event: StreamEvent): Json[] {
      const data = parse(event.data);
      if (!data) return [];
      if (typeof data.code === 'string' && typeof data.message === 'string' && !data.index && !isObject(data.usage)) throw new ProviderStreamError(ociError(500, data));
      const out: Json[] = [];
      if (!started) {
        started = true;
        out.push(chunk({ role: 'assistant', content: '' }));
      }
      const message = isObject(data.message) ? data.message : undefined;
      const text = message ? textOf(message.content) : null;
      if (text) out.push(chunk({ content: text }));
      for (const call of message && Array.isArray(message.toolCalls) ? (message.toolCalls as Json[]) : []) {
        const args = typeof call.arguments === 'string' ? call.arguments : call.arguments ? JSON.stringify(call.arguments) : '';
        if (call.id || call.name) {
          out.push(chunk({ tool_calls: [{ index: toolCount, id: call.id, type: 'function', function: { name: call.name, arguments: args } }] }));
          toolCount++;
        } else if (args && toolCount > 0) {
          out.push(chunk({ tool_calls: [{ index: toolCount - 1, function: { arguments: args } }] }));
        }
      }
      if (data.finishReason !== undefined && data.finishReason !== null && !finished) {
        finished = true;
        out.push(chunk({}, finishReason(data.finishReason, toolCount > 0)));
      }
      if (isObject(data.usage)) usage = openAiUsage(data.usage);
      return out;
    },
    onEnd(): Json[] {
      return usageChunk();
    },
  };
}

function parse(text: string): Json | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed === '[DONE]') return undefined;
  try {
    const value = JSON.parse(trimmed) as unknown;
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
