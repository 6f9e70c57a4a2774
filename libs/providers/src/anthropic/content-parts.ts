import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { mimeTypeFromUrl, parseDataUrl } from '../shared/data-url.js';

/**
 * OpenAI content parts → Anthropic content blocks (text, image, document). Used for user turns and
 * for tool results, which accept the same block kinds.
 */

const PDF = 'application/pdf';

/** A text block, or undefined for empty text: Anthropic rejects empty text blocks. */
export function textBlock(text: unknown, cacheControl?: unknown): Json | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  return withCacheControl({ type: 'text', text }, cacheControl);
}

/**
 * One OpenAI content part → one Anthropic block (undefined when it carries nothing).
 * Part types OpenAI does not define are forwarded unchanged: they are Anthropic-native blocks
 * (`document`, `search_result`, …) sent by clients that know the upstream, which the reference's
 * whitelist would have dropped.
 */
export function contentPartBlock(part: unknown): Json | undefined {
  if (!part || typeof part !== 'object') throw new UnsupportedRequestError('anthropic: content parts must be objects');
  const p = part as Json;
  switch (p.type) {
    case 'text':
      return textBlock(p.text, p.cache_control);
    case 'image_url':
      return withCacheControl(imageUrlBlock(p.image_url), p.cache_control);
    case 'file':
      return withCacheControl(fileBlock(p.file), p.cache_control);
    case 'input_audio':
      throw new UnsupportedRequestError('anthropic: audio input (input_audio) is not supported by Anthropic');
    default:
      return p;
  }
}

/** Data URLs are sent inline; http(s) URLs are fetched by Anthropic (`source.type: url`). */
function imageUrlBlock(imageUrl: unknown): Json {
  const url = typeof imageUrl === 'string' ? imageUrl : (imageUrl as Json | undefined)?.url;
  if (typeof url !== 'string') throw new UnsupportedRequestError('anthropic: image_url.url must be a string');
  const inline = parseDataUrl(url);
  if (inline) {
    // OpenAI clients send PDFs as image_url data URLs too; Anthropic wants those as documents.
    const type = inline.mimeType === PDF ? 'document' : 'image';
    return { type, source: { type: 'base64', media_type: inline.mimeType, data: inline.data } };
  }
  if (/^https?:\/\//i.test(url)) {
    const type = mimeTypeFromUrl(url, '') === PDF ? 'document' : 'image';
    return { type, source: { type: 'url', url } };
  }
  throw new UnsupportedRequestError('anthropic: image_url must be a base64 data URL or an http(s) URL');
}

/**
 * OpenAI `file` parts: `file_data` is a data URL (PDF, plain text or an image); `file_id` is taken
 * to be an Anthropic Files API id (needs the `files-api-2025-04-14` beta header) since an OpenAI
 * file id means nothing upstream.
 */
function fileBlock(file: unknown): Json {
  const f = (file && typeof file === 'object' ? file : {}) as Json;
  const title = typeof f.filename === 'string' && f.filename ? { title: f.filename } : {};
  if (typeof f.file_id === 'string' && f.file_id) return { type: 'document', source: { type: 'file', file_id: f.file_id }, ...title };
  const inline = typeof f.file_data === 'string' ? parseDataUrl(f.file_data) : undefined;
  if (!inline) throw new UnsupportedRequestError('anthropic: file parts need file_data as a base64 data URL, or a file_id');
  if (inline.mimeType === PDF) return { type: 'document', source: { type: 'base64', media_type: PDF, data: inline.data }, ...title };
  if (inline.mimeType === 'text/plain') {
    const text = Buffer.from(inline.data, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title };
  }
  if (inline.mimeType.startsWith('image/')) return { type: 'image', source: { type: 'base64', media_type: inline.mimeType, data: inline.data } };
  throw new UnsupportedRequestError(`anthropic: file type ${inline.mimeType} is not supported (PDF, plain text or images)`);
}

/** `cache_control` is kept whole (including `ttl`, which Anthropic accepts; the reference drops it). */
export function withCacheControl(block: Json, cacheControl: unknown): Json {
  return cacheControl && typeof cacheControl === 'object' ? { ...block, cache_control: cacheControl } : block;
}
