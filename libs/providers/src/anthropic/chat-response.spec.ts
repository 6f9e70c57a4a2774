import { toOpenAiChatCompletion } from './chat-response.js';

const CREATED = 1_760_000_000;
const strict = { model: 'claude-requested', strictOpenAiCompliance: true };
const lax = { model: 'claude-requested', strictOpenAiCompliance: false };

/** A documented Messages API response; fields are overridden per test. */
function message(overrides: Record<string, unknown> = {}) {
  return {
    id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
    type: 'message',
    role: 'assistant',
    model: 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text: 'Hi! My name is Claude.' }],
    stop_reason: 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 2095, output_tokens: 503, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
    ...overrides,
  };
}

describe('toOpenAiChatCompletion', () => {
  it('maps a text response to a chat.completion', () => {
    expect(toOpenAiChatCompletion(message(), strict, CREATED)).toEqual({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      object: 'chat.completion',
      created: CREATED,
      model: 'claude-sonnet-4-5-20250929',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi! My name is Claude.' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 2095, completion_tokens: 503, total_tokens: 2598, prompt_tokens_details: { cached_tokens: 0 } },
    });
  });

  it('uses the current time when no clock is given', () => {
    const before = Math.floor(Date.now() / 1000);
    const created = toOpenAiChatCompletion(message(), strict).created as number;
    expect(created).toBeGreaterThanOrEqual(before);
    expect(created).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('concatenates several text blocks', () => {
    const out = toOpenAiChatCompletion(message({ content: [{ type: 'text', text: 'The grass is green. ' }, { type: 'text', text: 'The sky is blue.' }] }), strict, CREATED);
    expect((out.choices as { message: { content: string } }[])[0].message.content).toBe('The grass is green. The sky is blue.');
  });

  it('maps tool_use blocks to tool_calls, with text kept as content', () => {
    const out = toOpenAiChatCompletion(
      message({
        content: [
          { type: 'text', text: "I'll check both." },
          { type: 'tool_use', id: 'toolu_01A09q90qw90lq917835lq9', name: 'get_weather', input: { location: 'San Francisco, CA', unit: 'celsius' } },
          { type: 'tool_use', id: 'toolu_01B', name: 'get_time', input: {} },
        ],
        stop_reason: 'tool_use',
      }),
      strict,
      CREATED,
    );
    expect((out.choices as unknown[])[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: "I'll check both.",
        tool_calls: [
          { id: 'toolu_01A09q90qw90lq917835lq9', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' } },
          { id: 'toolu_01B', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    });
  });

  it('gives null content when the turn is only tool calls, and empty content when there is nothing', () => {
    const toolsOnly = toOpenAiChatCompletion(message({ content: [{ type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }], stop_reason: 'tool_use' }), strict, CREATED);
    expect((toolsOnly.choices as { message: { content: unknown } }[])[0].message.content).toBeNull();
    const empty = toOpenAiChatCompletion(message({ content: [] }), strict, CREATED);
    expect((empty.choices as { message: unknown }[])[0].message).toEqual({ role: 'assistant', content: '' });
  });

  it('counts cached tokens inside prompt_tokens, as OpenAI does, and reports cache writes separately', () => {
    const out = toOpenAiChatCompletion(message({ usage: { input_tokens: 21, cache_creation_input_tokens: 188086, cache_read_input_tokens: 1000, output_tokens: 393 } }), strict, CREATED);
    expect(out.usage).toEqual({
      prompt_tokens: 21 + 188086 + 1000,
      completion_tokens: 393,
      total_tokens: 21 + 188086 + 1000 + 393,
      prompt_tokens_details: { cached_tokens: 1000 },
      cache_creation_input_tokens: 188086,
    });
  });

  it('tolerates usage without cache fields (older API versions)', () => {
    const out = toOpenAiChatCompletion(message({ usage: { input_tokens: 10, output_tokens: 5 } }), strict, CREATED);
    expect(out.usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['tool_use', 'tool_calls'],
    ['max_tokens', 'length'],
    ['refusal', 'content_filter'],
    ['some_future_reason', 'stop'],
  ])('maps stop_reason %s to finish_reason %s under strict compliance', (stopReason, finish) => {
    const out = toOpenAiChatCompletion(message({ stop_reason: stopReason }), strict, CREATED);
    expect((out.choices as { finish_reason: string }[])[0].finish_reason).toBe(finish);
  });

  it('passes the raw stop_reason through without strict compliance', () => {
    const out = toOpenAiChatCompletion(message({ stop_reason: 'pause_turn' }), lax, CREATED);
    expect((out.choices as { finish_reason: string }[])[0].finish_reason).toBe('pause_turn');
  });

  it('adds thinking blocks as content_blocks only without strict compliance', () => {
    const thinking = { type: 'thinking', thinking: 'To approach this, let me think...', signature: 'zbbJhbGciOiJFU8zI1NiIsImtakcjsu38219c0.eyJoYXNoIjoiYWJjMTIzIiwiaWF0IjoxNjE0NTM0NTY3fQ' };
    const redacted = { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' };
    const body = message({ content: [thinking, redacted, { type: 'text', text: 'Yes.' }] });

    const laxOut = toOpenAiChatCompletion(body, lax, CREATED);
    expect((laxOut.choices as { message: unknown }[])[0].message).toEqual({
      role: 'assistant',
      content: 'Yes.',
      content_blocks: [thinking, redacted, { type: 'text', text: 'Yes.' }],
    });

    const strictOut = toOpenAiChatCompletion(body, strict, CREATED);
    expect((strictOut.choices as { message: unknown }[])[0].message).toEqual({ role: 'assistant', content: 'Yes.' });
  });

  it('falls back to the requested model when the response has none', () => {
    expect(toOpenAiChatCompletion(message({ model: undefined }), strict, CREATED).model).toBe('claude-requested');
  });
});
