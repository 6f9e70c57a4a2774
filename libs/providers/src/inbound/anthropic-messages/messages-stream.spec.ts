import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
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
import { anthropicFinalMessage } from '../__fixtures__/sdk.js';
import { chatResponseToMessages } from './messages-response.js';
import { createChatToMessagesStream, type MessagesStreamEvent } from './messages-stream.js';

const CTX = { id: 'msg_gw_1', model: 'claude-sonnet-4-5' };

function run(chunks: Json[], ctx = CTX): MessagesStreamEvent[] {
  const stream = createChatToMessagesStream(ctx);
  return [...chunks.flatMap((c) => stream.onChunk(c)), ...stream.onEnd()];
}

/** Every event name must be one the Anthropic SDK knows (ping and error are SSE-level events). */
type EventName = RawMessageStreamEvent['type'] | 'ping' | 'error';
const names = (events: MessagesStreamEvent[]) => events.map((e) => e.event as EventName);

const ZERO_USAGE = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function messageStart(ctx = CTX) {
  return {
    event: 'message_start',
    data: {
      type: 'message_start',
      message: { id: ctx.id, type: 'message', role: 'assistant', model: ctx.model, content: [], stop_reason: null, stop_sequence: null, usage: ZERO_USAGE },
    },
  };
}
const ping = { event: 'ping', data: { type: 'ping' } };
const blockStart = (index: number, contentBlock: Json) => ({ event: 'content_block_start', data: { type: 'content_block_start', index, content_block: contentBlock } });
const textDelta = (index: number, text: string) => ({ event: 'content_block_delta', data: { type: 'content_block_delta', index, delta: { type: 'text_delta', text } } });
const jsonDelta = (index: number, partial: string) => ({
  event: 'content_block_delta',
  data: { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } },
});
const blockStop = (index: number) => ({ event: 'content_block_stop', data: { type: 'content_block_stop', index } });
const messageStop = { event: 'message_stop', data: { type: 'message_stop' } };
const messageDelta = (stopReason: string, usage: Json) => ({
  event: 'message_delta',
  data: { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage },
});

