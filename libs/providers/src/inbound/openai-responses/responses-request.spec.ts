import type { ResponseCreateParams } from 'openai/resources/responses/responses';
import type { Json } from '../../core/types.js';
import { UnsupportedRequestError } from '../../core/types.js';
import { responsesToChatRequest } from './responses-request.js';

/** Requests are written against the SDK's own request type, so they are shapes a client really sends. */
const translate = (body: ResponseCreateParams) => responsesToChatRequest(body as unknown as Json);
const raw = (body: Json) => responsesToChatRequest({ model: 'm', input: 'x', ...body });

const WEATHER_TOOL = {
  type: 'function' as const,
  name: 'get_weather',
  description: 'Current weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
  strict: true,
};

describe('responsesToChatRequest', () => {
  it('turns a string input into one user message, instructions into the system message first', () => {
    expect(translate({ model: 'llama-3.3-70b', instructions: 'Talk like a pirate.', input: 'Hello?' })).toEqual({
      model: 'llama-3.3-70b',
      messages: [
        { role: 'system', content: 'Talk like a pirate.' },
        { role: 'user', content: 'Hello?' },
      ],
    });
  });

  it('maps the scalar fields', () => {
    expect(
      translate({
        model: 'm',
        input: 'x',
        max_output_tokens: 300,
        temperature: 0.2,
        top_p: 0.95,
        stream: true,
        user: 'user-7',
        reasoning: { effort: 'low', summary: 'auto' },
        metadata: { trace: 'abc' },
        store: true,
        truncation: 'auto',
        include: ['reasoning.encrypted_content'],
      }),
    ).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      max_tokens: 300,
      temperature: 0.2,
      top_p: 0.95,
      stream: true,
      reasoning_effort: 'low',
      user: 'user-7',
    });
  });

  it('translates message items with every role and content part', () => {
    const out = translate({
      model: 'm',
      input: [
        { role: 'developer', content: 'Answer in French.' },
        { role: 'system', content: [{ type: 'input_text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Describe these:' },
            { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'high' },
            { type: 'input_image', image_url: 'data:image/jpeg;base64,/9j/4AAQ', detail: 'original' },
            { type: 'input_file', filename: 'doc.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' },
          ],
        },
        {
          type: 'message',
          id: 'msg_prev',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Une image.', annotations: [] }],
        },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'system', content: 'Answer in French.' },
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Describe these:' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'high' } },
          { type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/4AAQ' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'doc.pdf' } },
        ],
      },
      { role: 'assistant', content: 'Une image.' },
    ]);
  });

  it('translates a function-call round trip: calls join the assistant message before them, outputs become tool messages', () => {
    const out = translate({
      model: 'm',
      input: [
        { role: 'user', content: 'Weather in Paris and Tokyo?' },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'gAAAA' },
        { type: 'message', id: 'msg_1', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Checking.', annotations: [] }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_paris', name: 'get_weather', arguments: '{"city":"Paris"}', status: 'completed' },
        { type: 'function_call', call_id: 'call_tokyo', name: 'get_weather', arguments: '{"city":"Tokyo"}' },
        { type: 'function_call_output', call_id: 'call_paris', output: '18°C' },
        { type: 'function_call_output', call_id: 'call_tokyo', output: [{ type: 'input_text', text: '24°C' }] },
        { role: 'user', content: 'Thanks!' },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'call_paris', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_tokyo', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_paris', content: '18°C' },
      { role: 'tool', tool_call_id: 'call_tokyo', content: '24°C' },
      { role: 'user', content: 'Thanks!' },
    ]);
  });

  it('starts a tool-call-only assistant message with null content', () => {
    const out = translate({ model: 'm', input: [{ role: 'user', content: 'go' }, { type: 'function_call', call_id: 'c1', name: 'ls', arguments: '{}' }] });
    expect(out.messages).toEqual([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'ls', arguments: '{}' } }] },
    ]);
  });

  it('moves images from function outputs into a user message after the run of tool messages', () => {
    const out = translate({
      model: 'm',
      input: [
        { type: 'function_call', call_id: 'c1', name: 'shot', arguments: '{}' },
        { type: 'function_call', call_id: 'c2', name: 'ls', arguments: '{}' },
        { type: 'function_call_output', call_id: 'c1', output: [{ type: 'input_image', image_url: 'https://x/s.png', detail: 'auto' }] },
        { type: 'function_call_output', call_id: 'c2', output: 'a.txt' },
      ],
    });
    expect(out.messages).toEqual([
      expect.objectContaining({ role: 'assistant' }),
      { role: 'tool', tool_call_id: 'c1', content: '[1 image/file output(s) of this function call are attached to the next user message]' },
      { role: 'tool', tool_call_id: 'c2', content: 'a.txt' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Output of function call c1:' },
          { type: 'image_url', image_url: { url: 'https://x/s.png', detail: 'auto' } },
        ],
      },
    ]);
  });

  it('translates function tools and every tool_choice form', () => {
    const base = { model: 'm', input: 'x', tools: [WEATHER_TOOL, { type: 'function' as const, name: 'noop', parameters: null, strict: null }] };
    const out = translate({ ...base, parallel_tool_calls: false });
    expect(out.tools).toEqual([
      { type: 'function', function: { name: 'get_weather', description: 'Current weather', parameters: WEATHER_TOOL.parameters, strict: true } },
      { type: 'function', function: { name: 'noop' } },
    ]);
    expect(out.parallel_tool_calls).toBe(false);
    expect(translate({ ...base, tool_choice: 'required' }).tool_choice).toBe('required');
    expect(translate({ ...base, tool_choice: 'none' }).tool_choice).toBe('none');
    expect(translate({ ...base, tool_choice: { type: 'function', name: 'get_weather' } }).tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
    const allowed = translate({ ...base, tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'noop' }] } });
    expect(allowed.tools).toEqual([{ type: 'function', function: { name: 'noop' } }]);
    expect(allowed.tool_choice).toBe('required');
  });

  it('sends no tool_choice or parallel_tool_calls without tools (chat providers reject them)', () => {
    const out = raw({ tool_choice: 'required', parallel_tool_calls: true });
    expect(out).not.toHaveProperty('tool_choice');
    expect(out).not.toHaveProperty('parallel_tool_calls');
  });

  it('maps text.format to response_format', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    expect(translate({ model: 'm', input: 'x', text: { format: { type: 'json_schema', name: 'answer', schema, strict: true, description: 'An answer' } } }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'answer', schema, description: 'An answer', strict: true },
    });
    expect(translate({ model: 'm', input: 'x', text: { format: { type: 'json_object' } } }).response_format).toEqual({ type: 'json_object' });
    expect(translate({ model: 'm', input: 'x', text: { format: { type: 'text' }, verbosity: 'low' } })).not.toHaveProperty('response_format');
  });

  it('refuses previous_response_id, saying why', () => {
    expect(() => raw({ previous_response_id: 'resp_123' })).toThrow(UnsupportedRequestError);
    expect(() => raw({ previous_response_id: 'resp_123' })).toThrow(/statelessly and has no stored responses .* Send the whole conversation in input/);
  });

  it('refuses other stateful or OpenAI-hosted features by name', () => {
    expect(() => raw({ conversation: 'conv_1' })).toThrow(/conversation is not supported/);
    expect(() => raw({ background: true })).toThrow(/background responses/);
    expect(() => raw({ prompt: { id: 'pmpt_1' } })).toThrow(/prompt \(a stored prompt template\)/);
    expect(() => raw({ tools: [{ type: 'web_search' }] })).toThrow('/v1/responses: tool type "web_search" is an OpenAI built-in tool');
    expect(() => raw({ tools: [{ type: 'file_search', vector_store_ids: ['vs_1'] }] })).toThrow(/"file_search"/);
    expect(() => raw({ tools: [WEATHER_TOOL], tool_choice: { type: 'web_search_preview' } })).toThrow(/tool_choice type "web_search_preview"/);
    expect(() => raw({ input: [{ type: 'item_reference', id: 'msg_1' }] })).toThrow(/item_reference/);
    expect(() => raw({ input: [{ type: 'web_search_call', id: 'ws_1', status: 'completed' }] })).toThrow(/"web_search_call"/);
    expect(() => raw({ input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1', detail: 'auto' }] }] })).toThrow(/file_id .* Files API/);
    expect(() => raw({ input: [{ role: 'user', content: [{ type: 'input_file', file_url: 'https://x/y.pdf' }] }] })).toThrow(/file_url/);
    expect(() => raw({ input: undefined })).toThrow('input is required');
  });
});
