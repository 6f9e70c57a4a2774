import type { StreamContext, TransformContext } from '../core/types.js';
import { ProviderStreamError, UnsupportedRequestError } from '../core/types.js';
import { toOciChatRequest } from './chat-request.js';
import { toOpenAiChatCompletion } from './chat-response.js';
import { createOciChatStream } from './chat-stream.js';
import { ociError } from './error.js';
import { oracle } from './oracle.provider.js';

const OPTIONS = { provider: 'oracle', oracleCompartmentId: 'ocid1.compartment.oc1..c', oracleRegion: 'us-chicago-1' };
const ctx = (stream = false): TransformContext => ({ endpoint: 'chatComplete', options: OPTIONS, stream, strictOpenAiCompliance: true });
const streamCtx: StreamContext = { ...ctx(true), id: 'chatcmpl-1', model: 'meta.llama-3.3-70b-instruct', created: 1_760_000_000 };

/** Shapes from OCI's API reference: ChatDetails, GenericChatRequest, ChatResult (GENERIC). */
describe('OpenAI chat → OCI GENERIC chat request', () => {
  it('maps messages, parameters, tools and the serving mode', () => {
    const out = toOciChatRequest(
      {
        model: 'meta.llama-3.3-70b-instruct',
        messages: [
          { role: 'developer', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Weather?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAA', detail: 'low' } }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: '18C' },
        ],
        max_tokens: 100,
        temperature: 0.2,
        top_p: 0.9,
        stop: 'END',
        tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
        tool_choice: 'required',
        response_format: { type: 'json_object' },
      },
      ctx(),
    );
    expect(out).toEqual({
      compartmentId: 'ocid1.compartment.oc1..c',
      servingMode: { servingType: 'ON_DEMAND', modelId: 'meta.llama-3.3-70b-instruct' },
      chatRequest: {
        apiFormat: 'GENERIC',
        messages: [
          { role: 'SYSTEM', content: [{ type: 'TEXT', text: 'Be brief.' }] },
          { role: 'USER', content: [{ type: 'TEXT', text: 'Weather?' }, { type: 'IMAGE', imageUrl: { url: 'data:image/png;base64,AAA', detail: 'LOW' } }] },
          { role: 'ASSISTANT', content: [], toolCalls: [{ id: 'call_1', type: 'FUNCTION', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
          { role: 'TOOL', content: [{ type: 'TEXT', text: '18C' }], toolCallId: 'call_1' },
        ],
        maxTokens: 100,
        temperature: 0.2,
        topP: 0.9,
        stop: ['END'],
        tools: [{ type: 'FUNCTION', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } }],
        toolChoice: { type: 'REQUIRED' },
        responseFormat: { type: 'JSON_OBJECT' },
      },
    });
  });

  it('uses a dedicated endpoint for an endpoint OCID, and asks streams for usage', () => {
    const out = toOciChatRequest({ model: 'ocid1.generativeaiendpoint.oc1.us-chicago-1.x', messages: [] }, ctx(true));
    expect(out.servingMode).toEqual({ servingType: 'DEDICATED', endpointId: 'ocid1.generativeaiendpoint.oc1.us-chicago-1.x' });
    expect(out.chatRequest).toMatchObject({ isStream: true, streamOptions: { isIncludeUsage: true } });
  });

  it('needs a compartment', () => {
    expect(() => toOciChatRequest({ model: 'm', messages: [] }, { ...ctx(), options: { provider: 'oracle' } })).toThrow(UnsupportedRequestError);
  });
});

describe('OCI chat result → OpenAI', () => {
  it('maps text, tool calls, finish reason and usage', () => {
    const body = {
      modelId: 'meta.llama-3.3-70b-instruct',
      modelVersion: '1.0.0',
      chatResponse: {
        apiFormat: 'GENERIC',
        timeCreated: '2026-01-02T03:04:05.000Z',
        choices: [{ index: 0, message: { role: 'ASSISTANT', content: [{ type: 'TEXT', text: 'Hello ' }, { type: 'TEXT', text: 'there' }] }, finishReason: 'stop' }],
        usage: { promptTokens: 12, completionTokens: 3, totalTokens: 15 },
      },
    };
    expect(toOpenAiChatCompletion(body, { model: 'x' }, 'id-1')).toEqual({
      id: 'id-1',
      object: 'chat.completion',
      created: 1767323045,
      model: 'meta.llama-3.3-70b-instruct',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hello there' }, finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
    });
    const tool = toOpenAiChatCompletion(
      { chatResponse: { choices: [{ index: 0, message: { role: 'ASSISTANT', content: null, toolCalls: [{ id: 'c1', type: 'FUNCTION', name: 'f', arguments: '{}' }] }, finishReason: 'tool_calls' }] } },
      { model: 'x' },
      'id-2',
    );
    expect(tool.choices).toEqual([{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: 'tool_calls', logprobs: null }]);
  });
});

describe('OCI chat stream → OpenAI chunks', () => {
  it('streams text, numbered tool calls with argument fragments, the finish reason, then usage', () => {
    const stream = createOciChatStream(streamCtx);
    const events = [
      { index: 0, message: { role: 'ASSISTANT', content: [{ type: 'TEXT', text: 'Let me check.' }] } },
      { index: 0, message: { role: 'ASSISTANT', toolCalls: [{ id: 'c1', type: 'FUNCTION', name: 'get_weather', arguments: '' }] } },
      { index: 0, message: { role: 'ASSISTANT', toolCalls: [{ type: 'FUNCTION', arguments: '{"city":' }] } },
      { index: 0, message: { role: 'ASSISTANT', toolCalls: [{ type: 'FUNCTION', arguments: '"Paris"}' }] } },
      { message: { role: 'ASSISTANT' }, finishReason: 'tool_calls' },
      { usage: { promptTokens: 30, completionTokens: 9, totalTokens: 39 } },
    ];
    const chunks = [...events.flatMap((e) => stream.onEvent({ data: JSON.stringify(e) })), ...stream.onEnd()];
    expect(chunks.map((c: any) => c.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Let me check.' },
      { tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] },
      { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] },
      {},
      undefined,
    ]);
    expect((chunks.at(-2) as any).choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)).toEqual({ id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1_760_000_000, model: 'meta.llama-3.3-70b-instruct', choices: [], usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 } });
  });

  it('turns an in-stream error object into a stream error', () => {
    const stream = createOciChatStream(streamCtx);
    expect(() => stream.onEvent({ data: JSON.stringify({ code: 'InternalServerError', message: 'boom' }) })).toThrow(ProviderStreamError);
  });
});

describe('oracle provider', () => {
  it('errors: OCI {code, message} → unified', () => {
    expect(ociError(401, { code: 'NotAuthenticated', message: 'The required information to complete authentication was not provided.' })).toEqual({
      error: { message: 'oracle error: The required information to complete authentication was not provided.', type: 'NotAuthenticated', param: null, code: 'NotAuthenticated' },
      provider: 'oracle',
    });
  });

  it('builds the regional URL and refuses a bad region', () => {
    expect(oracle.baseUrl(OPTIONS)).toBe('https://inference.generativeai.us-chicago-1.oci.oraclecloud.com');
    expect(() => oracle.baseUrl({ provider: 'oracle', oracleRegion: 'evil.com/x' })).toThrow(UnsupportedRequestError);
  });
});