describe('createChatToMessagesStream', () => {
  it('translates a text stream into the exact Anthropic event sequence', () => {
    expect(run(TEXT_CHUNKS)).toEqual([
      messageStart(),
      ping,
      blockStart(0, { type: 'text', text: '' }),
      textDelta(0, 'Hello'),
      textDelta(0, '! How can'),
      textDelta(0, ' I help?'),
      blockStop(0),
      messageDelta('end_turn', { input_tokens: 12, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }),
      messageStop,
    ]);
  });

  it('holds message_delta until the usage chunk, then ends the message there', () => {
    const stream = createChatToMessagesStream(CTX);
    const perChunk = TEXT_CHUNKS.map((c) => names(stream.onChunk(c)));
    expect(perChunk).toEqual([
      ['message_start', 'ping'],
      ['content_block_start', 'content_block_delta'],
      ['content_block_delta'],
      ['content_block_delta'],
      ['content_block_stop'],
      ['message_delta', 'message_stop'],
    ]);
    expect(stream.onEnd()).toEqual([]);
    // Nothing after message_stop, whatever the upstream still sends.
    expect(stream.onChunk(chunk({ content: 'late' }))).toEqual([]);
  });

  it('translates text then two tool calls into blocks 0, 1, 2 with their argument fragments', () => {
    const events = run(TEXT_THEN_TWO_TOOLS_CHUNKS);
    expect(events).toEqual([
      messageStart(),
      ping,
      blockStart(0, { type: 'text', text: '' }),
      textDelta(0, 'Let me check'),
      textDelta(0, ' both cities.'),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'call_paris', name: 'get_weather', input: {} }),
      jsonDelta(1, '{"city":'),
      jsonDelta(1, ' "Paris", "unit": "c"}'),
      blockStop(1),
      blockStart(2, { type: 'tool_use', id: 'call_tokyo', name: 'get_weather', input: {} }),
      jsonDelta(2, '{"city": "To'),
      jsonDelta(2, 'kyo", "unit": "c"}'),
      blockStop(2),
      // 2100 prompt tokens of which 1920 cached: Anthropic counts the uncached rest as input.
      messageDelta('tool_use', { input_tokens: 180, output_tokens: 64, cache_creation_input_tokens: 0, cache_read_input_tokens: 1920 }),
      messageStop,
    ]);

    const fragments = (index: number) =>
      events
        .filter((e) => e.event === 'content_block_delta' && e.data.index === index)
        .map((e) => {
          const delta = e.data.delta as { text?: string; partial_json?: string };
          return delta.text ?? delta.partial_json;
        })
        .join('');
    expect(fragments(0)).toBe('Let me check both cities.');
    expect(JSON.parse(fragments(1))).toEqual({ city: 'Paris', unit: 'c' });
    expect(JSON.parse(fragments(2))).toEqual({ city: 'Tokyo', unit: 'c' });
  });

  it('reports a length stop as max_tokens', () => {
    const events = run(LENGTH_CHUNKS);
    expect(names(events)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(events[6]).toEqual(messageDelta('max_tokens', { input_tokens: 5, output_tokens: 8, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }));
  });

  it('starts tool blocks at index 0 without text, for calls that arrive whole in one chunk', () => {
    const events = run(WHOLE_CALLS_CHUNKS);
    expect(events.slice(2)).toEqual([
      blockStart(0, { type: 'tool_use', id: 'call_a', name: 'lookup', input: {} }),
      jsonDelta(0, '{"q":"a"}'),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'call_b', name: 'lookup', input: {} }),
      jsonDelta(1, '{"q":"b"}'),
      blockStop(1),
      // Usage rode on the finish chunk: it is used, and the message ends at onEnd.
      messageDelta('tool_use', { input_tokens: 30, output_tokens: 10, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 }),
      messageStop,
    ]);
  });

  it('reports tool_use when a provider finishes a tool-call turn with "stop"', () => {
    const events = run([chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '{}' } }] }), chunk({}, 'stop')]);
    expect(events.find((e) => e.event === 'message_delta')?.data.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('holds argument fragments that arrive before the call name, and names ids it never got', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'late_name', arguments: '1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    const start = events.find((e) => e.event === 'content_block_start')?.data.content_block as { id: string; name: string };
    expect(start.name).toBe('late_name');
    expect(start.id).toMatch(/^toolu_[0-9a-f]{24}$/);
    expect(events.filter((e) => e.event === 'content_block_delta').map((e) => (e.data.delta as Json).partial_json)).toEqual(['{"a":1}']);
  });

  it('still sends a fragment for an already closed call under its own block index', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'a', arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'b', arguments: '{}' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk({}, 'tool_calls'),
    ]);
    expect(events.slice(2, -2)).toEqual([
      blockStart(0, { type: 'tool_use', id: 'call_a', name: 'a', input: {} }),
      jsonDelta(0, '{"x":'),
      blockStop(0),
      blockStart(1, { type: 'tool_use', id: 'call_b', name: 'b', input: {} }),
      jsonDelta(1, '{}'),
      jsonDelta(0, '1}'),
      blockStop(1),
    ]);
  });

  it('opens a new text block when text follows a tool call', () => {
    const events = run([
      chunk({ tool_calls: [{ index: 0, id: 'call_a', function: { name: 'a', arguments: '{}' } }] }),
      chunk({ content: 'after' }),
      chunk({}, 'stop'),
    ]);
    expect(events.slice(2, -2)).toEqual([
      blockStart(0, { type: 'tool_use', id: 'call_a', name: 'a', input: {} }),
      jsonDelta(0, '{}'),
      blockStop(0),
      blockStart(1, { type: 'text', text: '' }),
      textDelta(1, 'after'),
      blockStop(1),
    ]);
  });

  it('streams a refusal as text with stop_reason refusal', () => {
    const events = run([chunk({ refusal: "I can't help with that." }), chunk({}, 'content_filter')]);
    expect(events.slice(2)).toEqual([
      blockStart(0, { type: 'text', text: '' }),
      textDelta(0, "I can't help with that."),
      blockStop(0),
      messageDelta('refusal', { output_tokens: 0 }),
      messageStop,
    ]);
  });

  it('puts usage from the first chunk into message_start when a provider sends it that early', () => {
    const first = { ...chunk({ role: 'assistant', content: 'Hi' }), usage: { prompt_tokens: 40, completion_tokens: 1 } };
    const [start] = run([first, chunk({}, 'stop')]);
    expect((start.data.message as Json).usage).toEqual({ input_tokens: 40, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
  });

  it('closes a stream that ends without a finish reason or usage', () => {
    expect(run([chunk({ content: 'cut' })]).slice(-4)).toEqual([textDelta(0, 'cut'), blockStop(0), messageDelta('end_turn', { output_tokens: 0 }), messageStop]);
  });

  it('answers an empty upstream stream with a complete empty message', () => {
    expect(run([])).toEqual([messageStart(), ping, messageDelta('end_turn', { output_tokens: 0 }), messageStop]);
  });

  it('ends with an Anthropic error event when the upstream fails mid-stream', () => {
    const stream = createChatToMessagesStream(CTX);
    stream.onChunk(chunk({ content: 'Hel' }));
    const unified = { error: { message: 'groq error: Rate limit reached', type: 'rate_limit', param: null, code: null }, provider: 'groq' };
    expect(stream.onError(429, unified)).toEqual([
      { event: 'error', data: { type: 'error', error: { type: 'rate_limit_error', message: 'groq error: Rate limit reached' } } },
    ]);
    expect(stream.onEnd()).toEqual([]);
  });
});

