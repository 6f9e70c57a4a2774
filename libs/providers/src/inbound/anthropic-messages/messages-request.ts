import type { Json } from '../../core/types.js';
import { asRecord, isRecord, optional } from '../shared/json.js';
import { systemMessage, toChatMessages } from './messages-content.js';
import { toChatTools, toChatToolChoice } from './messages-tools.js';
import { unsupported } from './unsupported.js';

/**
 * Anthropic Messages request (`POST /v1/messages`) → OpenAI chat completion request, for chat
 * providers that do not speak Messages natively.
 *
 * Every request field is either mapped, dropped because leaving it out does not change what the
 * answer means (listed below), or refused with UnsupportedRequestError because it would. Fields
 * this module does not know are ignored rather than forwarded: Messages-only fields would make a
 * chat provider reject the whole request, and Anthropic adds optional fields often.
 */

/*
 * Dropped on purpose (not read below):
 * - `thinking`, `output_config.effort`: reasoning controls; a model without Anthropic's extended
 *   thinking answers the same question. Chat's `reasoning_effort` is no safe substitute, since
 *   non-reasoning models reject it.
 * - `cache_control`, `service_tier`, `inference_geo`, `speed`, `diagnostics`, `user_profile_id`,
 *   `workspace_id`: caching and routing hints, cost and latency rather than meaning.
 * - `context_management`: server-side context editing; the full history is sent instead.
 */

const REFUSED: Record<string, string> = {
  container: "container (code execution sandboxes) exists only on Anthropic's servers",
  mcp_servers: "mcp_servers (the MCP connector) runs only on Anthropic's servers; declare the tools as custom tools",
};

export function messagesToChatRequest(body: Json): Json {
  for (const [field, reason] of Object.entries(REFUSED)) {
    if (body[field] !== undefined && body[field] !== null) throw unsupported(`${field} is not supported: ${reason}`);
  }
  const system = systemMessage(body.system);
  const tools = toChatTools(body.tools);
  const stop = body.stop_sequences;
  if (stop !== undefined && stop !== null && !(Array.isArray(stop) && stop.every((s) => typeof s === 'string'))) {
    throw unsupported('stop_sequences must be an array of strings');
  }

  return {
    model: body.model,
    messages: [...(system ? [system] : []), ...toChatMessages(body.messages)],
    ...optional('max_tokens', body.max_tokens),
    ...optional('temperature', body.temperature),
    ...optional('top_p', body.top_p),
    // Not an OpenAI field, but many chat providers (vLLM, Together, Gemini via adapters) take it.
    ...optional('top_k', body.top_k),
    ...(Array.isArray(stop) && stop.length > 0 ? { stop } : {}),
    ...(body.stream === true ? { stream: true } : {}),
    ...optional('user', asRecord(body.metadata).user_id),
    ...(tools ? { tools } : {}),
    ...toChatToolChoice(body.tool_choice, tools !== undefined),
    ...responseFormat(body.output_config),
  };
}

/**
 * `output_config.format` (structured outputs) → `response_format: json_schema`. Anthropic
 * guarantees the schema, so `strict: true`; chat needs a name, Anthropic has none.
 * `output_config.effort` is a reasoning control and is dropped like `thinking`.
 */
function responseFormat(outputConfig: unknown): Json {
  const format = asRecord(outputConfig).format;
  if (format === undefined || format === null) return {};
  const f = asRecord(format);
  if (f.type !== 'json_schema' || !isRecord(f.schema)) {
    throw unsupported(`output_config.format type "${String(f.type)}" is not supported (json_schema with a schema)`);
  }
  return { response_format: { type: 'json_schema', json_schema: { name: 'response', schema: f.schema, strict: true } } };
}

