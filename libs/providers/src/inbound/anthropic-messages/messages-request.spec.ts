import type { MessageCreateParams } from '@anthropic-ai/sdk/resources/messages';
import type { Json } from '../../core/types.js';
import { UnsupportedRequestError } from '../../core/types.js';
import { messagesToChatRequest } from './messages-request.js';

/** Requests are written against the SDK's own request type, so they are shapes a client really sends. */
const translate = (body: MessageCreateParams) => messagesToChatRequest(body as unknown as Json);
const raw = (body: Json) => messagesToChatRequest({ model: 'm', max_tokens: 10, ...body });

const PNG = 'iVBORw0KGgo=';

describe('messagesToChatRequest', () => {
  it('maps the scalar fields', () => {
    // Untyped: the installed SDK's request type no longer lists the sampling parameters
    // (deprecated by Anthropic), but older SDKs and plain HTTP clients still send them.
    expect(
      messagesToChatRequest({
        model: 'gpt-4o',
        max_tokens: 1024,
        temperature: 0.3,
        top_p: 0.9,
        top_k: 40,
        stop_sequences: ['END', '###'],
        stream: true,
        metadata: { user_id: 'user-42' },
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    ).toEqual({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
      max_tokens: 1024,
      temperature: 0.3,
      top_p: 0.9,
      top_k: 40,
      stop: ['END', '###'],
      stream: true,
      user: 'user-42',
    });
  });

  it('leaves out what the client did not set', () => {
    expect(translate({ model: 'm', max_tokens: 5, messages: [{ role: 'user', content: 'x' }] })).toEqual({
      model: 'm',
      max_tokens: 5,
      messages: [{ role: 'user', content: 'x' }],
    });
  });

  it('turns system (a string, or text blocks joined) into the first message', () => {
    expect(translate({ model: 'm', max_tokens: 5, system: 'Be brief.', messages: [{ role: 'user', content: 'x' }] }).messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'x' },
    ]);
    const blocks = translate({
      model: 'm',
      max_tokens: 5,
      system: [
        { type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } },
        { type: 'text', text: 'Use the tools.' },
      ],
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(blocks.messages).toEqual([
      { role: 'system', content: 'You are Claude Code.\n\nUse the tools.' },
      { role: 'user', content: 'x' },
    ]);
  });

  it('translates user text and images (base64 → data URL, url kept)', () => {
    const out = translate({
      model: 'm',
      max_tokens: 5,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in these?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these?' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' } },
        ],
      },
    ]);
  });

  it('translates documents best effort: base64 PDF → file part, text → text, url → refused', () => {
    const out = translate({
      model: 'm',
      max_tokens: 5,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0=' }, title: 'report.pdf' },
            { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Plain body' }, title: 'Notes' },
            { type: 'document', source: { type: 'content', content: [{ type: 'text', text: 'chunk one' }] } },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'file', file: { filename: 'report.pdf', file_data: 'data:application/pdf;base64,JVBERi0=' } },
          { type: 'text', text: 'Notes\n\nPlain body' },
          { type: 'text', text: 'chunk one' },
        ],
      },
    ]);
    expect(() => raw({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'url', url: 'https://x/y.pdf' } }] }] })).toThrow(
      /url source cannot be sent/,
    );
    expect(() => raw({ messages: [{ role: 'user', content: [{ type: 'document', source: { type: 'file', file_id: 'file_1' } }] }] })).toThrow(UnsupportedRequestError);
  });

  it('translates a tool round trip: tool_use → tool_calls, tool_result → tool messages before the rest of the turn', () => {
    const out = translate({
      model: 'm',
      max_tokens: 5,
      messages: [
        { role: 'user', content: 'Weather in Paris and Tokyo?' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Two lookups.', signature: 'sig' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'toolu_2', name: 'get_weather', input: { city: 'Tokyo' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C' },
            { type: 'tool_result', tool_use_id: 'toolu_2', content: [{ type: 'text', text: 'Service' }, { type: 'text', text: 'unavailable' }], is_error: true },
            { type: 'text', text: 'Summarise please.' },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_1', content: '18°C' },
      { role: 'tool', tool_call_id: 'toolu_2', content: 'Error: Service\nunavailable' },
      { role: 'user', content: [{ type: 'text', text: 'Summarise please.' }] },
    ]);
  });

  it('gives an assistant turn of only tool calls null content, and a turn of only thinking empty content', () => {
    const out = translate({
      model: 'm',
      max_tokens: 5,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'ls', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] },
        { role: 'assistant', content: [{ type: 'redacted_thinking', data: 'xx' }] },
      ],
    });
    expect(out.messages).toEqual([
      { role: 'user', content: 'go' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'ls', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: 'toolu_1', content: '' },
      { role: 'assistant', content: '' },
    ]);
  });

  it('moves images a tool returned into the next user message, labelled with the call id', () => {
    const out = translate({
      model: 'm',
      max_tokens: 5,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_shot',
              content: [
                { type: 'text', text: 'Screenshot taken' },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
              ],
            },
          ],
        },
      ],
    });
    expect(out.messages).toEqual([
      {
        role: 'tool',
        tool_call_id: 'toolu_shot',
        content: 'Screenshot taken\n[1 image/document output(s) of this tool call are attached to the next user message]',
      },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Output of tool call toolu_shot:' },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
        ],
      },
    ]);
  });

  it('translates tools, and each tool_choice with disable_parallel_tool_use', () => {
    const tools: MessageCreateParams['tools'] = [
      {
        name: 'get_weather',
        description: 'Current weather',
        input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        cache_control: { type: 'ephemeral' },
      },
      { type: 'custom', name: 'noop', input_schema: { type: 'object' }, strict: true },
    ];
    const base = { model: 'm', max_tokens: 5, messages: [{ role: 'user' as const, content: 'x' }], tools };
    expect(translate(base).tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      },
      { type: 'function', function: { name: 'noop', parameters: { type: 'object' }, strict: true } },
    ]);
    const choice = (toolChoice: MessageCreateParams['tool_choice']) => {
      const out = translate({ ...base, tool_choice: toolChoice });
      return { tool_choice: out.tool_choice, parallel_tool_calls: out.parallel_tool_calls };
    };
    expect(choice({ type: 'auto' })).toEqual({ tool_choice: 'auto', parallel_tool_calls: undefined });
    expect(choice({ type: 'any', disable_parallel_tool_use: true })).toEqual({ tool_choice: 'required', parallel_tool_calls: false });
    expect(choice({ type: 'tool', name: 'get_weather' })).toEqual({ tool_choice: { type: 'function', function: { name: 'get_weather' } }, parallel_tool_calls: undefined });
    expect(choice({ type: 'none' })).toEqual({ tool_choice: 'none', parallel_tool_calls: undefined });
    expect(choice({ type: 'auto', disable_parallel_tool_use: true })).toEqual({ tool_choice: 'auto', parallel_tool_calls: false });
  });

  it('sends no tool_choice without tools (chat providers reject it)', () => {
    expect(raw({ messages: [], tool_choice: { type: 'any' } })).not.toHaveProperty('tool_choice');
  });

  it('refuses Anthropic built-in tools by name', () => {
    expect(() => raw({ messages: [], tools: [{ type: 'web_search_20250305', name: 'web_search' }] })).toThrow(
      '/v1/messages: Anthropic built-in tool "web_search_20250305" (web_search) is not supported',
    );
    expect(() => raw({ messages: [], tools: [{ type: 'bash_20250124', name: 'bash' }] })).toThrow(UnsupportedRequestError);
  });

  it('maps output_config.format json_schema to response_format', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    expect(raw({ messages: [], output_config: { format: { type: 'json_schema', schema }, effort: 'low' } }).response_format).toEqual({
      type: 'json_schema',
      json_schema: { name: 'response', schema, strict: true },
    });
  });

  it('drops thinking, caching and routing hints, which do not change the answer', () => {
    const out = raw({
      messages: [],
      thinking: { type: 'enabled', budget_tokens: 2048 },
      cache_control: { type: 'ephemeral' },
      service_tier: 'auto',
      context_management: { edits: [] },
    });
    expect(Object.keys(out).sort()).toEqual(['max_tokens', 'messages', 'model']);
  });

  it('refuses what only Anthropic can do, and malformed content, with clear messages', () => {
    expect(() => raw({ messages: [], container: 'cntr_1' })).toThrow(/container .* Anthropic's servers/);
    expect(() => raw({ messages: [], mcp_servers: [{ type: 'url', url: 'https://mcp', name: 'x' }] })).toThrow(/mcp_servers/);
    expect(() => raw({ messages: [{ role: 'system', content: 'x' }] })).toThrow('message role "system" is not supported');
    expect(() =>
      raw({ messages: [{ role: 'assistant', content: [{ type: 'server_tool_use', id: 's', name: 'web_search', input: {} }] }] }),
    ).toThrow(/"server_tool_use" cannot be sent to a non-Anthropic provider/);
    expect(() => raw({ messages: [{ role: 'user', content: [{ type: 'search_result', source: 's', title: 't', content: [] }] }] })).toThrow(
      /"search_result" is not supported/,
    );
    expect(() => raw({ messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] }] })).toThrow(/Files API/);
    expect(() => raw({ messages: 'hi' })).toThrow('messages must be an array');
  });
});
