import type { Json, StreamContext } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { parseSse } from './__fixtures__/sse.js';
import { TEXT_STREAM, TOOL_STREAM } from './__fixtures__/streams.js';
import { createCohereChatStream } from './chat-stream.js';

const CREATED = 1_760_000_000;
const context = (over: Partial<StreamContext> = {}): StreamContext => ({
  endpoint: 'chatComplete',
  options: { provider: 'cohere' },
  stream: true,
  strictOpenAiCompliance: true,
  id: 'cohere-fallback',
  model: 'command-a-03-2025',
  created: CREATED,
  ...over,
});

type Chunk = { id: string; choices: { delta: Json; finish_reason: string | null }[]; usage?: Json };

function run(text: string, ctx = context()): Chunk[] {
  const stream = createCohereChatStream(ctx);
  return [...parseSse(text).flatMap((e) => stream.onEvent(e)), ...stream.onEnd()] as Chunk[];
}

describe('createCohereChatStream', () => {
  it('streams text, then the finish reason, then usage as the last chunk', () => {
    const chunks = run(TEXT_STREAM);
    expect(chunks.map((c) => c.id)).toEqual(Array(chunks.length).fill('29f14a5a-11de-4cae-9800-25e4747408ea'));
    expect(chunks.filter((c) => c.choices.length > 0).map((c) => [c.choices[0].delta, c.choices[0].finish_reason])).toEqual([
      [{ role: 'assistant', content: '' }, null],
      [{ content: 'Hola' }, null],
      [{ content: ' Juan' }, null],
      [{}, 'stop'],
    ]);
    expect(chunks.at(-1)).toEqual({
      id: '29f14a5a-11de-4cae-9800-25e4747408ea',
      object: 'chat.completion.chunk',
      created: CREATED,
      model: 'command-a-03-2025',
      choices: [],
      // Processed tokens as OpenAI counts them; billed units beside them for cost.
      usage: { prompt_tokens: 205, completion_tokens: 4, total_tokens: 209, billed_units: { input_tokens: 9, output_tokens: 2 } },
    });
  });

  it('streams the tool plan as content and numbers tool calls with their argument fragments', () => {
    const chunks = run(TOOL_STREAM);
    const deltas = chunks.filter((c) => c.choices.length > 0).map((c) => c.choices[0].delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: '' },
      { content: 'I will look up' },
      { content: ' the weather.' },
      { tool_calls: [{ index: 0, id: 'get_weather_nsz5zm3w56q3', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{\n    "' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'location": "Toronto"\n}' } }] },
      { tool_calls: [{ index: 1, id: 'get_time_b3v9wq1k0e2r', type: 'function', function: { name: 'get_time', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
      {},
    ]);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 793,
      completion_tokens: 61,
      total_tokens: 854,
      prompt_tokens_details: { cached_tokens: 176 },
      billed_units: { input_tokens: 50, output_tokens: 26 },
    });
  });

  it('reads the event type from the JSON when the SSE event line is missing', () => {
    const stream = createCohereChatStream(context());
    expect(stream.onEvent({ data: '{"type":"content-delta","index":0,"delta":{"message":{"content":{"text":"Hi"}}}}' })).toHaveLength(1);
  });

  it('throws the error a message-end reports', () => {
    const stream = createCohereChatStream(context());
    stream.onEvent({ event: 'message-start', data: '{"id":"x","type":"message-start","delta":{"message":{"role":"assistant"}}}' });
    let thrown: unknown;
    try {
      stream.onEvent({ event: 'message-end', data: '{"type":"message-end","delta":{"error":"internal server error, this has been reported to our developers","finish_reason":"ERROR"}}' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderStreamError);
    expect((thrown as ProviderStreamError).body).toEqual({
      error: { message: 'cohere error: internal server error, this has been reported to our developers', type: null, param: null, code: null },
      provider: 'cohere',
    });
  });

  it('ignores citations, debug events, [DONE] and unparseable data, and sends no usage it never got', () => {
    const stream = createCohereChatStream(context());
    expect(stream.onEvent({ event: 'citation-start', data: '{"type":"citation-start","index":0,"delta":{"message":{"citations":{"start":0,"end":4,"text":"Hola"}}}}' })).toEqual([]);
    expect(stream.onEvent({ event: 'debug', data: '{"type":"debug","prompt":"…"}' })).toEqual([]);
    expect(stream.onEvent({ data: '[DONE]' })).toEqual([]);
    expect(stream.onEvent({ data: 'not json' })).toEqual([]);
    stream.onEvent({ event: 'message-start', data: '{"id":"y","type":"message-start"}' });
    expect(stream.onEnd()).toEqual([]);
  });

  it('keeps finish reasons raw without strict compliance', () => {
    const chunks = run(TOOL_STREAM, context({ strictOpenAiCompliance: false }));
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('TOOL_CALL');
  });
});
