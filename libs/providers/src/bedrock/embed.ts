import type { EndpointAdapter, Json, ResponseContext } from '../core/types.js';
import { UnsupportedRequestError } from '../core/types.js';
import { isObject } from './converse-common.js';
import { bedrockModel, foundationModelId, modelPath } from './model.js';

/**
 * OpenAI embeddings ↔ Bedrock InvokeModel, whose body is the model family's own:
 *
 * - Amazon Titan (`amazon.titan-embed-text-v1`, `-v2:0`, `amazon.titan-embed-image-v1`):
 *   `{inputText, dimensions?, normalize?}` → `{embedding, inputTextTokenCount}`. Titan embeds one
 *   text per call, so an array of several inputs is refused (the gateway does not fan out).
 * - Cohere (`cohere.embed-*`): `{texts, input_type, truncate?, embedding_types?}` →
 *   `{embeddings: number[][] | {float: number[][]}}`. Cohere requires `input_type`; OpenAI has no
 *   such field, so `search_document` is the default, and a client may send its own.
 *   Bedrock reports Cohere's token count only in a response header, so usage is zero here.
 */
type Family = 'titan' | 'cohere';

function family(body: Json): Family {
  const id = foundationModelId(bedrockModel(body));
  if (id.startsWith('amazon.titan-embed')) return 'titan';
  if (id.startsWith('cohere.embed')) return 'cohere';
  throw new UnsupportedRequestError(`bedrock: embeddings are supported for Amazon Titan (amazon.titan-embed-*) and Cohere (cohere.embed-*) models, not "${bedrockModel(body)}"`);
}

function inputs(body: Json): string[] {
  if (typeof body.input === 'string') return [body.input];
  if (Array.isArray(body.input) && body.input.length > 0 && body.input.every((i) => typeof i === 'string')) return body.input as string[];
  throw new UnsupportedRequestError('bedrock: embeddings take a string or an array of strings as input (not token arrays)');
}

export function toBedrockEmbedRequest(body: Json): Json {
  const texts = inputs(body);
  if (family(body) === 'titan') {
    if (texts.length > 1) throw new UnsupportedRequestError('bedrock: Titan embedding models take one input per request');
    return {
      inputText: texts[0],
      ...(typeof body.dimensions === 'number' ? { dimensions: body.dimensions } : {}),
      ...(typeof body.normalize === 'boolean' ? { normalize: body.normalize } : {}),
    };
  }
  return {
    texts,
    input_type: typeof body.input_type === 'string' ? body.input_type : 'search_document',
    ...(typeof body.truncate === 'string' ? { truncate: body.truncate } : {}),
    ...(Array.isArray(body.embedding_types) ? { embedding_types: body.embedding_types } : {}),
    // Embed v4 sizes its vectors with output_dimension; OpenAI calls it dimensions.
    ...(typeof body.dimensions === 'number' ? { output_dimension: body.dimensions } : {}),
  };
}

export function toOpenAiEmbedResponse(body: Json, ctx: ResponseContext): Json {
  const base64 = ctx.request?.encoding_format === 'base64';
  let vectors: unknown[] = [];
  let promptTokens = 0;
  if (Array.isArray(body.embedding)) {
    vectors = [body.embedding];
    promptTokens = typeof body.inputTextTokenCount === 'number' ? body.inputTextTokenCount : 0;
  } else if (Array.isArray(body.embeddings)) {
    vectors = body.embeddings;
  } else if (isObject(body.embeddings) && Array.isArray(body.embeddings.float)) {
    vectors = body.embeddings.float;
  }
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encode(Array.isArray(vector) ? (vector as number[]) : [], base64) })),
    model: ctx.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

/** The OpenAI SDKs ask for base64 by default and decode it as little-endian float32. */
function encode(values: number[], base64: boolean): number[] | string {
  return base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values;
}

export const bedrockEmbed: EndpointAdapter = {
  path: (body) => modelPath(body, 'invoke'),
  request: (body) => toBedrockEmbedRequest(body),
  response: (body, ctx) => toOpenAiEmbedResponse(body, ctx),
};
