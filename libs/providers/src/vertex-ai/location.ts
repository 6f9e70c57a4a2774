import type { Json, ProviderOptions } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { serviceAccount } from './service-account.js';

/**
 * Where a Vertex request goes: `https://{region}-aiplatform.googleapis.com` (the `global` location
 * has no regional host: `https://aiplatform.googleapis.com`), then
 * `/v1/projects/{project}/locations/{region}/publishers/{publisher}/models/{model}:{method}`.
 */

/** The region becomes part of the host name, so only region-shaped values get through. */
const REGION = /^[a-z][a-z0-9-]{1,40}$/;

export function vertexRegion(options: ProviderOptions): string {
  const region = typeof options.vertexRegion === 'string' ? options.vertexRegion.trim() : '';
  if (!region) throw new UnsupportedRequestError('vertex-ai needs a region: set x-portkey-vertex-region (vertex_region), e.g. us-central1 or global');
  if (!REGION.test(region)) throw new UnsupportedRequestError(`vertex-ai: invalid region "${region}" (x-portkey-vertex-region)`);
  return region;
}

/** The configured project, else the service account's own `project_id`. */
export function vertexProject(options: ProviderOptions): string {
  const explicit = typeof options.vertexProjectId === 'string' ? options.vertexProjectId.trim() : '';
  const project = explicit || serviceAccount(options)?.project_id || '';
  if (!project) {
    throw new UnsupportedRequestError('vertex-ai needs a project: set x-portkey-vertex-project-id (vertex_project_id) or send a service account JSON with project_id');
  }
  return project;
}

export function vertexBaseUrl(options: ProviderOptions): string {
  const region = vertexRegion(options);
  return region === 'global' ? 'https://aiplatform.googleapis.com' : `https://${region}-aiplatform.googleapis.com`;
}

export type Publisher = 'google' | 'anthropic' | 'meta' | 'mistralai';

/**
 * The model prefix selects the publisher, as in the reference: none, `google.` or a Gemini name →
 * Google; `anthropic.` or a `claude-` name → Anthropic; `meta.` → Llama; `mistralai.` → Mistral.
 * Other publishers (endpoints., …) speak other formats and are refused rather than sent a Gemini body.
 */
export function publisherModel(body: Json): { publisher: Publisher; model: string } {
  const raw = typeof body.model === 'string' ? body.model.trim() : '';
  if (!raw) throw new UnsupportedRequestError('vertex-ai: model is required');
  const prefixed = /^([a-z][a-z0-9]*)\.(.+)$/.exec(raw);
  if (prefixed) {
    const [, prefix, model] = prefixed;
    if (prefix === 'google') return { publisher: 'google', model };
    if (prefix === 'anthropic' || prefix === 'meta' || prefix === 'mistralai') return { publisher: prefix, model };
    throw new UnsupportedRequestError(`vertex-ai: models of publisher "${prefix}" are not supported (Gemini and Anthropic models are)`);
  }
  return { publisher: raw.startsWith('claude-') ? 'anthropic' : 'google', model: raw };
}

/**
 * The model is one path segment: percent-encoded so `:` or `/` cannot change the method or path,
 * with `@` left as is since Vertex names Anthropic versions with it (`claude-sonnet-4@20250514`)
 * and `@` is valid in a path segment.
 */
export function modelMethodPath(options: ProviderOptions, publisher: Publisher, model: string, method: string): string {
  const project = encodeURIComponent(vertexProject(options));
  const region = vertexRegion(options);
  const name = encodeURIComponent(model).replace(/%40/g, '@');
  return `/v1/projects/${project}/locations/${region}/publishers/${publisher}/models/${name}:${method}`;
}
