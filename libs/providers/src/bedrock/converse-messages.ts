import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { parseDataUrl } from '../shared/data-url.js';
import { isObject } from './converse-common.js';

/**
 * OpenAI chat messages → Converse `system` blocks and `messages`.
 *
 * - system and developer messages, wherever they are, become `system: [{text}]` in order;
 * - user and assistant keep their role; tool results go in a user turn as `toolResult` blocks;
 * - consecutive turns of the same role are merged into one, since Converse wants user and
 *   assistant to alternate (parallel tool results therefore land in one user turn, as required);
 * - empty text is left out: Converse rejects blank text blocks;
 * - `cache_control` on a text part adds a `cachePoint` block right after it (prompt caching).
 *
 * Bedrock takes media only as bytes: http(s) image URLs cannot be fetched for it, so they are
 * refused with a clear message instead of being dropped.
 */
export interface ConverseMessages {
  system: Json[];
  messages: Json[];
  /** True when some turn carries toolUse/toolResult blocks (Converse then needs a toolConfig). */
  hasToolBlocks: boolean;
}

type Role = 'user' | 'assistant';

const IMAGE_FORMATS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

const DOCUMENT_FORMATS: Record<string, string> = {
  'application/pdf': 'pdf',
  'text/csv': 'csv',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'text/html': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
};

const CACHE_POINT: Json = { cachePoint: { type: 'default' } };

export function toConverseMessages(input: unknown): ConverseMessages {
  if (!Array.isArray(input) || input.length === 0) throw new UnsupportedRequestError('bedrock: messages must be a non-empty array');
  const system: Json[] = [];
  const messages: { role: Role; content: Json[] }[] = [];
  const documents = { count: 0 };
  let hasToolBlocks = false;

  const append = (role: Role, blocks: Json[]): void => {
    if (blocks.length === 0) return;
    const last = messages[messages.length - 1];
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };

  for (const raw of input) {
    if (!isObject(raw)) throw new UnsupportedRequestError('bedrock: each message must be an object');
    switch (raw.role) {
      case 'system':
      case 'developer':
        system.push(...textOnlyBlocks(raw.content, raw.role));
        break;
      case 'user':
        append('user', contentBlocks(raw.content, documents));
        break;
      case 'assistant': {
        const blocks = assistantBlocks(raw);
        hasToolBlocks ||= blocks.some((b) => 'toolUse' in b);
        append('assistant', blocks);
        break;
      }
      case 'tool':
        hasToolBlocks = true;
        append('user', [toolResultBlock(raw, documents)]);
        break;
      default:
        throw new UnsupportedRequestError(`bedrock: unsupported message role "${String(raw.role)}"`);
    }
  }
  return { system, messages, hasToolBlocks };
}

/** System prompts are text only on Converse. */
function textOnlyBlocks(content: unknown, role: string): Json[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  return content.flatMap((part) => {
    if (!isObject(part) || part.type !== 'text') throw new UnsupportedRequestError(`bedrock: ${role} messages may only contain text`);
    return textPart(part);
  });
}

function textPart(part: Json): Json[] {
  const text = typeof part.text === 'string' ? part.text : '';
  const blocks: Json[] = text ? [{ text }] : [];
  if (part.cache_control && blocks.length > 0) blocks.push(CACHE_POINT);
  return blocks;
}

function contentBlocks(content: unknown, documents: { count: number }): Json[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  if (content === null || content === undefined) return [];
  if (!Array.isArray(content)) throw new UnsupportedRequestError('bedrock: message content must be a string or an array of parts');
  return content.flatMap((part) => partBlocks(part, documents));
}

function partBlocks(part: unknown, documents: { count: number }): Json[] {
  if (!isObject(part)) throw new UnsupportedRequestError('bedrock: each content part must be an object');
  switch (part.type) {
    case 'text':
      return textPart(part);
    case 'image_url':
      return [imageBlock(part.image_url)];
    case 'file':
      return [documentBlock(part.file, documents)];
    default:
      throw new UnsupportedRequestError(`bedrock: content parts of type "${String(part.type)}" are not supported`);
  }
}

