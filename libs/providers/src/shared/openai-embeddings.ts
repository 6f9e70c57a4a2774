import type { Json, ResponseContext } from '../core/types.js';

/**
 * The OpenAI embeddings list, built from plain vectors. Several providers with their own wire
 * format (Cohere, AI21, Nomic, Ollama, Jina, Voyage, Workers AI) need exactly this, so it lives
 * once. It sits in this folder only because provider work may not touch `shared/`; it is a
 * candidate to move there.
 *
 * The OpenAI SDKs ask for `encoding_format: "base64"` by default and decode each embedding as
 * little-endian float32, so when the client asked for base64 the vectors are encoded that way;
 * upstreams are always asked for floats, which every one of them supports.
 */
export function openAiEmbeddingList(vectors: readonly unknown[], ctx: Pick<ResponseContext, 'model' | 'request'>, usage: { promptTokens?: number; model?: unknown } = {}): Json {
  const base64 = wantsBase64(ctx);
  const tokens = usage.promptTokens ?? 0;
  return {
    object: 'list',
    data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encodeVector(asNumbers(vector), base64) })),
    model: typeof usage.model === 'string' && usage.model ? usage.model : ctx.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/**
 * An upstream that already answers OpenAI's list shape, but was asked for floats: re-encodes the
 * vectors when the client wanted base64 and fills `prompt_tokens` when only a total is given.
 */
export function normalizeOpenAiEmbeddingList(body: Json, ctx: Pick<ResponseContext, 'model' | 'request'>): Json {
  const base64 = wantsBase64(ctx);
  const data = Array.isArray(body.data) ? (body.data as Json[]) : [];
  const usage = (body.usage ?? {}) as Json;
  const total = typeof usage.total_tokens === 'number' ? usage.total_tokens : undefined;
  const prompt = typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : total ?? 0;
  return {
    ...body,
    object: 'list',
    data: data.map((item, position) => ({
      ...item,
      object: 'embedding',
      index: typeof item.index === 'number' ? item.index : position,
      // A string is already encoded (the client asked the upstream directly); leave it alone.
      embedding: Array.isArray(item.embedding) ? encodeVector(asNumbers(item.embedding), base64) : item.embedding,
    })),
    model: typeof body.model === 'string' && body.model ? body.model : ctx.model,
    usage: { ...usage, prompt_tokens: prompt, total_tokens: total ?? prompt },
  };
}

/** The client's `input` as a list of strings; undefined when it is anything else (token arrays). */
export function inputTexts(input: unknown): string[] | undefined {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0 && input.every((i) => typeof i === 'string')) return input as string[];
  return undefined;
}

export function wantsBase64(ctx: Pick<ResponseContext, 'request'>): boolean {
  return ctx.request?.encoding_format === 'base64';
}

export function encodeVector(values: number[], base64: boolean): number[] | string {
  return base64 ? Buffer.from(new Float32Array(values).buffer).toString('base64') : values;
}

function asNumbers(vector: unknown): number[] {
  return Array.isArray(vector) ? (vector as number[]) : [];
}
