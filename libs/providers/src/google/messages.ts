import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { mimeTypeFromUrl, parseDataUrl } from '../shared/data-url.js';
import type { GeminiContent, GeminiPart } from './gemini.types.js';
import { isGemini3OrLater, isObject } from './util.js';

/**
 * OpenAI `messages` → Gemini `systemInstruction` + `contents`.
 *
 * - Every system and developer message, wherever it stands, goes to `systemInstruction` in order
 *   (the reference keeps only a leading one and silently drops the rest).
 * - assistant → `model`; user, tool results → `user`. Gemini wants the roles to alternate, so
 *   consecutive contents of one role are merged (parallel tool results become one turn, as
 *   Gemini requires).
 * - A tool result must name its function; OpenAI only gives the call id, so the name is looked up
 *   in the assistant message that made the call (the reference sends a filler name).
 */

/** Google's documented value for function calls whose real signature is unknown (e.g. from another model). */
export const SKIP_THOUGHT_SIGNATURE = 'skip_thought_signature_validator';

export interface MappedMessages {
  systemInstruction?: { parts: GeminiPart[] };
  contents: GeminiContent[];
}

export function mapMessages(messages: unknown, model: string): MappedMessages {
  if (!Array.isArray(messages) || messages.length === 0) throw new UnsupportedRequestError('messages is required');
  const callNames = toolCallNames(messages);
  const system: GeminiPart[] = [];
  const turns: GeminiContent[] = [];

  for (const message of messages) {
    if (!isObject(message)) throw new UnsupportedRequestError('each message must be an object');
    switch (message.role) {
      case 'system':
      case 'developer':
        for (const text of texts(message.content)) if (text) system.push({ text });
        break;
      case 'user':
        turns.push({ role: 'user', parts: userParts(message.content) });
        break;
      case 'assistant':
        turns.push({ role: 'model', parts: assistantParts(message, model) });
        break;
      case 'tool':
        turns.push({ role: 'user', parts: [functionResponse(toolName(message, callNames), message.content)] });
        break;
      case 'function':
        // OpenAI's legacy function-calling role: the name is on the message itself.
        if (typeof message.name !== 'string' || !message.name) throw new UnsupportedRequestError('a function message needs a name');
        turns.push({ role: 'user', parts: [functionResponse(message.name, message.content)] });
        break;
      default:
        throw new UnsupportedRequestError(`google does not support messages with role ${JSON.stringify(message.role)}`);
    }
  }

  return {
    ...(system.length > 0 ? { systemInstruction: { parts: system } } : {}),
    contents: mergeTurns(turns),
  };
}

/** tool_call id → function name, from every assistant tool call in the conversation. */
function toolCallNames(messages: unknown[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (!isObject(message) || message.role !== 'assistant' || !Array.isArray(message.tool_calls)) continue;
    for (const call of message.tool_calls) {
      if (isObject(call) && typeof call.id === 'string' && isObject(call.function) && typeof call.function.name === 'string') {
        names.set(call.id, call.function.name);
      }
    }
  }
  return names;
}

function toolName(message: Json, callNames: Map<string, string>): string {
  const id = message.tool_call_id;
  const name = (typeof id === 'string' ? callNames.get(id) : undefined) ?? (typeof message.name === 'string' ? message.name : undefined);
  // Gemini needs the name; a result that answers no call is invalid in OpenAI's API as well.
  if (!name) throw new UnsupportedRequestError(`tool message ${JSON.stringify(id)} does not answer any earlier assistant tool_call`);
  return name;
}

function functionResponse(name: string, content: unknown): GeminiPart {
  const output = texts(content).join('');
  return { functionResponse: { name, response: asResponseObject(output) } };
}

/** Gemini's `response` is a JSON object: a JSON object result is sent as is, anything else wrapped. */
function asResponseObject(output: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(output);
    if (isObject(parsed)) return parsed;
  } catch {
    // Not JSON: plain text output.
  }
  return { output };
}

function assistantParts(message: Json, model: string): GeminiPart[] {
  const parts: GeminiPart[] = texts(message.content).filter(Boolean).map((text) => ({ text }));
  if (!Array.isArray(message.tool_calls)) return parts;
  let first = true;
  for (const call of message.tool_calls) {
    if (!isObject(call) || !isObject(call.function)) throw new UnsupportedRequestError('each assistant tool_call needs a function');
    const fn = call.function;
    const part: GeminiPart = { functionCall: { name: String(fn.name ?? ''), args: parseArguments(fn.arguments, call.id) } };
    const signature = thoughtSignature(call);
    if (signature) part.thoughtSignature = signature;
    // Gemini 3 rejects a history whose first function call of a step lacks its signature; when
    // the client did not keep it, Google documents this placeholder.
    else if (first && isGemini3OrLater(model)) part.thoughtSignature = SKIP_THOUGHT_SIGNATURE;
    parts.push(part);
    first = false;
  }
  return parts;
}

