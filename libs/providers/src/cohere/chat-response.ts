import { randomUUID } from 'node:crypto';
import type { Json, ResponseContext } from '../core/types.js';
import { finishReason } from './finish-reason.js';
import { openAiUsage } from './usage.js';

/**
 * Cohere v2 chat response → OpenAI `chat.completion`. Text parts are joined into `content`
 * (thinking parts of reasoning models are not OpenAI content and are left out). When Cohere calls
 * tools it writes its reasoning to `tool_plan` instead of `content`; that text becomes the
 * message content so the client keeps it and sends it back (chat-messages.ts turns it into
 * `tool_plan` again). Citations are Cohere's own and only appear without strict compliance.
 */
export function toOpenAiChatCompletion(body: Json, ctx: Pick<ResponseContext, 'model' | 'strictOpenAiCompliance'>, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  const message = (body.message ?? {}) as Json;
  const parts = Array.isArray(message.content) ? (message.content as Json[]) : [];
  const text = parts.filter((p) => p?.type === 'text' && typeof p.text === 'string').map((p) => p.text as string).join('');
  const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]).map(openAiToolCall) : [];
  const plan = typeof message.tool_plan === 'string' ? message.tool_plan : '';
  const content = text || (toolCalls.length > 0 && plan ? plan : null);

  const out: Json = {
    id: typeof body.id === 'string' && body.id ? body.id : `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: createdSeconds,
    model: ctx.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          ...(!ctx.strictOpenAiCompliance && Array.isArray(message.citations) ? { citations: message.citations } : {}),
        },
        finish_reason: finishReason(body.finish_reason, ctx.strictOpenAiCompliance),
        logprobs: null,
      },
    ],
  };
  const usage = openAiUsage(body.usage);
  if (usage) out.usage = usage;
  return out;
}

function openAiToolCall(call: Json): Json {
  const fn = (call.function ?? {}) as Json;
  return {
    id: call.id,
    type: 'function',
    function: { name: fn.name, arguments: typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {}) },
  };
}
