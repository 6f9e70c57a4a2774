import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * OpenAI chat `messages` → Cohere v2 `messages` (https://docs.cohere.com/reference/chat).
 *
 * The roles line up (system, user, assistant, tool), so the work is in the content: Cohere takes a
 * string or `text`/`image_url` parts for users, text for system and assistant turns, and keeps the
 * tool history the reference drops: assistant `tool_calls` (same shape as OpenAI's) and `tool`
 * results with their `tool_call_id`. Text an assistant wrote next to its tool calls goes back as
 * Cohere's `tool_plan`, which is where Cohere put it when it answered (see chat-response.ts).
 */
export function toCohereMessages(messages: unknown): Json[] {
  if (!Array.isArray(messages) || messages.length === 0) throw new UnsupportedRequestError('cohere: messages must be a non-empty array');
  return messages.map((raw, position) => {
    if (!raw || typeof raw !== 'object') throw new UnsupportedRequestError(`cohere: messages[${position}] must be an object`);
    const message = raw as Json;
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textContent(message.content, position) };
      case 'user':
        return { role: 'user', content: userContent(message.content, position) };
      case 'assistant':
        return assistantMessage(message, position);
      case 'tool':
        return toolMessage(message, position);
      default:
        throw new UnsupportedRequestError(`cohere: unsupported message role ${JSON.stringify(message.role)} at messages[${position}]`);
    }
  });
}

/** Text-only content as a string; parts are joined (system and assistant turns take text only). */
function textContent(content: unknown, position: number): string {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) throw new UnsupportedRequestError(`cohere: messages[${position}].content must be a string or an array of parts`);
  return content
    .map((part: Json) => {
      if (part?.type === 'text' && typeof part.text === 'string') return part.text;
      if (part?.type === 'refusal' && typeof part.refusal === 'string') return part.refusal;
      throw new UnsupportedRequestError(`cohere: messages[${position}] may only contain text parts (got ${JSON.stringify(part?.type)})`);
    })
    .join('');
}

/** User content keeps its parts: Cohere's vision models read `image_url` parts as OpenAI sends them. */
function userContent(content: unknown, position: number): string | Json[] {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) throw new UnsupportedRequestError(`cohere: messages[${position}].content must be a string or an array of parts`);
  return content.map((part: Json) => {
    if (part?.type === 'text' && typeof part.text === 'string') return { type: 'text', text: part.text };
    if (part?.type === 'image_url' && part.image_url && typeof part.image_url === 'object') {
      const image = part.image_url as Json;
      return { type: 'image_url', image_url: { url: image.url, ...(image.detail ? { detail: image.detail } : {}) } };
    }
    throw new UnsupportedRequestError(`cohere: unsupported content part ${JSON.stringify(part?.type)} at messages[${position}] (text and image_url are supported)`);
  });
}

function assistantMessage(message: Json, position: number): Json {
  const text = textContent(message.content, position);
  const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]).map((call) => toolCall(call, position)) : [];
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  return { role: 'assistant', tool_calls: toolCalls, ...(text ? { tool_plan: text } : {}) };
}

function toolCall(call: Json, position: number): Json {
  const fn = (call?.function ?? {}) as Json;
  if (typeof call?.id !== 'string' || typeof fn.name !== 'string') {
    throw new UnsupportedRequestError(`cohere: every tool call in messages[${position}] needs an id and a function name`);
  }
  const args = typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {});
  return { id: call.id, type: 'function', function: { name: fn.name, arguments: args } };
}

function toolMessage(message: Json, position: number): Json {
  if (typeof message.tool_call_id !== 'string' || !message.tool_call_id) {
    throw new UnsupportedRequestError(`cohere: tool message messages[${position}] needs a tool_call_id`);
  }
  return { role: 'tool', tool_call_id: message.tool_call_id, content: textContent(message.content, position) };
}
