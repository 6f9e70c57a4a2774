import { toOpenAiChatCompletion } from './chat-response.js';

const CREATED = 1_760_000_000;
const ctx = { model: 'command-a-03-2025', strictOpenAiCompliance: true };

/** Shapes from https://docs.cohere.com/reference/chat (non-streamed). */
const TEXT_RESPONSE = {
  id: 'c14c80c3-18eb-4519-9460-6c92edd8cfb4',
  finish_reason: 'COMPLETE',
  message: { role: 'assistant', content: [{ type: 'text', text: 'LLMs are neural networks ' }, { type: 'text', text: 'trained on text.' }] },
  usage: { billed_units: { input_tokens: 17, output_tokens: 8 }, tokens: { input_tokens: 215, output_tokens: 10 } },
};

const TOOL_RESPONSE = {
  id: '8d1c4a4b-0e2f-4b7e-9b1f-7f9c2a3e5d60',
  finish_reason: 'TOOL_CALL',
  message: {
    role: 'assistant',
    tool_plan: 'I will find the sales summary for 29th September 2023.',
    tool_calls: [{ id: 'query_daily_sales_report_ewqp1s4x8f9m', type: 'function', function: { name: 'query_daily_sales_report', arguments: '{"day":"2023-09-29"}' } }],
  },
  usage: { billed_units: { input_tokens: 127, output_tokens: 28 }, tokens: { input_tokens: 1030, output_tokens: 61 }, cached_tokens: 512 },
};

describe('toOpenAiChatCompletion', () => {
  it('joins text parts and reports the processed tokens, billed units beside them', () => {
    expect(toOpenAiChatCompletion(TEXT_RESPONSE, ctx, CREATED)).toEqual({
      id: 'c14c80c3-18eb-4519-9460-6c92edd8cfb4',
      object: 'chat.completion',
      created: CREATED,
      model: 'command-a-03-2025',
      choices: [{ index: 0, message: { role: 'assistant', content: 'LLMs are neural networks trained on text.' }, finish_reason: 'stop', logprobs: null }],
      // `tokens` is what the model processed (OpenAI's meaning); billed units are kept for cost.
      usage: { prompt_tokens: 215, completion_tokens: 10, total_tokens: 225, billed_units: { input_tokens: 17, output_tokens: 8 } },
    });
  });

  it('maps tool calls, keeps the tool plan as content and reports cached tokens', () => {
    const out = toOpenAiChatCompletion(TOOL_RESPONSE, ctx, CREATED);
    expect(out.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: 'I will find the sales summary for 29th September 2023.',
          tool_calls: [{ id: 'query_daily_sales_report_ewqp1s4x8f9m', type: 'function', function: { name: 'query_daily_sales_report', arguments: '{"day":"2023-09-29"}' } }],
        },
        finish_reason: 'tool_calls',
        logprobs: null,
      },
    ]);
    expect(out.usage).toEqual({
      prompt_tokens: 1030,
      completion_tokens: 61,
      total_tokens: 1091,
      prompt_tokens_details: { cached_tokens: 512 },
      billed_units: { input_tokens: 127, output_tokens: 28 },
    });
  });

  it('reports processed tokens without billed units when nothing is billed', () => {
    const out = toOpenAiChatCompletion({ ...TEXT_RESPONSE, usage: { tokens: { input_tokens: 5, output_tokens: 3 } } }, ctx, CREATED);
    expect(out.usage).toEqual({ prompt_tokens: 5, completion_tokens: 3, total_tokens: 8 });
  });

  it('falls back to billed units when the response has no processed counts', () => {
    const out = toOpenAiChatCompletion({ ...TEXT_RESPONSE, usage: { billed_units: { input_tokens: 17, output_tokens: 8 } } }, ctx, CREATED);
    expect(out.usage).toEqual({ prompt_tokens: 17, completion_tokens: 8, total_tokens: 25, billed_units: { input_tokens: 17, output_tokens: 8 } });
  });

  it.each([
    ['STOP_SEQUENCE', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['ERROR', 'stop'],
    ['TIMEOUT', 'stop'],
  ])('maps finish reason %s to %s', (reason, expected) => {
    const out = toOpenAiChatCompletion({ ...TEXT_RESPONSE, finish_reason: reason }, ctx, CREATED);
    expect((out.choices as { finish_reason: string }[])[0].finish_reason).toBe(expected);
  });

  it('passes raw finish reasons and citations through without strict compliance', () => {
    const citations = [{ start: 0, end: 4, text: 'LLMs', sources: [{ type: 'document', id: 'doc:0' }] }];
    const out = toOpenAiChatCompletion({ ...TEXT_RESPONSE, message: { ...TEXT_RESPONSE.message, citations } }, { ...ctx, strictOpenAiCompliance: false }, CREATED);
    const choice = (out.choices as { finish_reason: string; message: { citations: unknown } }[])[0];
    expect(choice.finish_reason).toBe('COMPLETE');
    expect(choice.message.citations).toEqual(citations);
  });
});
