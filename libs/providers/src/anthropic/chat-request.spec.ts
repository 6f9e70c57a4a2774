import { UnsupportedRequestError } from '../core/types.js';
import { DEFAULT_MAX_TOKENS, toAnthropicChatRequest } from './chat-request.js';

const MODEL = 'claude-sonnet-4-5-20250929';
const PNG_B64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('toAnthropicChatRequest', () => {
  it('maps a minimal chat request and defaults max_tokens', () => {
    expect(toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'Hello' }] })).toEqual({
      model: MODEL,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
      max_tokens: DEFAULT_MAX_TOKENS,
    });
  });

  describe('system and developer messages', () => {
    it('moves every system and developer message, wherever it is, to the top-level system in order', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: 'Hi' },
          { role: 'developer', content: [{ type: 'text', text: 'Answer in French.', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
          { role: 'assistant', content: 'Bonjour.' },
          { role: 'system', content: 'Never use emoji.' },
          { role: 'user', content: 'Thanks' },
        ],
      });
      expect(out.system).toEqual([
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Answer in French.', cache_control: { type: 'ephemeral', ttl: '1h' } },
        { type: 'text', text: 'Never use emoji.' },
      ]);
      expect(out.messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Bonjour.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      ]);
    });

    it('puts a message-level cache_control on the last block of that message', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          { role: 'system', content: 'A long, cacheable instruction.', cache_control: { type: 'ephemeral' } },
          { role: 'user', content: 'Hi' },
        ],
      });
      expect(out.system).toEqual([{ type: 'text', text: 'A long, cacheable instruction.', cache_control: { type: 'ephemeral' } }]);
    });

    it('omits system when there is none and refuses images in system messages', () => {
      expect(toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }] })).not.toHaveProperty('system');
      expect(() =>
        toAnthropicChatRequest({
          model: MODEL,
          messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }],
        }),
      ).toThrow(UnsupportedRequestError);
    });
  });

  describe('multi-turn conversations', () => {
    it('keeps alternating turns and merges consecutive messages of the same role', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          { role: 'user', content: 'First question.' },
          { role: 'user', content: [{ type: 'text', text: 'Second question.' }] },
          { role: 'assistant', content: 'First answer.' },
          { role: 'assistant', content: 'Second answer.' },
          { role: 'user', content: 'Follow-up.' },
        ],
      });
      expect(out.messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'First question.' }, { type: 'text', text: 'Second question.' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'First answer.' }, { type: 'text', text: 'Second answer.' }] },
        { role: 'user', content: [{ type: 'text', text: 'Follow-up.' }] },
      ]);
    });

    it('drops empty text, which Anthropic rejects, and skips messages left empty', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: '' },
          { role: 'user', content: [{ type: 'text', text: '' }, { type: 'text', text: 'Still there?' }] },
        ],
      });
      expect(out.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'text', text: 'Still there?' }] }]);
    });

    it('refuses unknown roles and the deprecated function role', () => {
      expect(() => toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'narrator', content: 'x' }] })).toThrow(/unsupported message role "narrator"/);
      expect(() => toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'function', name: 'f', content: 'x' }] })).toThrow(UnsupportedRequestError);
    });

    it('sends thinking blocks from a previous non-strict response back first in the assistant turn', () => {
      const thinking = { type: 'thinking', thinking: 'Let me add them.', signature: 'EqQBCgIYAhIM' };
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          { role: 'user', content: '2+2?' },
          { role: 'assistant', content: '4', content_blocks: [thinking, { type: 'text', text: '4' }] },
          { role: 'user', content: 'Sure?' },
        ],
      });
      expect((out.messages as unknown[])[1]).toEqual({ role: 'assistant', content: [thinking, { type: 'text', text: '4' }] });
    });
  });

  describe('images and files', () => {
    it('sends data URLs inline and http(s) URLs by reference; PDFs become documents', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Compare these.' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_B64}`, detail: 'high' } },
              { type: 'image_url', image_url: { url: 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg' } },
              { type: 'image_url', image_url: { url: 'data:application/pdf;base64,JVBERi0xLjQK' } },
              { type: 'image_url', image_url: { url: 'https://example.com/report.pdf' }, cache_control: { type: 'ephemeral' } },
            ],
          },
        ],
      });
      expect((out.messages as { content: unknown[] }[])[0].content).toEqual([
        { type: 'text', text: 'Compare these.' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG_B64 } },
        { type: 'image', source: { type: 'url', url: 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg' } },
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' } },
        { type: 'document', source: { type: 'url', url: 'https://example.com/report.pdf' }, cache_control: { type: 'ephemeral' } },
      ]);
    });

    it('maps file parts (PDF, plain text, Anthropic file id) to document blocks', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'file', file: { filename: 'q3.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' } },
              { type: 'file', file: { file_data: `data:text/plain;base64,${Buffer.from('plain notes').toString('base64')}` } },
              { type: 'file', file: { file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } },
            ],
          },
        ],
      });
      expect((out.messages as { content: unknown[] }[])[0].content).toEqual([
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: 'JVBERi0xLjQK' }, title: 'q3.pdf' },
        { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'plain notes' } },
        { type: 'document', source: { type: 'file', file_id: 'file_011CNha8iCJcU1wXNR6q4V8w' } },
      ]);
    });

    it('refuses what Anthropic cannot take: audio, gs:// images', () => {
      const withPart = (part: unknown) => ({ model: MODEL, messages: [{ role: 'user', content: [part] }] });
      expect(() => toAnthropicChatRequest(withPart({ type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } }))).toThrow(/audio/);
      expect(() => toAnthropicChatRequest(withPart({ type: 'image_url', image_url: { url: 'gs://bucket/cat.png' } }))).toThrow(UnsupportedRequestError);
    });

    it('forwards Anthropic-native content blocks unchanged', () => {
      const native = { type: 'search_result', source: 'https://example.com', title: 'Doc', content: [{ type: 'text', text: 'x' }] };
      const out = toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'user', content: [native] }] });
      expect((out.messages as { content: unknown[] }[])[0].content).toEqual([native]);
    });
  });

  describe('tool calls and tool results', () => {
    const weatherTool = {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Get the current weather in a given location',
        parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
        strict: true,
      },
    };

    it('turns tool_calls into tool_use and merges two consecutive tool results into one user turn', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        tools: [weatherTool],
        messages: [
          { role: 'user', content: 'Weather in SF and Paris?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'toolu_01A', type: 'function', function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA"}' } },
              { id: 'toolu_01B', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris, France"}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'toolu_01A', content: '15°C, foggy' },
          { role: 'tool', tool_call_id: 'toolu_01B', content: [{ type: 'text', text: '22°C, sunny' }] },
          { role: 'user', content: 'Which is warmer?' },
        ],
      });
      expect(out.messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'Weather in SF and Paris?' }] },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { location: 'San Francisco, CA' } },
            { type: 'tool_use', id: 'toolu_01B', name: 'get_weather', input: { location: 'Paris, France' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'toolu_01A', content: '15°C, foggy' },
            { type: 'tool_result', tool_use_id: 'toolu_01B', content: [{ type: 'text', text: '22°C, sunny' }] },
            { type: 'text', text: 'Which is warmer?' },
          ],
        },
      ]);
    });

    it('keeps assistant text before its tool_use blocks', () => {
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: 'Let me check.', tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] },
          { role: 'tool', tool_call_id: 'toolu_1', content: '' },
        ],
      });
      expect(out.messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'Let me check.' }, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1' }] },
      ]);
    });

    it('refuses tool-call arguments that are not a JSON object, naming the call', () => {
      const request = (args: string) => ({
        model: MODEL,
        messages: [{ role: 'assistant', tool_calls: [{ id: 'toolu_bad', type: 'function', function: { name: 'f', arguments: args } }] }],
      });
      expect(() => toAnthropicChatRequest(request('{"location": '))).toThrow(/toolu_bad/);
      expect(() => toAnthropicChatRequest(request('[1,2]'))).toThrow(UnsupportedRequestError);
    });

    it('refuses a tool message without tool_call_id', () => {
      expect(() => toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'tool', content: 'x' }] })).toThrow(/tool_call_id/);
    });

    it('maps function tools to name/description/input_schema, dropping strict, and forwards native tools', () => {
      const webSearch = { type: 'web_search_20250305', name: 'web_search', max_uses: 3 };
      const out = toAnthropicChatRequest({
        model: MODEL,
        messages: [{ role: 'user', content: 'Hi' }],
        tools: [weatherTool, { type: 'function', function: { name: 'get_time' } }, webSearch],
      });
      expect(out.tools).toEqual([
        {
          name: 'get_weather',
          description: 'Get the current weather in a given location',
          input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
        },
        { name: 'get_time', input_schema: { type: 'object', properties: {} } },
        webSearch,
      ]);
    });

    it.each([
      ['auto', { type: 'auto' }],
      ['required', { type: 'any' }],
      ['none', { type: 'none' }],
      [{ type: 'function', function: { name: 'get_weather' } }, { type: 'tool', name: 'get_weather' }],
    ])('maps tool_choice %j', (toolChoice, expected) => {
      const out = toAnthropicChatRequest({ model: MODEL, messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool], tool_choice: toolChoice });
      expect(out.tool_choice).toEqual(expected);
    });

    it('maps parallel_tool_calls: false to disable_parallel_tool_use, with or without a tool_choice', () => {
      const base = { model: MODEL, messages: [{ role: 'user', content: 'Hi' }], tools: [weatherTool], parallel_tool_calls: false };
      expect(toAnthropicChatRequest(base).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
      expect(toAnthropicChatRequest({ ...base, tool_choice: 'required' }).tool_choice).toEqual({ type: 'any', disable_parallel_tool_use: true });
      expect(toAnthropicChatRequest({ ...base, tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
      expect(toAnthropicChatRequest({ ...base, parallel_tool_calls: true })).not.toHaveProperty('tool_choice');
      expect(toAnthropicChatRequest({ ...base, tools: undefined })).not.toHaveProperty('tool_choice');
    });

    it('refuses a tool_choice it cannot express', () => {
      expect(() => toAnthropicChatRequest({ model: MODEL, messages: [], tool_choice: 'sometimes' })).toThrow(UnsupportedRequestError);
    });
  });

  describe('parameters', () => {
    const base = { model: MODEL, messages: [{ role: 'user', content: 'Hi' }] };

    it('wraps a single stop string in an array and keeps arrays', () => {
      expect(toAnthropicChatRequest({ ...base, stop: '\n\nHuman:' }).stop_sequences).toEqual(['\n\nHuman:']);
      expect(toAnthropicChatRequest({ ...base, stop: ['END', 'STOP'] }).stop_sequences).toEqual(['END', 'STOP']);
      expect(toAnthropicChatRequest({ ...base, stop: null })).not.toHaveProperty('stop_sequences');
      expect(toAnthropicChatRequest({ ...base, stop: null })).not.toHaveProperty('stop');
    });

    it('prefers max_completion_tokens over max_tokens', () => {
      expect(toAnthropicChatRequest({ ...base, max_tokens: 100 }).max_tokens).toBe(100);
      expect(toAnthropicChatRequest({ ...base, max_tokens: 100, max_completion_tokens: 200 }).max_tokens).toBe(200);
    });

    it('keeps the default max_tokens above an extended-thinking budget', () => {
      const thinking = { type: 'enabled', budget_tokens: 10000 };
      const out = toAnthropicChatRequest({ ...base, thinking });
      expect(out.max_tokens).toBe(DEFAULT_MAX_TOKENS + 10000);
      expect(out.thinking).toEqual(thinking);
    });

    it('clamps temperature to Anthropic’s maximum of 1 and passes top_p, top_k and stream', () => {
      expect(toAnthropicChatRequest({ ...base, temperature: 1.7, top_p: 0.9, top_k: 40, stream: true })).toMatchObject({
        temperature: 1,
        top_p: 0.9,
        top_k: 40,
        stream: true,
      });
      expect(toAnthropicChatRequest({ ...base, temperature: 0.2 }).temperature).toBe(0.2);
    });

    it('maps user to metadata.user_id and drops OpenAI metadata', () => {
      expect(toAnthropicChatRequest({ ...base, user: 'user-123', metadata: { team: 'a' } }).metadata).toEqual({ user_id: 'user-123' });
      expect(toAnthropicChatRequest({ ...base, metadata: { team: 'a' } })).not.toHaveProperty('metadata');
    });

    it('drops OpenAI-only fields and nulls, and forwards unknown (Anthropic-native) fields', () => {
      const out = toAnthropicChatRequest({
        ...base,
        n: 1,
        seed: 7,
        frequency_penalty: 0.5,
        presence_penalty: 0.5,
        logit_bias: { 50256: -100 },
        logprobs: true,
        stream_options: { include_usage: true },
        reasoning_effort: 'low',
        top_p: null,
        service_tier: 'auto',
        container: 'container_011CPR5CNjB747bTd36fQLFk',
        mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }],
      });
      expect(out).toEqual({
        model: MODEL,
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        max_tokens: DEFAULT_MAX_TOKENS,
        container: 'container_011CPR5CNjB747bTd36fQLFk',
        mcp_servers: [{ type: 'url', url: 'https://mcp.example.com/sse', name: 'example' }],
      });
    });

    it('refuses n > 1 and the deprecated functions API', () => {
      expect(() => toAnthropicChatRequest({ ...base, n: 2 })).toThrow(/n > 1/);
      expect(() => toAnthropicChatRequest({ ...base, functions: [{ name: 'f' }] })).toThrow(UnsupportedRequestError);
    });

    it('adds a json_schema response format to the end of the system prompt and ignores json_object', () => {
      const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
      const out = toAnthropicChatRequest({
        ...base,
        messages: [{ role: 'system', content: 'Be brief.' }, ...base.messages],
        response_format: { type: 'json_schema', json_schema: { name: 'reply', schema, strict: true } },
      });
      const system = out.system as { type: string; text: string }[];
      expect(system).toHaveLength(2);
      expect(system[0]).toEqual({ type: 'text', text: 'Be brief.' });
      expect(system[1].text).toContain('"reply"');
      expect(system[1].text).toContain(JSON.stringify(schema));
      expect(out).not.toHaveProperty('response_format');

      const jsonObject = toAnthropicChatRequest({ ...base, response_format: { type: 'json_object' } });
      expect(jsonObject).not.toHaveProperty('response_format');
      expect(jsonObject).not.toHaveProperty('system');
    });

    it('keeps an Anthropic-native top-level system ahead of system messages', () => {
      const out = toAnthropicChatRequest({ ...base, system: 'Native.', messages: [{ role: 'system', content: 'From messages.' }, ...base.messages] });
      expect(out.system).toEqual([
        { type: 'text', text: 'Native.' },
        { type: 'text', text: 'From messages.' },
      ]);
    });
  });
});
