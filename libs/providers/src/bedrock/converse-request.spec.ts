import { UnsupportedRequestError } from '../core/types.js';
import { toConverseRequest } from './converse-request.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('toConverseRequest', () => {
  it('moves system and developer messages to system blocks and leaves model and stream out', () => {
    const out = toConverseRequest({
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      stream: true,
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
    });
    expect(out).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      system: [{ text: 'You are terse.' }, { text: 'Answer in French.' }],
    });
  });

  it('merges consecutive turns of the same role, as Converse wants them alternating', () => {
    const out = toConverseRequest({
      messages: [
        { role: 'user', content: 'First.' },
        { role: 'user', content: [{ type: 'text', text: 'Second.' }] },
        { role: 'assistant', content: 'Reply.' },
        { role: 'assistant', content: 'More.' },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: [{ text: 'First.' }, { text: 'Second.' }] },
      { role: 'assistant', content: [{ text: 'Reply.' }, { text: 'More.' }] },
    ]);
  });

  it('maps image data URLs to image bytes and refuses http image URLs', () => {
    const out = toConverseRequest({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }] }],
    });
    expect(out.messages).toEqual([{ role: 'user', content: [{ text: 'What is this?' }, { image: { format: 'png', source: { bytes: PNG } } }] }]);

    const remote = { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] };
    expect(() => toConverseRequest(remote)).toThrow(UnsupportedRequestError);
    expect(() => toConverseRequest(remote)).toThrow(/base64 data URLs/);
  });

  it('maps inline PDF files to documents with a Converse-safe name', () => {
    const out = toConverseRequest({
      messages: [{ role: 'user', content: [{ type: 'file', file: { filename: 'Q3 report_v2.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } }] }],
    });
    expect(out.messages).toEqual([{ role: 'user', content: [{ document: { format: 'pdf', name: 'Q3 report-v2', source: { bytes: 'JVBERi0=' } } }] }]);
  });

  it('maps assistant tool calls to toolUse and merges consecutive tool results into one user turn', () => {
    const out = toConverseRequest({
      messages: [
        { role: 'user', content: 'Weather in Paris and Tokyo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18°C' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '25°C' }] },
        { role: 'user', content: 'Thanks!' },
      ],
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather by city', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: [{ text: 'Weather in Paris and Tokyo?' }] },
      {
        role: 'assistant',
        content: [
          { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'call_2', name: 'get_weather', input: { city: 'Tokyo' } } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'call_1', content: [{ text: '18°C' }] } },
          { toolResult: { toolUseId: 'call_2', content: [{ text: '25°C' }] } },
          { text: 'Thanks!' },
        ],
      },
    ]);
    expect(out.toolConfig).toEqual({
      tools: [{ toolSpec: { name: 'get_weather', description: 'Weather by city', inputSchema: { json: { type: 'object', properties: { city: { type: 'string' } } } } } }],
    });
  });

  it('maps tool_choice auto, required and a named function', () => {
    const tools = [{ type: 'function', function: { name: 'lookup' } }];
    const choice = (tool_choice: unknown) => (toConverseRequest({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice }).toolConfig as { toolChoice?: unknown }).toolChoice;
    expect(choice('auto')).toEqual({ auto: {} });
    expect(choice('required')).toEqual({ any: {} });
    expect(choice({ type: 'function', function: { name: 'lookup' } })).toEqual({ tool: { name: 'lookup' } });
    expect(choice(undefined)).toBeUndefined();
  });

  it('leaves tools out for tool_choice none, unless the history already uses tools', () => {
    const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }];
    expect(toConverseRequest({ messages: [{ role: 'user', content: 'x' }], tools, tool_choice: 'none' }).toolConfig).toBeUndefined();
    const withHistory = toConverseRequest({
      messages: [
        { role: 'user', content: 'x' },
        { role: 'assistant', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'lookup', arguments: '' } }] },
        { role: 'tool', tool_call_id: 'c1', content: 'found' },
      ],
      tools,
      tool_choice: 'none',
    });
    // Converse rejects toolUse/toolResult blocks without a toolConfig, so the tools stay, unforced.
    expect(withHistory.toolConfig).toEqual({ tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object' } } } }] });
  });

  it('maps sampling settings to inferenceConfig', () => {
    const out = toConverseRequest({ messages: [{ role: 'user', content: 'x' }], max_tokens: 100, max_completion_tokens: 200, temperature: 0.2, top_p: 0.9, stop: 'END', seed: 7, presence_penalty: 1 });
    expect(out.inferenceConfig).toEqual({ maxTokens: 200, temperature: 0.2, topP: 0.9, stopSequences: ['END'] });
    expect(out).not.toHaveProperty('seed');
    expect(out).not.toHaveProperty('presence_penalty');
  });

  it('maps response_format json_schema to Converse structured output', () => {
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'], additionalProperties: false };
    const out = toConverseRequest({ messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_schema', json_schema: { name: 'answer', schema } } });
    expect(out.outputConfig).toEqual({ textFormat: { type: 'json_schema', structure: { jsonSchema: { schema: JSON.stringify(schema), name: 'answer' } } } });
    expect(toConverseRequest({ messages: [{ role: 'user', content: 'x' }], response_format: { type: 'json_object' } })).not.toHaveProperty('outputConfig');
  });

  it('adds cache points after parts and tools marked with cache_control', () => {
    const out = toConverseRequest({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Long policy…', cache_control: { type: 'ephemeral' } }] },
        { role: 'user', content: 'x' },
      ],
      tools: [{ type: 'function', function: { name: 'lookup' }, cache_control: { type: 'ephemeral' } }],
    });
    expect(out.system).toEqual([{ text: 'Long policy…' }, { cachePoint: { type: 'default' } }]);
    expect((out.toolConfig as { tools: unknown[] }).tools[1]).toEqual({ cachePoint: { type: 'default' } });
  });

  it('puts top_k and thinking in additionalModelRequestFields and passes Converse-native fields through', () => {
    const out = toConverseRequest({
      messages: [{ role: 'user', content: 'x' }],
      top_k: 40,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      additionalModelRequestFields: { anthropic_beta: ['interleaved-thinking-2025-05-14'] },
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
      request_metadata: { team: 'search' },
    });
    expect(out.additionalModelRequestFields).toEqual({ anthropic_beta: ['interleaved-thinking-2025-05-14'], top_k: 40, thinking: { type: 'enabled', budget_tokens: 2048 } });
    expect(out.guardrailConfig).toEqual({ guardrailIdentifier: 'gr-1', guardrailVersion: '1' });
    expect(out.requestMetadata).toEqual({ team: 'search' });
  });

  it('refuses what Converse cannot express', () => {
    const messages = [{ role: 'user', content: 'x' }];
    expect(() => toConverseRequest({ messages, n: 2 })).toThrow(/n > 1/);
    expect(() => toConverseRequest({ messages: [] })).toThrow(UnsupportedRequestError);
    expect(() => toConverseRequest({ messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: {} }] }] })).toThrow(/input_audio/);
    expect(() => toConverseRequest({ messages, tools: [{ type: 'web_search' }] })).toThrow(/function tools/);
    expect(() => toConverseRequest({ messages: [{ role: 'assistant', tool_calls: [{ id: 'c', function: { name: 'f', arguments: 'not json' } }] }] })).toThrow(/JSON object/);
  });
});
