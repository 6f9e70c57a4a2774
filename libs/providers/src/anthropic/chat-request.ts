import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { toAnthropicMessages } from './chat-messages.js';
import { textBlock } from './content-parts.js';
import { toAnthropicTools, toAnthropicToolChoice } from './chat-tools.js';

/**
 * OpenAI chat completion request → Anthropic Messages request.
 *
 * Fields are handled in three groups:
 * - mapped: the OpenAI fields with an Anthropic meaning (below);
 * - dropped: OpenAI-only fields Anthropic would reject as unknown (penalties, seed, logprobs, …);
 * - forwarded: anything else is taken to be an Anthropic-native field (`top_k`, `thinking`,
 *   `container`, `mcp_servers`, …) and sent as is. The reference whitelists instead and silently
 *   loses such fields (its issues #1145, #1487).
 */

/** Anthropic requires max_tokens; the reference leaves it unset so such requests fail upstream. */
export const DEFAULT_MAX_TOKENS = 4096;

/** Anthropic accepts temperature in [0, 1]; OpenAI allows up to 2. Clamped like the reference. */
const MAX_TEMPERATURE = 1;

const MAPPED = new Set([
  'model',
  'messages',
  'system',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'stop',
  'user',
  'metadata',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'n',
]);

const OPENAI_ONLY = new Set([
  'frequency_penalty',
  'presence_penalty',
  'seed',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'stream_options',
  'service_tier',
  'store',
  'modalities',
  'audio',
  'prediction',
  'reasoning_effort',
  'verbosity',
  'web_search_options',
  'prompt_cache_key',
  'safety_identifier',
  // Header settings some clients put in the body; they are not body fields upstream.
  'anthropic_version',
  'anthropic_beta',
]);

export function toAnthropicChatRequest(body: Json): Json {
  if (typeof body.n === 'number' && body.n !== 1) {
    throw new UnsupportedRequestError('anthropic: n > 1 is not supported (Anthropic returns one completion per request)');
  }
  if (body.functions !== undefined || body.function_call !== undefined) {
    throw new UnsupportedRequestError('anthropic: the deprecated functions/function_call fields are not supported; use tools/tool_choice');
  }

  // Nulls are how many SDKs say "unset"; Anthropic rejects null for its numeric fields.
  const forwarded: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (value !== null && !MAPPED.has(key) && !OPENAI_ONLY.has(key)) forwarded[key] = value;
  }

  const { system, messages } = toAnthropicMessages(body.messages);
  const systemBlocks = [...nativeSystem(body.system), ...system, ...responseFormatInstruction(body.response_format)];
  const tools = toAnthropicTools(body.tools);
  const toolChoice = toAnthropicToolChoice(body.tool_choice, body.parallel_tool_calls, tools !== undefined);
  const stopSequences = toStopSequences(body.stop);
  const metadata = toMetadata(body.user, body.metadata);

  return {
    model: body.model,
    ...(systemBlocks.length > 0 ? { system: systemBlocks } : {}),
    messages,
    max_tokens: maxTokens(body),
    ...forwarded,
    ...(typeof body.temperature === 'number' ? { temperature: Math.min(body.temperature, MAX_TEMPERATURE) } : {}),
    ...(stopSequences ? { stop_sequences: stopSequences } : {}),
    ...(tools ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(metadata ? { metadata } : {}),
  };
}

/**
 * `max_completion_tokens` (OpenAI's current name) wins over `max_tokens`. Without either we send
 * a default; with extended thinking the default sits above the thinking budget, since Anthropic
 * requires `budget_tokens < max_tokens`.
 */
function maxTokens(body: Json): number {
  const explicit = body.max_completion_tokens ?? body.max_tokens;
  if (typeof explicit === 'number') return explicit;
  const thinking = body.thinking as Json | undefined;
  const budget = thinking?.type === 'enabled' && typeof thinking.budget_tokens === 'number' ? thinking.budget_tokens : 0;
  return DEFAULT_MAX_TOKENS + budget;
}

/** Anthropic wants an array; OpenAI allows a single string (the reference forwards it unwrapped). */
function toStopSequences(stop: unknown): string[] | undefined {
  const list = typeof stop === 'string' ? [stop] : Array.isArray(stop) ? stop.filter((s): s is string => typeof s === 'string') : [];
  return list.length > 0 ? list : undefined;
}

/**
 * OpenAI's `user` is Anthropic's `metadata.user_id`. OpenAI's own `metadata` (stored-completion
 * tags) has no upstream meaning and Anthropic rejects unknown metadata keys, so only a `user_id`
 * from an Anthropic-style `metadata` survives.
 */
function toMetadata(user: unknown, metadata: unknown): Json | undefined {
  if (typeof user === 'string' && user) return { user_id: user };
  const userId = (metadata as Json | undefined)?.user_id;
  return typeof userId === 'string' ? { user_id: userId } : undefined;
}

/** An Anthropic-native top-level `system` (string or blocks) is kept ahead of system messages. */
function nativeSystem(system: unknown): Json[] {
  if (typeof system === 'string') {
    const block = textBlock(system);
    return block ? [block] : [];
  }
  return Array.isArray(system) ? (system as Json[]) : [];
}

/**
 * The basic Messages API has no JSON mode. `json_object` needs nothing: OpenAI itself requires
 * the prompt to ask for JSON in that mode, so the prompt already says so. `json_schema` would be
 * lost entirely, so its schema is appended to the system prompt as an instruction (best effort,
 * not enforced; appended last so cached system prefixes stay intact). A forced tool call would
 * enforce it but changes the response shape, which is too surprising for a translation layer.
 */
function responseFormatInstruction(responseFormat: unknown): Json[] {
  const format = responseFormat as Json | undefined;
  if (format?.type !== 'json_schema') return [];
  const spec = (format.json_schema ?? {}) as Json;
  if (!spec.schema) return [];
  const name = typeof spec.name === 'string' ? ` "${spec.name}"` : '';
  const text = `Respond only with a JSON value that conforms to the JSON Schema${name} below, with no other text and no Markdown code fences.\n${JSON.stringify(spec.schema)}`;
  return [{ type: 'text', text }];
}