describe('createChatToMessagesStream read by the Anthropic SDK', () => {
  it('accumulates to the same message as the non-streaming translation', async () => {
    for (const chunks of [TEXT_CHUNKS, TEXT_THEN_TWO_TOOLS_CHUNKS, LENGTH_CHUNKS, WHOLE_CALLS_CHUNKS]) {
      const streamed = await anthropicFinalMessage(run(chunks));
      const whole = chatResponseToMessages(assembleCompletion(chunks), CTX.model);
      expect(streamed).toMatchObject({ ...whole, id: CTX.id });
    }
  });

  it('agrees with the non-streaming translation however the upstream splits text and arguments (property)', async () => {
    const toolArb = fc.record({ name: fc.constantFrom('read_file', 'get_weather'), input: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.oneof(fc.string(), fc.integer())) });
    const splitArb = fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.array(toolArb, { maxLength: 3 }), splitArb, fc.constantFrom('stop', 'tool_calls', 'length'), async (text, tools, cuts, finish) => {
        const chunks = [chunk({ role: 'assistant', content: '' }), ...split(text, cuts).map((piece) => chunk({ content: piece }))];
        tools.forEach((tool, index) => {
          const [first, ...rest] = split(JSON.stringify(tool.input), cuts);
          chunks.push(chunk({ tool_calls: [{ index, id: `call_${index}`, type: 'function', function: { name: tool.name, arguments: first ?? '' } }] }));
          for (const piece of rest) chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
        });
        chunks.push(chunk({}, finish), usageChunk({ prompt_tokens: 10, completion_tokens: 3, total_tokens: 13 }));

        const events = run(chunks);
        const streamed = await anthropicFinalMessage(events);
        const whole = chatResponseToMessages(assembleCompletion(chunks), CTX.model);
        expect(streamed).toMatchObject({ ...whole, id: CTX.id });
        // Block indexes are positions: starts are numbered 0, 1, 2… in order.
        const starts = events.filter((e) => e.event === 'content_block_start').map((e) => e.data.index);
        expect(starts).toEqual(starts.map((_, i) => i));
      }),
      { numRuns: 60 },
    );
  });
});

/** Cuts a string into pieces of the given lengths, cycling through them. */
function split(text: string, lengths: number[]): string[] {
  const pieces: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const length = lengths[i % lengths.length];
    pieces.push(text.slice(at, at + length));
    at += length;
  }
  return pieces;
}
