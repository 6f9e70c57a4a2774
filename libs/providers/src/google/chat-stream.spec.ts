import { ProviderStreamError } from '../core/types.js';
import { parseSse, streamCtx } from './__fixtures__/context.js';
import { errorEvent, functionCallStreamSse, laterFunctionCallEvent, textStreamSse } from './__fixtures__/gemini-responses.js';
import { geminiChatStream } from './chat-stream.js';

function run(sse: string, ctx = streamCtx()) {
  const transformer = geminiChatStream.create(ctx);
  const chunks = parseSse(sse).flatMap((event) => transformer.onEvent(event));
  return { chunks, end: transformer.onEnd() };
}

const envelope = { id: 'sse-text-1', object: 'chat.completion.chunk', created: 1700000000, model: 'gemini-2.0-flash' };

describe('geminiChatStream', () => {
  it('reads SSE framing (alt=sse)', () => {
    expect(geminiChatStream.framing).toBe('sse');
  });

  it('streams text deltas, the role first, then a finish chunk, and one usage chunk at the end', () => {
    const { chunks, end } = run(textStreamSse);
    expect(chunks).toEqual([
      { ...envelope, choices: [{ index: 0, delta: { role: 'assistant', content: 'The' }, logprobs: null, finish_reason: null }] },
      { ...envelope, choices: [{ index: 0, delta: { content: ' sky is blue because of' }, logprobs: null, finish_reason: null }] },
      { ...envelope, choices: [{ index: 0, delta: { content: ' Rayleigh scattering.' }, logprobs: null, finish_reason: null }] },
      { ...envelope, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] },
    ]);
    expect(end).toEqual([
      {
        ...envelope,
        choices: [],
        usage: {
          prompt_tokens: 8,
          completion_tokens: 11,
          total_tokens: 19,
          prompt_tokens_details: { cached_tokens: 0 },
          completion_tokens_details: { reasoning_tokens: 0 },
        },
      },
    ]);
  });

  it('never emits [DONE] itself', () => {
    const { chunks, end } = run(textStreamSse);
    expect(JSON.stringify([...chunks, ...end])).not.toContain('[DONE]');
  });

  it('emits whole function calls as tool-call deltas numbered across the stream, and ends with tool_calls', () => {
    const transformer = geminiChatStream.create(streamCtx({ model: 'gemini-2.5-flash' }));
    const chunks = parseSse(functionCallStreamSse).flatMap((e) => transformer.onEvent(e));
    const later = transformer.onEvent({ data: laterFunctionCallEvent });
    const end = transformer.onEnd();

    expect(chunks.map((c) => c.id)).toEqual(['sse-fc-1', 'sse-fc-1', 'sse-fc-1']);
    const deltas = chunks.map((c) => (c.choices as Record<string, any>[])[0]);
    expect(deltas[0]).toEqual({ index: 0, delta: { role: 'assistant', content: 'Let me check both.' }, logprobs: null, finish_reason: null });
    expect(deltas[1].delta).toEqual({
      tool_calls: [
        { index: 0, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } },
        { index: 1, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_time', arguments: '{"timezone":"Europe/Paris"}' } },
      ],
    });
    expect(deltas[1].finish_reason).toBeNull();
    expect(deltas[2]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: 'tool_calls' });

    const laterCalls = (later[0].choices as Record<string, any>[])[0].delta.tool_calls;
    expect(laterCalls).toEqual([{ index: 2, id: expect.stringMatching(/^call_/), type: 'function', function: { name: 'get_news', arguments: '{"topic":"weather"}' } }]);

    expect(end).toHaveLength(1);
    expect(end[0].usage).toEqual({
      prompt_tokens: 60,
      completion_tokens: 70,
      total_tokens: 130,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 46 },
    });
  });

  it('adds thought signatures and thinking blocks only when strict compliance is off', () => {
    const strictRun = run(functionCallStreamSse);
    expect((strictRun.chunks[1].choices as Record<string, any>[])[0].delta.tool_calls[0].function).not.toHaveProperty('thought_signature');

    const loose = run(functionCallStreamSse, streamCtx({ strictOpenAiCompliance: false }));
    expect((loose.chunks[1].choices as Record<string, any>[])[0].delta.tool_calls[0].function.thought_signature).toBe('CiQBsig1');
    expect((loose.chunks[2].choices as Record<string, any>[])[0].finish_reason).toBe('STOP');

    const thought = '{"candidates":[{"content":{"parts":[{"text":"Considering the question","thought":true}],"role":"model"},"index":0}]}';
    expect(geminiChatStream.create(streamCtx()).onEvent({ data: thought })).toEqual([]);
    const looseChunks = geminiChatStream.create(streamCtx({ strictOpenAiCompliance: false })).onEvent({ data: thought });
    expect((looseChunks[0].choices as Record<string, any>[])[0].delta).toEqual({
      role: 'assistant',
      content_blocks: [{ index: 0, delta: { thinking: 'Considering the question' } }],
    });
  });

  it('uses the stream context id and model when Gemini sends none', () => {
    const transformer = geminiChatStream.create(streamCtx());
    const [chunk] = transformer.onEvent({ data: '{"candidates":[{"content":{"parts":[{"text":"Hi"}],"role":"model"},"index":0}]}' });
    expect(chunk).toMatchObject({ id: 'google-1700000000000', model: 'gemini-2.0-flash', created: 1700000000 });
    expect(transformer.onEnd()).toEqual([]);
  });

  it('ends a blocked prompt with a content_filter chunk', () => {
    const transformer = geminiChatStream.create(streamCtx());
    const chunks = transformer.onEvent({ data: '{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},"usageMetadata":{"promptTokenCount":7,"totalTokenCount":7},"responseId":"b-1"}' });
    expect(chunks).toEqual([
      { id: 'b-1', object: 'chat.completion.chunk', created: 1700000000, model: 'gemini-2.0-flash', choices: [{ index: 0, delta: { role: 'assistant' }, logprobs: null, finish_reason: 'content_filter' }] },
    ]);
    expect(transformer.onEnd()[0].usage).toMatchObject({ prompt_tokens: 7, total_tokens: 7 });
  });

  it('keeps choices apart when several candidates stream (n > 1)', () => {
    const transformer = geminiChatStream.create(streamCtx());
    const chunks = transformer.onEvent({
      data: '{"candidates":[{"content":{"parts":[{"text":"A"}],"role":"model"},"index":0},{"content":{"parts":[{"text":"B"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}]}',
    });
    expect(chunks.map((c) => (c.choices as unknown[])[0])).toEqual([
      { index: 0, delta: { role: 'assistant', content: 'A' }, logprobs: null, finish_reason: null },
      { index: 1, delta: { role: 'assistant', content: 'B' }, logprobs: null, finish_reason: null },
      { index: 1, delta: {}, logprobs: null, finish_reason: 'length' },
    ]);
  });

  it('throws a ProviderStreamError with the unified error for an error event', () => {
    const transformer = geminiChatStream.create(streamCtx());
    transformer.onEvent({ data: '{"candidates":[{"content":{"parts":[{"text":"Par"}],"role":"model"},"index":0}]}' });
    let caught: unknown;
    try {
      transformer.onEvent({ data: errorEvent });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProviderStreamError);
    expect((caught as ProviderStreamError).body).toEqual({
      error: { message: 'google error: The model is overloaded. Please try again later.', type: 'UNAVAILABLE', param: null, code: '503' },
      provider: 'google',
    });
  });

  it('throws on an error wrapped in an array, and on an unparseable event', () => {
    const transformer = geminiChatStream.create(streamCtx());
    expect(() => transformer.onEvent({ data: `[${errorEvent}]` })).toThrow(ProviderStreamError);
    expect(() => transformer.onEvent({ data: '{"candidates": [' })).toThrow(/unparseable stream event/);
  });

  it('ignores empty events and a stray [DONE]', () => {
    const transformer = geminiChatStream.create(streamCtx());
    expect(transformer.onEvent({ data: '' })).toEqual([]);
    expect(transformer.onEvent({ data: '[DONE]' })).toEqual([]);
  });
});
