import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import fc from 'fast-check';
import type { Json } from '../../core/types.js';
import {
  assembleCompletion,
  chunk,
  LENGTH_CHUNKS,
  TEXT_CHUNKS,
  TEXT_THEN_TWO_TOOLS_CHUNKS,
  usageChunk,
  WHOLE_CALLS_CHUNKS,
} from '../__fixtures__/chat-chunks.js';
import { openAiFinalResponse } from '../__fixtures__/sdk.js';
import { chatResponseToResponses } from './responses-response.js';
import { createChatToResponsesStream, type ResponsesStreamEvent } from './responses-stream.js';

const REQUEST = { model: 'mistral-large-latest', input: 'Hi', instructions: 'Be nice.', temperature: 0.5 };
const CTX = { responseId: 'resp_gw1', model: 'mistral-large-latest', createdAt: 1_760_000_100, request: REQUEST };

function run(chunks: Json[], ctx = CTX): ResponsesStreamEvent[] {
  const stream = createChatToResponsesStream(ctx);
  return [...chunks.flatMap((c) => stream.onChunk(c)), ...stream.onEnd()];
}

/** Every event name must be one of the SDK's stream event types. */
const names = (events: ResponsesStreamEvent[]) => events.map((e) => e.event as ResponseStreamEvent['type']);

/** The Response object as the API echoes this request (written out, not computed, on purpose). */
function response(fields: Json): Json {
  return {
    id: 'resp_gw1',
    object: 'response',
    created_at: 1_760_000_100,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions: 'Be nice.',
    max_output_tokens: null,
    max_tool_calls: null,
    model: 'mistral-large-latest',
    output: [],
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    store: false,
    temperature: 0.5,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: null,
    user: null,
    metadata: {},
    ...fields,
  };
}

const ev = (type: string, sequence: number, fields: Json) => ({ event: type, data: { type, sequence_number: sequence, ...fields } });
const text = (value: string) => ({ type: 'output_text', text: value, annotations: [], logprobs: [] });

