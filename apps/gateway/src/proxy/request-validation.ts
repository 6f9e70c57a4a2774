import type { Endpoint, Json } from '@aigw/providers';
import { badRequest } from '../errors/gateway-error.js';

/**
 * Cheap structural checks on the OpenAI-format body, so a malformed request gets a 400 naming
 * the field instead of a confusing provider error (or a crash in a transform). Types only:
 * values are the provider's to judge.
 */
export function validateBody(endpoint: Endpoint, body: unknown): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('Invalid request body: expected a JSON object');
  }
  const json = body as Json;
  optional(json, 'model', 'string');
  optional(json, 'stream', 'boolean');
  if (json.stream_options !== undefined && !isObject(json.stream_options)) fail('stream_options', 'an object');

  if (endpoint === 'chatComplete') {
    const messages = json.messages;
    if (!Array.isArray(messages) || messages.length === 0) fail('messages', 'a non-empty array');
    for (let i = 0; i < messages.length; i++) {
      const m = messages[i] as Json;
      if (!isObject(m)) fail(`messages[${i}]`, 'an object');
      if (typeof m.role !== 'string') fail(`messages[${i}].role`, 'a string');
    }
    if (json.tools !== undefined && !Array.isArray(json.tools)) fail('tools', 'an array');
    for (const name of ['max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'n'] as const) optional(json, name, 'number');
  } else if (endpoint === 'complete') {
    if (typeof json.prompt !== 'string' && !Array.isArray(json.prompt)) fail('prompt', 'a string or an array');
  } else if (endpoint === 'embed' || endpoint === 'moderate') {
    if (typeof json.input !== 'string' && !Array.isArray(json.input)) fail('input', 'a string or an array');
  } else if (endpoint === 'imageGenerate') {
    if (typeof json.prompt !== 'string') fail('prompt', 'a string');
  } else if (endpoint === 'createSpeech') {
    if (typeof json.input !== 'string') fail('input', 'a string');
  } else if (endpoint === 'rerank') {
    if (typeof json.query !== 'string') fail('query', 'a string');
    if (!Array.isArray(json.documents)) fail('documents', 'an array');
  } else if (endpoint === 'messages') {
    if (!Array.isArray(json.messages) || json.messages.length === 0) fail('messages', 'a non-empty array');
  } else if (endpoint === 'responses') {
    if (typeof json.input !== 'string' && !Array.isArray(json.input)) fail('input', 'a string or an array');
  }
  return json;
}

function optional(body: Json, field: string, type: 'string' | 'boolean' | 'number'): void {
  const value = body[field];
  if (value !== undefined && value !== null && typeof value !== type) fail(field, `a ${type}`);
}

function isObject(value: unknown): value is Json {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function fail(field: string, expected: string): never {
  throw badRequest(`Invalid request body: '${field}' must be ${expected}`);
}
