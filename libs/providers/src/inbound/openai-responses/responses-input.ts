import type { Json } from '../../core/types.js';
import { asString, isRecord } from '../shared/json.js';
import { unsupported } from './unsupported.js';

/**
 * Responses `input` (a string or a list of items) → OpenAI chat messages.
 *
 * - message items keep their role, except `developer`, which becomes `system`: most chat
 *   providers do not know `developer`, and for them the two mean the same.
 * - `function_call` items become assistant `tool_calls`; consecutive calls, and the assistant
 *   message right before them, form one assistant message, as in the turn that produced them.
 * - `function_call_output` items become `role: "tool"` messages. Chat tool messages are text only,
 *   so images and files an output holds are moved into a user message after the run of tool
 *   messages (chat requires the tool messages to follow their calls directly).
 * - `reasoning` items are dropped: their encrypted content only means something to OpenAI, and
 *   leaving them out does not change what the conversation says.
 * - `item_reference` and the items of OpenAI-hosted tools (web_search_call, computer_call…) are
 *   refused: they point at state or tools only OpenAI has.
 */
export function inputToChatMessages(input: unknown): Json[] {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input)) throw unsupported('input must be a string or an array of input items');
  const out: Json[] = [];
  let attachments: Json[] = [];
  const flushAttachments = () => {
    if (attachments.length > 0) out.push({ role: 'user', content: attachments });
    attachments = [];
  };

  for (const raw of input) {
    if (!isRecord(raw)) throw unsupported('input items must be objects');
    const type = raw.type ?? (raw.role !== undefined ? 'message' : undefined);
    if (type !== 'function_call_output') flushAttachments();
    switch (type) {
      case 'message':
        out.push(messageItem(raw));
        break;
      case 'function_call':
        addToolCall(out, raw);
        break;
      case 'function_call_output': {
        const result = functionCallOutput(raw);
        out.push(result.message);
        attachments.push(...result.attachments);
        break;
      }
      case 'reasoning':
        break;
      case 'item_reference':
        throw unsupported('item_reference needs items stored by an earlier response, which this provider does not have; send the items themselves');
      default:
        throw unsupported(`input item type "${String(type)}" is not supported for this provider (messages, function_call and function_call_output are)`);
    }
  }
  flushAttachments();
  return out;
}

function messageItem(item: Json): Json {
  const role = item.role;
  if (role === 'user') return { role: 'user', content: userContent(item.content) };
  if (role === 'system' || role === 'developer') return { role: 'system', content: plainText(item.content, String(role)) };
  if (role === 'assistant') return { role: 'assistant', content: plainText(item.content, 'assistant') };
  throw unsupported(`message role "${String(role)}" is not supported (user, assistant, system or developer)`);
}

function partsOf(content: unknown): Json[] {
  if (!Array.isArray(content)) throw unsupported('message content must be a string or an array of content parts');
  return content.map((part) => {
    if (!isRecord(part)) throw unsupported('content parts must be objects');
    return part;
  });
}

function userContent(content: unknown): unknown {
  if (typeof content === 'string') return content;
  return partsOf(content).map(userPart);
}

function userPart(part: Json): Json {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: asString(part.text) ?? '' };
    case 'input_image':
      return imagePart(part);
    case 'input_file':
      return filePart(part);
    case 'input_audio':
      // The same `{data, format}` object chat's input_audio part carries.
      return { type: 'input_audio', input_audio: part.input_audio };
    default:
      throw unsupported(`content part type "${String(part.type)}" is not supported in user messages`);
  }
}

function imagePart(part: Json): Json {
  if (typeof part.image_url === 'string' && part.image_url) {
    // Chat knows auto/low/high; Responses' `original` has no chat counterpart and is left to the default.
    const detail = part.detail === 'low' || part.detail === 'high' || part.detail === 'auto' ? { detail: part.detail } : {};
    return { type: 'image_url', image_url: { url: part.image_url, ...detail } };
  }
  if (part.file_id) throw unsupported("input_image with a file_id refers to OpenAI's Files API, which this provider cannot read; send image_url (a URL or a data URL)");
  throw unsupported('input_image needs an image_url');
}

function filePart(part: Json): Json {
  if (typeof part.file_data === 'string' && part.file_data) {
    return { type: 'file', file: { file_data: part.file_data, ...(typeof part.filename === 'string' ? { filename: part.filename } : {}) } };
  }
  if (part.file_id) throw unsupported("input_file with a file_id refers to OpenAI's Files API, which this provider cannot read; send file_data");
  if (part.file_url) throw unsupported('input_file with a file_url is fetched by OpenAI, which this provider cannot do; send file_data');
  throw unsupported('input_file needs file_data');
}

/** System, developer and assistant content as one string: text parts are consecutive pieces. */
function plainText(content: unknown, role: string): string {
  if (typeof content === 'string') return content;
  return partsOf(content)
    .map((part) => {
      if (part.type === 'input_text' || part.type === 'output_text') return asString(part.text) ?? '';
      if (part.type === 'refusal') return asString(part.refusal) ?? '';
      throw unsupported(`content part type "${String(part.type)}" is not supported in ${role} messages`);
    })
    .join('');
}

function addToolCall(out: Json[], item: Json): void {
  const callId = asString(item.call_id);
  if (!callId) throw unsupported('function_call items need a call_id');
  const call = { id: callId, type: 'function', function: { name: asString(item.name) ?? '', arguments: asString(item.arguments) ?? '' } };
  const last = out[out.length - 1];
  if (last?.role === 'assistant') {
    const calls = Array.isArray(last.tool_calls) ? last.tool_calls : [];
    last.tool_calls = [...calls, call];
    // OpenAI's convention: null, not '', when an assistant turn is only tool calls.
    if (last.content === '') last.content = null;
    return;
  }
  out.push({ role: 'assistant', content: null, tool_calls: [call] });
}

function functionCallOutput(item: Json): { message: Json; attachments: Json[] } {
  const callId = asString(item.call_id);
  if (!callId) throw unsupported('function_call_output items need a call_id');
  if (typeof item.output === 'string') return { message: toolMessage(callId, item.output), attachments: [] };
  const texts: string[] = [];
  const files: Json[] = [];
  for (const part of partsOf(item.output)) {
    const converted = userPart(part);
    if (converted.type === 'text') texts.push(converted.text as string);
    else files.push(converted);
  }
  let text = texts.join('\n');
  if (files.length > 0) {
    const note = `[${files.length} image/file output(s) of this function call are attached to the next user message]`;
    text = text ? `${text}\n${note}` : note;
  }
  const attachments = files.length > 0 ? [{ type: 'text', text: `Output of function call ${callId}:` }, ...files] : [];
  return { message: toolMessage(callId, text), attachments };
}

function toolMessage(callId: string, content: string): Json {
  return { role: 'tool', tool_call_id: callId, content };
}

/** `instructions` → the first message; undefined when absent or empty. */
export function instructionsMessage(instructions: unknown): Json | undefined {
  if (instructions === undefined || instructions === null || instructions === '') return undefined;
  if (typeof instructions !== 'string') throw unsupported('instructions must be a string');
  return { role: 'system', content: instructions };
}

