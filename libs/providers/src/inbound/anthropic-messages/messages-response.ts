import type { Json } from '../../core/types.js';
import type { ChatCompletion, ChatToolCall } from '../shared/chat.types.js';
import { messageText } from '../shared/chat.types.js';
import { derivedId, randomId } from '../shared/ids.js';
import { parseToolArguments } from '../shared/tool-arguments.js';
import { stopReason } from './stop-reason.js';
import { messagesUsage } from './usage.js';

/**
 * OpenAI `chat.completion` → Anthropic Message. The first choice only (Messages has no `n`).
 * `model` is the one the client asked for, as in the stream, where it is fixed before any
 * upstream chunk arrives; the upstream's own model name stays in the gateway's logs.
 */
export function chatResponseToMessages(chat: Json, requestModel: string): Json {
  const completion = chat as ChatCompletion;
  const choice = completion.choices?.[0];
  const message = choice?.message;
  // A refusal is what the model said; Anthropic reports it as text with stop_reason `refusal`.
  const text = messageText(message) || (typeof message?.refusal === 'string' ? message.refusal : '');
  const toolUses = (message?.tool_calls ?? []).map(toolUseBlock);
  const finish = choice?.finish_reason ?? (message?.refusal ? 'content_filter' : null);

  return {
    id: derivedId('msg_', completion.id),
    type: 'message',
    role: 'assistant',
    model: requestModel,
    content: [...(text ? [{ type: 'text', text }] : []), ...toolUses],
    stop_reason: stopReason(finish, toolUses.length > 0),
    stop_sequence: null,
    usage: messagesUsage(completion.usage),
  };
}

function toolUseBlock(call: ChatToolCall): Json {
  return {
    type: 'tool_use',
    id: call.id || randomId('toolu_'),
    name: call.function?.name ?? '',
    input: parseToolArguments(call.function?.arguments),
  };
}
