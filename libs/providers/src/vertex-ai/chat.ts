import type { EndpointAdapter, Json, StreamAdapter, StreamEvent, StreamTransformer, TransformContext } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { toOpenAiChatCompletion as anthropicResponse } from '../anthropic/chat-response.js';
import { createChatStream as anthropicStream } from '../anthropic/chat-stream.js';
import { toGeminiChatRequest } from '../google/chat-request.js';
import { toOpenAiChatResponse as geminiResponse } from '../google/chat-response.js';
import { geminiChatStream } from '../google/chat-stream.js';
import { toVertexAnthropicRequest } from './anthropic.js';
import { asVertexError } from './error.js';
import { modelMethodPath, publisherModel } from './location.js';
import { openAiShapedResponse, openAiShapedStream, openApiChatPath, toLlamaRequest, toMistralRequest } from './partner-models.js';

/**
 * Chat on Vertex: the model's publisher decides the wire format. Gemini models use Google's
 * generateContent body and responses (the google adapter's transforms), streamed with
 * `alt=sse`; Claude models use Anthropic's Messages body through rawPredict / streamRawPredict
 * (the anthropic adapter's transforms); Llama and Mistral partner models speak OpenAI's format
 * (see partner-models.ts). All stream as SSE.
 */
export const vertexChat: EndpointAdapter = {
  path: (body, ctx) => {
    const { publisher, model } = publisherModel(body);
    if (publisher === 'anthropic' || publisher === 'mistralai') return modelMethodPath(ctx.options, publisher, model, ctx.stream ? 'streamRawPredict' : 'rawPredict');
    if (publisher === 'meta') return openApiChatPath(ctx.options);
    return modelMethodPath(ctx.options, publisher, model, ctx.stream ? 'streamGenerateContent?alt=sse' : 'generateContent');
  },
  request: (body, ctx) => {
    const { publisher, model } = publisherModel(body);
    if (publisher === 'anthropic') return toVertexAnthropicRequest(body, model, ctx);
    if (publisher === 'meta') return toLlamaRequest(body, model, ctx);
    if (publisher === 'mistralai') return toMistralRequest(body, model, ctx);
    return toVertexGeminiRequest(body, model, ctx);
  },
  response: (body, ctx) => {
    const { publisher, model } = publisherModel({ model: ctx.model });
    if (publisher === 'meta' || publisher === 'mistralai') return openAiShapedResponse(body, model);
    return publisher === 'anthropic' ? anthropicResponse(body, ctx) : geminiResponse(body, ctx);
  },
  stream: {
    framing: 'sse',
    create: (ctx) => {
      const { publisher } = publisherModel({ model: ctx.model });
      if (publisher === 'meta' || publisher === 'mistralai') return openAiShapedStream(ctx);
      return relabelled(publisher === 'anthropic' ? anthropicStream(ctx) : geminiChatStream.create(ctx));
    },
  } satisfies StreamAdapter,
};

/** The Gemini body, plus Vertex's own `labels` (billing / tracking tags) when given. */
function toVertexGeminiRequest(body: Json, model: string, ctx: TransformContext): Json {
  const out = toGeminiChatRequest({ ...body, model }, ctx);
  if (body.labels && typeof body.labels === 'object' && !Array.isArray(body.labels)) out.labels = body.labels;
  return out;
}

/** Stream errors raised by the reused transformers name google or anthropic; the client called vertex-ai. */
function relabelled(inner: StreamTransformer): StreamTransformer {
  const wrap = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof ProviderStreamError) throw new ProviderStreamError(asVertexError(error.body));
      throw error;
    }
  };
  return {
    onEvent: (event: StreamEvent) => wrap(() => inner.onEvent(event)),
    onEnd: () => wrap(() => inner.onEnd()),
  };
}

