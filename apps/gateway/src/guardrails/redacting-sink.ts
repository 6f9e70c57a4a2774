import type { StreamRedactor } from '@aigw/guardrails';
import type { Json } from '@aigw/providers';
import type { ChunkSink } from '../streaming/chunk-sinks.js';

/** The redactors of one choice, chained: what one lets out, the next judges. */
class ChoiceRedaction {
  constructor(private readonly chain: StreamRedactor[]) {}

  push(text: string): string {
    return this.chain.reduce((out, r) => r.push(out), text);
  }

  flush(): string {
    let out = '';
    for (const r of this.chain) out = r.push(out) + r.flush();
    return out;
  }
}

/**
 * Redacts PII in a streamed answer's text deltas before they are framed for the client. Each
 * choice holds back a bounded tail (a match may straddle chunks) and releases it redacted when
 * its finish_reason arrives, or at the end of the stream.
 */
export class RedactingSink implements ChunkSink {
  private readonly choices = new Map<number, ChoiceRedaction>();
  private last?: Json;

  constructor(
    private readonly inner: ChunkSink,
    private readonly makers: (() => StreamRedactor)[],
  ) {}

  get usage() {
    return this.inner.usage;
  }

  chunk(chunk: Json): string {
    return this.inner.chunk(this.redact(chunk));
  }

  text(data: string): string {
    // Upstream OpenAI SSE lines are parsed only here, where redaction needs their text.
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return this.inner.text(data);
    }
    if (!parsed || typeof parsed !== 'object' || !Array.isArray((parsed as Json).choices)) return this.inner.text(data);
    return this.inner.chunk(this.redact(parsed as Json));
  }

  end(): string {
    return this.flushAll() + this.inner.end();
  }

  error(status: number, body: unknown): string {
    return this.flushAll() + this.inner.error(status, body);
  }

  private redact(chunk: Json): Json {
    const choices = chunk.choices;
    if (!Array.isArray(choices) || choices.length === 0) return chunk;
    this.last = chunk;
    return {
      ...chunk,
      choices: choices.map((c: Json) => {
        const index = typeof c.index === 'number' ? c.index : 0;
        const delta = c.delta as Json | undefined;
        const content = typeof delta?.content === 'string' ? delta.content : '';
        if (!content && !c.finish_reason) return c;
        const redaction = this.redactionOf(index);
        let out = redaction.push(content);
        if (c.finish_reason) {
          out += redaction.flush();
          this.choices.delete(index);
        }
        return { ...c, delta: { ...(delta ?? {}), content: out } };
      }),
    };
  }

  /** Text still held for choices that never sent a finish_reason, as one last chunk. */
  private flushAll(): string {
    let out = '';
    for (const [index, redaction] of this.choices) {
      const text = redaction.flush();
      if (!text) continue;
      const base = this.last ?? {};
      out += this.inner.chunk({ id: base.id, object: 'chat.completion.chunk', created: base.created, model: base.model, choices: [{ index, delta: { content: text }, finish_reason: null }] });
    }
    this.choices.clear();
    return out;
  }

  private redactionOf(index: number): ChoiceRedaction {
    let redaction = this.choices.get(index);
    if (!redaction) {
      redaction = new ChoiceRedaction(this.makers.map((make) => make()));
      this.choices.set(index, redaction);
    }
    return redaction;
  }
}
