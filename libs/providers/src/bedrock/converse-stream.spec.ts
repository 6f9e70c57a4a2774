import type { Json } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { streamCtx } from './__fixtures__/context.js';
import { converseEvent } from './__fixtures__/event-stream-encoder.js';
import { TEXT_STREAM, THROTTLED_STREAM, TWO_TOOLS_STREAM } from './__fixtures__/converse-streams.js';
import { converseStream } from './converse-stream.js';

type Chunk = { id: string; object: string; created: number; model: string; choices: { index: number; delta: Json; finish_reason: string | null }[]; usage?: Json };

/** Bytes → binary parser → transformer, in network-sized pieces, the way the gateway relays them. */
function run(bytes: Uint8Array, ctx = streamCtx(), chunkSize = 37): Chunk[] {
  const parser = converseStream.binaryParser!();
  const transformer = converseStream.create(ctx);
  const out: Json[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) {
    for (const event of parser.push(bytes.subarray(i, i + chunkSize))) out.push(...transformer.onEvent(event));
  }
  out.push(...transformer.onEnd());
  return out as Chunk[];
}

describe('converseStream', () => {
  it('declares the AWS binary framing', () => {
    expect(converseStream.framing).toBe('aws-eventstream');
  });

  it('translates a text stream into role, content, finish and usage chunks', () => {
    const base = { id: 'bedrock-1760000000000', object: 'chat.completion.chunk', created: 1760000000, model: 'anthropic.claude-3-5-sonnet-20240620-v1:0' };
    expect(run(TEXT_STREAM)).toEqual([
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: { content: ', world!' }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }] },
      { ...base, choices: [], usage: { prompt_tokens: 112, completion_tokens: 5, total_tokens: 117, prompt_tokens_details: { cached_tokens: 100 } } },
    ]);
  });

  it('numbers two tool calls 0 and 1 (not by content block) and routes input fragments to their call', () => {
    const chunks = run(TWO_TOOLS_STREAM, streamCtx(), 11);
    expect(chunks.filter((c) => c.choices.length > 0).map((c) => [c.choices[0].delta, c.choices[0].finish_reason])).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Checking both.' }, null],
      [{ tool_calls: [{ index: 0, id: 'tooluse_Paris01', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }, null],
      [{ tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }, null],
      [{ tool_calls: [{ index: 1, id: 'tooluse_Tokyo02', type: 'function', function: { name: 'get_weather', arguments: '' } }] }, null],
      [{ tool_calls: [{ index: 1, function: { arguments: '{"city":"Tokyo"}' } }] }, null],
      [{}, 'tool_calls'],
    ]);
    expect(chunks[chunks.length - 1]).toMatchObject({ choices: [], usage: { prompt_tokens: 300, completion_tokens: 80, total_tokens: 380 } });
  });

  it('throws a ProviderStreamError for an exception after the 200, with what came before already emitted', () => {
    const parser = converseStream.binaryParser!();
    const transformer = converseStream.create(streamCtx());
    const events = parser.push(THROTTLED_STREAM);
    expect(transformer.onEvent(events[0])).toHaveLength(1);
    expect(transformer.onEvent(events[1])).toMatchObject([{ choices: [{ delta: { content: 'Partial' } }] }]);
    let thrown: unknown;
    try {
      transformer.onEvent(events[2]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderStreamError);
    expect((thrown as ProviderStreamError).body).toEqual({
      error: { message: 'bedrock error: Too many tokens, please wait before trying again.', type: 'ThrottlingException', param: null, code: null },
      provider: 'bedrock',
    });
  });

  it.each(['modelStreamErrorException', 'validationException', 'internalServerException', 'serviceUnavailableException', 'exception'])('throws for %s', (name) => {
    const transformer = converseStream.create(streamCtx());
    expect(() => transformer.onEvent({ event: name, data: '{"message":"failed"}' })).toThrow(ProviderStreamError);
  });

  it('throws for a generic error message, typed by its code', () => {
    const transformer = converseStream.create(streamCtx());
    expect(() => transformer.onEvent({ event: 'error', data: '{"code":"InternalFailure","message":"boom"}' })).toThrow(
      expect.objectContaining({ body: expect.objectContaining({ error: expect.objectContaining({ type: 'InternalFailure', message: 'bedrock error: boom' }) }) }),
    );
  });

  it('sends reasoning deltas as content_blocks only without strict compliance', () => {
    const delta = { event: 'contentBlockDelta', data: JSON.stringify({ contentBlockIndex: 0, delta: { reasoningContent: { text: 'Hmm.' } } }) };
    expect(converseStream.create(streamCtx()).onEvent(delta)).toEqual([]);
    expect(converseStream.create(streamCtx({ strictOpenAiCompliance: false })).onEvent(delta)).toMatchObject([
      { choices: [{ delta: { role: 'assistant', content_blocks: [{ index: 0, delta: { thinking: 'Hmm.' } }] } }] },
    ]);
  });

  it('reports usage once, even if the stream ends right after it', () => {
    const transformer = converseStream.create(streamCtx());
    const parser = converseStream.binaryParser!();
    const [event] = parser.push(converseEvent('metadata', { usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } }));
    expect(transformer.onEvent(event)).toHaveLength(1);
    expect(transformer.onEnd()).toEqual([]);
  });
});
