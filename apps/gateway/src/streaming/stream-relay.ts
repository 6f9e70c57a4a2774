import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { Json, StreamAdapter, StreamContext, StreamEvent } from '@aigw/providers';
import { ProviderStreamError } from '@aigw/providers';
import type { UsageCounts } from '../request/request-context.js';
import { UsageChunkFilter } from './chunk-filter.js';
import { SseParser } from './sse-parser.js';

export interface StreamRelayOptions {
  /** The upstream response body (undici's readable). */
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown };
  res: ServerResponse;
  /** The provider's stream translation; undefined when the upstream already speaks OpenAI SSE. */
  adapter?: StreamAdapter;
  streamContext: StreamContext;
  clientWantsUsage: boolean;
  idleTimeoutMs: number;
  providerId: string;
}

export interface StreamRelayResult {
  usage?: UsageCounts;
  /** Set when the stream ended abnormally (upstream error, idle timeout, client gone). */
  error?: string;
  clientGone: boolean;
}

const DONE = 'data: [DONE]\n\n';

/**
 * Relays an upstream stream to the client as OpenAI `chat.completion.chunk` SSE, translating
 * provider events on the fly, with backpressure (waits for `drain`), an idle timeout between
 * chunks, and a `data: [DONE]` at the end for every provider. An upstream failure after the first
 * byte reaches the client as an error event, never as a silent end.
 */
export async function relayStream(opts: StreamRelayOptions): Promise<StreamRelayResult> {
  const { body, res } = opts;
  const filter = new UsageChunkFilter(opts.clientWantsUsage);
  const transformer = opts.adapter?.create(opts.streamContext);
  const parser = createParser(opts.adapter?.framing ?? 'sse');
  const decoder = new TextDecoder();
  let idle = false;
  let clientGone = false;

  const onClose = () => {
    if (!res.writableFinished) {
      clientGone = true;
      body.destroy();
    }
  };
  res.on('close', onClose);
  const idleTimer = setTimeout(() => {
    idle = true;
    body.destroy(new Error('idle'));
  }, opts.idleTimeoutMs);

  const render = (events: StreamEvent[]): string => {
    let out = '';
    for (const event of events) {
      if (transformer) {
        for (const chunk of transformer.onEvent(event)) out += frameObject(filter, chunk);
      } else if (event.data !== '[DONE]') {
        const data = filter.filterText(event.data);
        if (data !== undefined) out += `data: ${data}\n\n`;
      }
    }
    return out;
  };

  try {
    for await (const chunk of body) {
      idleTimer.refresh();
      const out = render(parser.push(decoder.decode(chunk, { stream: true })));
      if (out && !res.write(out)) await waitForDrain(res);
    }
    let tail = render(parser.flush());
    if (transformer) for (const chunk of transformer.onEnd()) tail += frameObject(filter, chunk);
    // [DONE] is always ours to send, whether or not the upstream sent one (Gemini never does).
    res.end(tail + DONE);
    return { usage: filter.usage, clientGone: false };
  } catch (error) {
    if (clientGone || res.destroyed) return { usage: filter.usage, error: 'client disconnected', clientGone: true };
    const message = describeStreamFailure(error, idle, opts);
    const body =
      error instanceof ProviderStreamError
        ? error.body
        : { error: { message, type: idle ? 'timeout_error' : 'stream_error', param: null, code: null }, provider: opts.providerId };
    res.end(`data: ${JSON.stringify(body)}\n\n`);
    return { usage: filter.usage, error: error instanceof ProviderStreamError ? error.message : message, clientGone: false };
  } finally {
    clearTimeout(idleTimer);
    res.off('close', onClose);
  }
}

function frameObject(filter: UsageChunkFilter, chunk: Json): string {
  const kept = filter.filterObject(chunk);
  return kept === undefined ? '' : `data: ${JSON.stringify(kept)}\n\n`;
}

function describeStreamFailure(error: unknown, idle: boolean, opts: StreamRelayOptions): string {
  if (idle) return `Stream from ${opts.providerId} was idle for more than ${opts.idleTimeoutMs}ms`;
  const reason = error instanceof Error ? error.message : String(error);
  return `Stream from ${opts.providerId} failed: ${reason}`;
}

async function waitForDrain(res: ServerResponse): Promise<void> {
  if (res.destroyed) throw new Error('client disconnected');
  await Promise.race([once(res, 'drain'), once(res, 'close').then(() => { throw new Error('client disconnected'); })]);
}

interface EventParser {
  push(text: string): StreamEvent[];
  flush(): StreamEvent[];
}

function createParser(framing: StreamAdapter['framing']): EventParser {
  if (framing === 'sse') return new SseParser();
  if (framing === 'ndjson') return new NdjsonParser();
  throw new Error(`stream framing ${framing} is not supported by the relay`);
}

/** One JSON object per line (Ollama's native API, Cohere v1). */
class NdjsonParser implements EventParser {
  private buffer = '';
  push(text: string): StreamEvent[] {
    this.buffer += text;
    const lines = this.buffer.split('\n');
    this.buffer = lines.pop() ?? '';
    return lines.filter((line) => line.trim()).map((line) => ({ data: line.trim() }));
  }
  flush(): StreamEvent[] {
    const rest = this.buffer.trim();
    this.buffer = '';
    return rest ? [{ data: rest }] : [];
  }
}