describe('createChatToResponsesStream', () => {
  it('translates a text stream into the exact Responses event sequence', () => {
    const at = { item_id: 'msg_gw1_0', output_index: 0, content_index: 0 };
    const message = { id: 'msg_gw1_0', type: 'message', status: 'completed', content: [text('Hello! How can I help?')], role: 'assistant' };
    expect(run(TEXT_CHUNKS)).toEqual([
      ev('response.created', 0, { response: response({}) }),
      ev('response.in_progress', 1, { response: response({}) }),
      ev('response.output_item.added', 2, { output_index: 0, item: { id: 'msg_gw1_0', type: 'message', status: 'in_progress', content: [], role: 'assistant' } }),
      ev('response.content_part.added', 3, { ...at, part: text('') }),
      ev('response.output_text.delta', 4, { ...at, delta: 'Hello', logprobs: [] }),
      ev('response.output_text.delta', 5, { ...at, delta: '! How can', logprobs: [] }),
      ev('response.output_text.delta', 6, { ...at, delta: ' I help?', logprobs: [] }),
      ev('response.output_text.done', 7, { ...at, text: 'Hello! How can I help?', logprobs: [] }),
      ev('response.content_part.done', 8, { ...at, part: text('Hello! How can I help?') }),
      ev('response.output_item.done', 9, { output_index: 0, item: message }),
      ev('response.completed', 10, {
        response: response({
          status: 'completed',
          output: [message],
          usage: {
            input_tokens: 12,
            input_tokens_details: { cached_tokens: 0 },
            output_tokens: 9,
            output_tokens_details: { reasoning_tokens: 0 },
            total_tokens: 21,
          },
        }),
      }),
    ]);
  });

  it('holds the closing event until the usage chunk', () => {
    const stream = createChatToResponsesStream(CTX);
    const perChunk = TEXT_CHUNKS.map((c) => names(stream.onChunk(c)));
    expect(perChunk.at(-2)).toEqual(['response.output_text.done', 'response.content_part.done', 'response.output_item.done']);
    expect(perChunk.at(-1)).toEqual(['response.completed']);
    expect(stream.onEnd()).toEqual([]);
  });

  it('translates text then two tool calls into a message item and two function_call items', () => {
    const events = run(TEXT_THEN_TWO_TOOLS_CHUNKS);
    expect(names(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.output_item.added',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.delta',
      'response.function_call_arguments.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));

    const paris = { id: 'fc_gw1_1', type: 'function_call', status: 'completed', arguments: '{"city": "Paris", "unit": "c"}', call_id: 'call_paris', name: 'get_weather' };
    expect(events.slice(9, 14)).toEqual([
      ev('response.output_item.added', 9, { output_index: 1, item: { ...paris, status: 'in_progress', arguments: '' } }),
      ev('response.function_call_arguments.delta', 10, { item_id: 'fc_gw1_1', output_index: 1, delta: '{"city":' }),
      ev('response.function_call_arguments.delta', 11, { item_id: 'fc_gw1_1', output_index: 1, delta: ' "Paris", "unit": "c"}' }),
      ev('response.function_call_arguments.done', 12, { item_id: 'fc_gw1_1', output_index: 1, name: 'get_weather', arguments: '{"city": "Paris", "unit": "c"}' }),
      ev('response.output_item.done', 13, { output_index: 1, item: paris }),
    ]);

    const deltas = (itemId: string) =>
      events.filter((e) => e.data.item_id === itemId && e.event.endsWith('.delta')).map((e) => e.data.delta as string).join('');
    expect(deltas('msg_gw1_0')).toBe('Let me check both cities.');
    expect(JSON.parse(deltas('fc_gw1_1'))).toEqual({ city: 'Paris', unit: 'c' });
    expect(JSON.parse(deltas('fc_gw1_2'))).toEqual({ city: 'Tokyo', unit: 'c' });

    const completed = events.at(-1)?.data.response as Json;
    expect((completed.output as Json[]).map((item) => item.id)).toEqual(['msg_gw1_0', 'fc_gw1_1', 'fc_gw1_2']);
    expect(completed.usage).toEqual({
      input_tokens: 2100,
      input_tokens_details: { cached_tokens: 1920 },
      output_tokens: 64,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 2164,
    });
  });

  it('ends a length-cut stream with response.incomplete and an incomplete message', () => {
    const events = run(LENGTH_CHUNKS);
    const last = events.at(-1);
    expect(last?.event).toBe('response.incomplete');
    expect(last?.data.response).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete', content: [text('Once upon a time, there was a')] }],
    });
    expect(events.find((e) => e.event === 'response.output_item.done')?.data.item).toMatchObject({ status: 'incomplete' });
  });

  it('streams calls that arrive whole, without text, from output_index 0', () => {
    const events = run(WHOLE_CALLS_CHUNKS);
    const added = events.filter((e) => e.event === 'response.output_item.added').map((e) => [e.data.output_index, (e.data.item as Json).call_id]);
    expect(added).toEqual([
      [0, 'call_a'],
      [1, 'call_b'],
    ]);
    expect(events.at(-1)?.event).toBe('response.completed');
  });

  it('streams a refusal as a refusal part', () => {
    const events = run([chunk({ refusal: 'No.' }), chunk({}, 'stop')]);
    const at = { item_id: 'msg_gw1_0', output_index: 0, content_index: 0 };
    expect(events.slice(3, 7)).toEqual([
      ev('response.content_part.added', 3, { ...at, part: { type: 'refusal', refusal: '' } }),
      ev('response.refusal.delta', 4, { ...at, delta: 'No.' }),
      ev('response.refusal.done', 5, { ...at, refusal: 'No.' }),
      ev('response.content_part.done', 6, { ...at, part: { type: 'refusal', refusal: 'No.' } }),
    ]);
  });

  it('keeps a fragment for an already closed call in that call, under its output_index', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'a', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'b', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.filter((e) => e.event === 'response.function_call_arguments.delta').map((e) => [e.data.output_index, e.data.delta])).toEqual([
      [0, '{"x":'],
      [1, '{}'],
      [0, '1}'],
    ]);
    const output = (events.at(-1)?.data.response as Json).output as Json[];
    expect(output.map((item) => item.arguments)).toEqual(['{"x":1}', '{}']);
  });

  it('answers an empty upstream stream with a completed empty response', () => {
    expect(names(run([]))).toEqual(['response.created', 'response.in_progress', 'response.completed']);
  });

  it('ends with response.failed when the upstream fails mid-stream', () => {
    const stream = createChatToResponsesStream(CTX);
    stream.onChunk(chunk({ content: 'Hel' }));
    const [failed] = stream.onError(429, { error: { message: 'groq error: slow down', type: null, param: null, code: null }, provider: 'groq' });
    expect(failed.event).toBe('response.failed');
    expect(failed.data).toMatchObject({
      sequence_number: 5,
      response: { status: 'failed', error: { code: 'rate_limit_exceeded', message: 'groq error: slow down' } },
    });
    expect(failed.data).not.toHaveProperty('error');
    expect(stream.onEnd()).toEqual([]);
  });
});

