import { pngBase64 } from '../binary/png.js';
import { countTokens, DEFAULT_DIMENSIONS, embeddingFor, isObject, newId } from '../content.js';
import { sendBody } from '../respond.js';
import type { RequestContext } from '../types.js';
import { serveMessages } from './anthropic.js';
import { bedrockHeaders, validation } from './bedrock-common.js';

/**
 * Bedrock InvokeModel: the body is the model family's own format, chosen by the model id (which
 * may carry a region prefix such as `us.`): Titan text embeddings, Cohere embeddings, Titan /
 * Nova Canvas images, Stability images (SDXL `artifacts`, SD3/Ultra/Core `images`), and Claude
 * (the Anthropic Messages body with `anthropic_version`).
 */

type Json = Record<string, any>;

function dims(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_DIMENSIONS;
}

function count(v: unknown): number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? Math.min(v, 5) : 1;
}

export function invoke(ctx: RequestContext, body: Json): void {
  const id = ctx.model.toLowerCase();
  const headers = bedrockHeaders();
  if (id.includes('titan-embed')) {
    if (typeof body.inputText !== 'string') return validation(ctx, 'Malformed input request: #: required key [inputText] not found, please reformat your input and try again.');
    const embedding = embeddingFor(body.inputText, dims(body.dimensions));
    const out: Json = { embedding, inputTextTokenCount: countTokens(body.inputText) };
    if (Array.isArray(body.embeddingTypes) && body.embeddingTypes.includes('float')) out.embeddingsByType = { float: embedding };
    return sendBody(ctx, 200, out, headers);
  }
  if (id.includes('cohere.embed')) {
    if (!Array.isArray(body.texts) || !body.texts.every((t: unknown) => typeof t === 'string')) {
      return validation(ctx, 'Malformed input request: #: required key [texts] not found, please reformat your input and try again.');
    }
    const vectors = body.texts.map((t: string) => embeddingFor(t, DEFAULT_DIMENSIONS));
    const byType = Array.isArray(body.embedding_types);
    return sendBody(
      ctx,
      200,
      { id: newId(''), texts: body.texts, embeddings: byType ? { float: vectors } : vectors, response_type: byType ? 'embeddings_by_type' : 'embeddings_floats' },
      headers,
    );
  }
  if (id.includes('titan-image') || id.includes('nova-canvas')) {
    const params = isObject(body.textToImageParams) ? body.textToImageParams : {};
    const config = isObject(body.imageGenerationConfig) ? body.imageGenerationConfig : {};
    const prompt = typeof params.text === 'string' ? params.text : '';
    return sendBody(ctx, 200, { images: Array.from({ length: count(config.numberOfImages) }, (_, i) => pngBase64(`${prompt}#${i}`)), error: null }, headers);
  }
  if (id.includes('stability.')) {
    const prompt = Array.isArray(body.text_prompts) && isObject(body.text_prompts[0]) ? String(body.text_prompts[0].text ?? '') : String(body.prompt ?? '');
    const seed = typeof body.seed === 'number' ? body.seed : 42;
    if (id.includes('stable-diffusion-xl')) {
      return sendBody(ctx, 200, { result: 'success', artifacts: [{ seed, base64: pngBase64(prompt), finishReason: 'SUCCESS' }] }, headers);
    }
    return sendBody(ctx, 200, { seeds: [seed], finish_reasons: [null], images: [pngBase64(prompt)] }, headers);
  }
  if (id.includes('anthropic.')) return serveMessages(ctx, body, headers, { label: 'bedrock', stream: false });
  validation(ctx, `The mock has no InvokeModel format for model ${ctx.model}.`);
}
