import type { Json, ProviderAdapter, UnifiedError } from '../core/types.js';
import { ProviderResponseError, UnsupportedRequestError } from '../core/types.js';
import { bearerAuth } from '../openai-compatible/factory.js';
import { unifiedError } from '../shared/errors.js';

/**
 * Replicate (api.replicate.com/v1) image generation as one synchronous call: a prediction created
 * with `Prefer: wait` is held open until it finishes (up to Replicate's 60 s limit), and its
 * output URLs become OpenAI images `{data: [{url}]}`.
 *
 * Models: `owner/name` runs the model's latest version (`/models/{owner}/{name}/predictions`);
 * `owner/name:version` pins a version (`/predictions` with `version`). Inputs differ per model, so
 * only `prompt` and `n` (as `num_outputs`) are mapped; a client's `input` object is merged in as
 * the escape hatch for everything else (aspect_ratio, width, output_format, …).
 */
interface ModelRef {
  owner: string;
  name: string;
  version?: string;
}

export function modelRef(body: Json): ModelRef {
  const model = typeof body.model === 'string' ? body.model.trim() : '';
  const match = /^([^/:\s]+)\/([^/:\s]+)(?::([0-9a-zA-Z]+))?$/.exec(model);
  if (!match) throw new UnsupportedRequestError('replicate: model must be "owner/name" or "owner/name:version"');
  return { owner: match[1], name: match[2], ...(match[3] ? { version: match[3] } : {}) };
}

export function replicatePath(body: Json): string {
  const ref = modelRef(body);
  return ref.version ? '/predictions' : `/models/${encodeURIComponent(ref.owner)}/${encodeURIComponent(ref.name)}/predictions`;
}

export function toReplicateRequest(body: Json): Json {
  const ref = modelRef(body);
  if (typeof body.prompt !== 'string' || !body.prompt) throw new UnsupportedRequestError('replicate: prompt is required');
  const extra = body.input && typeof body.input === 'object' && !Array.isArray(body.input) ? (body.input as Json) : {};
  const input: Json = { prompt: body.prompt, ...(typeof body.n === 'number' ? { num_outputs: body.n } : {}), ...extra };
  return ref.version ? { version: ref.version, input } : { input };
}

/** A prediction that did not produce images: failed, canceled, or still running when the wait ended. */
export class ReplicatePredictionError extends ProviderResponseError {
  constructor(status: number, body: UnifiedError) {
    super(status, body);
    this.name = 'ReplicatePredictionError';
  }
}

/**
 * Prediction → OpenAI images. Only a succeeded prediction has images; any other state is thrown
 * as a ReplicatePredictionError carrying a unified error (502 for failed or canceled, 504 when
 * the prediction outlived `Prefer: wait`, with its polling URL), because a 201 with no image
 * would read as success.
 */
export function toOpenAiImages(body: Json, createdSeconds = Math.floor(Date.now() / 1000)): Json {
  if (body.status !== 'succeeded') throw predictionError(body);
  const output = body.output;
  const urls = (Array.isArray(output) ? output : [output]).filter((u): u is string => typeof u === 'string' && u.length > 0);
  return { created: createdSeconds, data: urls.map((url) => ({ url })) };
}

function predictionError(body: Json): ReplicatePredictionError {
  const id = typeof body.id === 'string' ? body.id : 'unknown';
  const status = typeof body.status === 'string' ? body.status : 'unknown';
  if (status === 'failed' || status === 'canceled') {
    const reason = typeof body.error === 'string' && body.error ? body.error : `prediction ${status}`;
    return new ReplicatePredictionError(502, { error: { message: `replicate error: ${reason}`, type: `prediction_${status}`, param: null, code: null }, provider: 'replicate' });
  }
  const poll = typeof (body.urls as Json | undefined)?.get === 'string' ? ` (poll ${(body.urls as Json).get})` : '';
  return new ReplicatePredictionError(504, {
    error: { message: `replicate error: prediction ${id} is still ${status} after the synchronous wait${poll}`, type: 'prediction_timeout', param: null, code: null },
    provider: 'replicate',
  });
}

/**
 * Replicate errors are RFC 7807 problem details: `{"title": "…", "detail": "…", "status": 422}`;
 * the detail is the message and the title the type.
 */
export function replicateError(status: number, body: unknown): UnifiedError {
  if (body && typeof body === 'object' && typeof (body as Json).detail === 'string') {
    const { detail, title } = body as Json;
    return { error: { message: `replicate error: ${detail as string}`, type: typeof title === 'string' ? title : null, param: null, code: null }, provider: 'replicate' };
  }
  return unifiedError('replicate', status, body);
}

export const replicate: ProviderAdapter = {
  id: 'replicate',
  displayName: 'Replicate',
  baseUrl: () => 'https://api.replicate.com/v1',
  headers: ({ options }) => ({ ...bearerAuth(options), prefer: 'wait' }),
  endpoints: {
    imageGenerate: { path: replicatePath, request: toReplicateRequest, response: (body) => toOpenAiImages(body) },
  },
  error: (status, body) => replicateError(status, body),
};