describe('createChatToResponsesStream read by the OpenAI SDK', () => {
  /**
   * Ids and timestamps differ by construction (the stream's come from the gateway), and the SDK's
   * parse step adds `parsed`, `output_parsed` and `parsed_arguments`; everything else must agree.
   */
  const IGNORED = new Set(['id', 'created_at', 'parsed', 'output_parsed', 'parsed_arguments']);
  function withoutIds(value: Json): Json {
    return JSON.parse(JSON.stringify(value, (key, v) => (IGNORED.has(key) ? undefined : v)));
  }

  it('accumulates to the same response as the non-streaming translation', async () => {
    for (const chunks of [TEXT_CHUNKS, TEXT_THEN_TWO_TOOLS_CHUNKS, LENGTH_CHUNKS, WHOLE_CALLS_CHUNKS]) {
      const assembled = assembleCompletion(chunks) as { choices: Array<{ message: { content: string | null } }> };
      const streamed = await openAiFinalResponse(run(chunks));
      const whole = chatResponseToResponses(assembled, REQUEST);
      // output_text is the SDK's own convenience, computed client-side from the output items.
      const { output_text: outputText, ...wire } = streamed;
      expect(withoutIds(wire as unknown as Json)).toEqual(withoutIds(whole));
      expect(outputText).toBe(assembled.choices[0].message.content ?? '');
    }
  });

  it('agrees with the non-streaming translation however the upstream splits text and arguments (property)', async () => {
    const callArb = fc.record({ name: fc.constantFrom('read_file', 'search'), input: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.string()) });
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.array(callArb, { maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('stop', 'tool_calls', 'length'),
        async (content, calls, cuts, finish) => {
          const chunks = [chunk({ role: 'assistant', content: '' }), ...split(content, cuts).map((piece) => chunk({ content: piece }))];
          calls.forEach((call, index) => {
            const [first, ...rest] = split(JSON.stringify(call.input), cuts);
            chunks.push(chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: call.name, arguments: first ?? '' } }] }));
            for (const piece of rest) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
          });
          chunks.push(chunk({}, finish), usageChunk({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 }));
          const { output_text: _sdkOnly, ...streamed } = await openAiFinalResponse(run(chunks));
          expect(withoutIds(streamed as unknown as Json)).toEqual(withoutIds(chatResponseToResponses(assembleCompletion(chunks), REQUEST)));
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** Cuts a string into pieces of the given lengths, cycling through them. */
function split(value: string, lengths: number[]): string[] {
  const pieces: string[] = [];
  for (let at = 0, i = 0; at < value.length; i++) {
    const length = lengths[i % lengths.length];
    pieces.push(value.slice(at, at + length));
    at += length;
  }
  return pieces;
}
