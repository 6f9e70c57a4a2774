import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { contentPartBlock, textBlock, withCacheControl } from './content-parts.js';

/**
 * OpenAI chat `messages` → Anthropic `system` + `messages`.
 *
 * Anthropic has no system role: every system and developer message, wherever it sits, becomes a
 * top-level system text block, in order. It also requires user and assistant turns to alternate,
 * so consecutive turns of the same role (two user messages, an assistant message split in two,
 * several tool results in a row) are merged into one turn, keeping block order. Tool results are
 * user turns in Anthropic's model; merging them is what lets parallel tool calls round-trip.
 */

export interface AnthropicTurn {
  role: 'user' | 'assistant';
  content: Json[];
}

export interface ConvertedMessages {
  system: Json[];
  messages: AnthropicTurn[];
}

export function toAnthropicMessages(messages: unknown): ConvertedMessages {
  if (!Array.isArray(messages)) throw new UnsupportedRequestError('anthropic: messages must be an array');
  const system: Json[] = [];
  const turns: AnthropicTurn[] = [];
  messages.forEach((raw, position) => {
    if (!raw || typeof raw !== 'object') throw new UnsupportedRequestError(`anthropic: messages[${position}] must be an object`);
    const message = raw as Json;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...applyMessageCacheControl(systemBlocks(message.content, position), message.cache_control));
        return;
      case 'user':
        pushTurn(turns, 'user', applyMessageCacheControl(userBlocks(message.content), message.cache_control));
        return;
      case 'assistant':
        pushTurn(turns, 'assistant', applyMessageCacheControl(assistantBlocks(message), message.cache_control));
        return;
      case 'tool':
        pushTurn(turns, 'user', [toolResultBlock(message, position)]);
        return;
      case 'function':
        throw new UnsupportedRequestError('anthropic: the deprecated "function" role is not supported; use tool_calls and "tool" messages');
      default:
        throw new UnsupportedRequestError(`anthropic: unsupported message role ${JSON.stringify(message.role)} at messages[${position}]`);
    }
  });
  return { system, messages: turns };
}

/**
 * Appends to the previous turn when the role repeats (Anthropic's alternation rule). A message
 * that produced no blocks (empty content) is skipped: Anthropic rejects empty turns and an empty
 * message carries nothing to send.
 */
function pushTurn(turns: AnthropicTurn[], role: AnthropicTurn['role'], blocks: Json[]): void {
  if (blocks.length === 0) return;
  const last = turns[turns.length - 1];
  if (last && last.role === role) last.content.push(...blocks);
  else turns.push({ role, content: [...blocks] });
}

function systemBlocks(content: unknown, position: number): Json[] {
  if (typeof content === 'string') return compact([textBlock(content)]);
  if (!Array.isArray(content)) return [];
  return compact(
    content.map((part: Json) => {
      if (part?.type !== 'text') {
        throw new UnsupportedRequestError(`anthropic: system/developer messages may only contain text (messages[${position}] has ${JSON.stringify(part?.type)})`);
      }
      return textBlock(part.text, part.cache_control);
    }),
  );
}

function userBlocks(content: unknown): Json[] {
  if (typeof content === 'string') return compact([textBlock(content)]);
  if (!Array.isArray(content)) return [];
  return compact(content.map(contentPartBlock));
}

/**
 * Assistant turn: thinking blocks first (Anthropic requires them to lead when they are sent back
 * with tool use), then text, then one `tool_use` per tool call. Thinking blocks come back from
 * our own non-strict responses as `content_blocks`.
 */
function assistantBlocks(message: Json): Json[] {
  const thinking = Array.isArray(message.content_blocks)
    ? (message.content_blocks as Json[]).filter((b) => b?.type === 'thinking' || b?.type === 'redacted_thinking')
    : [];
  const content = message.content;
  let text: Json[] = [];
  if (typeof content === 'string') text = compact([textBlock(content)]);
  else if (Array.isArray(content)) {
    // OpenAI assistant parts are text or refusal; a refusal is still what the assistant said.
    text = compact(content.map((part: Json) => (part?.type === 'refusal' ? textBlock(part.refusal, part.cache_control) : contentPartBlock(part))));
  }
  const toolCalls = Array.isArray(message.tool_calls) ? (message.tool_calls as Json[]).map(toolUseBlock) : [];
  return [...thinking, ...text, ...toolCalls];
}

/**
 * `tool_calls[i]` → `tool_use`. Anthropic wants `input` as an object, OpenAI sends a JSON string.
 * An empty string means "no arguments" ({}); anything that does not parse to an object is refused
 * with a clear message rather than replaced by {}, which would misreport what the tool was called
 * with.
 */
function toolUseBlock(call: Json): Json {
  const fn = (call?.function ?? {}) as Json;
  const id = call?.id;
  if (typeof id !== 'string' || typeof fn.name !== 'string') {
    throw new UnsupportedRequestError('anthropic: every assistant tool call needs an id and a function name');
  }
  return withCacheControl({ type: 'tool_use', id, name: fn.name, input: parseArguments(fn.arguments, id) }, call.cache_control);
}

function parseArguments(args: unknown, id: string): Json {
  if (args === undefined || args === null) return {};
  if (typeof args === 'object' && !Array.isArray(args)) return args as Json;
  if (typeof args !== 'string') throw invalidArguments(id);
  if (args.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch {
    throw invalidArguments(id);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidArguments(id);
  return parsed as Json;
}

function invalidArguments(id: string): UnsupportedRequestError {
  return new UnsupportedRequestError(`anthropic: the arguments of tool call ${id} must be a JSON object (Anthropic requires tool_use input to be an object)`);
}

/** `role: tool` → a `tool_result` block in a user turn; string content stays a string. */
function toolResultBlock(message: Json, position: number): Json {
  const toolUseId = message.tool_call_id;
  if (typeof toolUseId !== 'string' || !toolUseId) {
    throw new UnsupportedRequestError(`anthropic: tool message messages[${position}] needs a tool_call_id`);
  }
  const block: Json = { type: 'tool_result', tool_use_id: toolUseId };
  const content = message.content;
  if (typeof content === 'string') {
    if (content !== '') block.content = content;
  } else if (Array.isArray(content)) {
    const blocks = compact(content.map(contentPartBlock));
    if (blocks.length > 0) block.content = blocks;
  }
  // Not an OpenAI field, but lets a client flag a failed tool run the way Anthropic expects.
  if (message.is_error === true) block.is_error = true;
  return withCacheControl(block, message.cache_control);
}

/**
 * A message-level `cache_control` (a common extension when content is a plain string) marks the
 * cache breakpoint at the message's last block.
 */
function applyMessageCacheControl(blocks: Json[], cacheControl: unknown): Json[] {
  if (!cacheControl || blocks.length === 0) return blocks;
  const last = blocks.length - 1;
  return blocks.map((b, i) => (i === last ? withCacheControl(b, cacheControl) : b));
}

function compact(blocks: (Json | undefined)[]): Json[] {
  return blocks.filter((b): b is Json => b !== undefined);
}
