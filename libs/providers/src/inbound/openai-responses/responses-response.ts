import type { Json } from '../../core/types.js';
import type { ChatCompletion } from '../shared/chat.types.js';
import { messageText } from '../shared/chat.types.js';
import { derivedId, randomId } from '../shared/ids.js';
import { asString } from '../shared/json.js';
import { completionStatus, itemId, outputTextPart, responseObject, responsesUsage } from './responses-object.js';

/**
 * OpenAI `chat.completion` → Responses Response object. The first choice only. Output order: the
 * assistant message (when there is text or a refusal), then one `function_call` item per tool
 * call (chat does not record their relative order; text before tools is how models write).
 * `model` is the requested one, as in the stream.
 */
export function chatResponseToResponses(chat: Json, request: Json): Json {
  const completion = chat as ChatCompletion;
  const choice = completion.choices?.[0];
  const message = choice?.message;
  const id = derivedId('resp_', completion.id);
  const { status, incompleteDetails } = completionStatus(choice?.finish_reason);
  const text = messageText(message);
  const refusal = typeof message?.refusal === 'string' && message.refusal ? message.refusal : undefined;

  const output: Json[] = [];
  if (text || refusal) {
    output.push({
      id: itemId('msg_', id, output.length),
      type: 'message',
      status: 'completed',
      role: 'assistant',
      content: [
        ...(text ? [outputTextPart(text)] : []),
        ...(refusal ? [{ type: 'refusal', refusal }] : []),
      ],
    });
  }
  for (const call of message?.tool_calls ?? []) {
    output.push({
      id: itemId('fc_', id, output.length),
      type: 'function_call',
      status: 'completed',
      arguments: call.function?.arguments ?? '',
      call_id: call.id || randomId('call_'),
      name: call.function?.name ?? '',
    });
  }

  // A cut response (max_output_tokens, content filter) was cut in its last item.
  const last = output[output.length - 1];
  if (status === 'incomplete' && last) last.status = 'incomplete';

  return responseObject(request, {
    id,
    createdAt: typeof completion.created === 'number' ? completion.created : Math.floor(Date.now() / 1000),
    model: asString(request.model) ?? completion.model ?? '',
    status,
    incompleteDetails,
    output,
    usage: responsesUsage(completion.usage),
  });
}
