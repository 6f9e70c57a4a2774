import type { Json } from '../../core/types.js';
import { asRecord, asString, isRecord, optional } from '../shared/json.js';
import { inputToChatMessages, instructionsMessage } from './responses-input.js';
import { toChatToolChoice, toChatTools } from './responses-tools.js';
import { unsupported } from './unsupported.js';

/**
 * OpenAI Responses request (`POST /v1/responses`) → OpenAI chat completion request, for chat
 * providers without a Responses API. The translation is stateless: nothing is stored, so features
 * that read earlier responses are refused, and every response says `store: false`.
 *
 * Dropped on purpose (leaving them out does not change what the answer means):
 * `store` (answered with `store: false`), `include`, `metadata` (echoed on the response, but chat
 * providers other than OpenAI reject it), `text.verbosity`, `reasoning.summary`, `truncation`,
 * `service_tier`, `prompt_cache_key`, `prompt_cache_retention`, `prompt_cache_options`,
 * `safety_identifier`, `top_logprobs`, `stream_options`, `context_management`, and
 * `max_tool_calls` (it limits built-in tools, which are refused anyway). Unknown fields are
 * ignored rather than forwarded, so a newer client cannot make a chat provider reject the request.
 */

const REFUSED: Record<string, string> = {
  previous_response_id:
    'previous_response_id is not supported for this provider: the gateway translates /v1/responses statelessly and has no stored responses to continue from. Send the whole conversation in input instead (including earlier output items).',
  conversation: 'conversation is not supported for this provider: conversations are stored by OpenAI. Send the whole conversation in input instead.',
  prompt: 'prompt (a stored prompt template) is not supported for this provider: templates are stored by OpenAI. Send instructions and input instead.',
  moderation: 'moderation is not supported for this provider: moderated completions are run by OpenAI.',
};

export function responsesToChatRequest(body: Json): Json {
  for (const [field, reason] of Object.entries(REFUSED)) {
    if (body[field] !== undefined && body[field] !== null) throw unsupported(reason);
  }
  if (body.background === true) throw unsupported('background responses are not supported for this provider: they need stored responses to poll.');
  if (body.input === undefined || body.input === null) throw unsupported('input is required');

  const system = instructionsMessage(body.instructions);
  const toolFields = toChatToolChoice(body.tool_choice, toChatTools(body.tools));
  const effort = asString(asRecord(body.reasoning).effort);

  return {
    model: body.model,
    messages: [...(system ? [system] : []), ...inputToChatMessages(body.input)],
    ...optional('max_tokens', body.max_output_tokens),
    ...optional('temperature', body.temperature),
    ...optional('top_p', body.top_p),
    ...(body.stream === true ? { stream: true } : {}),
    ...toolFields,
    ...(toolFields.tools && typeof body.parallel_tool_calls === 'boolean' ? { parallel_tool_calls: body.parallel_tool_calls } : {}),
    ...responseFormat(asRecord(body.text).format),
    // The same OpenAI setting under its chat name; providers without reasoning drop or reject it.
    ...optional('reasoning_effort', effort),
    ...optional('user', asString(body.user)),
  };
}

/** `text.format` → `response_format`: Responses flattens the json_schema fields, chat nests them. */
function responseFormat(format: unknown): Json {
  if (format === undefined || format === null) return {};
  const f = asRecord(format);
  switch (f.type) {
    case 'text':
      return {};
    case 'json_object':
      return { response_format: { type: 'json_object' } };
    case 'json_schema': {
      if (typeof f.name !== 'string' || !isRecord(f.schema)) throw unsupported('text.format json_schema needs a name and a schema');
      const jsonSchema = {
        name: f.name,
        schema: f.schema,
        ...(typeof f.description === 'string' ? { description: f.description } : {}),
        ...(typeof f.strict === 'boolean' ? { strict: f.strict } : {}),
      };
      return { response_format: { type: 'json_schema', json_schema: jsonSchema } };
    }
    default:
      throw unsupported(`text.format type "${String(f.type)}" is not supported (text, json_object or json_schema)`);
  }
}
