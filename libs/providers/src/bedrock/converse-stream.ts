import type { Json, StreamAdapter, StreamContext, StreamEvent, StreamTransformer } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { converseUsage, finishReason, isObject } from './converse-common.js';
import { bedrockStreamError } from './error.js';
import { createBedrockEventParser } from './stream-parser.js';

/**
 * ConverseStream events → OpenAI `chat.completion.chunk`s, one state machine per stream.
 *
 * Event flow: messageStart → (contentBlockStart? → contentBlockDelta* → contentBlockStop)* →
 * messageStop → metadata. Text blocks have no contentBlockStart; tool-use blocks start with
 * their id and name, then stream their input JSON as string fragments.
 *
 * Tool calls: OpenAI numbers tool calls 0, 1, 2…, Bedrock's `contentBlockIndex` numbers every
 * block (text included). Each toolUse block gets the next tool-call index when it starts, and
 * its input fragments are routed by block index to that same tool-call index.
 *
 * Errors: Bedrock reports failures after the 200 as exception events (throttlingException,
 * modelStreamErrorException, validationException…). They are thrown as ProviderStreamError so
 * the gateway surfaces them instead of ending the stream as if it had finished (the reference's
 * issues #1047, #1142).
 */
export const converseStream: StreamAdapter = {
  framing: 'aws-eventstream',
  create: (ctx) => new ConverseStreamTransformer(ctx),
  binaryParser: createBedrockEventParser,
};

class ConverseStreamTransformer implements StreamTransformer {
  private readonly toolIndexByBlock = new Map<number, number>();
  private started = false;
  private finished = false;
  private usage: Json | undefined;
  private usageSent = false;

  constructor(private readonly ctx: StreamContext) {}

  onEvent(event: StreamEvent): Json[] {
    const name = event.event ?? '';
    // Exceptions are named <kind>Exception; an untyped one arrives as plain `exception`.
    if (name === 'error' || /exception$/i.test(name)) throw new ProviderStreamError(streamError(name, event.data));
    const data = parse(event.data);
    if (!data) return [];
    switch (name) {
      case 'messageStart':
        this.started = true;
        return [this.chunk({ role: 'assistant', content: '' })];
      case 'contentBlockStart':
        return this.blockStart(data);
      case 'contentBlockDelta':
        return this.blockDelta(data);
      case 'messageStop':
        return this.messageStop(data);
      case 'metadata':
        if (isObject(data.usage)) this.usage = data.usage;
        return this.usageChunk();
      default:
        // contentBlockStop and event types added later: nothing for the client.
        return [];
    }
  }

  /** A stream cut after its usage arrived still reports it once. */
  onEnd(): Json[] {
    return this.usageChunk();
  }

  private blockStart(data: Json): Json[] {
    const start = isObject(data.start) ? data.start : {};
    if (!isObject(start.toolUse)) return [];
    const toolIndex = this.toolIndexByBlock.size;
    this.toolIndexByBlock.set(Number(data.contentBlockIndex), toolIndex);
    const call = { index: toolIndex, id: start.toolUse.toolUseId, type: 'function', function: { name: start.toolUse.name, arguments: '' } };
    return [this.chunk({ tool_calls: [call] })];
  }

  private blockDelta(data: Json): Json[] {
    const delta = isObject(data.delta) ? data.delta : {};
    const blockIndex = Number(data.contentBlockIndex);
    if (typeof delta.text === 'string') return delta.text ? [this.chunk({ content: delta.text })] : [];
    if (isObject(delta.toolUse)) {
      const toolIndex = this.toolIndexByBlock.get(blockIndex);
      const input = delta.toolUse.input;
      if (toolIndex === undefined || typeof input !== 'string' || !input) return [];
      return [this.chunk({ tool_calls: [{ index: toolIndex, function: { arguments: input } }] })];
    }
    if (isObject(delta.reasoningContent) && !this.ctx.strictOpenAiCompliance) {
      const thinking = reasoningDelta(delta.reasoningContent);
      return thinking ? [this.chunk({ content_blocks: [{ index: blockIndex, delta: thinking }] })] : [];
    }
    return [];
  }

  private messageStop(data: Json): Json[] {
    if (this.finished) return [];
    this.finished = true;
    return [this.chunk({}, finishReason(data.stopReason, this.ctx.strictOpenAiCompliance))];
  }

  private usageChunk(): Json[] {
    if (this.usageSent || !this.usage) return [];
    this.usageSent = true;
    return [{ ...this.envelope(), choices: [], usage: converseUsage(this.usage) }];
  }

  private chunk(delta: Json, finish: string | null = null): Json {
    // The first chunk of a stream that skipped messageStart still says who is speaking.
    if (!this.started) {
      this.started = true;
      delta = { role: 'assistant', ...delta };
    }
    return { ...this.envelope(), choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] };
  }

  private envelope(): Json {
    return { id: this.ctx.id, object: 'chat.completion.chunk', created: this.ctx.created, model: this.ctx.model };
  }
}

/** Reasoning deltas in the shape our Anthropic adapter streams thinking (text, then signature). */
function reasoningDelta(r: Json): Json | undefined {
  if (typeof r.text === 'string') return { thinking: r.text };
  if (typeof r.signature === 'string') return { signature: r.signature };
  if (typeof r.redactedContent === 'string') return { type: 'redacted_thinking', data: r.redactedContent };
  return undefined;
}

/** `error` events (generic `:message-type: error`) carry their code; exceptions are named by type. */
function streamError(name: string, data: string) {
  if (name === 'error') {
    const parsed = parse(data);
    const code = typeof parsed?.code === 'string' && parsed.code ? parsed.code : 'error';
    return bedrockStreamError(code, JSON.stringify({ message: parsed?.message ?? data }));
  }
  return bedrockStreamError(name, data);
}

function parse(data: string): Json | undefined {
  if (!data || !data.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(data);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
