import type { Json, StreamAdapter, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { mapLogprobs, readParts } from './candidate.js';
import { googleError } from './error.js';
import { mapFinishReason } from './finish-reason.js';
import type { GeminiCandidate, GeminiGenerateContentResponse, GeminiUsageMetadata } from './gemini.types.js';
import { mapUsage } from './usage.js';
import { isObject } from './util.js';

/**
 * `streamGenerateContent?alt=sse`: every SSE `data:` is a whole GenerateContentResponse holding
 * the next slice of each candidate. Text arrives in pieces; a functionCall arrives whole, so it is
 * emitted as one complete tool-call delta. `usageMetadata` is cumulative and repeated, so only the
 * last one counts and is reported once, as OpenAI's final usage chunk.
 */
export const geminiChatStream: StreamAdapter = {
  framing: 'sse',
  create: (ctx) => new GeminiStreamTransformer(ctx),
};

interface ChoiceState {
  roleSent: boolean;
  /** OpenAI numbers tool calls per choice across the whole stream. */
  toolCalls: number;
}

class GeminiStreamTransformer implements StreamTransformer {
  private id: string | undefined;
  private model: string | undefined;
  private usage: GeminiUsageMetadata | undefined;
  private readonly choices = new Map<number, ChoiceState>();

  constructor(private readonly ctx: StreamContext) {}

  onEvent(event: StreamEvent): Json[] {
    const data = event.data.trim();
    if (!data || data === '[DONE]') return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      throw new ProviderStreamError(googleError(502, `unparseable stream event: ${data.slice(0, 200)}`));
    }
    // alt=sse sends one object per event; an array (the non-SSE framing, or an error) is unwrapped.
    const responses = Array.isArray(parsed) ? parsed : [parsed];
    return responses.flatMap((r) => this.onResponse(r));
  }

  onEnd(): Json[] {
    if (!this.usage) return [];
    return [{ ...this.envelope([]), usage: mapUsage(this.usage) }];
  }

  private onResponse(value: unknown): Json[] {
    if (!isObject(value)) return [];
    if (isObject(value.error)) {
      const status = typeof value.error.code === 'number' ? value.error.code : 500;
      throw new ProviderStreamError(googleError(status, value));
    }
    const response = value as GeminiGenerateContentResponse;
    this.id ??= response.responseId || this.ctx.id;
    this.model ??= response.modelVersion || undefined;
    if (response.usageMetadata) this.usage = response.usageMetadata;

    const candidates = response.candidates ?? [];
    if (candidates.length === 0 && response.promptFeedback?.blockReason) {
      return [this.chunk(0, this.withRole(0, {}), 'content_filter')];
    }
    return candidates.flatMap((c, i) => this.onCandidate(c, c.index ?? i));
  }

  private onCandidate(candidate: GeminiCandidate, index: number): Json[] {
    const strict = this.ctx.strictOpenAiCompliance;
    const state = this.state(index);
    const parts = readParts(candidate.content?.parts, strict);
    const chunks: Json[] = [];

    const payload: Json = {};
    if (parts.text) payload.content = parts.text;
    if (parts.toolCalls.length > 0) payload.tool_calls = parts.toolCalls.map((call) => ({ index: state.toolCalls++, ...call }));
    if (!strict && parts.thoughts.length > 0) payload.content_blocks = parts.thoughts.map((thinking) => ({ index: 0, delta: { thinking } }));
    if (Object.keys(payload).length > 0) {
      chunks.push(this.chunk(index, this.withRole(index, payload), null, mapLogprobs(candidate)));
    }

    if (candidate.finishReason) {
      const reason = mapFinishReason(candidate.finishReason, state.toolCalls > 0, strict);
      chunks.push(this.chunk(index, this.withRole(index, {}), reason));
    }
    // Grounding (Google Search) sources come with the last slices; like the JSON response, they
    // are passed on only to clients that turned strict OpenAI compliance off.
    if (!strict && candidate.groundingMetadata) {
      const target = chunks.at(-1) ?? this.chunk(index, this.withRole(index, {}), null);
      if (chunks.length === 0) chunks.push(target);
      (target.choices as Json[])[0]!.groundingMetadata = candidate.groundingMetadata;
    }
    return chunks;
  }

  /** The first delta of each choice says who is speaking, as OpenAI's first chunk does. */
  private withRole(index: number, delta: Json): Json {
    const state = this.state(index);
    if (state.roleSent) return delta;
    state.roleSent = true;
    return { role: 'assistant', ...delta };
  }

  private state(index: number): ChoiceState {
    let state = this.choices.get(index);
    if (!state) {
      state = { roleSent: false, toolCalls: 0 };
      this.choices.set(index, state);
    }
    return state;
  }

  private chunk(index: number, delta: Json, finishReason: string | null, logprobs: Json | null = null): Json {
    return this.envelope([{ index, delta, logprobs, finish_reason: finishReason }]);
  }

  private envelope(choices: Json[]): Json {
    return {
      id: this.id ?? this.ctx.id,
      object: 'chat.completion.chunk',
      created: this.ctx.created,
      model: this.model ?? this.ctx.model,
      choices,
    };
  }
}