function imageBlock(imageUrl: unknown): Json {
  const url = typeof imageUrl === 'string' ? imageUrl : isObject(imageUrl) && typeof imageUrl.url === 'string' ? imageUrl.url : '';
  const data = parseDataUrl(url);
  if (!data) {
    throw new UnsupportedRequestError('bedrock: images must be sent as base64 data URLs (data:image/png;base64,…); Bedrock cannot fetch image URLs');
  }
  const format = IMAGE_FORMATS[data.mimeType.toLowerCase()];
  if (!format) throw new UnsupportedRequestError(`bedrock: image type ${data.mimeType} is not supported (png, jpeg, gif, webp)`);
  return { image: { format, source: { bytes: data.data } } };
}

/**
 * An OpenAI `file` part with inline data → a Converse `document`. Converse requires a name made
 * of letters, digits, spaces, hyphens, parentheses and brackets only, so the file name is
 * cleaned, and a numbered one is used when there is none.
 */
function documentBlock(file: unknown, documents: { count: number }): Json {
  const data = isObject(file) && typeof file.file_data === 'string' ? parseDataUrl(file.file_data) : undefined;
  if (!data) throw new UnsupportedRequestError('bedrock: files must be sent inline as base64 data URLs in file.file_data (file ids and URLs are not supported)');
  const format = DOCUMENT_FORMATS[data.mimeType.toLowerCase()];
  if (!format) throw new UnsupportedRequestError(`bedrock: document type ${data.mimeType} is not supported`);
  documents.count += 1;
  const filename = isObject(file) && typeof file.filename === 'string' ? file.filename : '';
  const name =
    filename
      .replace(/\.[^.]*$/, '')
      .replace(/[^A-Za-z0-9\s\-()[\]]/g, '-')
      .replace(/\s+/g, ' ')
      .trim() || `document-${documents.count}`;
  return { document: { format, name, source: { bytes: data.data } } };
}

function assistantBlocks(message: Json): Json[] {
  const blocks: Json[] = [];
  if (typeof message.content === 'string') {
    if (message.content) blocks.push({ text: message.content });
  } else if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (!isObject(part)) continue;
      // A refusal the model gave earlier is still text it said.
      if (part.type === 'text') blocks.push(...textPart(part));
      else if (part.type === 'refusal' && typeof part.refusal === 'string' && part.refusal) blocks.push({ text: part.refusal });
    }
  }
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) blocks.push(toolUseBlock(call));
  }
  return blocks;
}

function toolUseBlock(call: unknown): Json {
  if (!isObject(call) || !isObject(call.function) || typeof call.id !== 'string' || typeof call.function.name !== 'string') {
    throw new UnsupportedRequestError('bedrock: each assistant tool call needs an id and a function name');
  }
  return { toolUse: { toolUseId: call.id, name: call.function.name, input: toolInput(call.function.arguments) } };
}

/** Converse wants the input as a JSON object, OpenAI sends it as a string (empty for no arguments). */
function toolInput(args: unknown): Json {
  if (isObject(args)) return args;
  if (typeof args !== 'string' || !args.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(args);
    if (isObject(parsed)) return parsed;
  } catch {
    // fall through to the error below
  }
  throw new UnsupportedRequestError('bedrock: tool call arguments must be a JSON object');
}

/** A tool message → `toolResult`; text and images are kept, as Converse tool results allow both. */
function toolResultBlock(message: Json, documents: { count: number }): Json {
  if (typeof message.tool_call_id !== 'string' || !message.tool_call_id) {
    throw new UnsupportedRequestError('bedrock: tool messages need a tool_call_id');
  }
  const content = contentBlocks(message.content, documents).filter((b) => !('cachePoint' in b));
  return { toolResult: { toolUseId: message.tool_call_id, content } };
}
