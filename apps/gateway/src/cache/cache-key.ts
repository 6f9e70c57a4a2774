/**
 * Cache keys: what makes two requests "the same question". Pure functions, no I/O.
 *
 * The key covers everything that can change the answer (workspace, namespace, provider, upstream
 * URL, model, endpoint, the request body after override_params) and nothing that cannot: body key
 * order and whitespace, and fields that only steer delivery or attribution.
 */
import { createHash } from 'node:crypto';

/** Body fields that never change the answer: delivery (stream), attribution (user, metadata), storage. */
const IGNORED_FIELDS = new Set(['user', 'stream', 'stream_options', 'metadata', 'store', 'safety_identifier', 'prompt_cache_key', 'service_tier']);

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` are the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The request body without the fields that cannot change the answer. */
export function answerRelevantBody(body: Record<string, unknown>, drop: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in body) if (!IGNORED_FIELDS.has(key) && !drop.includes(key)) out[key] = body[key];
  return out;
}

export interface CacheKeyParts {
  workspace: string;
  namespace: string;
  provider: string;
  /** The upstream URL: two Azure deployments or custom hosts of one provider are different models. */
  url: string;
  model: string;
  endpoint: string;
  body: Record<string, unknown>;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

export function cacheKey(parts: CacheKeyParts): string {
  return sha256(canonicalJson(['v1', parts.workspace, parts.namespace, parts.provider, parts.url, parts.model, parts.endpoint, answerRelevantBody(parts.body)]));
}
