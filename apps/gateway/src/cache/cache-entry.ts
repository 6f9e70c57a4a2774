/**
 * What the response cache stores for one answer, and the conversions that let a streamed answer
 * serve a JSON request and the other way round (the key leaves `stream` out on purpose).
 */
import type { Json } from '@aigw/providers';
import type { UsageCounts } from '../request/request-context.js';

export interface CacheEntry {
  v: 1;
  provider: string;
  model: string;
  usage?: UsageCounts;
  /**
   * A JSON answer. `openai`: an OpenAI chat/text completion the gateway may still translate
   * (Messages, Responses clients) or replay as chunks; `client`: bytes exactly as the client got
   * them (embeddings, native Messages/Responses answers).
   */
  json?: { body: string; shape: 'openai' | 'client'; contentType: string };
  /** A completed stream as OpenAI chunk objects, usage chunk included (filtered at replay). */
  chunks?: Json[];
  /** A native Messages/Responses event stream, byte for byte as relayed. */
  stream?: { body: string; contentType: string };
}

/** Rough size in bytes, for the in-process store's budget. */
export function entrySize(entry: CacheEntry, key: string): number {
  const chunks = entry.chunks ? JSON.stringify(entry.chunks).length : 0;
  return 200 + key.length + (entry.json?.body.length ?? 0) + (entry.stream?.body.length ?? 0) + chunks;
}

/** A chat or text completion as the chunks of its stream: content, then finish reason, then usage. */
export function completionToChunks(completion: Json): Json[] {
  const base = { id: completion.id, object: completion.object === 'text_completion' ? 'text_completion' : 'chat.completion.chunk', created: completion.created, model: completion.model };
  const choices = (completion.choices as Json[] | undefined) ?? [];
  const text = completion.object === 'text_completion';
  const content = choices.map((c) => {
    if (text) return { index: c.index ?? 0, text: c.text ?? '', logprobs: null, finish_reason: null };
    const m = (c.message as Json | undefined) ?? {};
    const delta: Json = { role: 'assistant', content: m.content ?? null };
    if (Array.isArray(m.tool_calls)) delta.tool_calls = (m.tool_calls as Json[]).map((t, index) => ({ index, ...t }));
    return { index: c.index ?? 0, delta, logprobs: null, finish_reason: null };
  });
  const finish = choices.map((c) => (text ? { index: c.index ?? 0, text: '', finish_reason: c.finish_reason ?? 'stop' } : { index: c.index ?? 0, delta: {}, finish_reason: c.finish_reason ?? 'stop' }));
  const chunks: Json[] = [{ ...base, choices: content }, { ...base, choices: finish }];
  if (completion.usage) chunks.push({ ...base, choices: [], usage: completion.usage });
  return chunks;
}

/** A completed stream's chunks folded back into one chat (or text) completion. */
export function chunksToCompletion(chunks: Json[]): Json {
  const first = chunks[0] ?? {};
  const text = first.object === 'text_completion';
  const choices = new Map<number, { content: string; tools: Map<number, Json>; finish: unknown; role: string }>();
  let usage: unknown;
  for (const chunk of chunks) {
    if (chunk.usage) usage = chunk.usage;
    for (const c of (chunk.choices as Json[] | undefined) ?? []) {
      const index = typeof c.index === 'number' ? c.index : 0;
      let acc = choices.get(index);
      if (!acc) choices.set(index, (acc = { content: '', tools: new Map(), finish: null, role: 'assistant' }));
      if (c.finish_reason) acc.finish = c.finish_reason;
      if (text) {
        acc.content += typeof c.text === 'string' ? c.text : '';
        continue;
      }
      const delta = (c.delta as Json | undefined) ?? {};
      if (typeof delta.content === 'string') acc.content += delta.content;
      for (const t of (delta.tool_calls as Json[] | undefined) ?? []) {
        const ti = typeof t.index === 'number' ? t.index : 0;
        const fn = (t.function as Json | undefined) ?? {};
        const known = acc.tools.get(ti);
        if (!known) acc.tools.set(ti, { id: t.id, type: t.type ?? 'function', function: { name: fn.name ?? '', arguments: fn.arguments ?? '' } });
        else (known.function as Json).arguments = String((known.function as Json).arguments ?? '') + String(fn.arguments ?? '');
      }
    }
  }
  const out = [...choices.entries()].sort(([a], [b]) => a - b).map(([index, acc]) => {
    if (text) return { index, text: acc.content, logprobs: null, finish_reason: acc.finish ?? 'stop' };
    const message: Json = { role: acc.role, content: acc.tools.size && !acc.content ? null : acc.content };
    if (acc.tools.size) message.tool_calls = [...acc.tools.entries()].sort(([a], [b]) => a - b).map(([, t]) => t);
    return { index, message, logprobs: null, finish_reason: acc.finish ?? 'stop' };
  });
  const completion: Json = { id: first.id, object: text ? 'text_completion' : 'chat.completion', created: first.created, model: first.model, choices: out };
  if (usage) completion.usage = usage;
  return completion;
}
