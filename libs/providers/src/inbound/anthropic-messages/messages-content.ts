import type { Json } from '../../core/types.js';
import { asRecord, asString, isRecord } from '../shared/json.js';
import { unsupported } from './unsupported.js';

/**
 * Anthropic `system` and `messages` → OpenAI chat messages.
 *
 * Shapes that differ between the two formats:
 * - `tool_result` blocks live inside a user turn in Anthropic, but are separate `role: "tool"`
 *   messages in chat, which must come right after the assistant's tool calls: so a user turn
 *   becomes its tool messages first, then a user message with the rest of its blocks.
 * - chat tool messages carry text only. Images and PDFs a tool returned (Claude Code's Read tool
 *   returns images) are moved into that following user message, labelled with the call id, and
 *   the tool message says so: the model still sees them, which dropping would not allow.
 * - thinking blocks are dropped: their signatures are only meaningful to Anthropic, and leaving
 *   them out does not change what the conversation says.
 */

type Block = Json & { type?: unknown };

export function systemMessage(system: unknown): Json | undefined {
  if (system === undefined || system === null) return undefined;
  if (typeof system === 'string') return system ? { role: 'system', content: system } : undefined;
  if (!Array.isArray(system)) throw unsupported('system must be a string or an array of text blocks');
  const texts = system.map((block) => {
    if (!isRecord(block) || block.type !== 'text' || typeof block.text !== 'string') {
      throw unsupported('system blocks must be text blocks');
    }
    return block.text;
  });
  // One string: every chat provider accepts a string system prompt, not all accept parts.
  const text = texts.filter((t) => t !== '').join('\n\n');
  return text ? { role: 'system', content: text } : undefined;
}

export function toChatMessages(messages: unknown): Json[] {
  if (!Array.isArray(messages)) throw unsupported('messages must be an array');
  return messages.flatMap((message) => {
    const m = asRecord(message);
    if (m.role === 'user') return userMessages(m.content);
    if (m.role === 'assistant') return [assistantMessage(m.content)];
    throw unsupported(`message role "${String(m.role)}" is not supported (user or assistant)`);
  });
}

function blocksOf(content: unknown): Block[] {
  if (!Array.isArray(content)) throw unsupported('message content must be a string or an array of content blocks');
  return content.map((block) => {
    if (!isRecord(block)) throw unsupported('content blocks must be objects');
    return block;
  });
}

function userMessages(content: unknown): Json[] {
  if (typeof content === 'string') return [{ role: 'user', content }];
  const toolMessages: Json[] = [];
  const attachments: Json[] = [];
  const parts: Json[] = [];
  for (const block of blocksOf(content)) {
    if (block.type === 'tool_result') {
      const result = toolResult(block);
      toolMessages.push(result.message);
      attachments.push(...result.attachments);
    } else if (block.type !== 'thinking' && block.type !== 'redacted_thinking') {
      parts.push(...userParts(block));
    }
  }
  const rest = [...attachments, ...parts];
  return rest.length > 0 ? [...toolMessages, { role: 'user', content: rest }] : toolMessages;
}

/** One user-turn block → chat content parts. */
function userParts(block: Block): Json[] {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: asString(block.text) ?? '' }];
    case 'image':
      return [imagePart(block)];
    case 'document':
      return documentParts(block);
    default:
      throw unsupported(`content block type "${String(block.type)}" is not supported in user messages by this translation`);
  }
}

function imagePart(block: Block): Json {
  const source = asRecord(block.source);
  if (source.type === 'base64' && typeof source.data === 'string') {
    const mediaType = asString(source.media_type) ?? 'image/png';
    return { type: 'image_url', image_url: { url: `data:${mediaType};base64,${source.data}` } };
  }
  if (source.type === 'url' && typeof source.url === 'string') return { type: 'image_url', image_url: { url: source.url } };
  if (source.type === 'file') throw unsupported("image blocks with a file source refer to Anthropic's Files API; send the image as base64 or a URL");
  throw unsupported(`image source type "${String(source.type)}" is not supported (base64 or url)`);
}

