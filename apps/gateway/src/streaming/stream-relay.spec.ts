import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { OpenAiSseSink } from './chunk-sinks.js';
import { relayStream } from './stream-relay.js';

/** A response whose socket buffer is full until the test says it drained. */
class SlowResponse extends EventEmitter {
  written: string[] = [];
  ended = '';
  writableFinished = false;
  destroyed = false;
  full = true;
  write(text: string): boolean {
    this.written.push(text);
    return !this.full;
  }
  end(text: string): void {
    this.ended = text;
    this.writableFinished = true;
  }
  drain(): void {
    this.full = false;
    this.emit('drain');
  }
}

/** What a relay of an OpenAI stream to an OpenAI client takes besides its body and response. */
const OPENAI_PASSTHROUGH = {
  streamContext: { endpoint: 'chatComplete', options: { provider: 'openai' }, stream: true, strictOpenAiCompliance: true, id: 'x', model: 'm', created: 1 },
  get sink() {
    return new OpenAiSseSink(false);
  },
  idleTimeoutMs: 10_000,
  providerId: 'openai',
} as const;

function chunk(content: string): Buffer {
  return Buffer.from(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`);
}

describe('relayStream', () => {
  it('stops reading the upstream while the client is not draining (backpressure)', async () => {
    let pulled = 0;
    const upstream = {
      async *[Symbol.asyncIterator]() {
        for (const word of ['a', 'b', 'c']) {
          pulled++;
          yield chunk(word);
        }
      },
      destroy() {},
    };
    const res = new SlowResponse();
    const done = relayStream({
      body: upstream as never,
      res: res as unknown as ServerResponse,
      ...OPENAI_PASSTHROUGH,
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    // One chunk written, the write said "full": the relay waits instead of pulling more.
    expect(res.written).toHaveLength(1);
    expect(pulled).toBe(1);
    res.drain();
    await done;
    expect(pulled).toBe(3);
    expect(res.ended.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('keeps a character whose UTF-8 bytes are split across two upstream reads', async () => {
    const bytes = chunk('héllo 👋');
    const cut = bytes.indexOf(Buffer.from('👋')) + 2; // inside the emoji's four bytes
    const upstream = {
      async *[Symbol.asyncIterator]() {
        yield bytes.subarray(0, cut);
        yield bytes.subarray(cut);
      },
      destroy() {},
    };
    const res = new SlowResponse();
    res.full = false;
    const result = await relayStream({
      body: upstream as never,
      res: res as unknown as ServerResponse,
      ...OPENAI_PASSTHROUGH,
    });
    expect(result.error).toBeUndefined();
    const sent = res.written.join('') + res.ended;
    expect(sent).toBe(`${bytes.toString('utf8')}data: [DONE]\n\n`);
    expect(sent).not.toContain('\ufffd');
  });
});
