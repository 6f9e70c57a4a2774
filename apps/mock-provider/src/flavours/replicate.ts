import { isObject } from '../content.js';
import { predictionId } from '../router.js';
import { sendBody } from '../respond.js';
import type { StoredPrediction } from '../state.js';
import type { RequestContext } from '../types.js';
import { selfUrl } from './openai-images.js';

/**
 * Replicate predictions: `POST /v1/models/{owner}/{name}/predictions` (also `deployments/…`, and
 * `POST /v1/predictions` with a `version`). With `Prefer: wait` the 201 answer has already
 * `status: "succeeded"` and `output` (an image URL served by the mock); without it the prediction
 * `starting`, and `GET /v1/predictions/{id}` returns it succeeded. Auth: `Bearer` or `Token`.
 * Errors are problem+json `{"title","detail","status"}`.
 */

type Json = Record<string, any>;

let counter = 0;

export function replicateError(status: number, detail?: string): Json {
  const title = status === 401 ? 'Unauthenticated' : status === 404 ? 'Not found' : status === 422 ? 'Input validation failed' : status === 429 ? 'Request was throttled' : 'Error';
  return { title, detail: detail ?? `Mock Replicate error ${status}.`, status };
}

function prediction(ctx: RequestContext, id: string, p: StoredPrediction, done: boolean): Json {
  const base = selfUrl(ctx);
  const out: Json = {
    id,
    model: p.model,
    version: p.model.includes(':') ? p.model.split(':')[1] : 'mock',
    input: p.input,
    logs: '',
    output: done ? [`${base}/__mock/files/${id}.png`] : null,
    data_removed: false,
    error: null,
    status: done ? 'succeeded' : 'starting',
    created_at: p.createdAt,
    urls: { cancel: `${base}/v1/predictions/${id}/cancel`, get: `${base}/v1/predictions/${id}`, web: `${base}/p/${id}` },
  };
  if (done) {
    out.started_at = p.createdAt;
    out.completed_at = new Date().toISOString();
    out.metrics = { predict_time: 0.01 };
  }
  return out;
}

export function handleReplicate(ctx: RequestContext): void {
  if (!/^(Bearer|Token)\s+\S/i.test(String(ctx.req.headers.authorization ?? ''))) {
    return sendBody(ctx, 401, replicateError(401, 'You did not pass an authentication token'), { 'content-type': 'application/problem+json' });
  }
  if (ctx.route.endpoint === 'get_prediction') {
    const id = ctx.req.url!.split('?')[0]!.replace(/\/$/, '').split('/').pop()!;
    const stored = ctx.state.predictions.get(id);
    if (!stored) return sendBody(ctx, 404, replicateError(404, 'Not found.'));
    return sendBody(ctx, 200, prediction(ctx, id, stored, true));
  }
  if (!isObject(ctx.body) || !isObject(ctx.body.input)) return sendBody(ctx, 422, replicateError(422, '- input: input is required'));
  if (!ctx.model) return sendBody(ctx, 422, replicateError(422, '- version: version is required'));
  const id = predictionId(ctx.model, ++counter);
  const stored: StoredPrediction = { model: ctx.model, input: ctx.body.input, createdAt: new Date().toISOString() };
  ctx.state.savePrediction(id, stored);
  const wait = /\bwait\b/i.test(String(ctx.req.headers.prefer ?? ''));
  sendBody(ctx, 201, prediction(ctx, id, stored, wait));
}

export const replicateFlavour = { handle: handleReplicate, errorBody: (status: number) => replicateError(status) };