/**
 * Documents, best effort: PDFs as base64 become chat `file` parts, plain-text and content-block
 * documents become text. URL and Files-API sources have no chat equivalent.
 */
function documentParts(block: Block): Json[] {
  const source = asRecord(block.source);
  const title = asString(block.title);
  switch (source.type) {
    case 'base64': {
      if (source.media_type !== 'application/pdf' || typeof source.data !== 'string') {
        throw unsupported(`base64 documents must be PDFs (got ${String(source.media_type)})`);
      }
      return [{ type: 'file', file: { filename: title ?? 'document.pdf', file_data: `data:application/pdf;base64,${source.data}` } }];
    }
    case 'text': {
      const text = [title, asString(block.context), asString(source.data) ?? ''].filter((t) => t).join('\n\n');
      return [{ type: 'text', text }];
    }
    case 'content': {
      if (typeof source.content === 'string') return [{ type: 'text', text: source.content }];
      return blocksOf(source.content).map((inner) => {
        if (inner.type === 'text') return { type: 'text', text: asString(inner.text) ?? '' };
        if (inner.type === 'image') return imagePart(inner);
        throw unsupported(`document content block type "${String(inner.type)}" is not supported`);
      });
    }
    case 'url':
      throw unsupported('document blocks with a url source cannot be sent to this provider; send the PDF as base64');
    case 'file':
      throw unsupported("document blocks with a file source refer to Anthropic's Files API, which this provider cannot read");
    default:
      throw unsupported(`document source type "${String(source.type)}" is not supported`);
  }
}

/** A `tool_result` block → its chat tool message, plus any non-text output for the next user message. */
function toolResult(block: Block): { message: Json; attachments: Json[] } {
  const id = asString(block.tool_use_id);
  if (!id) throw unsupported('tool_result blocks need a tool_use_id');
  const texts: string[] = [];
  const files: Json[] = [];
  if (typeof block.content === 'string') {
    texts.push(block.content);
  } else if (block.content !== undefined && block.content !== null) {
    for (const inner of blocksOf(block.content)) {
      for (const part of userParts(inner)) {
        if (part.type === 'text') texts.push(part.text as string);
        else files.push(part);
      }
    }
  }
  let text = texts.join('\n');
  if (files.length > 0) {
    const note = `[${files.length} image/document output(s) of this tool call are attached to the next user message]`;
    text = text ? `${text}\n${note}` : note;
  }
  // Chat has no error flag on tool messages; the model reads it from the text instead.
  if (block.is_error === true) text = `Error: ${text}`;
  const attachments = files.length > 0 ? [{ type: 'text', text: `Output of tool call ${id}:` }, ...files] : [];
  return { message: { role: 'tool', tool_call_id: id, content: text }, attachments };
}

function assistantMessage(content: unknown): Json {
  if (typeof content === 'string') return { role: 'assistant', content };
  const texts: string[] = [];
  const toolCalls: Json[] = [];
  for (const block of blocksOf(content)) {
    switch (block.type) {
      case 'text':
        texts.push(asString(block.text) ?? '');
        break;
      case 'tool_use':
        toolCalls.push({
          id: block.id,
          type: 'function',
          function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
        });
        break;
      case 'thinking':
      case 'redacted_thinking':
        break;
      default:
        // server_tool_use, web_search_tool_result…: results of tools that ran on Anthropic's side;
        // another provider cannot continue them, and dropping them would lose context.
        throw unsupported(`assistant content block type "${String(block.type)}" cannot be sent to a non-Anthropic provider`);
    }
  }
  return {
    role: 'assistant',
    // Text blocks of one turn are consecutive pieces (split e.g. around citations): joined as is.
    content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '',
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
}

