import { once } from 'node:events';
import { StringDecoder } from 'node:string_decoder';
import type { ServerResponse } from 'node:http';
import type { StreamAdapter, StreamContext, StreamEvent } from '@aigw/providers';
import { ProviderStreamError } from '@aigw/providers';
import type { UsageCounts } from '../request/request-context.js';
import type { ChunkSink } from './chunk-sinks.js';
import { ShuttingDownError, trackStream } from './active-streams.js';
import { SseParser } from './sse-parser.js';

export interface StreamRelayOptions {
  /** The upstream response body (undici's readable). */
  body: AsyncIterable<Buffer> & { destroy(error?: Error): unknown };
  res: ServerResponse;
  /** The provider's stream translation; undefined when the upstream already speaks OpenAI SSE. */
  adapter?: StreamAdapter;
  streamContext: StreamContext;
  /** Frames the OpenAI chunks for the API the client called. */
  sink: ChunkSink;
  idleTimeoutMs: number;
  providerId: string;
}

export interface StreamRelayResult {
  usage?: UsageCounts;
  /** Set when the stream ended abnormally (upstream error, idle timeout, client gone). */
  error?: string;
  clientGone: boolean;
}

/**
 * Relays an upstream stream to the client, translating provider events into OpenAI chunks on the
 * fly and framing them through the sink, with backpressure (waits for `drain`) and an idle
 * timeout between chunks. An upstream failure after the first byte reaches the client as an
 * error event, never as a silent end.
 */
export async function relayStream(opts: StreamRelayOptions): Promise<StreamRelayResult> {
  const { body, res, sink } = opts;
  const transformer = opts.adapter?.create(opts.streamContext);
  // Binary framings (AWS event stream) are parsed from bytes; text framings from decoded text.
  const binary = opts.adapter?.framing === 'aws-eventstream' ? opts.adapter.binaryParser?.() : undefined;
  const parser = binary ? undefined : createParser(opts.adapter?.framing ?? 'sse');
  // StringDecoder, not TextDecoder: the latter opens an ICU converter for every stream (a CPU
  // profile of streams at 32 connections showed it); both keep a character split across reads.
  const decoder = new StringDecoder('utf8');
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
  const untrack = trackStream((error) => body.destroy(error));

  const render = (events: StreamEvent[]): string => {
    let out = '';
    for (const event of events) {
      if (transformer) {
        for (const chunk of transformer.onEvent(event)) out += sink.chunk(chunk);
      } else if (event.data !== '[DONE]') {
        // [DONE] is the sink's to send, whether or not the upstream sent one (Gemini never does).
        // The good chunks before it still reach the client, then the error event.
        if (!looksLikeJsonObject(event.data)) throw new MalformedEventError(opts.providerId, event.data, out);
        out += sink.text(event.data);
      }
    }
    return out;
  };

  try {
    for await (const chunk of body) {
      idleTimer.refresh();
      const out = render(binary ? binary.push(chunk) : parser!.push(decoder.write(chunk)));
      if (out && !res.write(out)) await waitForDrain(res);
    }
    // Bytes of a character the upstream cut off at its very end stay in the decoder, unsent.
    let tail = parser ? render(parser.flush()) : '';
    if (transformer) for (const chunk of transformer.onEnd()) tail += sink.chunk(chunk);
    res.end(tail + sink.end());
    return { usage: sink.usage, clientGone: false };
  } catch (error) {
    if (clientGone || res.destroyed) return { usage: sink.usage, error: 'client disconnected', clientGone: true };
    const message = describeStreamFailure(error, idle, opts);
    const failure =
      error instanceof ProviderStreamError
        ? error.body
        : { error: { message, type: idle ? 'timeout_error' : 'stream_error', param: null, code: null }, provider: opts.providerId };
    const before = error instanceof MalformedEventError ? error.rendered : '';
    res.end(before + sink.error(idle ? 408 : 502, failure));
    return { usage: sink.usage, error: error instanceof ProviderStreamError ? error.message : message, clientGone: false };
  } finally {
    clearTimeout(idleTimer);
    untrack();
    res.off('close', onClose);
  }
}

/**
 * Chunks relayed without translation are not parsed (the hot path), but a chunk that is not even
 * shaped like a JSON object (an event cut in half, an HTML line) would break the client's SDK
 * mid-stream: the stream ends with a clear error event instead. Two character reads per chunk.
 */
function looksLikeJsonObject(data: string): boolean {
  if (data.charCodeAt(0) === 123 && data.charCodeAt(data.length - 1) === 125) return true;
  const trimmed = data.trim();
  return trimmed.charCodeAt(0) === 123 && trimmed.charCodeAt(trimmed.length - 1) === 125;
}

class MalformedEventError extends Error {
  constructor(
    providerId: string,
    data: string,
    readonly rendered: string,
  ) {
    super(`${providerId} sent a malformed stream event: ${data.length > 80 ? `${data.slice(0, 80)}…` : data}`);
  }
}

function describeStreamFailure(error: unknown, idle: boolean, opts: StreamRelayOptions): string {
  if (idle) return `Stream from ${opts.providerId} was idle for more than ${opts.idleTimeoutMs}ms`;
  if (error instanceof MalformedEventError || error instanceof ShuttingDownError) return error.message;
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
