import { responseCtx } from './__fixtures__/context.js';
import { toOpenAiChatCompletion } from './converse-response.js';

const CREATED = 1_760_000_000;

describe('toOpenAiChatCompletion (Converse)', () => {
  it('maps a text answer, its stop reason and usage with cache reads', () => {
    const out = toOpenAiChatCompletion(
      {
        output: { message: { role: 'assistant', content: [{ text: 'Hello' }, { text: ', world!' }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17, cacheReadInputTokens: 100, cacheWriteInputTokens: 20 },
        metrics: { latencyMs: 300 },
      },
      responseCtx(),
      CREATED,
    );
    expect(out).toEqual({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      created: CREATED,
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello, world!' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 132, completion_tokens: 5, total_tokens: 137, prompt_tokens_details: { cached_tokens: 100 }, cache_creation_input_tokens: 20 },
    });
  });

  it('maps toolUse blocks to tool calls with JSON arguments and null content', () => {
    const out = toOpenAiChatCompletion(
      {
        output: {
          message: {
            role: 'assistant',
            content: [
              { toolUse: { toolUseId: 'tooluse_1', name: 'get_weather', input: { city: 'Paris' } } },
              { toolUse: { toolUseId: 'tooluse_2', name: 'get_weather', input: { city: 'Tokyo' } } },
            ],
          },
        },
        stopReason: 'tool_use',
        usage: { inputTokens: 50, outputTokens: 40, totalTokens: 90 },
      },
      responseCtx(),
      CREATED,
    );
    expect((out.choices as unknown[])[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'tooluse_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'tooluse_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
        ],
      },
      finish_reason: 'tool_calls',
      logprobs: null,
    });
    expect(out.usage).toEqual({ prompt_tokens: 50, completion_tokens: 40, total_tokens: 90, prompt_tokens_details: { cached_tokens: 0 } });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['tool_use', 'tool_calls'],
    ['max_tokens', 'length'],
    ['guardrail_intervened', 'content_filter'],
    ['content_filtered', 'content_filter'],
    ['something_new', 'stop'],
  ])('maps stopReason %s to finish_reason %s', (stopReason, expected) => {
    const out = toOpenAiChatCompletion({ output: { message: { content: [{ text: 'x' }] } }, stopReason }, responseCtx(), CREATED);
    expect((out.choices as { finish_reason: string }[])[0].finish_reason).toBe(expected);
  });

  it('passes the raw stop reason and reasoning blocks through without strict compliance', () => {
    const out = toOpenAiChatCompletion(
      {
        output: { message: { content: [{ reasoningContent: { reasoningText: { text: 'Let me think.', signature: 'sig==' } } }, { text: 'Done.' }] } },
        stopReason: 'guardrail_intervened',
      },
      responseCtx({ strictOpenAiCompliance: false }),
      CREATED,
    );
    expect((out.choices as unknown[])[0]).toEqual({
      index: 0,
      message: { role: 'assistant', content: 'Done.', content_blocks: [{ type: 'thinking', thinking: 'Let me think.', signature: 'sig==' }] },
      finish_reason: 'guardrail_intervened',
      logprobs: null,
    });
  });
});
