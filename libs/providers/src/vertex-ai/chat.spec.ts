import type { Json, StreamEvent } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { ctx, responseCtx, streamCtx } from './__fixtures__/context.js';
import { vertexChat } from './chat.js';

const request = vertexChat.request!;
const response = vertexChat.response!;

describe('vertex-ai chat bodies', () => {
  const messages = [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Hi' },
  ];

  it('sends the Gemini body, without the model, plus Vertex labels', () => {
    expect(request({ model: 'google.gemini-2.5-flash', messages, max_tokens: 50, temperature: 0.3, labels: { team: 'search' } }, ctx())).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      generationConfig: { temperature: 0.3, maxOutputTokens: 50 },
      labels: { team: 'search' },
    });
  });

  it("sends Anthropic's body with the Vertex API version and no model", () => {
    expect(request({ model: 'anthropic.claude-sonnet-4@20250514', messages, max_tokens: 256 }, ctx())).toEqual({
      anthropic_version: 'vertex-2023-10-16',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      max_tokens: 256,
    });
  });

  it('asks for a stream in the Anthropic body when streaming', () => {
    const body = request({ model: 'claude-3-5-haiku@20241022', messages, stream: true, stream_options: { include_usage: true } }, ctx({ stream: true }));
    expect(body).toMatchObject({ anthropic_version: 'vertex-2023-10-16', stream: true, max_tokens: 4096 });
    expect(body).not.toHaveProperty('model');
    expect(body).not.toHaveProperty('stream_options');
  });
});

describe('vertex-ai chat responses', () => {
  it('reads a Gemini response', () => {
    const out = response(
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hello!' }] }, finishReason: 'STOP' }],
        usageMetadata: { promptTokenCount: 4, candidatesTokenCount: 2, totalTokenCount: 6 },
        modelVersion: 'gemini-2.5-flash',
        responseId: 'resp-1',
      },
      responseCtx('google.gemini-2.5-flash'),
    );
    expect(out).toMatchObject({
      id: 'resp-1',
      object: 'chat.completion',
      model: 'gemini-2.5-flash',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 4, completion_tokens: 2, total_tokens: 6 },
    });
  });

  it('reads an Anthropic response from rawPredict', () => {
    const out = response(
      {
        id: 'msg_vrtx_01',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-4-20250514',
        content: [{ type: 'text', text: 'Hello!' }],
        stop_reason: 'end_turn',
        usage: { input_tokens: 10, output_tokens: 3 },
      },
      responseCtx('anthropic.claude-sonnet-4@20250514'),
    );
    expect(out).toMatchObject({
      id: 'msg_vrtx_01',
      model: 'claude-sonnet-4-20250514',
      choices: [{ message: { role: 'assistant', content: 'Hello!' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 },
    });
  });
});

describe('vertex-ai chat streams', () => {
  const run = (model: string, events: StreamEvent[]): Json[] => {
    const transformer = vertexChat.stream!.create(streamCtx(model));
    return [...events.flatMap((e) => transformer.onEvent(e)), ...transformer.onEnd()];
  };

  it('uses SSE framing', () => {
    expect(vertexChat.stream!.framing).toBe('sse');
  });

  it('translates Gemini alt=sse events', () => {
    const chunks = run('gemini-2.5-flash', [
      { data: JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] } }], modelVersion: 'gemini-2.5-flash' }) },
      {
        data: JSON.stringify({
          candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, finishReason: 'STOP' }],
          usageMetadata: { promptTokenCount: 3, candidatesTokenCount: 2, totalTokenCount: 5 },
        }),
      },
    ]);
    expect(chunks.map((c) => (c.choices as Json[])[0]?.delta ?? c.usage)).toEqual([
      { role: 'assistant', content: 'Hel' },
      { content: 'lo' },
      {},
      expect.objectContaining({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 }),
    ]);
  });

  it('translates Anthropic streamRawPredict events', () => {
    const chunks = run('anthropic.claude-sonnet-4@20250514', [
      { event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { id: 'msg_1', model: 'claude-sonnet-4-20250514', usage: { input_tokens: 9, output_tokens: 1 } } }) },
      { event: 'content_block_start', data: JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }) },
      { event: 'content_block_delta', data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi!' } }) },
      { event: 'message_delta', data: JSON.stringify({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 2 } }) },
      { event: 'message_stop', data: JSON.stringify({ type: 'message_stop' }) },
    ]);
    expect(chunks.map((c) => [(c.choices as Json[])[0]?.delta, (c.choices as Json[])[0]?.finish_reason])).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Hi!' }, null],
      [{}, 'stop'],
      [undefined, undefined],
    ]);
    expect(chunks[3].usage).toMatchObject({ prompt_tokens: 9, completion_tokens: 2 });
  });

  it('re-labels in-stream errors of either publisher as vertex-ai', () => {
    const anthropic = vertexChat.stream!.create(streamCtx('claude-sonnet-4@20250514'));
    expect(() => anthropic.onEvent({ event: 'error', data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) })).toThrow(
      expect.objectContaining({ body: { error: { message: 'vertex-ai error: Overloaded', type: 'overloaded_error', param: null, code: null }, provider: 'vertex-ai' } }),
    );
    const gemini = vertexChat.stream!.create(streamCtx('gemini-2.5-pro'));
    let thrown: unknown;
    try {
      gemini.onEvent({ data: JSON.stringify({ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }) });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderStreamError);
    expect((thrown as ProviderStreamError).body).toMatchObject({ provider: 'vertex-ai', error: { message: 'vertex-ai error: Quota exceeded', type: 'RESOURCE_EXHAUSTED' } });
  });
});
