import type { Json } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';

/**
 * Builds `/v1beta/models/{model}:{method}` from the request body's `model`. The model name comes
 * from the client and lands in the URL, so each segment is percent-encoded: a name like
 * `x:foo?key=…` or `../..` must not rewrite the method or the path.
 */
export function modelName(body: Json): string {
  const raw = typeof body.model === 'string' ? body.model.trim() : '';
  // Google's own SDKs and docs spell models as `models/gemini-…`; both forms are accepted.
  const name = raw.replace(/^models\//, '');
  if (!name) throw new UnsupportedRequestError('model is required');
  return name;
}

/** The resource path of a model: tuned models live under `tunedModels/`, the rest under `models/`. */
export function modelResource(name: string): string {
  const tuned = /^tunedModels\/(.+)$/.exec(name);
  if (tuned) return `tunedModels/${encodeURIComponent(tuned[1])}`;
  return `models/${encodeURIComponent(name)}`;
}

/** API version for a model: the early thinking previews were only served on v1alpha. */
export function apiVersion(name: string): 'v1beta' | 'v1alpha' {
  return name.includes('gemini-2.0-flash-thinking-exp') ? 'v1alpha' : 'v1beta';
}

export function modelMethodPath(body: Json, method: string, query = ''): string {
  const name = modelName(body);
  return `/${apiVersion(name)}/${modelResource(name)}:${method}${query}`;
}