/** Where clients keep a signature: the reference's `function.thought_signature`, or Google's OpenAI-compatible `extra_content`. */
function thoughtSignature(call: Json): string | undefined {
  const fn = call.function as Json;
  if (typeof fn.thought_signature === 'string') return fn.thought_signature;
  const google = isObject(call.extra_content) ? call.extra_content.google : undefined;
  if (isObject(google) && typeof google.thought_signature === 'string') return google.thought_signature;
  return undefined;
}

function parseArguments(raw: unknown, id: unknown): Record<string, unknown> {
  if (isObject(raw)) return raw;
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) return {};
  try {
    const parsed: unknown = JSON.parse(String(raw));
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new UnsupportedRequestError(`tool_call ${JSON.stringify(id)} has arguments that are not a JSON object`);
}

function userParts(content: unknown): GeminiPart[] {
  if (typeof content === 'string') return content ? [{ text: content }] : [];
  if (!Array.isArray(content)) return [];
  const parts: GeminiPart[] = [];
  for (const item of content) {
    if (!isObject(item)) continue;
    const part = contentPart(item);
    if (part) parts.push(part);
  }
  return parts;
}

function contentPart(item: Json): GeminiPart | undefined {
  switch (item.type) {
    case 'text':
      return typeof item.text === 'string' && item.text ? { text: item.text } : undefined;
    case 'image_url': {
      const image = item.image_url;
      if (typeof image === 'string') return mediaPart(image);
      if (isObject(image) && typeof image.url === 'string') return mediaPart(image.url, stringOr(image.mime_type));
      throw new UnsupportedRequestError('image_url needs a url');
    }
    case 'input_audio': {
      const audio = isObject(item.input_audio) ? item.input_audio : {};
      if (typeof audio.data !== 'string') throw new UnsupportedRequestError('input_audio needs data');
      return { inlineData: { mimeType: `audio/${stringOr(audio.format) ?? 'wav'}`, data: audio.data } };
    }
    case 'file': {
      const file = isObject(item.file) ? item.file : {};
      const mimeType = stringOr(file.mime_type) ?? (typeof file.filename === 'string' ? mimeTypeFromUrl(file.filename, 'application/pdf') : undefined);
      if (typeof file.file_data === 'string') return mediaPart(file.file_data, mimeType);
      if (typeof file.file_id === 'string') return mediaPart(file.file_id, mimeType ?? mimeTypeFromUrl(file.file_id, 'application/pdf'));
      throw new UnsupportedRequestError('file needs file_data or file_id');
    }
    default:
      throw new UnsupportedRequestError(`google does not support content parts of type ${JSON.stringify(item.type)}`);
  }
}

/**
 * An image/file reference → inline bytes or a file reference. Data URLs are inlined; http(s),
 * gs:// and Files API URIs become `fileData`, which needs a MIME type: the client's, else a guess
 * from the extension. A bare base64 string (no scheme) is accepted as a JPEG, as the reference does.
 */
function mediaPart(url: string, mimeType?: string): GeminiPart {
  const inline = parseDataUrl(url);
  if (inline) return { inlineData: { mimeType: inline.mimeType, data: inline.data } };
  if (/^data:/i.test(url)) throw new UnsupportedRequestError('google needs data URLs in base64 (data:<mime>;base64,…)');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(url)) return { inlineData: { mimeType: mimeType ?? 'image/jpeg', data: url } };
  // YouTube links are read by Gemini from the URL alone; an image MIME type guess would be wrong.
  if (/^https?:\/\/(www\.|m\.)?(youtube\.com|youtu\.be)\//i.test(url)) return { fileData: { fileUri: url } };
  return { fileData: { mimeType: mimeType ?? mimeTypeFromUrl(url), fileUri: url } };
}

/** The texts of a message's content: a string, or the text (and refusal) parts of an array. */
function texts(content: unknown): string[] {
  if (typeof content === 'string') return [content];
  if (!Array.isArray(content)) return [];
  const out: string[] = [];
  for (const item of content) {
    if (typeof item === 'string') out.push(item);
    else if (isObject(item) && item.type === 'text' && typeof item.text === 'string') out.push(item.text);
    else if (isObject(item) && item.type === 'refusal' && typeof item.refusal === 'string') out.push(item.refusal);
  }
  return out;
}

/** Merges consecutive contents of one role and drops empty ones (Gemini rejects empty `parts`). */
function mergeTurns(turns: GeminiContent[]): GeminiContent[] {
  const merged: GeminiContent[] = [];
  for (const turn of turns) {
    const parts = turn.parts ?? [];
    if (parts.length === 0) continue;
    const last = merged[merged.length - 1];
    if (last && last.role === turn.role) last.parts = [...(last.parts ?? []), ...parts];
    else merged.push({ role: turn.role, parts: [...parts] });
  }
  return merged;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}
