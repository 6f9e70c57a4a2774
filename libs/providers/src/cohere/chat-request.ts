import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toCohereMessages } from './chat-messages.js';

/** Cohere-only fields a client may send through the OpenAI API; forwarded as they are. */
const COHERE_EXTRAS = ['documents', 'citation_options', 'safety_mode', 'thinking', 'priority'] as const;

/**
 * OpenAI chat body → Cohere v2 `/v2/chat` body. Renamed: `top_p`→`p`, `top_k`→`k`, `stop`→
 * `stop_sequences`, `max_completion_tokens`→`max_tokens`. Cohere answers with one generation, so
 * `n > 1` is refused rather than silently answered once. `logprobs` is not forwarded: Cohere's
 * per-token format has no mapping to OpenAI's here. `user` and `parallel_tool_calls` have no
 * Cohere counterpart and are left out.
 */
export function toCohereChatRequest(body: Json): Json {
  if (typeof body.model !== 'string' || !body.model) throw new UnsupportedRequestError('cohere: model is required');
  if (typeof body.n === 'number' && body.n > 1) throw new UnsupportedRequestError('cohere: n > 1 is not supported (Cohere returns one generation per request)');

  const out: Json = { model: body.model, messages: toCohereMessages(body.messages) };
  const maxTokens = body.max_completion_tokens ?? body.max_tokens;
  if (typeof maxTokens === 'number') out.max_tokens = maxTokens;
  const stop = typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop : undefined;
  if (stop && stop.length > 0) out.stop_sequences = stop;
  for (const key of ['temperature', 'seed', 'frequency_penalty', 'presence_penalty'] as const) {
    if (typeof body[key] === 'number') out[key] = body[key];
  }
  if (typeof body.top_p === 'number') out.p = body.top_p;
  if (typeof body.top_k === 'number') out.k = body.top_k;
  if (body.stream === true) out.stream = true;

  Object.assign(out, tools(body));
  const format = responseFormat(body.response_format);
  if (format) out.response_format = format;
  for (const key of COHERE_EXTRAS) if (body[key] !== undefined) out[key] = body[key];
  return out;
}

/**
 * Function tools pass in OpenAI's shape, which Cohere v2 shares. Cohere has no per-tool `strict`;
 * its request-wide `strict_tools` is switched on when any tool asks for it. Tool choice:
 * `required`→REQUIRED, `none`→NONE, `auto`→Cohere's default. Cohere cannot name a tool, so a named
 * choice becomes REQUIRED with only that tool offered: the model must call exactly that function,
 * which is what the client asked for.
 */
function tools(body: Json): Json {
  const list = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
  const choice = body.tool_choice;
  if (list.length === 0) return {};
  let offered = list;
  let toolChoice: string | undefined;
  if (choice === 'required') toolChoice = 'REQUIRED';
  else if (choice === 'none') toolChoice = 'NONE';
  else if (choice && typeof choice === 'object') {
    const name = ((choice as Json).function as Json | undefined)?.name;
    offered = list.filter((t) => (t.function as Json | undefined)?.name === name);
    if (offered.length === 0) throw new UnsupportedRequestError(`cohere: tool_choice names ${JSON.stringify(name)}, which is not among the tools`);
    toolChoice = 'REQUIRED';
  } else if (choice !== undefined && choice !== 'auto') {
    throw new UnsupportedRequestError(`cohere: unsupported tool_choice ${JSON.stringify(choice)}`);
  }
  const strict = offered.some((t) => (t.function as Json | undefined)?.strict === true);
  return {
    tools: offered.map(cohereTool),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(strict ? { strict_tools: true } : {}),
  };
}

function cohereTool(tool: Json): Json {
  if (tool.type !== 'function') throw new UnsupportedRequestError(`cohere: only function tools are supported (got ${JSON.stringify(tool.type)})`);
  const { strict: _strict, ...fn } = (tool.function ?? {}) as Json;
  return { type: 'function', function: fn };
}

/** `json_object` passes; `json_schema` becomes Cohere's JSON mode with that schema. */
function responseFormat(format: unknown): Json | undefined {
  if (!format || typeof format !== 'object') return undefined;
  const f = format as Json;
  if (f.type === 'json_object') return { type: 'json_object' };
  if (f.type === 'json_schema') {
    const schema = (f.json_schema as Json | undefined)?.schema;
    return { type: 'json_object', ...(schema ? { json_schema: schema } : {}) };
  }
  return undefined;
}
