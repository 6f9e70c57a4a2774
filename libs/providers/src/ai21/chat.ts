import type { Json, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * OpenAI chat ↔ AI21 Jamba `/chat/completions` (https://docs.ai21.com/reference/jamba-1-6-api-ref).
 * The format is OpenAI's with a few gaps, and only those are bridged: message content must be a
 * string (text parts are joined; images and audio are refused), there is no `developer` role, an
 * assistant turn needs string content even next to tool calls, and the token limit is
 * `max_tokens`. Everything else (tools, `n`, `stop`, `response_format`, `documents`…) is
 * forwarded as sent. AI21 reports stream usage in its last chunk on its own, so `stream_options`,
 * which it does not document, is not forwarded.
 */
export function toAi21ChatRequest(body: Json): Json {
  const { stream_options: _streamOptions, max_completion_tokens: maxCompletionTokens, ...rest } = body;
  const out: Json = { ...rest, messages: toAi21Messages(body.messages) };
  if (out.max_tokens === undefined && typeof maxCompletionTokens === 'number') out.max_tokens = maxCompletionTokens;
  return out;
}

export function toAi21Messages(messages: unknown): Json[] {
  if (!Array.isArray(messages) || messages.length === 0) throw new UnsupportedRequestError('ai21: messages must be a non-empty array');
  return messages.map((raw, position) => {
    if (!raw || typeof raw !== 'object') throw new UnsupportedRequestError(`ai21: messages[${position}] must be an object`);
    const message = raw as Json;
    const role = message.role === 'developer' ? 'system' : message.role;
    if (!['system', 'user', 'assistant', 'tool'].includes(role as string)) {
      throw new UnsupportedRequestError(`ai21: unsupported message role ${JSON.stringify(message.role)} at messages[${position}]`);
    }
    return { ...message, role, content: textContent(message.content, position) };
  });
}

function textContent(content: unknown, position: number): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) throw new UnsupportedRequestError(`ai21: messages[${position}].content must be a string or an array of text parts`);
  return content
    .map((part: Json) => {
      if (part?.type === 'text' && typeof part.text === 'string') return part.text;
      throw new UnsupportedRequestError(`ai21: Jamba takes text only (messages[${position}] has a ${JSON.stringify(part?.type)} part)`);
    })
    .join('');
}

/** AI21's response lacks OpenAI's `object` and `created` (and sometimes `model`); they are added. */
export function toOpenAiChatCompletion(body: Json, ctx: Pick<ResponseContext, 'model'>, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  return {
    ...body,
    object: 'chat.completion',
    created: typeof body.created === 'number' ? body.created : createdSeconds,
    model: typeof body.model === 'string' && body.model ? body.model : ctx.model,
  };
}
