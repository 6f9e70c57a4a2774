import type { Json, TransformContext } from '../core/types.js';
import { toAnthropicChatRequest } from '../anthropic/chat-request.js';

/**
 * Claude on Vertex (rawPredict / streamRawPredict) takes Anthropic's Messages body with two
 * differences: the model is in the URL, not the body, and the API version is a body field,
 * `anthropic_version: "vertex-2023-10-16"`, instead of a header. Streaming is asked for in the body.
 */
export const VERTEX_ANTHROPIC_VERSION = 'vertex-2023-10-16';

export function toVertexAnthropicRequest(body: Json, model: string, ctx: TransformContext): Json {
  const { model: _model, stream: _stream, ...rest } = toAnthropicChatRequest({ ...body, model });
  return { anthropic_version: VERTEX_ANTHROPIC_VERSION, ...rest, ...(ctx.stream ? { stream: true } : {}) };
}
