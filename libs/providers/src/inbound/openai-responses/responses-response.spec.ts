import type { Response as OpenAiResponse, ResponseUsage } from 'openai/resources/responses/responses';
import type { Json } from '../../core/types.js';
import { chatErrorToResponsesError } from './responses-error.js';
import { chatResponseToResponses } from './responses-response.js';

function completion(message: Json, finishReason: string | null, usage?: Json): Json {
  return {
    id: 'chatcmpl-7Qr',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'llama-3.3-70b-versatile',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason, logprobs: null }],
    ...(usage ? { usage } : {}),
  };
}

/**
 * The wire object, typed from the SDK's Response so the compiler checks every field name and
 * value shape, adjusted where the wire and the SDK type differ (per captured API responses):
 * `output_text` is computed by the SDK, not sent; `store` and `max_tool_calls` are sent though not
 * declared; `user` is sent as null; `cache_write_tokens` is declared but sent only with explicit
 * caching.
 */
type WireUsage = Omit<ResponseUsage, 'input_tokens_details'> & { input_tokens_details: { cached_tokens: number; cache_write_tokens?: number } };
type WireResponse = Omit<OpenAiResponse, 'output_text' | 'usage' | 'user'> & {
  store: boolean;
  max_tool_calls: number | null;
  user: string | null;
  usage: WireUsage | null;
};

const TOOL = { type: 'function' as const, name: 'get_weather', parameters: { type: 'object', properties: {} }, strict: false };

describe('chatResponseToResponses', () => {
  it('translates a text answer into a completed Response echoing the request', () => {
    const request = { model: 'llama-3.3-70b', input: 'Hi', instructions: 'Be brief.', max_output_tokens: 100, temperature: 0.7, metadata: { run: '1' } };
    const expected: WireResponse = {
      id: 'resp_chatcmpl-7Qr',
      object: 'response',
      created_at: 1_760_000_000,
      status: 'completed',
      background: false,
      error: null,
      incomplete_details: null,
      instructions: 'Be brief.',
      max_output_tokens: 100,
      max_tool_calls: null,
      model: 'llama-3.3-70b',
      output: [
        {
          id: 'msg_chatcmpl-7Qr_0',
          type: 'message',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Hello!', annotations: [], logprobs: [] }],
        },
      ],
      parallel_tool_calls: true,
      previous_response_id: null,
      reasoning: { effort: null, summary: null },
      store: false,
      temperature: 0.7,
      text: { format: { type: 'text' } },
      tool_choice: 'auto',
      tools: [],
      top_p: null,
      truncation: 'disabled',
      usage: {
        input_tokens: 20,
        input_tokens_details: { cached_tokens: 8 },
        output_tokens: 3,
        output_tokens_details: { reasoning_tokens: 1 },
        total_tokens: 23,
      },
      user: null,
      metadata: { run: '1' },
    };
    const out = chatResponseToResponses(
      completion({ content: 'Hello!' }, 'stop', {
        prompt_tokens: 20,
        completion_tokens: 3,
        total_tokens: 23,
        prompt_tokens_details: { cached_tokens: 8 },
        completion_tokens_details: { reasoning_tokens: 1 },
      }),
      request,
    );
    expect(out).toEqual(expected);
  });

  it('translates tool calls into function_call items after the message', () => {
    const request = { model: 'm', input: 'x', tools: [TOOL], tool_choice: 'required', parallel_tool_calls: false };
    const out = chatResponseToResponses(
      completion(
        {
          content: 'Looking.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
            { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        'tool_calls',
      ),
      request,
    );
    const output: WireResponse['output'] = [
      { id: 'msg_chatcmpl-7Qr_0', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'Looking.', annotations: [], logprobs: [] }] },
      { id: 'fc_chatcmpl-7Qr_1', type: 'function_call', status: 'completed', arguments: '{"city":"Oslo"}', call_id: 'call_1', name: 'get_weather' },
      { id: 'fc_chatcmpl-7Qr_2', type: 'function_call', status: 'completed', arguments: '{"city":"Rome"}', call_id: 'call_2', name: 'get_weather' },
    ];
    expect(out.output).toEqual(output);
    expect(out).toMatchObject({ status: 'completed', tools: [TOOL], tool_choice: 'required', parallel_tool_calls: false, usage: null });
  });

  it('marks a length-cut answer incomplete, in the response and in its last item', () => {
    const out = chatResponseToResponses(completion({ content: 'Once upon' }, 'length'), { model: 'm', input: 'x', max_output_tokens: 2 });
    expect(out).toMatchObject({
      status: 'incomplete',
      incomplete_details: { reason: 'max_output_tokens' },
      output: [{ type: 'message', status: 'incomplete' }],
    });
    const filtered = chatResponseToResponses(completion({ content: '' }, 'content_filter'), { model: 'm', input: 'x' });
    expect(filtered).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'content_filter' }, output: [] });
  });

  it('reports a refusal as a refusal part', () => {
    const out = chatResponseToResponses(completion({ content: null, refusal: 'I cannot do that.' }, 'stop'), { model: 'm', input: 'x' });
    expect(out.output).toEqual([
      { id: 'msg_chatcmpl-7Qr_0', type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal: 'I cannot do that.' }] },
    ]);
  });

  it('reports cache writes when the chat adapter gave them', () => {
    const out = chatResponseToResponses(
      completion({ content: 'x' }, 'stop', { prompt_tokens: 900, completion_tokens: 1, total_tokens: 901, prompt_tokens_details: { cached_tokens: 0 }, cache_creation_input_tokens: 850 }),
      { model: 'm', input: 'x' },
    );
    expect((out.usage as Json).input_tokens_details).toEqual({ cached_tokens: 0, cache_write_tokens: 850 });
  });

  it('falls back to the upstream model and fresh ids when the request and completion lack them', () => {
    const out = chatResponseToResponses({ model: 'upstream-model', choices: [{ message: { content: 'x' }, finish_reason: 'stop' }] }, { input: 'x' });
    expect(out.model).toBe('upstream-model');
    expect(out.id).toMatch(/^resp_[0-9a-f]{24}$/);
    expect(typeof out.created_at).toBe('number');
  });
});

describe('chatErrorToResponsesError', () => {
  it('keeps the unified error, which already is the OpenAI error shape', () => {
    const unified = { error: { message: 'groq error: model not found', type: 'invalid_request_error', param: 'model', code: 'model_not_found' }, provider: 'groq' };
    expect(chatErrorToResponsesError(404, unified)).toEqual(unified);
  });

  it('fills a missing type from the status', () => {
    expect(chatErrorToResponsesError(503, { error: { message: 'down', type: null, param: null, code: null }, provider: 'x' }).error).toEqual({
      message: 'down',
      type: 'server_error',
      param: null,
      code: null,
    });
    expect(chatErrorToResponsesError(400, 'bad').error).toEqual({ message: 'bad', type: 'invalid_request_error', param: null, code: null });
  });
});
