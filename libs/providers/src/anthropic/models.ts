import type { Json } from '../core/types.js';

/**
 * Anthropic's model list (`GET /v1/models`: `{data: [{type, id, display_name, created_at}],
 * has_more, first_id, last_id}`) → OpenAI's (`{object: "list", data: [{id, object, created,
 * owned_by}]}`), for the OpenAI SDK and the tools that fill a model picker from `/v1/models`.
 * Anthropic's own fields stay on each entry and on the list, so the Anthropic SDK's
 * `models.list()` reads the same answer.
 */
export function toOpenAiModelList(body: Json): Json {
  const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
  return {
    object: 'list',
    data: data.map((model) => ({
      ...model,
      id: model.id,
      object: 'model',
      created: epochSeconds(model.created_at),
      owned_by: 'anthropic',
    })),
    has_more: body.has_more === true,
    first_id: body.first_id ?? null,
    last_id: body.last_id ?? null,
  };
}

function epochSeconds(value: unknown): number {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : 0;
}
