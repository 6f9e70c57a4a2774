import type { Json, StreamContext } from '../core/types.js';
import { ProviderStreamError } from '../core/types.js';
import { parseSse } from './__fixtures__/sse.js';
import { OVERLOADED_STREAM, TEXT_STREAM, THINKING_STREAM, TWO_TOOLS_STREAM } from './__fixtures__/streams.js';
import { createChatStream } from './chat-stream.js';

const CREATED = 1_760_000_000;

function context(overrides: Partial<StreamContext> = {}): StreamContext {
  return {
    endpoint: 'chatComplete',
    options: { provider: 'anthropic', apiKey: 'sk-ant-test' },
    stream: true,
    strictOpenAiCompliance: true,
    id: 'anthropic-fallback-id',
    model: 'claude-requested',
    created: CREATED,
    ...overrides,
  };
}

/** Feeds a whole recorded stream through one transformer, then ends it. */
function run(sse: string, ctx = context()): Json[] {
  const stream = createChatStream(ctx);
  return [...parseSse(sse).flatMap((e) => stream.onEvent(e)), ...stream.onEnd()];
}

type Chunk = { id: string; object: string; created: number; model: string; choices: { index: number; delta: Json; finish_reason: string | null; logprobs: null }[]; usage?: Json };

describe('createChatStream', () => {
  it('translates a text stream into role, content, finish and usage chunks', () => {
    const chunks = run(TEXT_STREAM) as Chunk[];
    const base = { id: 'msg_01XFDUDYJgAACzvnptvVoYEL', object: 'chat.completion.chunk', created: CREATED, model: 'claude-sonnet-4-5-20250929' };
    expect(chunks).toEqual([
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: { content: 'Hello' }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: { content: '! How can I help?' }, finish_reason: null, logprobs: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop', logprobs: null }] },
      {
        ...base,
        choices: [],
        usage: { prompt_tokens: 25 + 1800, completion_tokens: 15, total_tokens: 25 + 1800 + 15, prompt_tokens_details: { cached_tokens: 1800 } },
      },
    ]);
  });

  it('numbers tool calls 0, 1 by tool (not by content block) and routes argument fragments to their call', () => {
    const chunks = run(TWO_TOOLS_STREAM) as Chunk[];
    const deltas = chunks.filter((c) => c.choices.length > 0).map((c) => c.choices[0].delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: '' },
      { content: "I'll check both cities." },
      { tool_calls: [{ index: 0, id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"location": "San Fra' } }] },
      { tool_calls: [{ index: 0, function: { arguments: 'ncisco, CA"}' } }] },
      { tool_calls: [{ index: 1, id: 'toolu_01VkzK5VBbDdxdYUhrM3GGxb', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{"location": ' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '"Paris, France"}' } }] },
      {},
    ]);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('tool_calls');

    // What an OpenAI client accumulates from those deltas.
    const args = ['', ''];
    for (const d of deltas) for (const call of (d.tool_calls as { index: number; function: { arguments: string } }[] | undefined) ?? []) args[call.index] += call.function.arguments;
    expect(args.map((a) => JSON.parse(a))).toEqual([{ location: 'San Francisco, CA' }, { location: 'Paris, France' }]);
  });

  it('keeps tool indexes apart when argument fragments of two tool blocks interleave', () => {
    const stream = createChatStream(context());
    const events = [
      { type: 'message_start', message: { id: 'msg_1', model: 'claude-sonnet-4-5-20250929', usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_a', name: 'a', input: {} } },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_b', name: 'b', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"b":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'between' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '2}' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '1}' } },
    ];
    const deltas = events.flatMap((e) => stream.onEvent({ event: e.type, data: JSON.stringify(e) })).map((c) => (c as Chunk).choices[0].delta);
    expect(deltas.slice(1)).toEqual([
      { tool_calls: [{ index: 0, id: 'toolu_a', type: 'function', function: { name: 'a', arguments: '' } }] },
      { tool_calls: [{ index: 1, id: 'toolu_b', type: 'function', function: { name: 'b', arguments: '' } }] },
      { tool_calls: [{ index: 1, function: { arguments: '{"b":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] },
      { content: 'between' },
      { tool_calls: [{ index: 1, function: { arguments: '2}' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '1}' } }] },
    ]);
  });

  it('ends with one usage chunk taking output tokens from message_delta', () => {
    const chunks = run(TWO_TOOLS_STREAM) as Chunk[];
    const usageChunks = chunks.filter((c) => c.usage);
    expect(usageChunks).toHaveLength(1);
    expect(chunks.at(-1)).toEqual({
      id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
      object: 'chat.completion.chunk',
      created: CREATED,
      model: 'claude-sonnet-4-5-20250929',
      choices: [],
      usage: { prompt_tokens: 472, completion_tokens: 89, total_tokens: 561, prompt_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('prefers cumulative counts repeated in message_delta.usage over message_start', () => {
    const stream = createChatStream(context());
    const send = (e: Json) => stream.onEvent({ data: JSON.stringify(e) });
    send({ type: 'message_start', message: { id: 'msg_2', model: 'm', usage: { input_tokens: 100, cache_read_input_tokens: 0, output_tokens: 1 } } });
    send({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { input_tokens: 120, cache_read_input_tokens: 30, output_tokens: 7 } });
    const [last] = send({ type: 'message_stop' }) as Chunk[];
    expect(last.usage).toEqual({ prompt_tokens: 150, completion_tokens: 7, total_tokens: 157, prompt_tokens_details: { cached_tokens: 30 } });
  });

  it('still reports usage from onEnd when the stream stops before message_stop, without inventing a finish reason', () => {
    const stream = createChatStream(context());
    const events = parseSse(TEXT_STREAM).slice(0, 4); // message_start … first text delta
    const chunks = events.flatMap((e) => stream.onEvent(e)) as Chunk[];
    const end = stream.onEnd() as Chunk[];
    expect(chunks.every((c) => c.choices[0].finish_reason === null)).toBe(true);
    expect(end).toEqual([expect.objectContaining({ choices: [], usage: expect.objectContaining({ prompt_tokens: 1825, completion_tokens: 1 }) })]);
    expect(stream.onEnd()).toEqual([]);
  });

  it('emits nothing from onEnd for a stream that never started', () => {
    expect(createChatStream(context()).onEnd()).toEqual([]);
  });

  it('uses the fallback id and requested model when message_start carries none', () => {
    const stream = createChatStream(context());
    const [chunk] = stream.onEvent({ event: 'message_start', data: JSON.stringify({ type: 'message_start', message: { usage: { input_tokens: 1 } } }) }) as Chunk[];
    expect(chunk.id).toBe('anthropic-fallback-id');
    expect(chunk.model).toBe('claude-requested');
  });

  it('throws a ProviderStreamError with the unified error on event: error', () => {
    const stream = createChatStream(context());
    const events = parseSse(OVERLOADED_STREAM);
    const beforeError = events.slice(0, -1).flatMap((e) => stream.onEvent(e)) as Chunk[];
    expect(beforeError.at(-1)?.choices[0].delta).toEqual({ content: 'Once upon' });

    let thrown: unknown;
    try {
      stream.onEvent(events.at(-1)!);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ProviderStreamError);
    expect((thrown as ProviderStreamError).body).toEqual({
      error: { message: 'anthropic error: Overloaded', type: 'overloaded_error', param: null, code: null },
      provider: 'anthropic',
    });
  });

  it('drops thinking under strict compliance', () => {
    const deltas = (run(THINKING_STREAM) as Chunk[]).filter((c) => c.choices.length > 0).map((c) => c.choices[0].delta);
    expect(deltas).toEqual([{ role: 'assistant', content: '' }, { content: '12,231' }, {}]);
  });

  it('streams thinking and its signature as content_blocks without strict compliance', () => {
    const chunks = run(THINKING_STREAM, context({ strictOpenAiCompliance: false })) as Chunk[];
    const deltas = chunks.filter((c) => c.choices.length > 0).map((c) => c.choices[0].delta);
    expect(deltas).toEqual([
      { role: 'assistant', content: '' },
      { content_blocks: [{ index: 0, delta: { thinking: '27 * 453 = 12231' } }] },
      { content_blocks: [{ index: 0, delta: { signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3h' } }] },
      { content: '12,231' },
      {},
    ]);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('end_turn');
  });

  it('ignores pings, unknown event types and unparseable data', () => {
    const stream = createChatStream(context());
    expect(stream.onEvent({ event: 'ping', data: '{"type": "ping"}' })).toEqual([]);
    expect(stream.onEvent({ event: 'something_new', data: '{"type":"something_new"}' })).toEqual([]);
    expect(stream.onEvent({ data: 'not json' })).toEqual([]);
    expect(stream.onEvent({ data: '' })).toEqual([]);
  });

  it('keeps state per stream', () => {
    const first = createChatStream(context());
    const second = createChatStream(context());
    for (const e of parseSse(TWO_TOOLS_STREAM).slice(0, 6)) first.onEvent(e); // first has started tool 0
    const chunks = parseSse(TWO_TOOLS_STREAM).flatMap((e) => second.onEvent(e)) as Chunk[];
    const starts = chunks.flatMap((c) => (c.choices[0]?.delta.tool_calls as { index: number; id?: string }[] | undefined) ?? []).filter((t) => t.id);
    expect(starts.map((t) => t.index)).toEqual([0, 1]);
  });
});
