import type { Message } from '@anthropic-ai/sdk/resources/messages';
import fc from 'fast-check';
import type { Json } from '../../core/types.js';
import { chatErrorToMessagesError } from './messages-error.js';
import { messagesToChatRequest } from './messages-request.js';
import { chatResponseToMessages } from './messages-response.js';

function completion(message: Json, finishReason: string | null, usage?: Json): Json {
  return {
    id: 'chatcmpl-9xYz',
    object: 'chat.completion',
    created: 1_760_000_000,
    model: 'gpt-4o-2024-08-06',
    choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: finishReason, logprobs: null }],
    ...(usage ? { usage } : {}),
  };
}

/** The fields a Message has on the wire; the SDK type adds a few newer ones Anthropic sends only sometimes. */
type WireMessage = Pick<Message, 'id' | 'type' | 'role' | 'model' | 'stop_reason' | 'stop_sequence'> & { content: unknown[]; usage: Partial<Message['usage']> };

describe('chatResponseToMessages', () => {
  it('translates a text answer with usage', () => {
    const out: WireMessage = chatResponseToMessages(
      completion({ content: 'Hello there.' }, 'stop', {
        prompt_tokens: 1200,
        completion_tokens: 7,
        total_tokens: 1207,
        prompt_tokens_details: { cached_tokens: 1024 },
      }),
      'claude-sonnet-4-5',
    ) as unknown as WireMessage;
    expect(out).toEqual({
      id: 'msg_chatcmpl-9xYz',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: 'Hello there.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 176, output_tokens: 7, cache_creation_input_tokens: 0, cache_read_input_tokens: 1024 },
    });
  });

  it('translates tool calls into tool_use blocks after the text', () => {
    const out = chatResponseToMessages(
      completion(
        {
          content: 'Checking.',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'list_files', arguments: '' } },
          ],
        },
        'tool_calls',
      ),
      'm',
    );
    expect(out.content).toEqual([
      { type: 'text', text: 'Checking.' },
      { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
      { type: 'tool_use', id: 'call_2', name: 'list_files', input: {} },
    ]);
    expect(out.stop_reason).toBe('tool_use');
  });

  it('tolerates arguments that are not a JSON object', () => {
    const calls = ['{"city": "Par', '[1,2]', 'null'].map((args, i) => ({ id: `call_${i}`, type: 'function', function: { name: 'f', arguments: args } }));
    const out = chatResponseToMessages(completion({ content: null, tool_calls: calls }, 'tool_calls'), 'm');
    expect((out.content as Json[]).map((b) => b.input)).toEqual([{}, {}, {}]);
  });

  it.each([
    ['stop', 'end_turn'],
    ['length', 'max_tokens'],
    ['tool_calls', 'tool_use'],
    ['content_filter', 'refusal'],
    [null, 'end_turn'],
    ['something_new', 'end_turn'],
  ])('maps finish_reason %s to stop_reason %s', (finish, stop) => {
    expect(chatResponseToMessages(completion({ content: 'x' }, finish), 'm').stop_reason).toBe(stop);
  });

  it('reports a refusal as text with stop_reason refusal', () => {
    const out = chatResponseToMessages(completion({ content: null, refusal: 'I cannot help with that.' }, null), 'm');
    expect(out.content).toEqual([{ type: 'text', text: 'I cannot help with that.' }]);
    expect(out.stop_reason).toBe('refusal');
  });

  it('splits cache writes out of the input count', () => {
    const out = chatResponseToMessages(
      completion({ content: 'x' }, 'stop', { prompt_tokens: 500, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 100 }, cache_creation_input_tokens: 300 }),
      'm',
    );
    expect(out.usage).toEqual({ input_tokens: 100, output_tokens: 1, cache_creation_input_tokens: 300, cache_read_input_tokens: 100 });
  });

  it('answers an empty completion with empty content and zero usage', () => {
    const out = chatResponseToMessages({}, 'm');
    expect(out).toMatchObject({ content: [], stop_reason: 'end_turn', usage: { input_tokens: 0, output_tokens: 0 } });
    expect(out.id).toMatch(/^msg_[0-9a-f]{24}$/);
  });

  it('round-trips: a chat answer sent back as the next turn is the same chat assistant message (property)', () => {
    const callArb = fc.record({
      id: fc.stringMatching(/^call_[A-Za-z0-9]{1,12}$/),
      name: fc.stringMatching(/^[a-z_]{1,16}$/),
      input: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 })),
    });
    fc.assert(
      fc.property(fc.string(), fc.uniqueArray(callArb, { selector: (c) => c.id, maxLength: 3 }), (text, calls) => {
        const toolCalls = calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: JSON.stringify(c.input) } }));
        const assistant = { role: 'assistant', content: text || (toolCalls.length ? null : ''), ...(toolCalls.length ? { tool_calls: toolCalls } : {}) };
        const message = chatResponseToMessages(completion(assistant, toolCalls.length ? 'tool_calls' : 'stop'), 'm');
        const next = messagesToChatRequest({ model: 'm', max_tokens: 5, messages: [{ role: 'assistant', content: message.content }] });
        // JSON.parse(JSON.stringify(x)) normalises -0 to 0, as any JSON hop does.
        expect(next.messages).toEqual([JSON.parse(JSON.stringify(assistant))]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('chatErrorToMessagesError', () => {
  const unified = (message: string) => ({ error: { message, type: null, param: null, code: null }, provider: 'mistral-ai' });

  it.each([
    [400, 'invalid_request_error'],
    [401, 'authentication_error'],
    [402, 'billing_error'],
    [403, 'permission_error'],
    [404, 'not_found_error'],
    [413, 'request_too_large'],
    [422, 'invalid_request_error'],
    [429, 'rate_limit_error'],
    [500, 'api_error'],
    [503, 'api_error'],
    [504, 'timeout_error'],
    [529, 'overloaded_error'],
  ])('maps HTTP %i to %s', (status, type) => {
    expect(chatErrorToMessagesError(status, unified('mistral-ai error: boom'))).toEqual({ type: 'error', error: { type, message: 'mistral-ai error: boom' } });
  });

  it('reads messages from other error shapes and adds a request id when given', () => {
    expect(chatErrorToMessagesError(502, 'Bad gateway', 'req_1')).toEqual({ type: 'error', error: { type: 'api_error', message: 'Bad gateway' }, request_id: 'req_1' });
    expect(chatErrorToMessagesError(500, { message: 'flat' }).error).toEqual({ type: 'api_error', message: 'flat' });
    expect(chatErrorToMessagesError(500, undefined).error).toEqual({ type: 'api_error', message: 'Upstream error (HTTP 500)' });
  });
});
